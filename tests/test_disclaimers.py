"""A site's disclaimer, written as a full sentence: the views are the author's, the site is not responsible for the
comments or for external sites, a note that the figures could not be checked. Composed lines, in the languages of
the corpus and the web's."""

from __future__ import annotations

from builder.rules.disclaimers import Disclaimer
from tests.test_line_rules import classify, decide

BODY = ["Le conseil municipal a voté lundi soir la fermeture de la piscine pour deux ans de travaux.",
        "Les associations sportives devront trouver des créneaux dans les communes voisines dès janvier.",
        "Le maire a promis une réouverture avant l'été 2029, avec un bassin nordique chauffé toute l'année."]


def test_a_disclaimer_under_an_article_goes() -> None:
    """Each says the site does not answer for something it publishes or links to: a stance (not responsible, not
    necessarily, the author's own) about what the site publishes (comments, views, content, external sites)."""
    disclaimers = ["La rédaction n'est pas responsable du contenu des commentaires publiés par les lecteurs.",
                   "The Valley Herald is not responsible for the content of external websites.",
                   "الصحيفة غير مسؤولة عن التعليقات المنشورة ولا عن محتوى الروابط الخارجية.",
                   "الآراء الواردة في المقال تعبر عن رأي كاتبها ولا تعكس بالضرورة سياسة التحرير.",
                   "ادارے کا مضمون نگار کی رائے سے متفق ہونا ضروری نہیں۔",
                   "Las opiniones publicadas son de exclusiva responsabilidad de sus autores.",
                   "Die Redaktion übernimmt keine Haftung für die Inhalte verlinkter Seiten."]
    for line in disclaimers:
        decided = classify([*BODY, line])
        assert decided[-1] == "boilerplate_disclaimer", line
        assert decided[:len(BODY)] == [None] * len(BODY)


def test_a_note_that_the_site_could_not_check_goes() -> None:
    """A labelled note that the site could not verify figures, or takes no responsibility for them."""
    notes = ["ملاحظة: لم يتسن للموقع التحقق بشكل مستقل من الأرقام الواردة في البيان.",
             "Note: the Courier could not independently verify the figures given by the company.",
             "ملاحظة: لا تتحمل الصحيفة مسؤولية الأرقام الواردة في البيانات الرسمية."]
    assert decide(Disclaimer(), notes) == ["boilerplate_disclaimer"] * len(notes)


def test_an_article_s_sentences_with_the_same_words_stay() -> None:
    """Reporting: someone called a statement irresponsible, a reporter could not verify a claim (no note label), a
    poll does not necessarily reflect a mood (no one's views named as what the site publishes), and a person is
    not responsible for their acts."""
    lines = ["واعتبرت الأمانة العامة أن هذه التصريحات غير مسؤولة، خصوصا أنها تصدر عن مسؤول رفيع.",
             "Reuters could not independently verify the figures given by the rebels on Sunday.",
             "The survey does not necessarily reflect the mood of voters in rural districts, the analyst said.",
             "وقال المحامي إن موكله غير مسؤول عن الحادث لأنه لم يكن يقود السيارة في ذلك الوقت.",
             "Le ministre a estimé que la décision n'engage que le gouvernement précédent."]
    assert decide(Disclaimer(), lines) == [None] * len(lines)


def test_the_same_stance_between_two_of_the_article_s_sentences_stays() -> None:
    """An article's sentence that names views and a stance stands between two of its sentences; a disclaimer does
    not."""
    sentence = "The poll does not necessarily reflect the views of all voters in the rural districts, she said."
    decided = classify([*BODY[:2], sentence, *BODY[2:]])
    assert decided == [None] * (len(BODY) + 1)


def test_advice_that_is_no_substitute_for_a_professional_goes() -> None:
    """A health or how-to site's note that what it publishes (the information, the answers, the fatwas) does not
    replace a doctor or an expert, or is for general guidance only, under the article."""
    notes = ["المعلومات الواردة في هذا الموقع للتوعية العامة ولا تغني عن مراجعة الطبيب.",
             "تنبيه: الإجابات المنشورة تعبر عن آراء أصحابها ولا تغني عن استشارة مختص.",
             "پاسخ‌های کارشناسان این سایت جایگزین مشاوره حضوری با پزشک نیست.",
             "اس ویب سائٹ کی معلومات صرف عمومی رہنمائی کے لیے ہیں اور ڈاکٹر کے مشورے کا متبادل نہیں ہیں۔",
             "The information on this site is for general guidance only and is not a substitute for a plumber.",
             "Les informations de ce site ne remplacent pas l'avis d'un médecin."]
    for line in notes:
        decided = classify([*BODY, line])
        assert decided[-1] == "boilerplate_disclaimer", line
        assert decided[:len(BODY)] == [None] * len(BODY)


def test_an_affiliate_disclosure_goes() -> None:
    """The site says it earns from what readers buy through its links, or is not paid for what it shows."""
    disclosures = ["As an Amazon Associate we earn from qualifying purchases made through links in this post.",
                   "اس پوسٹ میں دیے گئے لنکس سے خریداری پر ہمیں معمولی کمیشن ملتا ہے۔",
                   "Je ne suis pas rémunérée pour cet article : la laine m'a été offerte par la filature."]
    for line in disclosures:
        decided = classify([*BODY, line])
        assert decided[-1] == "boilerplate_disclaimer", line


def test_an_article_s_last_sentence_about_a_replacement_or_a_commission_stays() -> None:
    """The same words in reporting: a committee's website, an app that does not replace a clinic (what the site
    publishes is not its subject), and a hospital affiliated with a university."""
    lines = ["الیکشن کمیشن کی ویب سائٹ پر تمام حلقوں کے نتائج کی معلومات دستیاب ہیں۔",
             "Experts stress that vitamin pills do not replace a balanced diet, the health board said.",
             "The hospital is affiliated with the university, according to information from the ministry."]
    for line in lines:
        assert classify([*BODY, line])[-1] is None, line
