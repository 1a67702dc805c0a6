"""Copyright lines in the spellings sites use: Persian typed with Arabic ي and ك. Composed lines."""

from __future__ import annotations

from builder.rules.credits import Rights
from tests.test_line_rules import decide


def test_persian_rights_lines_typed_with_arabic_letters_are_rights_lines() -> None:
    """"کلیه حقوق …" and "تمامی حقوق …" say the rights are reserved however the site types ی and ک; a sentence
    about workers' rights ("حقوق کارگران") is no copyright line."""
    lines = ["كليه حقوق اين وبگاه متعلق به روزنامه نمونه است.", "تمامي حقوق اين سايت محفوظ است.",
             "کلیه حقوق این پایگاه محفوظ است."]
    assert decide(Rights(), lines) == ["boilerplate_rights"] * 3
    assert decide(Rights(), ["حقوق كارگران در سال آينده ۲۰ درصد افزايش مي يابد."]) == [None]
