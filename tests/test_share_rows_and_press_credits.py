"""A row of share buttons after a colon, a line that points at the share buttons, a call to follow before the
channel's name, a newsroom's credit line (the place, the agency or outlet, the reporter) and a picture's short caption
credited to the outlet. Composed lines."""

from __future__ import annotations

from builder.rules.credits import Caption, Credit
from builder.rules.web import CallToAction
from tests.test_line_rules import classify, decide


def test_a_row_of_share_buttons_after_a_colon_goes_whatever_the_words_before_it() -> None:
    """Only networks' names after the colon, two or more, split by bars, dots or commas; the verb before it may be
    any ("send this column to friends", "share with your friends")."""
    lines = ["اگر یہ مضمون اچھا لگے تو اسے دوستوں سے شیئر کریں: فیس بک | واٹس ایپ | ٹوئٹر",
             "یہ خبر اپنے عزیزوں کو بھیجیں: واٹس ایپ · فیس بک · ایکس",
             "Pass it on: WhatsApp, Facebook, Email",
             "این گزارش را برای دوستانتان بفرستید: تلگرام | واتساپ"]
    assert decide(CallToAction(), lines) == ["boilerplate_call"] * len(lines)


def test_a_line_that_points_at_the_share_buttons_goes() -> None:
    """A share word, the buttons and where they are, with no sentence's end."""
    lines = ["یہ رپورٹ شیئر کرنے کے لیے نیچے دیے گئے بٹن دبائیں", "Use the buttons below to share this story"]
    assert decide(CallToAction(), lines) == ["boilerplate_call"] * len(lines)


def test_networks_named_in_a_sentence_or_a_headline_stay() -> None:
    """A colon before networks joined by "and" in a sentence, one network alone, a headline about a share button."""
    lines = ["He posted the video on two networks: Facebook and Twitter.", "The app's biggest rival: TikTok",
             "Facebook added a share button to every post", "The mayor's answer: WhatsApp, email, then silence."]
    assert decide(CallToAction(), lines) == [None] * len(lines)


def test_a_newsroom_credit_line_of_place_agency_and_reporter_goes() -> None:
    """Two or three short parts split by dashes, one naming a news agency, press or news; or the outlet and the
    reporter in brackets split by a slash; or the Tunisian agency's name alone ("وات")."""
    lines = ["مشهد- خبرگزاری آفتاب- علی رضایی", "اصفهان- خبرگزاري نصف جهان پرس", "قابس نيوز - منى الحامدي",
             "(صنعاء المرصد/ خالد العمري)", "Lagos - Coastline News Agency", "وات"]
    assert decide(Credit(), lines) == ["boilerplate_credit"] * len(lines)


def test_headlines_with_dashes_or_brackets_stay() -> None:
    """Two names split by a dash with no agency word, a headline that ends a sentence, figures in brackets."""
    lines = ["Arsenal - Chelsea", "Gaza - news from the front line.", "(2/3)", "Lyon - Marseille : 2 - 1",
             "الهلال - النصر"]
    assert decide(Credit(), lines) == [None] * len(lines)


def test_a_row_of_network_names_alone_goes() -> None:
    """The buttons under "share this article via", on a line of their own, split by spaced dashes or bars."""
    lines = ["فيسبوك - واتساب - إكس - البريد الإلكتروني", "Facebook | Twitter | WhatsApp | Email"]
    assert decide(CallToAction(), lines) == ["boilerplate_call"] * len(lines)


def test_a_pashto_call_to_follow_before_a_dash_and_the_channel_s_name_goes() -> None:
    """Pashto closes the call with the verb ("… تعقیب کړئ", follow), and the channel's name comes after a dash; a
    report of watching a video there stays."""
    lines = ["زموږ خبرونه په یوټیوب کې هم تعقیب کړئ - کابل سهار ټلويزيون",
             "ما په یوټیوب کې دا ویډیو ولیدله - ډېره ښه وه"]
    assert decide(CallToAction(), lines) == ["boilerplate_call", None]


def test_a_short_caption_that_closes_with_the_outlet_s_name_or_a_malay_picture_credit_goes() -> None:
    """A caption of six words or so that ends with the masthead's name in brackets, and a Malay "Gambar" credit set
    apart after the caption's sentence; an article's sentence with the outlet in brackets inside it stays."""
    head = ["صدى الوادي", "الرئيسية | أخبار | رياضة"]
    body = ["بدأ المزارعون في وادي حضرموت هذا الأسبوع جني محصول العسل بعد موسم أمطار جيد أنعش المراعي في المنطقة.",
            "وقال أحد النحالين إن الإنتاج هذا العام يفوق ما جناه في العامين الماضيين مجتمعين."]
    caption = "خلايا نحل في سفح جبل بالوادي (صدى الوادي)"
    lines = [*head, body[0], caption, body[1]]
    reasons = classify(lines, site_name="sadaalwadi.example")
    assert reasons[3] == "boilerplate_caption" and reasons[2] is None and reasons[4] is None
    malay = "Nelayan membaiki pukat di jeti sebelum turun ke laut awal pagi tadi. - Gambar HARIAN PESISIR"
    assert decide(Caption(), [malay]) == ["boilerplate_caption"]
