"""Evidence that a line is not this page's text because it is elsewhere: another page of the site has it as
its headline (a related story's link between paragraphs), the next line repeats it (a page's title above
the same headline), or the page gives a run of lines twice (a widget for wide and for small screens). And
what a page's long lines without a full stop do to where its body ends."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow.parquet as pq

from builder.config import BuildConfig, RunSettings
from builder.rules.copies import NextLineCopy, RepeatedBlock
from builder.rules.repeated import RepeatedLines
from builder.rules.structure import Structure
from builder.run.pipeline import build
from tests.releases import release_rows
from tests.test_line_rules import classify, decide

# A composed site of three stories (no corpus text): the first page's headline is linked from the second
# between two of its paragraphs; the third has a subheading of the same shape that no other page has.
HARBOUR = "Harbour authority approves the new ferry terminal after two years"
PAGES = {
    "a": [HARBOUR,
          "The harbour authority approved the plans for the ferry terminal on Monday, ending two years of talks.",
          "Building work starts in the spring and should take eighteen months, the authority said.",
          "Residents of the old quay had asked for a smaller building and a public footpath along the water."],
    "b": ["Night buses return to the eastern districts from March",
          "The transport office will run night buses to the eastern districts again from the first of March.",
          "The service was cut three years ago, when the operator lost its contract with the city.",
          HARBOUR,
          "Drivers' unions welcomed the decision but asked for two more staff on each late shift.",
          "Tickets will cost the same as on day services, the office said in a statement."],
    "c": ["Library extends its opening hours for the exam season",
          "The central library will stay open until midnight during the six weeks of the exam season.",
          "What the students asked the library for",
          "A petition signed by nine hundred students asked for longer hours and more desks with sockets.",
          "The library said it would hire four more evening staff for the period."],
}


def built(tmp_path: Path, pages: dict[str, list[str]], host: str = "news.example.org") -> tuple[list[dict], list[dict]]:
    (tmp_path / "in").mkdir(parents=True)
    docs = [{"id": name, "url": f"https://{host}/{name}", "text": "\n".join(lines)} for name, lines in pages.items()]
    (tmp_path / "in" / "pages.jsonl").write_text("".join(json.dumps(d) + "\n" for d in docs), encoding="utf-8")
    build([str(tmp_path / "in")], tmp_path / "out", BuildConfig(run=RunSettings(cache=False)))
    rejects = [r for r in release_rows(tmp_path / "out", "rejects") if r["kind"] == "line"]
    return pq.read_table(tmp_path / "out" / "data").to_pylist(), rejects


def test_another_pages_headline_between_paragraphs_goes_and_that_pages_title_and_a_subheading_stay(
        tmp_path: Path) -> None:
    records, rejects = built(tmp_path, PAGES)
    linked = [r for r in rejects if r["reason"] == "boilerplate_other_headline"]
    assert [(r["doc_id"], r["text"]) for r in linked] == [("b", HARBOUR)]
    kept = {(r["doc_id"], r["text"]) for r in records}
    assert ("a", HARBOUR) in kept  # page a's own headline, above its first sentence
    assert ("c", "What the students asked the library for") in kept  # a subheading no other page has
    assert len(records) == sum(len(lines) for lines in PAGES.values()) - 1


def test_a_headline_on_one_page_or_on_another_sites_page_is_not_counted(tmp_path: Path) -> None:
    alone = {"b": PAGES["b"]}
    assert not [r for r in built(tmp_path / "one", alone)[1] if r["reason"] == "boilerplate_other_headline"]
    # the same headline on a page of another site: two sites, one page each
    pages = [("news.example.org", PAGES["a"]), ("other.example.net", PAGES["b"])]
    repeated = RepeatedLines.count((host, lines) for host, lines in pages)
    assert classify(PAGES["b"], "other.example.net", repeated)[3] is None
    same_site = RepeatedLines.count((host, lines) for host, lines in [("other.example.net", PAGES["a"]), *pages[1:]])
    assert classify(PAGES["b"], "other.example.net", same_site)[3] == "boilerplate_other_headline"


def test_a_headline_shaped_line_counts_under_its_own_key_from_two_pages_one_its_title() -> None:
    """Two pages, one of which has it as its title, give a headline its count; a short label needs three, a
    sentence six (the old keys)."""
    repeated = RepeatedLines.count([("s", PAGES["a"]), ("s", PAGES["b"])])
    keys, headlines = RepeatedLines.keyed(["s"] * len(PAGES["b"]), PAGES["b"])
    assert repeated.repeated(headlines).tolist() == [False, False, False, True, False, False]
    assert not repeated.repeated(keys).any()


def test_a_subheading_of_an_article_the_build_has_twice_stays_in_both_copies(tmp_path: Path) -> None:
    """Only titles count: two copies of an article (another URL, a republished story) share its subheadings, and
    counting every headline-shaped line dropped them from both (a replicated corpus lost 381 of 13,443 paragraphs)."""
    copies = {"c": PAGES["c"], "c-again": PAGES["c"]}
    records, rejects = built(tmp_path, copies)
    assert not [r for r in rejects if r["reason"] == "boilerplate_other_headline"]
    assert ("c", "What the students asked the library for") in {(r["doc_id"], r["text"]) for r in records}


def test_a_line_the_next_line_repeats_goes_and_the_second_copy_is_the_title() -> None:
    title = "Festival of the river returns with a larger stage"
    page = ["Home", "News", title, title,
            "The organisers announced on Monday that the festival will have a second stage this summer.",
            "Entry stays free, and the concerts start at six each evening."]
    assert decide(NextLineCopy(), page) == [None, None, "boilerplate_copy", None, None, None]
    assert classify(page)[2:] == ["boilerplate_copy", None, None, None]


def test_lines_that_are_not_next_to_each_other_or_short_are_not_copies() -> None:
    refrain = ["Oh river, river", "Oh river, river", "Carry me home before the night comes down",
               "The chorus comes back at the end of the song, sung by the whole hall."]
    assert decide(NextLineCopy(), refrain) == [None] * 4  # three words: a refrain, not a page's copy
    quoted = ["The minister said the plan was final.", "Nobody in the room believed the plan was final.",
              "The minister said the plan was final."]
    assert decide(NextLineCopy(), quoted) == [None] * 3  # the same sentence, but not on the next line


def test_a_line_said_twice_in_a_row_inside_the_body_is_the_articles() -> None:
    """A poem the article quotes opens with its refrain twice: between the page's sentences, not a page's copy."""
    refrain = "The rain keeps falling on the streets of my town"
    poem = ["A young poet wins the city's prize", "The jury chose a short poem the poet wrote for her mother.",
            refrain, refrain, "and I miss the house where I grew up", refrain,
            "The jury said the poem won for its plain and honest voice."]
    assert decide(NextLineCopy(), poem) == [None] * len(poem)
    widget = [*poem, "Sign up for our weekly newsletter today", "Sign up for our weekly newsletter today"]
    assert decide(NextLineCopy(), widget)[-2:] == ["boilerplate_copy", None]  # below the body: a widget twice


def test_a_page_punctuates_by_the_length_of_its_lines_not_their_number() -> None:
    """Five unpunctuated lines of nine words or more (a widget's line, teaser headlines) are as many as the
    five paragraphs; weighed in characters the page ends its sentences, so they are no prose and go."""
    teasers = [f"Teaser headline number {n} about another story on this site" for n in range(4)]
    body = [f"The city council voted on Tuesday, in its session number {n}, to rebuild the old bridge over the "
            f"river, after three years of debate and two failed tenders, at a cost of forty million euros."
            for n in range(5)]
    page = ["Council votes to rebuild the old bridge", *body, "Receive the essential news of your town every morning",
            *teasers]
    reasons = decide(Structure(), page)
    assert reasons[:6] == [None] * 6
    assert reasons[6:] == ["boilerplate_footer"] * 5


def test_an_unpunctuated_page_still_counts_long_lines_as_prose() -> None:
    """A story whose paragraphs end without a full stop (Urdu news often does) keeps them all."""
    body = [f"paragraph {n} of a story that does without full stops and runs on for a good many words here"
            for n in range(4)]
    assert decide(Structure(), ["A headline of the story here", *body]) == [None] * 5


STORY = ["Rescuers find a fifth victim of the landslide in the village",
         "Rescue teams found a fifth victim four days after the landslide buried several houses in the village.",
         "The ground is still unstable, and rain and the short winter days slow the search, the police said."]
NEWSLETTER = ["Sign up for our weekly letter", "We send it about once a week, and you can leave at any time",
              "Confirm", "To make sure you chose to subscribe, please confirm the address we wrote to."]


def test_a_run_of_lines_the_page_gives_twice_goes_in_both_copies() -> None:
    """A newsletter form shown twice under the story (composed page): every line of both copies goes."""
    page = [*STORY, "Report an error", *NEWSLETTER[1:], *NEWSLETTER[1:], "No thanks"]
    reasons = decide(RepeatedBlock(), page)
    assert reasons[4:10] == ["boilerplate_block_copy"] * 6
    assert reasons[:4] == [None] * 4 and reasons[-1] is None
    assert classify(page)[1:3] == [None, None]  # the story stays


def test_a_list_given_twice_without_a_sentence_and_a_quoted_post_are_not_block_copies() -> None:
    """Two items an article lists for each tool it compares are its own; a forum's quote of an earlier
    post, taken by another rule before, leaves the post it quotes in no run."""
    tools = ["Three tools replace the shell's directory stack, and each has its own page.", "zoxide",
             "- built-in", "- home page", "autojump", "- built-in", "- home page",
             "Both learn the directories you visit most and jump there from a few letters."]
    assert decide(RepeatedBlock(), tools) == [None] * len(tools)
    post = ["Try a lighter oil first.", "It fixed the noise on my car within a week."]
    thread = [*post, "Thanks, I will try that.", *post, "It worked, the noise is gone."]
    quoted = [None, None, None, "boilerplate_quote", "boilerplate_quote", None]
    assert decide(RepeatedBlock(), thread, reasons=quoted) == [None] * len(thread)


def test_a_run_with_a_sentence_in_only_one_of_its_copies_is_not_a_block_copy() -> None:
    """A story's two opening lines without full stops, given again further down as sentences: no widget's copy
    (a widget's two copies are the same lines), and neither copy goes."""
    page = ["Fifth victim found in the landslide village", "The search goes on in the rain",
            *STORY[1:], "Fifth victim found in the landslide village.", "The search goes on in the rain.",
            "The police asked people to stay away from the valley until the ground settles."]
    assert decide(RepeatedBlock(), page) == [None] * len(page)
