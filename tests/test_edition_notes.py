"""A note at a story's foot on the edition, page or first publication of the story itself, and a channel's or
ticker's cue before another item on the same line. Composed lines."""

from __future__ import annotations

from builder.rules.pointers import Pointer
from tests.test_line_rules import decide

# A page's own title above the lines: a cue on a document's first line is its title, not another story's
# (a live page's "مباشر: …"), so the cues are tested below one.
_TITLE = "شہر میں دھند سے ٹریفک متاثر"


def test_a_note_on_the_story_s_own_edition_or_first_publication_goes() -> None:
    """The story named first ("This article", "این مطلب", "یہ مضمون", "نُشر هذا التقرير"), a verb of publishing or
    updating, and the edition, page or first publication."""
    lines = ["This story originally appeared in the weekend edition of the paper.",
             "این مطلب در شماره دیروز روزنامه، صفحه ۵ چاپ شده است.",
             "یہ مضمون پہلی بار گزشتہ ہفتے شائع ہوا تھا اور اب اسے نئی معلومات کے ساتھ اپ ڈیٹ کیا گیا ہے۔",
             "نُشر هذا التقرير في النسخة الورقية من الصحيفة يوم الخميس.",
             "Cet article a été initialement publié dans notre édition du samedi."]
    assert decide(Pointer(), lines) == ["boilerplate_edition_note"] * len(lines)


def test_sentences_about_another_report_or_with_no_edition_stay() -> None:
    """Another body's report ("The report …", "این گزارش که … منتشر کرد …"), a report published with no edition named,
    a sentence that names a first publication but not of the story itself."""
    lines = ["The report was published on Monday and says the first phase of the work is late.",
             "این گزارش که وزارت نیرو منتشر کرد نشان می‌دهد مصرف آب بیشتر شده است.",
             "This report was published on Monday.",
             "خبر یہ ہے کہ پہلی بار شائع ہونے والی کتاب بہت مقبول ہوئی۔"]
    assert decide(Pointer(), lines) == [None] * len(lines)


def test_a_channel_s_call_to_watch_or_a_ticker_s_cue_before_an_item_goes() -> None:
    """"Watch tonight at 9: PROGRAMME" with the verb last, Urdu's "بریکنگ" (breaking) and Pashto's "تازه" (latest)
    before a colon and another story's headline."""
    lines = [_TITLE, "آج رات 9 بجے دیکھیں: شہر کی سڑکوں پر ہمارا خصوصی پروگرام",
             "بریکنگ: موٹروے دھند کے باعث کئی گھنٹوں کے لیے بند",
             "تازه: د کندهار - هرات لویه لار بیا پرانیستل شوه"]
    assert decide(Pointer(), lines) == [None] + ["boilerplate_cued_headline"] * (len(lines) - 1)
