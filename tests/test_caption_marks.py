"""Captions marked in ways the caption rule missed: a picture word and a colon opening a long caption ("Photo: …",
"عکس: …", "فوٹو: فائل"), an archive or aerial picture named first ("صورة أرشيفية لـ…"), a bare archive mark in
brackets ("… (أرشيف)"), a credit after an Urdu full stop ("… ۔ فوٹو: …"), a photographer's initials after a bar
("… | M. F."), and an outlet's site and photographer in brackets ("(Example.com/Rina Putri)"). Composed lines."""

from __future__ import annotations

from builder.rules.credits import Caption
from tests.test_line_rules import decide


def test_captions_with_these_marks_go() -> None:
    captions = ["Photo: A man walks past the flooded market in the old town on Monday morning after the storm",
                "عکس: آرشیو نشریه / کارگران در حال بارگیری گندم در انبار شهرستان",
                "فوٹو: فائل",
                "صورة أرشيفية لمحطة الكهرباء الرئيسية في المدينة خلال أعمال الصيانة",
                "صورة جوية للسوق القديم بعد انتهاء أعمال الترميم الشهر الماضي",
                "صيادون يفرغون حمولة القارب في ميناء المدينة صباح أمس (أرشيف)",
                "دریا کے کنارے کسان گندم کی کٹائی کر رہے ہیں۔ فوٹو: اخبار نامہ",
                "Un pescador repara sus redes en el puerto de Valparaíso al amanecer. | J. P.",
                "Warga membersihkan lumpur di depan rumahnya, Selasa (1/12/2026). (BeritaKota.com/Rina Putri)"]
    assert decide(Caption(), captions) == ["boilerplate_caption"] * len(captions)


def test_a_caption_that_places_the_pictures_goes() -> None:
    """A caption of several pictures says where each is ("Clockwise from top: …", "From left: …", "De gauche à
    droite, …"), as a list item or not; an article's sentence that starts the same way has no colon or comma there."""
    captions = ["- Clockwise from top: an old net loft; the harbour wall at low tide; a ferry leaving at dawn",
                "From left: the mayor, the head teacher and two pupils at the opening of the new library",
                "De gauche à droite, la directrice, le maire et deux élèves devant la nouvelle bibliothèque",
                "Von links nach rechts: Bürgermeisterin, Schulleiter und zwei Schüler vor der Bibliothek"]
    sentences = ["From left to right the valley narrows until the road runs between two walls of rock.",
                 "From top to bottom the report is a list of failures the council had been warned about."]
    assert decide(Caption(), captions + sentences) == ["boilerplate_caption"] * len(captions) + [None] * len(sentences)


def test_article_sentences_with_the_same_words_stay() -> None:
    """A sentence that opens with a picture (of a situation), mentions an archive, ends with a web address in
    brackets, or has a bar before a capital."""
    sentences = ["صورة قاتمة رسمها التقرير الأخير للبنك الدولي عن الاقتصاد المحلي هذا العام.",
                 "وقالت الوزارة إن الوثائق محفوظة في الأرشيف الوطني منذ عام 1960.",
                 "Les inscriptions se font en ligne sur le site de la mairie (mairie-exemple.fr/inscriptions).",
                 "The report compares two periods | A and B | and finds little change in the rate."]
    assert decide(Caption(), sentences) == [None] * len(sentences)
