"""A page's reading-time stamp ("5 min read", "Lesezeit: 3 Min.", "وقت القراءة: 3 دقائق"). Composed lines."""

from __future__ import annotations

from builder.rules.patterns import Dateline
from tests.test_line_rules import decide


def test_a_reading_time_stamp_is_a_stamp_of_the_page() -> None:
    """A number of minutes with a word that says it is reading time, before it or after it, alone on its line."""
    stamps = ["7 min read", "Reading time: 4 minutes", "Lesezeit: 6 Min.", "Lecture 2 min.", "Temps de lecture : 5 min",
              "Tiempo de lectura: 3 minutos", "وقت القراءة: 5 دقائق", "زمان مطالعه: ۴ دقیقه"]
    assert decide(Dateline(), stamps) == ["boilerplate_dateline"] * len(stamps)


def test_minutes_without_a_reading_word_or_in_a_sentence_stay() -> None:
    """A recipe's times and a sentence that names reading time are the article's."""
    lines = ["15 min", "Prep time: 15 min", "Cook: 40 minutes",
             "Reading time for the whole report is about 40 minutes.",
             "Lesezeit: 6 Min. für den ganzen Text, sagt der Verlag"]
    assert decide(Dateline(), lines) == [None] * len(lines)
