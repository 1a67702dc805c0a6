"""A news story's credit to its newsroom rather than to a named author ("Web Desk", "Redacción Deportes", "نمائندہ
خصوصی", "هيئة التحرير"), and bylines opened by the small word of languages the list lacked ("di …", "Na …",
"كتبت: …"), a Persian report's attribution alone on a line ("به گزارش …،"), and a correspondent's place and name
over the story's date ("حلب - أحمد الخطيب"). Composed lines."""

from __future__ import annotations

from builder.rules.credits import Credit
from builder.rules.patterns import Byline
from tests.test_line_rules import classify, decide


def test_a_newsroom_s_credit_goes() -> None:
    """A short line that opens with a newsroom's or a correspondent's title, alone or with the desk or place."""
    lines = ["Web Desk", "Staff Reporter", "Redacción Deportes", "Redacción El Norte", "di Redazione",
             "La Rédaction", "ویب ڈیسک", "نمائندہ خصوصی", "نمائندہ اخبار ملتان", "هيئة التحرير", "فريق التحرير",
             "خبرنگار ورزشی"]
    assert decide(Byline(), lines) == ["boilerplate_byline"] * len(lines)


def test_a_byline_opened_by_a_small_word_goes_when_a_name_follows() -> None:
    """"di", "Na" are also prepositions: the rest of the line must be a name (capitalised words)."""
    lines = ["di Giulia Benedetti", "Na AMINA JUMA", "كتبت: منى عبد الرحيم", "كتبت منى عبد الرحيم"]
    assert decide(Byline(), lines) == ["boilerplate_byline"] * len(lines)


def test_lines_that_only_share_the_words_stay() -> None:
    """A sentence about a newsroom, a heading that names a desk's work, a line that opens with the preposition."""
    lines = ["La redacción del periódico trabajó toda la noche para cerrar la edición.", "di notte e di giorno",
             "di 3 anni fa",
             "na kesho tena", "Staff shortages at the hospital", "The newsroom",
             "نمائندہ حکومت نے کہا کہ بجٹ جلد پیش کیا جائے گا۔"]
    assert decide(Byline(), lines) == [None] * len(lines)


def test_a_persian_report_attribution_alone_on_a_line_goes() -> None:
    """"به گزارش <agency or reporter>،" set on its own line above the first sentence credits the source; the same
    words open the article's sentence when it goes on on the same line."""
    lines = ["به گزارش خبرگزاری کویر،", "به گزارش خبرنگار شهر نیوز،",
             "به گزارش خبرگزاری کویر، قیمت گندم در بازار شهرستان امروز دو درصد افزایش یافت."]
    assert decide(Credit(), lines) == ["boilerplate_credit", "boilerplate_credit", None]


def test_a_source_label_in_turkish_russian_indonesian_dutch_or_polish_with_what_it_names_goes() -> None:
    """A source label and its agency alone on a line ("Kaynak: DHA", "Источник: ТАСС"), as "Source: Reuters" goes;
    a sentence that starts with the word ("Kaynak sular bu yıl erken çekildi.") has no colon after it and stays."""
    lines = ["Kaynak: DHA", "Источник: ТАСС", "Sumber: Antara", "Bron: ANP", "Źródło: PAP",
             "Kaynak sular bu yıl erken çekildi.", "Kaynak: Sera üreticileri zor bir kış geçirdiler ve ürün kaybı "
             "yüzde kırkı buldu, dedi birlik başkanı."]
    assert decide(Credit(), lines) == ["boilerplate_credit"] * 5 + [None, None]


BODY = "أعلنت مديرية الزراعة في المحافظة بدء توزيع البذور المحسنة على المزارعين في الريف الشمالي هذا الأسبوع."


def test_a_correspondent_s_place_and_name_over_the_date_go() -> None:
    """Under the headline, the place and the reporter ("حلب - أحمد الخطيب", "مأرب: صالح علي ناصر") or a report label
    and the name ("رپورٹ: شاہد محمود") right above the story's date: the correspondent's line, not the story's. (The
    report label and a name are a byline wherever they stand, session 28: Byline, earlier in the plan, takes them.)"""
    for credit, reason in [("حلب - أحمد الخطيب", "boilerplate_reporter"),
                           ("مأرب: صالح علي ناصر", "boilerplate_reporter"),
                           ("رپورٹ: شاہد محمود", "boilerplate_byline")]:
        page = ["أخبار المحافظة", "توزيع البذور المحسنة على مزارعي الريف الشمالي", credit, "3 مارس 2025 - 10:15 ص",
                BODY, BODY.replace("الشمالي", "الجنوبي")]
        decided = classify(page)
        assert decided[2] == reason, (credit, decided)
        assert decided[1] is None and decided[4] is None


def test_a_headline_of_the_same_shape_stays() -> None:
    """A headline "place: what happened" above the date with nothing kept above it is the story's title, and the
    shape with no date under it (a subheading in the body) is the story's too."""
    page = ["حلب: افتتاح سوق الهال", "3 مارس 2025 - 10:15 ص", BODY]
    assert classify(page)[0] is None
    page = ["توزيع البذور المحسنة على مزارعي الريف الشمالي", BODY, "حلب - ريف المحافظة الشمالي", BODY]
    assert classify(page)[2] is None


def test_a_byline_in_hausa_or_malay_and_an_urdu_staff_credit_with_the_name_go() -> None:
    """"Daga …" (Hausa), "Oleh …" (Malay) open a byline when a name follows, as "di …" and "Na …" do; a correspondent's
    title, the paper and the name after a comma ("نمائندہ مردان خبر، طارق خان") is a newsroom's credit with its
    reporter. The same small words opening a phrase or a sentence stay."""
    lines = ["Daga Aminu Bello Isa, Sokoto", "Oleh WAN NURUL AIN WAN ISMAIL", "نمائندہ مردان خبر، طارق خان"]
    assert decide(Byline(), lines) == ["boilerplate_byline"] * len(lines)
    kept = ["Daga nan aka tafi kasuwa", "Oleh itu, kerajaan negeri akan", "نمائندہ حکومت نے کہا کہ بجٹ جلد"]
    assert decide(Byline(), kept) == [None] * len(kept)
