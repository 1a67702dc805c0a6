"""A thread's poster: the member's name alone on its line between the post above (its date or action row) and the
member's rank or reputation below (posters.PosterName). Composed lines; the earlier rules' reasons given."""

from __future__ import annotations

from builder.rules.posters import PosterName
from tests.test_line_rules import decide

QUESTION = "How do I free a drill chuck that won't open after sitting in a damp shed for three winters?"
ANSWER = "Soak the jaws in a mix of transmission fluid and acetone for a day, then tap the sleeve with a brass hammer."


def _thread(name: str, above: str = "boilerplate_dateline") -> tuple[list[str], list[str | None]]:
    """A question with its credit and votes, an answer, its date, then `name` over a reputation row."""
    lines = ["Asked 2 days ago · Viewed 318 times", QUESTION, "4", ANSWER, "answered Dec 1 at 20:05", name,
             "12.4k ● 3 ● 41", "This worked, thanks."]
    reasons = ["boilerplate_post_credit", None, "boilerplate_row", None, above, None, "boilerplate_short_line", None]
    return lines, reasons


def test_a_poster_s_name_between_the_post_above_and_the_member_s_rows_goes() -> None:
    """A name of capitalised words (an initial's dot allowed), a handle, or a name in a script without case."""
    for name in ("Hollis Brandt", "Marguerite L.", "dustin_k", "Pierre76", "انجینئر طارق", "کپتان_بلال"):
        lines, reasons = _thread(name)
        assert decide(PosterName(), lines, reasons=reasons)[5] == "boilerplate_poster", name
    lines, reasons = _thread("Hollis Brandt", above="boilerplate_navigation")  # under the post's action row
    assert decide(PosterName(), lines, reasons=reasons)[5] == "boilerplate_poster"


def test_a_short_reply_a_line_under_the_member_s_rows_or_off_a_thread_stays() -> None:
    """A one-line reply shaped like no name ("Same here", "works now"), a short line under the member's own rows (a
    byline's "Posts: 9" above it: the post's first line), and a subheading between two dropped lines on a page with
    no thread's apparatus stay."""
    for name in ("Same here", "works now"):
        lines, reasons = _thread(name)
        assert decide(PosterName(), lines, reasons=reasons)[5] is None, name
    lines, reasons = _thread("Hollis Brandt", above="boilerplate_byline")
    assert decide(PosterName(), lines, reasons=reasons)[5] is None
    article = ["The council will replace every street lamp on the embankment next year, the mayor said on Monday.",
               "Share: Facebook | X", "Old Railing Stays", "Advertisement",
               "Residents asked the council to keep the old cast-iron railing, and it will be restored."]
    reasons = [None, "boilerplate_navigation", None, "boilerplate_phrase", None]
    assert decide(PosterName(), article, reasons=reasons) == [None] * len(article)
