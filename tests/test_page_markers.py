"""A paper's continuation marker in Urdu and Persian, as the whole line (session 28). Composed lines."""

from __future__ import annotations

from builder.rules.pointers import Pointer
from tests.test_line_rules import decide


def test_an_urdu_or_persian_rest_on_page_marker_goes_and_a_sentence_with_it_stays() -> None:
    """"(بقیہ صفحہ 7 نمبر 2)" (the rest on page 7, column 2), "ادامه در صفحه ۵": the rest of the story is on a
    page the text does not carry. A sentence that opens with the same words and goes on is the article's."""
    markers = ["(بقیہ صفحہ 3 نمبر 1)", "بقیہ صفحہ ۱۲", "ادامه در صفحه ۵", "بقیه در صفحه 4"]
    kept = ["بقیہ صفحہ 7 پر پڑھیں کہ صوبائی حکومت نے کیا فیصلہ کیا۔"]
    assert decide(Pointer(), markers + kept) == ["boilerplate_continuation"] * len(markers) + [None]
