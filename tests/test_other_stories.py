"""Other stories' headlines in a page (session 27): a related box under an editor's-pick or "see also" label in the
words of Maghrebi Arabic, Persian and Urdu, a related or breaking cue before a headline on one line, and the box's
run that stops at the article's own list heading. Composed pages, no corpus text."""

from __future__ import annotations

from builder.rules.patterns import Teaser
from builder.rules.pointers import Pointer
from tests.test_line_rules import classify, decide

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


def test_a_box_of_headlines_right_under_the_article_s_list_of_figures_goes() -> None:
    """Three other stories' headlines set between the article's list of named figures and its next paragraph: the
    list's last items are headline-shaped too, and stay; the box goes (session 27)."""
    from builder.rules.blocks import HeadlineRun

    prose = ["The statistics office said on Tuesday that the non-oil economy grew by 4.6 percent in the third quarter.",
             "Retail, restaurants and hotels led the growth, helped by the season of festivals and new malls.",
             "Growth by activity, third quarter:"]
    figures = ["Retail, restaurants and hotels: 7.2%", "Transport and communications: 5.8%",
               "Finance and real estate: 4.9%", "Construction: 3.3%", "Non-oil manufacturing: 2.7%"]
    box = ["Central bank holds interest rates for the third time", "Non-oil exports reach a monthly record high",
           "Fourteen thousand new commercial registrations in October"]
    after = ["An economist at the university said the figures showed the private sector was taking a larger share.",
             "Analysts expect growth to stay above four percent until the end of the year."]
    page = [*prose, *figures, *box, *after]
    got = decide(HeadlineRun(), page)
    assert got == [None] * (len(prose) + len(figures)) + ["boilerplate_headlines"] * len(box) + [None] * len(after)


def test_a_previous_or_next_post_label_before_its_headline_on_one_line_is_another_story() -> None:
    lines = ["Hamsayeh blog", "نوشته قبلی: مربای به با هل و گلاب", "پچھلی تحریر: گرم چشمہ کا راستہ اور ایک بند پل",
             "You might enjoy: My five-minute flatbreads for dipping",
             "Next post: the council said on Monday that the market would move to the square."]
    assert decide(Pointer(), lines) == [None, *["boilerplate_cued_headline"] * 3, None]


def test_a_heading_over_priced_items_with_long_labels_is_the_article_s_list() -> None:
    """"What I paid" over "Bed in a four-berth couchette: €41": each item a label of any length, a colon and a
    figure alone, the article's list between its paragraphs, not a box of headlines (session 27)."""
    from builder.rules.blocks import HeadlineRun

    before = "It leaves at 22:50 and, on a good night, arrives a little after seven in the morning at the harbour."
    after = "I took the couchette and shared it with a retired engineer who had done the journey many times before."
    items = ["What I paid", "Seat in a six-seat compartment: €24", "Bed in a four-berth couchette: €41",
             "Coffee from the conductor at 6 a.m.: €2"]
    assert decide(HeadlineRun(), [before, *items, after]) == [None] * 6


def test_the_title_under_a_ticker_row_of_rates_is_no_box_under_a_label() -> None:
    """A ticker's row of rates split by bars above the title is as long as a sentence but no paragraph of the article:
    the title and its deck under the page's last menu row are above the body, not a box under a label (session 27)."""
    from builder.rules.blocks import LabelledBox

    page = ["Valley Today", "Market dollar: 89,500 | Petrol 95: 1,465,000 | Diesel: 1,310,000 for twenty litres.",
            "Videos | Archive", "Vine growers of the valley close a short season after the drought",
            "The harvest is a quarter smaller and prices did not cover watering",
            "3 December 2026 | 11:20",
            "Farmers finished picking their grapes this week, in what many described as the worst year in a decade.",
            "One of them said his plants had not had enough water since the spring, when the wells ran low."]
    reasons = [None, None, "boilerplate_navigation", None, None, "boilerplate_dateline", None, None]
    assert decide(LabelledBox(), page, reasons=reasons)[3:5] == [None, None]


def test_a_call_to_read_in_the_feminine_or_in_bengali_before_a_headline_is_another_story() -> None:
    lines = ["Layal", "اقرئي أيضاً في ليال: روتين مسائي في عشر دقائق لكل أنواع البشرة",
             "আরও পড়ুন: সুন্দরবনে পর্যটক প্রবেশে নতুন নিয়ম"]
    assert decide(Pointer(), lines) == [None, *["boilerplate_cued_headline"] * 2]


def test_a_previous_or_next_post_label_alone_over_its_title_is_chrome_in_every_language_of_the_cue_list() -> None:
    """One list (lexicon.NEIGHBOUR_POST_LABELS) serves the label alone on its line over the title and the cue before
    the title on one line: "Previous story", "Artikel sebelumnya", "الخبر السابق", "پچھلی خبر" alone are related
    labels too, as "Previous post" was (session 28)."""
    from builder.rules import lexicon
    from builder.text.keys import line_key

    labels = ["Previous story", "Artikel sebelumnya", "الخبر السابق", "پچھلی خبر", "Следующая статья", "Older post"]
    assert {line_key(label) for label in labels} <= lexicon.CHROME_LINES & lexicon.TEASER_LABELS
    assert {line_key(label) for label in labels} <= lexicon.NEIGHBOUR_POSTS
    article = ["The council will replace every street lamp on the embankment next year and add forty new benches.",
               "Residents asked the council to keep the old cast-iron railing, and it will be restored instead."]
    after = "The work should take about four months, the contractor said on Tuesday."
    reasons = classify([*article, "Previous story", "Ferry fares to rise in the spring", after])
    assert reasons == [None, None, "boilerplate_phrase", "boilerplate_teaser", None]


def test_a_heading_over_named_items_half_of_them_with_a_figure_is_the_article_s_list() -> None:
    """"What the scheme covers" over "Days: weekdays, March to October" / "Hours: 7am to 7pm" / …: every item a label,
    a colon and its value, half of them with a number, under a heading of their own: the article's fact box, not a
    box of headlines (session 28, rules31). Headlines that each open with a place and a colon, under a box's label,
    and give no number, are still other stories'."""
    from builder.rules.blocks import HeadlineRun

    before = "The plan, drawn up by the residents' association, will close the street to cars on school mornings."
    after = "Parents who walk their children to the gate said the change was long overdue and should be permanent."
    items = ["What the scheme covers", "Days: weekdays, March to October", "Hours: 7am to 9am",
             "Wardens: one at each end of the street", "Fines: £70 for a first offence"]
    assert decide(HeadlineRun(), [before, *items, after]) == [None] * 7
    headlines = ["Leeds: station roof repairs delayed again", "Hull: ferry company names new chief",
                 "York: minster choir tours Norway"]
    reasons = decide(HeadlineRun(), [before, *headlines, after])
    assert reasons[1:4] == ["boilerplate_headlines"] * 3, reasons
