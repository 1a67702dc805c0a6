"""The post's row of author, date and comment count under a blog's title (bars between, taken as navigation) is no
menu of the site's: the title above it is still the headline below the menus, not the site's tagline (issue 11,
session 24)."""

from __future__ import annotations

import pytest

from tests.test_line_rules import classify

PAGES = {
    "en": ["Mum's Kitchen", "Grandmother's recipes and easy home cooking for weeknights",
           "Home | Recipes | Curries | Sweets | Winter dishes | About us",
           "Mustard greens with maize flatbread",
           "Shazia Parvez | 2 December 2026 | 7 comments",
           "When the first December fog comes down, a pot of greens goes on the stove in our house.",
           "They cook slowly for three hours, and the bread is made fresh while they rest on the side.",
           "It is one of grandmother's easy recipes: wash the greens well, chop them and cook them with chillies."],
    "ur": ["پکوان گھر", "اماں کے ہاتھ کے ذائقے، آسان ترکیبوں میں",
           "ہوم | ترکیبیں | سالن | میٹھے | سردیوں کے پکوان | ہمارے بارے میں",
           "سرسوں کا ساگ اور مکئی کی روٹی",
           "پوسٹ بذریعہ: شازیہ پرویز | 2 دسمبر 2026 | 7 تبصرے",
           "دسمبر کی پہلی دھند پڑتے ہی ہمارے گھر میں ساگ کی ہانڈی چولہے پر چڑھ جاتی ہے۔",
           "ساگ تین گھنٹے ہلکی آنچ پر پکتا ہے اور روٹی اسی دوران تازہ بنائی جاتی ہے۔",
           "یہ اماں کی آسان ترکیبوں میں سے ایک ہے: ساگ کو اچھی طرح دھو کر کاٹ لیں اور ہری مرچ کے ساتھ پکائیں۔"],
}


@pytest.mark.parametrize("lang", sorted(PAGES))
def test_the_title_over_the_post_s_row_stays_and_the_tagline_goes(lang: str) -> None:
    page = PAGES[lang]
    reasons = classify(page)
    assert reasons[4] is not None  # the post's row
    assert reasons[3] is None and reasons[5:] == [None, None, None]
    assert reasons[1] is not None  # the site's tagline above the menus
