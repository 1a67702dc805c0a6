"""A comment section's house rules under the article (`comments.CommentPolicy`), through the plan: they go with a
related or most-read box's unpunctuated headlines under them, and stay where a sentence of the article follows.
Composed lines, in four languages."""

from __future__ import annotations

from builder.rules.comments import CommentPolicy
from builder.rules.menus import Menu
from tests.test_line_rules import classify, decide

BODY_AR = ["قررت البلدية إغلاق السوق القديم أسبوعين لإصلاح شبكة الصرف التي تضررت في أمطار الشهر الماضي.",
           "وقال التجار إنهم سيفتحون محلات مؤقتة في الساحة المجاورة حتى تنتهي الأشغال.",
           "ويأمل السكان أن تنتهي الأشغال قبل شهر رمضان."]
BODY_MS = ["Majlis daerah akan membaiki jalan utama ke jeti nelayan mulai minggu depan selepas banjir bulan lalu.",
           "Kerja pembaikan dijangka mengambil masa tiga minggu dan jalan akan ditutup pada waktu malam.",
           "Penduduk diminta menggunakan jalan alternatif melalui kampung sebelah."]
BODY_UR = ["شہر کی پرانی لائبریری کی عمارت کی مرمت کا کام اگلے ماہ شروع ہو گا۔",
           "بلدیہ کے مطابق مرمت کے دوران کتابیں قریبی سکول کے ہال میں منتقل کی جائیں گی۔",
           "قارئین کو امید ہے کہ لائبریری گرمیوں سے پہلے دوبارہ کھل جائے گی۔"]
# a box under the comment form: its headlines are long and end no sentence
BOX_AR = ["الأكثر قراءة", "ارتفاع أسعار الخضر في الأسواق الشعبية مع بداية فصل الشتاء الحالي",
          "افتتاح ملعب جديد للقرب في الحي الجامعي بحضور ممثلي السلطات المحلية"]
BOX_MS = ["Berita Berkaitan", "Harga ikan di pasar borong naik menjelang musim tengkujuh tahun ini",
          "Sekolah baharu di pinggir bandar mula menerima murid pada bulan Januari depan"]
BOX_UR = ["مزید خبریں", "شہر میں گیس کی لوڈشیڈنگ کے خلاف تاجروں کا احتجاج دوسرے روز بھی جاری رہا",
          "نئے تعلیمی سال کے لیے سرکاری سکولوں میں داخلے کی تاریخ میں توسیع کر دی گئی"]


def test_the_house_rules_go_above_a_box_of_headlines() -> None:
    """Each policy names comments, what happens to them, and speaks to the reader (a request, "anda", "آپ کا
    تبصرہ" with the comment word third) or has them as its subject; a box's headlines under it are not the article
    going on."""
    pages = [(BODY_AR, "المرجو عدم نشر تعليقات تتضمن السب، وكل تعليق مخالف يحذف.", BOX_AR),
             (BODY_MS, "Komen anda tertakluk kepada kelulusan pentadbir.", BOX_MS),
             (BODY_UR, "آپ کا تبصرہ منظوری کے بعد شائع ہو گا۔", BOX_UR)]
    for body, policy, box in pages:
        decided = classify([*body, policy, *box])
        assert decided[len(body)] == "boilerplate_comment_policy", policy
        assert decided[:len(body)] == [None] * len(body)


def test_comments_closed_goes_under_the_article() -> None:
    body = ["The council will close the swimming pool for two years of repairs, councillors decided on Monday.",
            "Clubs will have to find pool time in neighbouring towns from January.",
            "The mayor promised the pool would reopen before the summer of 2029."]
    decided = classify([*body, "Comments are closed on this article."])
    assert decided == [None, None, None, "boilerplate_comment_policy"]


