"""A page's count of its views or reads, alone on its line under the headline (Dateline's, with the date and the
reading time), in several languages and shapes, through the plan; a sentence that gives how often something was
read stays."""

from __future__ import annotations

import pytest

from builder.rules.patterns import Dateline
from tests.test_line_rules import classify, decide

TITLE = "Harbour ferry returns after two years of repairs"
ARTICLE = [
    "The old harbour ferry carried its first passengers on Tuesday morning after two years in the yard.",
    "The council paid for a new engine and a new deck, and the crossing now takes eleven minutes.",
    "Tickets cost the same as before, and children under twelve travel free until the end of the year.",
]


@pytest.mark.parametrize("count", ["عدد المشاهدات: 3,517", "عدد الزيارات: ٤٩٠٢", "Views: 1,204", "1,284 مشاهدة",
                                   "3 456 vues", "۸۹۰ بازدید", "Dibaca 1.873 kali", "Read 412 times", "Lu 87 fois",
                                   "۱,۲۰۴ ځله لوستل شوی", "2,310 ڀيرا پڙهيو ويو", "540 بار پڑھا گیا",
                                   "312 kez okundu"])
def test_a_view_count_under_the_headline_goes(count: str) -> None:
    page = [TITLE, "By Jane Miller", count, *ARTICLE]
    decided = classify(page)
    assert decided[2] == "boilerplate_dateline", decided
    assert decided[0] is None and decided[3:] == [None] * len(ARTICLE)


def test_a_sentence_about_how_often_something_was_read_stays() -> None:
    """A count inside a sentence, or a line that goes on past it, is the article's."""
    lines = ["The letter was read 412 times at the council's meeting before anyone answered it.",
             "Read 3 books a month, the librarian advises, and the winter passes quickly."]
    page = [TITLE, *ARTICLE[:2], *lines, ARTICLE[2]]
    assert classify(page) == [None] * len(page)


def test_a_view_count_in_arabic_letters_pashto_or_the_feminine_and_a_date_with_its_reading_time_go() -> None:
    """Persian typed with the Arabic yeh ("بازديد: ۱۲۴۰"), Pashto's "seen: N times" ("کتل شوی: ۸۷۶ ځله"), Arabic's
    feminine "was read N times" ("قرئت 5,236 مرة"); a post's date and its reading time or view count split by a middle
    dot or a bar ("December 1, 2026 · 6 min read"). A line that joins other things by a dot stays, as does a sentence
    that reports reading."""
    counts = ["بازديد: ۱۲۴۰", "کتل شوی: ۸۷۶ ځله", "قرئت 5,236 مرة", "December 1, 2026 · 6 min read",
              "2 December 2026 | 14 min read", "1 décembre 2026 · 1 204 vues"]
    others = ["Monday · Tuesday · Wednesday", "He read 3 books · 2 min", "قرئت الرسالة في الاجتماع مرة ثانية."]
    assert decide(Dateline(), counts + others) == ["boilerplate_dateline"] * len(counts) + [None] * len(others)


def test_an_arabic_publish_label_and_reads_or_a_pashto_publish_date_and_views_go() -> None:
    """Arabic's "published on:" and its reads ("نشر في: 3 نوفمبر 2026 | قراءات: 1,870"), Pashto's publication date and
    its views with the Arabic yeh ("خپرېدو نېټه: ۲ لیندۍ ۱۴۰۵ | کتل شوي: ۶۱۲ ځله"), each alone too (session 28,
    rules31). A sentence that reports readings stays."""
    counts = ["نشر في: 3 نوفمبر 2026 | قراءات: 1,870", "خپرېدو نېټه: ۲ لیندۍ ۱۴۰۵ | کتل شوي: ۶۱۲ ځله",
              "قراءات: 940", "کتل شوي: ۸۷ ځله"]
    others = ["قراءات الطلاب في الامتحان الأخير كانت أفضل من العام الماضي."]
    assert decide(Dateline(), counts + others) == ["boilerplate_dateline"] * len(counts) + [None] * len(others)


def test_a_single_category_label_over_its_value_goes_as_the_tags_do() -> None:
    """"التصنيف: …", "Category: …", "Kategorie: …": a page's one category after its label, as the plural label's list
    goes (session 28, rules31); a sentence that opens with the word stays (and one word alone, as under "Tags:")."""
    from builder.rules.patterns import Phrase

    labels = ["التصنيف: الربا والصرف", "Category: Local news", "Kategorie: Gebrauchte Werkzeuge"]
    kept = ["Category: the committee put the bridge in the highest risk band after the inspection last spring."]
    assert decide(Phrase(), labels + kept) == ["boilerplate_phrase"] * len(labels) + [None] * len(kept)


def test_a_date_split_from_a_long_run_of_spaces_is_judged_in_linear_time() -> None:
    """Splitting a line at its middle dots (`_date_and_count`) on 200 KB of spaces before one: milliseconds, not the
    quadratic time of trying the split inside the run of spaces (review28)."""
    from time import process_time

    from builder.rules.patterns import _PARTS

    started = process_time()
    assert _PARTS.split("December 1, 2026" + " " * 200_000 + "· 6 min read") == ["December 1, 2026", "6 min read"]
    assert _PARTS.split("a" + " " * 200_000 + "b") == ["a" + " " * 200_000 + "b"]
    assert process_time() - started < 0.5
