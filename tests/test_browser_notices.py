"""A page's notice that it needs JavaScript or a newer browser, in words no phrase list holds (web.WebNotice):
the script or the browser, what to do with it, and the reader or the page spoken of. Composed lines."""

from __future__ import annotations

from builder.rules.web import WebNotice
from tests.test_line_rules import decide


def test_a_notice_that_the_page_needs_javascript_or_a_newer_browser_goes() -> None:
    notices = ["يجب تفعيل JavaScript في متصفحك لعرض جدول المحاضرات بشكل صحيح.",
               "Bitte aktivieren Sie JavaScript, um die Karte dieser Seite zu sehen.",
               "اين صفحه براي نمايش درست به جاوااسكريپت نياز دارد.",
               "د ښه لید لپاره خپل براوزر تازه کړئ.",
               "Please update your browser to see the photo gallery."]
    assert decide(WebNotice(), notices) == ["boilerplate_notice"] * len(notices)


def test_a_report_of_a_browser_or_a_script_stays() -> None:
    """The article names a browser's update, or a script, and no reader or page of its own."""
    reports = ["Google will update its Chrome browser next month, the company said.",
               "The attack used malicious JavaScript hidden in an advert on the ministry's site.",
               "أعلنت الشركة تحديث متصفح كروم الشهر المقبل لسد ثغرة أمنية."]
    assert decide(WebNotice(), reports) == [None] * len(reports)


def test_an_urdu_prompt_to_log_in_or_register_before_replying_goes() -> None:
    """"جواب دینے کے لیے لاگ ان کریں یا رجسٹر ہوں۔": the imperative before "or" (not only at the line's end)."""
    assert decide(WebNotice(), ["جواب دینے کے لیے لاگ ان کریں یا رجسٹر ہوں۔"]) == ["boilerplate_notice"]


def test_a_search_box_s_placeholder_goes_and_a_sentence_that_trails_off_stays() -> None:
    """A search verb opens a short line that trails off ("ابحث برقم الفتوى أو بكلمة...", "جستجوی نام متوفی یا
    شهر...", "Search the site…"); a line that opens with another word, or says more, stays."""
    placeholders = ["ابحث برقم السؤال أو بكلمة...", "جستجوی نام یا شهر...", "Search the site…", "Suche…"]
    others = ["Searching for answers...", "Arabian nights...",
              "Search teams worked through the night. They found..."]
    assert decide(WebNotice(), placeholders + others) == ["boilerplate_notice"] * len(placeholders) + [None] * 3


def test_a_placeholder_shaped_line_between_two_paragraphs_is_the_story_s() -> None:
    """attack28: "Search for the missing continues..." between a quake report's paragraphs went as a search box's
    placeholder; between two paragraphs of its document it is the story's. Over the story, under a short line, the
    placeholder still goes."""
    above = ("Rescue teams worked through the night on Sunday after a strong earthquake struck the region, bringing "
             "down dozens of buildings in the old town and cutting power to thousands of homes.")
    below = ("Officials said at least forty people had been pulled alive from the rubble, and that the search would "
             "go on for as long as there was hope of finding anyone else under the collapsed buildings.")
    assert decide(WebNotice(), [above, "Search for the missing continues...", below]) == [None, None, None]
    assert decide(WebNotice(), ["Home | News | Sport", "Search the site…", below]) == [None, "boilerplate_notice",
                                                                                      None]


def test_a_help_centre_box_opening_with_its_question_goes_and_the_article_s_sentence_stays() -> None:
    """The question that opens a help centre's box, asked of the reader with its question mark ("Still need help?
    Chat with us …", "Did this article answer your question?", "هل أفادك هذا المقال؟"); an article's sentence says who
    needs help, and has no question mark after the words."""
    boxes = ["Still need help?", "Still need help? Chat with us, Monday to Friday, 9am to 5pm.",
             "Did this article answer your question?", "Besoin d'aide ? Écrivez-nous.", "هل أفادك هذا المقال؟"]
    sentences = ["Many residents still need help with their heating bills.",
                 "Still need help with your bill, the council asked residents on Monday."]
    assert decide(WebNotice(), boxes + sentences) == ["boilerplate_notice"] * len(boxes) + [None] * len(sentences)


def test_an_affiliate_disclosure_in_persian_urdu_arabic_french_spanish_or_german_goes() -> None:
    """A post's disclosure that it holds affiliate links, named in the reader's language ("لینک همکاری در فروش",
    "ایفیلیئٹ لنک", "روابط تسويقية", "liens d'affiliation", "enlaces de afiliados", "Affiliate-Links") (session 28,
    rules31), as "affiliate link" is in English."""
    from builder.rules.web import WebNotice

    notices = ["این مطلب شامل لینک همکاری در فروش است و اگر خرید کنید، سهم کوچکی به ما می‌رسد.",
               "اس پوسٹ میں ایفیلیئٹ لنک شامل ہیں، ان سے خریداری پر ہمیں کمیشن ملتا ہے۔",
               "تحتوي هذه المقالة على روابط تسويقية قد نحصل من خلالها على عمولة.",
               "Cet article contient des liens d'affiliation.", "Este artículo contiene enlaces de afiliados.",
               "Dieser Beitrag enthält Affiliate-Links."]
    assert decide(WebNotice(), notices) == ["boilerplate_notice"] * len(notices)
