"""A note at a story's foot on the edition, page or first publication of the story itself (a channel's or ticker's
cue before another item: tests/test_read_also_cues.py). Composed lines."""

from __future__ import annotations

from builder.rules.pointers import Pointer
from tests.test_line_rules import decide


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
