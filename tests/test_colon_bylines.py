"""A byline set as a label, a colon and the name on one line, a role in brackets after it maybe. Composed lines."""

from __future__ import annotations

from builder.rules.patterns import Byline
from tests.test_line_rules import decide


def test_a_label_a_colon_and_a_name_go() -> None:
    """"Author: …", Latvian "Autori:" with no space and a role in brackets, German, Indonesian, Persian and two labels
    split by a bar."""
    lines = ["Author: Maria Lopez", "Autori:Ilze Kalniņa(LR1 ziņu redaktore)", "Autorin: Petra Schmidt",
             "Penulis: Dewi Lestari", "نویسنده: سارا احمدی", "Reporter: Budi Santoso | Editor: Rina Wati"]
    assert decide(Byline(), lines) == ["boilerplate_byline"] * len(lines)


def test_a_label_over_a_sentence_or_a_headline_stays() -> None:
    """After the colon a sentence, figures, or more than a name's words."""
    lines = ["Author: the committee said the plan would be ready by May.", "Editor: 3 changes this week",
             "Editor: The Best Of Everything We Tested This Year"]
    assert decide(Byline(), lines) == [None] * len(lines)


def test_a_name_with_an_initial_an_urdu_report_label_or_a_yoruba_by_goes() -> None:
    """A name that ends with an initial's full stop ("Editor: Rina W."), Urdu's "report:" label with the reporter and
    the city, and Yoruba's "Láti ọwọ́" ("from the hand of") before a name (session 28). A Yoruba sentence that opens
    with the same words and goes on stays, as does an Urdu report's headline of more than a name's words."""
    lines = ["Reporter: Budi Santoso | Editor: Rina W.", "رپورٹ: ثناء اللہ، ملتان", "Láti ọwọ́ Fúnmiláyọ̀ Àjàyí"]
    kept = ["Láti ọwọ́ ìjọba ìpínlẹ̀ ni owó ìrànlọ́wọ́ náà ti wá lọ́dún yìí.",
            "رپورٹ: ملک میں گندم کی پیداوار اس سال کم رہنے کا خدشہ"]
    assert decide(Byline(), lines + kept) == ["boilerplate_byline"] * len(lines) + [None] * len(kept)


def test_an_arabic_correspondent_or_a_pashto_writer_label_goes() -> None:
    """Arabic's correspondent ("مراسل:", "مراسلة:", with the city after a dash) and Pashto's writer ("لیکوال:") before
    a name (session 28, rules31). A headline that opens with the same label and goes on stays."""
    lines = ["مراسلة: سعاد العلوي - فاس", "مراسل: خالد المنصوري", "لیکوال: ګل محمد زاهد"]
    kept = ["مراسل: الحكومة تعلن خطة جديدة لدعم المزارعين في الجنوب هذا الموسم"]
    assert decide(Byline(), lines + kept) == ["boilerplate_byline"] * len(lines) + [None] * len(kept)
