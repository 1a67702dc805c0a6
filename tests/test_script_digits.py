"""Digits of every script the rules meet: RE2 (which runs the rules' patterns over a batch) reads `\\d` as [0-9]
alone, where the rules are written in Python's sense of it. A report's set scores and a notice's timetable written
in Persian or Arabic digits are the article's figures as they are in ASCII ones. Composed pages, through the plan."""

from __future__ import annotations

import pyarrow as pa
import pyarrow.compute as pc
import pytest

from builder.rules.masks import re2
from tests.test_line_rules import classify

REPORT = {
    "ascii": ["The women's volleyball team reached the semi-final for the first time, beating the visitors 3-1.",
              "Set scores", "First set: 25 - 21", "Second set: 22 - 25", "Third set: 25 - 18", "Fourth set: 25 - 23",
              "The captain scored 21 points and was named the best player of the match by the league."],
    "persian": ["تیم والیبال بانوان برای اولین بار در تاریخ باشگاه با نتیجه سه بر یک به نیمه‌نهایی لیگ برتر رسید.",
                "نتیجه ست‌ها", "ست اول: ۲۵ - ۲۱", "ست دوم: ۲۲ - ۲۵", "ست سوم: ۲۵ - ۱۸", "ست چهارم: ۲۵ - ۲۳",
                "کاپیتان تیم با ۲۱ امتیاز بهترین امتیازآور دیدار شد و بلیت بازی بعد از شنبه فروخته می‌شود."],
    "arabic": ["بلغ فريق الكرة الطائرة للسيدات نصف النهائي لأول مرة في تاريخ النادي بعد فوزه بثلاثة أشواط مقابل شوط.",
               "نتائج الأشواط", "الشوط الأول: ٢٥ - ٢١", "الشوط الثاني: ٢٢ - ٢٥", "الشوط الثالث: ٢٥ - ١٨",
               "الشوط الرابع: ٢٥ - ٢٣", "وسجلت قائدة الفريق ٢١ نقطة واختيرت أفضل لاعبة في المباراة من قبل الرابطة."],
}


@pytest.mark.parametrize("script", sorted(REPORT))
def test_set_scores_in_any_script_are_the_report_s_figures(script: str) -> None:
    """Four short lines in a row are a menu unless half of them give a number: "ست اول: ۲۵ - ۲۱" gives one as
    "First set: 25 - 21" does (before, RE2 found no digit in it and the Persian scores went as a menu)."""
    assert classify(REPORT[script]) == [None] * len(REPORT[script])


NOTICE = ["به اطلاع همشهریان گرامی می‌رساند با توجه به کاهش ذخیره سد، فشار آب شرب شهر شب‌ها کاهش می‌یابد.",
          "ساعات کاهش فشار بر اساس مناطق",
          "منطقه یک (شمال خیابان امام): ۲۳ تا ۵ صبح",
          "منطقه دو (مرکز شهر و بازار): ۲۴ تا ۶ صبح",
          "منطقه سه (شهرک‌های جنوبی و دانشگاه): ۱ تا ۶ صبح",
          "توصیه‌ها به شهروندان",
          "۱. مخازن ذخیره ساختمان‌ها پیش از ساعت ۲۲ پر شود.",
          "این برنامه تا پایان دی‌ماه ادامه خواهد داشت و در صورت بارندگی مناسب زودتر متوقف می‌شود."]


def test_a_timetable_in_persian_digits_is_the_notice_s_list() -> None:
    """Named figures in a row ("منطقه یک (…): ۲۳ تا ۵ صبح", a fact box's rows: `figure_list`) are the notice's own list
    with its heading, not other stories' headlines between its paragraphs, whatever digits they are written in
    (before, with the next subheading they made a run of five headline-like lines and went)."""
    assert classify(NOTICE) == [None] * len(NOTICE)


@pytest.mark.parametrize(("pattern", "text", "found"), [
    (r"\d", "۲۵", True), (r"\d", "٢١", True), (r"\d", "२१", True), (r"\d", "১২", True), (r"\d", "２５", True),
    (r"^\D+$", "ست اول", True), (r"^\D+$", "ست ۲", False),
    (r"[^\d:]{3}:", "ستا:", True), (r"[^\d:]{3}:", "۲۵۲:", False),
    (r"\\d", "\\d", True), (r"\\d", "5", False), (r"\p{Nd}", "۲", True),
])
def test_re2_reads_digits_as_python_does(pattern: str, text: str, found: bool) -> None:
    """`re2` leaves an escaped backslash and `\\p{…}` as they are, and reads `\\d`, `\\D` and `\\d` inside a class in
    every script listed."""
    assert pc.match_substring_regex(pa.array([text]), re2(pattern)).to_pylist() == [found]
