"""Copyright lines in the spellings sites use: Persian typed with Arabic ي and ك; and lines that forbid reproducing
the site's content without leave. Composed lines."""

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


def test_a_line_forbidding_reproduction_without_leave_is_a_rights_line() -> None:
    """No © and no "all rights reserved": the content is protected and may not be copied or republished without
    leave ("… محمية بحقوق النشر، ولا يجوز …", "may not be reproduced … without", "Reproduction interdite",
    "Nachdruck nur mit Genehmigung"). A ruling that copying is forbidden, or a species' breeding, is no notice."""
    lines = ["جميع مواد الموقع محمية بحقوق الطبع، ولا يجوز إعادة نشرها إلا بإذن من الإدارة.",
             "المحتوى المنشور هنا محمي بموجب حقوق النشر ولا يجوز نقله دون ذكر المصدر.",
             "Articles on this site may not be reproduced in any form without written permission from the publisher.",
             "Reproduction interdite sans autorisation de la rédaction.",
             "Nachdruck nur mit Genehmigung des Verlags."]
    assert decide(Rights(), lines) == ["boilerplate_rights"] * len(lines)
    content = ["لا يجوز نسخ البرامج المحمية دون إذن أصحابها، كما أفتى المجلس في جلسته الأخيرة.",
               "La reproduction de cette espèce en captivité est interdite depuis 2019.",
               "Students may not be admitted without a vaccination record, the school board said."]
    assert decide(Rights(), content) == [None] * len(content)

