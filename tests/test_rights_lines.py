"""Copyright lines in the spellings sites use: Persian typed with Arabic ي and ك; and lines that forbid reproducing
the site's content without leave. Composed lines."""

from __future__ import annotations

from builder.rules.credits import Rights
from builder.rules.tails import PageTail
from tests.test_line_rules import classify, decide


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



def test_a_publisher_s_registration_line_in_the_page_s_foot_goes() -> None:
    """The publisher's legal identity under the article: a company or charity registered with its number, a tax or
    trade register's entry, in several countries' forms. Through the plan: the article stays, and so do its own
    sentences that name a registration with a year rather than a number."""
    article = ["The water company will cap bills for households on low incomes from April, its board said on Monday.",
               "The firm, registered in England and Wales in 2019, took over the supply from the council's old board.",
               "Its chief executive said the registered charity that runs the debt helpline would get 25,000 pounds."]
    foot = ["Fernside Water Ltd, registered in England and Wales no. 08812934. Registered office: Mill Lane, Fernside.",
            "Registered charity in England and Wales (1164520) and Scotland (SC048811)",
            "Gazzetta del Borgo - Testata registrata presso il Tribunale di Salerno - P.IVA 01578930627",
            "Verlag Muster GmbH, Amtsgericht Köln HRB 123456, USt-IdNr. DE123456789",
            "Éditions du Lac SAS, RCS Lyon 123 456 789"]
    decided = classify([*article, *foot])
    assert decided[:len(article)] == [None] * len(article), decided
    assert all(reason is not None for reason in decided[len(article):]), decided


def test_a_rights_reserved_line_is_a_legal_line_of_the_page_tail_in_every_language_rights_knows() -> None:
    """One list of rights-reserved phrases for the kind (`lexicon.RIGHTS_RESERVED`): a page's tail that is only a
    rights line with no © ("Todos os direitos reservados …", "Toute reproduction … interdite", "تمامي حقوق …"
    typed with Arabic letters) is the page's tail to `tails.PageTail`, as the same line is a rights line to
    `credits.Rights`. Urdu's "تمام حقوق …" without the ی is both too."""
    article = ["O conselho municipal aprovou ontem o novo plano de transportes para a cidade inteira.",
               "A medida entra em vigor em março e prevê mais autocarros nas linhas do centro histórico.",
               "Os moradores dos bairros periféricos pediram ligações diretas ao hospital e às escolas."]
    rights = ["Todos os direitos reservados à Editora Exemplo Lda.",
              "Toute reproduction, même partielle, est interdite sans l'accord écrit de la rédaction.",
              "تمامي حقوق اين سايت متعلق به روزنامه نمونه است.", "تمام حقوق بحق ادارہ نمونہ اخبار محفوظ ہیں۔"]
    assert decide(Rights(), rights) == ["boilerplate_rights"] * len(rights)
    for line in rights:
        assert decide(PageTail(), [*article, line]) == [None] * len(article) + ["boilerplate_tail"], line
