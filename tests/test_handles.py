"""HandleRows: a thread's rows naming a poster by the handle the page shows alone above their post. Composed
lines, no corpus text."""

from __future__ import annotations

from builder.rules.handles import HandleRows
from tests.test_line_rules import classify, decide

ROW = "boilerplate_row"  # the poster's handle alone, as the row rules drop it
HANDLE = "boilerplate_handle"
THREAD = ["Winter tyres or studded tyres for an 18 km commute?",
          "Thread starter Fred_39",
          "Started 26 November 2026.",
          "Fred_39",
          "I ride 18 km each way through the hills and the roads freeze most mornings from December on.",
          "Lucie_V",
          "Studded at the front at least, the front wheel is the one that puts you on the ground.",
          "Fred_39, Lucie_V and 3 others liked this.",
          "Danke Lucie_V, I ordered a studded front tyre this morning!",
          "Lucie_V wrote: studded at the front at least"]
REASONS = [None, None, None, ROW, None, ROW, None, None, None, None]


def test_rows_naming_a_handle_the_page_gives_alone_go() -> None:
    """Who started the thread, who liked a post (a number in it, so its full stop does not make it a sentence),
    whose post a quote is from; a reply addressing a poster by handle in a sentence stays, as do the posts."""
    assert decide(HandleRows(), THREAD, reasons=REASONS) == \
        [None, HANDLE, None, None, None, None, None, HANDLE, None, HANDLE]


def test_an_identifier_with_an_underscore_is_no_handle_unless_the_page_gives_it_alone() -> None:
    """A technical article's max_connections in a short line: no line of the page is that token alone, so it is
    no poster's handle; once a line is just the token (a reference's heading), lines naming it do go, the heading
    itself stays."""
    article = ["Tuning max_connections", "Raise it only when the pool is full most of the day, the docs say.",
               "max_connections = 200"]
    assert decide(HandleRows(), article) == [None] * 3
    heading = ["max_connections", "Default max_connections 100", "Raise it when the pool is full most of the day."]
    assert decide(HandleRows(), heading) == [None, HANDLE, None]


def test_in_the_plan_a_threads_starter_row_goes_and_the_posts_stay() -> None:
    reasons = classify(THREAD)
    # the starter row goes as a byline in the plan: Byline (earlier) knows "Thread starter X" (rules21b)
    assert reasons[1] == "boilerplate_byline" and reasons[9] == HANDLE
    assert [reasons[i] for i in (0, 4, 6, 8)] == [None] * 4


def test_a_handle_alone_that_another_line_names_goes_and_a_code_name_alone_stays() -> None:
    """The poster's handle alone above the post, left by the row rules, goes when a row an earlier rule dropped names
    it again (its credit under a comment, session 27); a name alone that no row names, a setting in a manual, stays."""
    page = ["How do I free a seized drill chuck?", "marigold_joe",
            "The chuck on my old drill has rusted shut and the key will not turn it at all.",
            "Soak it in a mix of ATF and acetone for two days, then tap it with a brass hammer.",
            "This worked, thank you! – marigold_joe Dec 3 at 07:40"]
    dropped = [None] * 4 + ["boilerplate_dateline"]  # the credit under the comment, as the Dateline rule drops it
    assert decide(HandleRows(), page, reasons=dropped)[1] == HANDLE
    assert decide(HandleRows(), page)[1] is None  # named by no row: the page's own text
    manual = ["Set the pool size in the configuration file.", "max_connections",
              "The default is 100 and the server reads it at start."]
    assert decide(HandleRows(), manual) == [None] * 3
