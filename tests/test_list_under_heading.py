"""An announcement's lists, each under its short heading, with short items of a few words (issue 11, session 24): the
first item under a heading is no box's label, and the items under it are no other stories' headlines."""

from __future__ import annotations

import pytest

from tests.test_line_rules import classify

PAGES = {
    "ar": ("تعلن جمعية البر الخيرية بالزرقاء عن فتح باب التسجيل في برنامج حقيبة الشتاء للأسر المحتاجة في المحافظة.",
           "محتويات الحقيبة",
           ["بطانيتان شتويتان", "مدفأة كاز أو قسيمة وقود بقيمة 40 ديناراً",
            "ملابس شتوية للأطفال دون الثانية عشرة حسب أعمارهم", "طرد غذائي يكفي أسرة من خمسة أفراد لمدة أسبوعين"],
           "شروط الاستفادة",
           ["أن تكون الأسرة مقيمة في محافظة الزرقاء.", "ألا يزيد دخل الأسرة الشهري على 250 ديناراً."]),
}


@pytest.mark.parametrize("lang", sorted(PAGES))
def test_the_items_under_a_short_heading_stay(lang: str) -> None:
    intro, heading, items, second, conditions = PAGES[lang]
    page = [intro, heading, *items, second, *conditions]
    assert classify(page) == [None] * len(page)


def test_a_box_under_the_article_s_last_sentence_still_goes() -> None:
    intro = "The food bank opens registration for its winter box for families in need across the county this week."
    others = ["Council to vote on new parking meters", "Storm closes the coast road for a day",
              "School choir wins the regional final"]
    reasons = classify([intro, intro.replace("food bank", "town library"), "Elsewhere today", *others])
    assert reasons[3:3 + len(others)] == ["boilerplate_box"] * len(others)
