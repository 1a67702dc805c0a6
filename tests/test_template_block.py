"""A site's template seen on two pages: runs of short lines two different pages share (rules/repeated.py,
TemplateBlock)."""

from __future__ import annotations

import pyarrow as pa

from builder.outcomes import Document, Location
from builder.rules.paragraphs import lines_table
from builder.rules.repeated import RepeatedLines
from builder.run.plan import Plan

SITE = "clinic.example"
BOX = ["Dr Ayesha Raza", "General physician"]  # the answer box's labels, on both pages
SHARED = ["The health ministry said in a statement that the vaccine is free for children under five.",
          "It added that clinics in every district will stay open until eight in the evening."]


def page(topic: str, views: int = 312) -> list[str]:
    return [f"Why does my child get a {topic} every month?",
            f"My son is three and has had a {topic} four times since the start of the school year.",
            f"Helpful to {views} readers",  # a counter no line rule takes alone (Dateline takes "Viewed 312 times")
            "Answer",
            f"A {topic} in children of this age is most often a viral infection caught at school.",
            *BOX,
            "Keep the child at home and give plenty of water while the temperature is high.",
            *SHARED,
            "What to watch",
            "See a doctor at once if it lasts more than five days or the child stops drinking."]


def table(lines: list[str], pages: list[list[str]]) -> pa.Table:
    repeated = RepeatedLines.count((SITE, p) for p in pages)
    doc = Document("d", "\n".join(lines), f"{SITE}/a.txt", Location(f"{SITE}/a.txt"), url=f"https://{SITE}/a")
    return lines_table([doc], repeated)


def classify(lines: list[str], pages: list[list[str]]) -> list[str | None]:
    return Plan().classify(table(lines, pages)).to_pylist()


def test_a_run_of_short_lines_two_pages_share_is_template_but_a_shared_sentence_or_label_alone_is_not() -> None:
    """The readers' counter over "Answer", and the doctor's name over her title, go on both pages; the two
    paragraphs both stories quote (dedup's job), and "What to watch", one short line between sentences, stay."""
    fever, rash = page("fever"), page("rash", views=187)
    block = "boilerplate_template_block"
    assert classify(fever, [fever, rash]) == [None, None, block, block, None, block, block, None, None, None, None,
                                              None]
    assert classify(fever, [fever]) == [None] * len(fever)  # one page: nothing to compare


def test_the_same_lines_in_another_order_are_no_block() -> None:
    fever, rash = page("fever"), page("rash")
    rash[5], rash[6] = rash[6], rash[5]
    assert classify(fever, [fever, rash])[2:7] == ["boilerplate_template_block"] * 2 + [None] * 3


def test_a_copy_of_the_page_is_not_its_template() -> None:
    """The same story twice (at another URL, with another readers' count): every line is on both pages, the box's
    too, and only a third page shows which are the site's."""
    fever = page("fever")
    assert classify(fever, [fever, page("fever", views=400)]) == [None] * len(fever)
    assert classify(fever, [fever, page("fever"), page("rash")])[5:7] == ["boilerplate_repeated"] * 2


def test_a_notice_above_every_article_does_not_make_two_pages_copies() -> None:
    """Both pages open with the same cookie sentence: their articles are still different stories."""
    notice = "We use cookies to improve your experience; by continuing to browse you accept our cookie policy."
    fever, rash = [notice, *page("fever")], [notice, *page("rash")]
    assert classify(fever, [fever, rash])[6:8] == ["boilerplate_template_block"] * 2


def test_block_keys_are_in_a_space_of_their_own() -> None:
    """A pair's key is neither a label's, a sentence's nor a headline's, and the lead's is 0 without a sentence;
    two headlines together (a list of stories) are no pair."""
    lines = ["Home", "News", "Sport", "Weather", "Floods close the coast road for a week",
             "Council votes to rebuild the old harbour wall", "More"]
    keys, headlines = RepeatedLines.keyed([SITE] * len(lines), lines)
    blocks, leads = RepeatedLines.block_keys(keys, headlines, [0, 0, 1, 1, 1, 1, 1])
    assert blocks.astype(bool).tolist() == [True, False, True, True, False, True, False]  # none across documents
    assert not set(blocks.tolist()) & {*keys.tolist(), *headlines.tolist()} - {0} and not leads.any()
    assert len(RepeatedLines.block_keys(keys[:0], headlines[:0], [])[0]) == 0


def report(game: str, points: tuple[int, int, int], footer: tuple[str, ...] = ()) -> list[str]:
    """A match report of a sports site, with the league table after the game's account (and the site's footer)."""
    return [f"The leaders {game}",
            f"The leaders {game} on Friday and stay at the top of the league after the weekend's 9 games.",
            f"Their coach said after the game that the team had {game} because it played with more courage.",
            "The table",
            f"Al Hilal {points[0]}",
            f"Al Nassr {points[1]}",
            f"Al Ahli {points[2]}",
            "The next round is played on Thursday, with the leaders away to the side in fourth place.",
            *footer]


def test_a_table_two_pages_give_with_other_figures_is_not_their_template() -> None:
    """Two reports of one site give the league table with the same teams in the same order: each row holds a
    figure that the shape masks (the points changed), so row after row with a figure is a table the pages give,
    not a block of the template, and its heading ("The table") pairs with no row. A date over a readers' counter (two
    lines with a figure) is still the template's, and pairs: the sentence with a figure above them is no row."""
    week12, week13 = report("win at home", (24, 22, 19)), report("draw away", (25, 25, 20))
    assert classify(week12, [week12, week13]) == [None] * len(week12)
    fever, rash = page("fever"), page("rash", views=187)
    fever.insert(2, "Asked on 28 November 2026")
    rash.insert(2, "Asked on 3 May 2026")
    fever[1] = rash[1] = "My son is 3 and has had a fever four times since the start of the school year."
    assert classify(fever, [fever, rash])[2:5] == ["boilerplate_template_block"] * 3


def test_rows_with_the_same_figures_on_both_pages_are_still_the_template() -> None:
    """The site's contact footer, three lines with a figure each (SMS number, operators' codes): the same figures
    on both pages, so its rows pair as the template's (the lines table's `block`, whichever rule takes them first),
    while the league table above it (other points) stays."""
    footer = ("Send an SMS to 88548", "Mobily 636250, Zain 738303", "Code 159 then your message")
    week12 = report("win at home", (24, 22, 19), footer)
    week13 = report("draw away", (25, 25, 20), footer)
    assert table(week12, [week12, week13]).column("block").to_pylist() == [False] * 8 + [True] * 3
    assert classify(week12, [week12, week13])[3:8] == [None] * 5