def test_the_same_sentence_with_the_article_s_sentences_under_it_stays() -> None:
    """An article about a site's comments, with its own sentences under the one that reads like the rules."""
    for body, line, more in [
            (BODY_MS, "Komen anda tertakluk kepada kelulusan pentadbir, kata jurucakap portal itu kepada wartawan.",
             "Portal itu menerima lebih seribu komen sehari sejak bulan lalu, menurut jurucakap tersebut."),
            (BODY_UR, "آپ کا تبصرہ منظوری کے بعد شائع ہو گا، ویب سائٹ کے منتظم نے بتایا۔",
             "منتظم کے مطابق روزانہ سینکڑوں تبصرے موصول ہوتے ہیں جن میں سے اکثر شائع کر دیے جاتے ہیں۔")]:
        assert classify([*body, line, more]) == [None] * (len(body) + 2), line


def test_a_run_of_short_lines_does_not_borrow_the_tags_words() -> None:
    """Tags under their label name the article's subjects; a run of short lines further down (a comment form's
    fields under the house rules, which an earlier rule took) is judged on its own words: on the base the tags
    joined the run through the dropped lines and made it look like the article's list."""
    pages = [
        (["بازار سرپوشیده شهر این روزها خلوت‌تر از همیشه است و فروشندگان فیروزه از کاهش مشتری می‌گویند.",
          "به گفته فروشندگان، گرانی سنگ و کاهش گردشگر دو دلیل اصلی رکود بازار فیروزه است."],
         ["برچسب ها:", "فیروزه", "بازار", "گردشگر", "ارسال به دوستان"],
         ["نظرات", "نظرات حاوی توهین منتشر نخواهد شد."],
         ["نام", "ایمیل", "متن نظر", "ارسال", "پربازدیدترین ها"]),
        (["The covered bazaar has been quieter than ever this winter, and turquoise sellers blame fewer visitors.",
          "Traders say dearer stone and fewer tourists are the two reasons the bazaar is struggling."],
         ["Tags:", "Turquoise", "Bazaar", "Tourists", "Print"],
         ["Comments", "Comments are moderated before they are published."],
         ["Name", "Email", "Your comment", "Send", "Most read"])]
    for body, tags, dropped, form in pages:
        texts = [*body, *tags, *dropped, *form]
        reasons = [None] * (len(body) + len(tags)) + ["boilerplate_phrase"] * len(dropped) + [None] * len(form)
        decided = decide(Menu(), texts, reasons=reasons)
        assert decided[:len(body)] == [None] * len(body)
        assert decided[len(body):len(body) + len(tags)] == ["boilerplate_menu"] * len(tags)
        assert decided[-len(form):] == ["boilerplate_menu"] * len(form), form


def test_a_notice_that_comments_need_a_login_or_are_off_goes_between_dropped_lines() -> None:
    """What the reader must do before commenting ("Zum Kommentieren bitte anmelden.", "Untuk berkomentar silakan
    masuk …") or that commenting is off ("Commenting has been turned off …"), between two lines earlier rules dropped
    (the comments heading and a box's heading), goes even with the site's prose further down (a press regulator's
    notice). The same sentence between two of the article's sentences stays: it reports."""
    body = ["The council will close the swimming pool for two years of repairs, councillors decided on Monday.",
            "Clubs will have to find pool time in neighbouring towns from January.",
            "The mayor promised the pool would reopen before the summer of 2029."]
    press = "The Courier is a member of the Independent Press Standards Organisation, which regulates the press."
    for notice in ("Zum Kommentieren bitte anmelden.", "Untuk berkomentar silakan masuk terlebih dahulu.",
                   "Commenting has been turned off for this story."):
        page = [*body, "Comments (2)", notice, "Most read", press]
        reasons = [None] * len(body) + ["boilerplate_phrase", None, "boilerplate_phrase", None]
        assert decide(CommentPolicy(), page, reasons=reasons)[len(body) + 1] == "boilerplate_comment_policy", notice
        inside = [*body[:2], notice, body[2], press]
        assert decide(CommentPolicy(), inside) == [None] * len(inside), notice
