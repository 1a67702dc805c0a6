"""Readers' comments written "Name: comment" under a comments heading below the article (NamedComments), through
the plan, in several languages; an interview's or a quote's named lines stay."""

from __future__ import annotations

import pytest

from builder.rules.comments import NamedComments
from tests.test_line_rules import classify, decide

ARTICLE = [
    "The council will replace every street lamp on the embankment next year and add forty new benches along it.",
    "Residents asked the council to keep the old cast-iron railing, and it will be restored rather than replaced.",
    "The contractor will be chosen at an auction in February, and the work should take about four months.",
]


@pytest.mark.parametrize(("heading", "rows"), [
    ("Комментарии (3)", ["Сергей К.: Давно пора, там вечером страшно ходить.",
                         "tver_lena: А туалеты опять не предусмотрели?"]),
    ("التعليقات (2)", ["أبو سلطان: خطوة جميلة، نتمنى أن تشمل الشاطئ الآخر بعد.", "منى: متى موعد التسجيل للطالبات؟"]),
    ("تبصرے (2)", ["ملک شفیق: ماشاءاللہ، ہمارے بچپن میں یہاں بہت رونق ہوتی تھی۔", "رانا آصف: استاد صاحب کو سلام۔"]),
    ("نظرات", ["مریم: خیلی خوب است، امیدوارم زودتر انجام شود."]),
    ("Comments", ["Jenny R.: About time, the path is pitch dark after five.", "Tom: Will the benches have backs?"]),
])
def test_named_comments_under_a_comments_heading_below_the_article_go(heading: str, rows: list[str]) -> None:
    page = ["Embankment to get new lamps and benches", *ARTICLE, heading, *rows, "Log in to leave a comment"]
    reasons = classify(page)
    assert [reasons[page.index(row)] for row in rows] == ["boilerplate_named_comment"] * len(rows)
    assert [reasons[page.index(line)] for line in ARTICLE] == [None] * len(ARTICLE)
    assert reasons[page.index(heading)] is not None


def test_named_lines_without_a_comments_heading_or_with_the_article_below_stay() -> None:
    """An interview's named lines ("Reporter: …", "Mayor: …") have no comments heading over them; named lines under
    one with the article's prose going on below are the article's quotes."""
    interview = ["Reporter: Why now, after so many years of waiting?", "Mayor: Because the money is finally there."]
    page = [*ARTICLE, *interview]
    assert decide(NamedComments(), page) == [None] * len(page)
    quoted = [*ARTICLE[:2], "Comments", *interview, ARTICLE[2]]
    assert decide(NamedComments(), quoted) == [None] * len(quoted)
    fields = [*ARTICLE, "Comments", "Hauteur : 48 m au-dessus du fleuve.", "Attaques : 27 cette année."]
    assert decide(NamedComments(), fields) == [None] * len(fields)
