"""Boilerplate removal: the labelled set's scores, and the rules one by one."""

from __future__ import annotations

from builder.rules.boilerplate import RepeatedLines, classify, line_key, site_of
from tests.labelled import load, ours, score


def test_labelled_set_scores() -> None:
    docs = load()
    assert len(docs) >= 40
    recall, removal = score(docs, ours(docs))["all"]
    assert recall >= 0.99 and removal >= 0.95


def test_urdu_lines_without_full_stops_are_kept() -> None:
    lines = ["کھیل",
             "پاکستان نے تیسرے ون ڈے میچ میں سری لنکا کو پانچ وکٹوں سے شکست دے دی",
             "کراچی میں کھیلے گئے میچ میں سری لنکا نے پہلے بیٹنگ کرتے ہوئے دو سو ستر رنز بنائے",
             "اس کامیابی کے ساتھ پاکستان نے سیریز دو ایک سے اپنے نام کر لی",
             "شیئر کریں"]
    assert classify(lines, "ur") == ["boilerplate_header", None, None, None, "boilerplate_phrase"]


def test_lists_and_subheadings_inside_the_article_are_kept() -> None:
    lines = ["Council approves the new budget after a long debate",
             "The council approved the budget on Tuesday after six hours of debate.",
             "What changes",
             "The plan includes:",
             "new bus lanes,",
             "two libraries.",
             "Work starts in March and should end within two years.",
             "Share"]
    assert classify(lines, "en") == [None] * 7 + ["boilerplate_phrase"]


def test_teaser_under_read_also_label() -> None:
    lines = ["وقال الوزير إن الحكومة ستعلن خطة جديدة للنقل العام خلال الأسبوع المقبل.",
             "اقرأ أيضاً:",
             "قمة المناخ: ماذا تعني درجة ونصف الدرجة؟",
             "ويأتي الإعلان بعد أشهر من الانتقادات لضعف شبكة الحافلات في العاصمة."]
    assert classify(lines, "ar") == [None, "boilerplate_phrase", "boilerplate_teaser", None]


def test_lines_repeated_across_a_site_are_dropped_but_repeated_prose_is_left_to_dedup() -> None:
    chrome = "خدمة الرسائل القصيرة اشترك الآن"
    prose = "وأجريت الانتخابات الأخيرة عام 2009، وكان يفترض أن تستمر ولاية البرلمان أربعة أعوام."
    repeated = RepeatedLines.count([("example.org", [chrome, prose])] * 3, min_docs=3)
    assert not RepeatedLines.count([("example.org", [chrome, chrome])] * 2, min_docs=3).keys  # once per document
    body = "أعلنت وزارة الصحة اليوم عن حملة وطنية للتطعيم تستهدف مليون طفل في المدن."
    assert classify([body, chrome, prose], "example.org", repeated) == [None, "boilerplate_repeated", None]
    assert classify([body, chrome], "other.org", repeated) == [None, "boilerplate_footer"]


def test_matching_key_folds_spelling_variants_but_output_is_untouched() -> None:
    assert line_key("اقرأ أيضاً:") == line_key("إقرا ايضا")
    assert line_key("Read ALSO 2019") == line_key("read also 2020")
    assert site_of("https://www.Example.org/a/b", "feeds/x.jsonl") == "example.org"
    assert site_of(None, "news/ar/x.txt") == "news/ar"
