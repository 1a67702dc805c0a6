"""The article's own list under its subheading, where the line above is another story's headline after a "read
also" call and a photo follows the list (issue 11, session 24): neither the call nor the photo ends the article."""

from __future__ import annotations

import pytest

from tests.test_line_rules import classify

PAGES = {
    "en": ("Hundreds of cane growers protested outside the press club on Wednesday over the price the sugar mills pay "
           "for their cane this season.",
           "See also: New museum opens at the old ruins for visitors",
           "The growers' demands",
           ["Cane price set at 500 rupees a maund", "Mills to pay the growers within fifteen days",
            "Weighing checked by the farm department", "Last season's dues paid at once"],
           "Photo: growers at the protest camp outside the press club",
           "A spokesman for one of the sugar mills said the growers' price was more than the mills could pay."),
    "ur": ("مردان اور گرد و نواح کے سینکڑوں کاشتکاروں نے بدھ کے روز شوگر ملوں کے خلاف پریس کلب کے باہر احتجاج کیا۔",
           "اسے بھی پڑھیے: تخت بائی کے کھنڈرات میں نیا عجائب گھر کھل گیا",
           "کاشتکاروں کے مطالبات",
           ["گنے کا نرخ 500 روپے فی من مقرر کیا جائے", "ملز کاشتکاروں کو ادائیگی پندرہ دن کے اندر کریں",
            "کنڈوں پر وزن کی جانچ محکمہ زراعت کی نگرانی میں ہو", "گزشتہ سیزن کے واجبات فوری ادا کیے جائیں"],
           "تصویر: پریس کلب کے باہر احتجاجی کیمپ میں بیٹھے کاشتکار",
           "دوسری جانب ایک شوگر مل کے ترجمان نے بتایا کہ کاشتکاروں کا مطالبہ ملوں کی استطاعت سے زیادہ ہے۔"),
}


@pytest.mark.parametrize("lang", sorted(PAGES))
def test_the_article_s_list_under_a_read_also_line_and_over_a_photo_stays(lang: str) -> None:
    before, pointer, heading, items, photo, after = PAGES[lang]
    reasons = classify([before, pointer, heading, *items, photo, after])
    assert reasons[1] is not None and reasons[-2] is not None  # the other story's headline and the photo go
    assert reasons[2:2 + 1 + len(items)] == [None] * (1 + len(items))
    assert reasons[-1] is None


def test_a_box_at_the_foot_over_a_photo_still_goes() -> None:
    """Other stories' headlines under a label with nothing of the article after them but a photo: still a box."""
    before, _, _, _, photo, _ = PAGES["en"]
    others = ["Council to vote on new parking meters", "Storm closes the coast road for a day",
              "School choir wins the regional final"]
    reasons = classify([before, before.replace("Hundreds", "Dozens"), "More news", *others, photo])
    assert reasons[2:2 + 1 + len(others)] == ["boilerplate_box"] * (1 + len(others))
