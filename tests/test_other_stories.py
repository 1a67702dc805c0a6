"""Other stories' headlines in a page (session 27): a related box under an editor's-pick or "see also" label in the
words of Maghrebi Arabic, Persian and Urdu, a related or breaking cue before a headline on one line, and the box's
run that stops at the article's own list heading. Composed pages, no corpus text."""

from __future__ import annotations

from builder.rules.patterns import Teaser
from builder.rules.pointers import Pointer
from tests.test_line_rules import decide

PARA = "عادت المياه إلى التدفق صباح الأربعاء في السقاية القديمة بعد أشهر من الأشغال التي قام بها حرفيون من المدينة."


def test_a_see_also_or_editor_s_pick_label_takes_the_headlines_under_it() -> None:
    for label in ("شاهد كذلك", "پیشنهاد سردبیر:", "سب سے زیادہ پڑھی گئی", "Editor's picks"):
        page = [PARA, label, "افتتاح المعرض الجهوي لمنتوجات التعاونيات النسائية بالساحة الكبرى",
                "تعاونية نسائية تصدر أول شحنة من زيت الزيتون العضوي إلى كندا", PARA]
        assert decide(Teaser(), page) == [None, *["boilerplate_teaser"] * 3, None], label


def test_the_box_stops_at_the_article_s_list_heading_over_its_short_items() -> None:
    """A line of a subheading's size, clearly shorter than the box's headlines, over the article's own list of short
    items is the article's next section, not one more headline."""
    items = ["سقاية باب العقلة", "سقاية الغرسة الكبيرة", "سقاية سيدي السعيدي", "سقاية الطرنكات"]
    page = [PARA, "شاهد كذلك", "افتتاح المعرض الجهوي لمنتوجات التعاونيات النسائية بالساحة الكبرى",
            "تعاونية نسائية تصدر أول شحنة من زيت الزيتون العضوي إلى كندا", "السقايات المعنية بالبرنامج", *items, PARA]
    assert decide(Teaser(), page) == [None, *["boilerplate_teaser"] * 3, None, *[None] * len(items), None]


def test_a_related_or_breaking_cue_before_a_headline_on_one_line_is_another_story() -> None:
    lines = ["خیبر آواز", "بریکنگ: پشاور ہائی کورٹ نے گیس کمپنی کے ایم ڈی کو طلب کر لیا",
             "اسی سے متعلق: وادی تیراہ میں شدید برف باری، درجنوں دیہات کا زمینی رابطہ منقطع",
             "🔴 مباشر: مؤتمر صحفي لمحافظ المدينة حول خطة الشتاء",
             "Related: Council approves the new bus lanes on the ring road",
             "Related to this, the council said on Monday that the lanes would open in May."]
    assert decide(Pointer(), lines) == [None, *["boilerplate_cued_headline"] * 4, None]


def test_a_cue_on_the_document_s_first_line_is_its_own_title() -> None:
    """A live page's headline opens with the cue ("مباشر: …", "Live: …"): the first line of a document is its title,
    where a ticker's cue over another story stands under the site's name and menus."""
    page = ["مباشر: أتلتيكو ومرسيليا في نهائي الدوري الأوروبي الليلة", "يلتقي الفريقان الأربعاء في ليون في نهائي "
            "الدوري الأوروبي، في مباراة ينتظرها جمهور الناديين منذ سنوات طويلة.",
            "مباشر: مؤتمر صحفي لمحافظ المدينة حول خطة الشتاء"]
    assert decide(Pointer(), page) == [None, None, "boilerplate_cued_headline"]
