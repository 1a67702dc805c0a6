"""A marker that the story goes on past an advertisement or a box ("Story continues below advertisement", "تابع
القراءة بالأسفل") is a continuation marker (pointers.Pointer), as "Continued on page 4" is. Composed lines."""

from __future__ import annotations

from builder.rules.pointers import Pointer
from tests.test_line_rules import decide


def test_a_marker_that_the_story_continues_below_goes_and_a_sentence_stays() -> None:
    markers = ["Story continues below advertisement", "Article continues below", "تابع القراءة بالأسفل",
               "Weiterlesen nach der Anzeige", "La suite après la publicité"]
    sentences = ["The story continues below the fold of the newspaper every day.", "تابع القراءة",
                 "Continue reading below the bridge, where the old mill stands."]
    page = ["Harbour ferry returns after two years of repairs", *markers, *sentences]
    assert decide(Pointer(), page) == [None] + ["boilerplate_continuation"] * len(markers) + [None] * len(sentences)
