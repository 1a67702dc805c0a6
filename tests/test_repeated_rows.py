"""A thread's rows: a poster's name the page repeats above each post, next to the rank, date and buttons that
other rules drop. Composed pages, no corpus text."""

from __future__ import annotations

from builder.rules.rows import Attachment, PostCredit, RepeatedRow, ThreadRows
from tests.test_line_rules import classify, decide

THREAD = ["Chain skips under load after a new cassette",
          "rider_77",
          "Posted 3 March 2024, 10:12",
          "My chain started skipping on the two smallest cogs as soon as I fitted the new cassette last week.",
          "Reply",
          "gear_head",
          "Posted 3 March 2024, 11:40",
          "A new cassette usually wants a new chain too, because the old one has stretched to the old cogs.",
          "Reply",
          "rider_77",
          "Posted 4 March 2024, 08:05",
          "Thanks, a new chain fixed it straight away, and the shifting is quiet again.",
          "Reply"]


def test_a_posters_name_the_page_repeats_next_to_dropped_rows_goes() -> None:
    reasons = classify(THREAD)
    assert reasons[1] == reasons[9] == "boilerplate_row"
    assert reasons[5] != "boilerplate_row"  # a name once on the page is not this rule's
    assert [reasons[i] for i in (0, 3, 7, 11)] == [None] * 4  # the title and the posts stay


def test_a_speakers_name_repeated_between_kept_lines_stays() -> None:
    """An interview's speaker named above each answer: the lines around the name are the article's."""
    interview = ["Ana Ruiz", "The council never asked the residents what they wanted for the square.",
                 "Why did you start the petition?",
                 "Ana Ruiz", "Because the plans were published after the vote, not before it."]
    assert decide(RepeatedRow(), interview) == [None] * 5


def test_a_short_line_said_once_next_to_a_dropped_line_stays() -> None:
    """A subheading under a dated line other rules dropped: next to a row, but the page does not repeat it."""
    page = ["Opening hours", "Posted 3 March 2024", "The library opens an hour earlier from Monday."]
    assert decide(RepeatedRow(), page, reasons=[None, "boilerplate_dateline", None]) == [None] * 3
    twice = ["Opening hours", "Posted 3 March 2024", "Opening hours"]
    assert decide(RepeatedRow(), twice, reasons=[None, "boilerplate_dateline", None]) == ["boilerplate_row", None,
                                                                                         None]


def test_a_speakers_name_under_a_dropped_caption_and_above_the_answer_stays() -> None:
    """The line above the name was dropped (a photo credit, an ad label) but the one under it is the speaker's
    answer: the name labels what follows, where a poster's name stands above the rows describing the post."""
    interview = ["Marta López", "We received more than a thousand films from forty countries this year.",
                 "Photo: Archive", "Reporter", "How are the films of the official section chosen?",
                 "Marta López", "A committee of ten watches every film over three months.", "Advertisement",
                 "Reporter", "What do you expect from the audience this year?"]
    dropped = [None, None, "boilerplate_caption", None, None, None, None, "boilerplate_phrase", None, None]
    assert decide(RepeatedRow(), interview, reasons=dropped) == [None] * len(interview)
    assert [classify(interview)[i] for i in (3, 5, 8)] == [None] * 3  # (the first name is above the body)


def test_a_count_or_date_the_page_repeats_under_dropped_rows_goes_whatever_follows() -> None:
    """A review's date under its "Verified purchase" row, above the review: row data, not a label."""
    page = ["Marta G.", "Verified purchase", "12/01/2024", "Good quality, the coffee comes out creamy.",
            "Javier R.", "Verified purchase", "12/01/2024", "The handle gets a little warm."]
    dropped = [None, "boilerplate_phrase", None, None, None, "boilerplate_phrase", None, None]
    assert decide(RepeatedRow(), page, reasons=dropped) == [None, None, "boilerplate_row", None,
                                                            None, None, "boilerplate_row", None]


def _post(name: str, rank: str, place: str, posts: str, number: int, body: list[str]) -> tuple[list[str], list]:
    """A post's lines and the reasons earlier rules gave them: its buttons, post count, date and number dropped,
    the poster's name, rank and place left."""
    lines = [name, rank, f"Posts: {posts}", place, f"{number} March 2024", f"#{number}", *body, "Reply", "Quote"]
    dropped = [None, None, "boilerplate_byline", None, "boilerplate_dateline", "boilerplate_link",
               *[None] * len(body), "boilerplate_phrase", "boilerplate_phrase"]
    return lines, dropped


def test_the_short_lines_between_a_thread_s_repeated_rows_go() -> None:
    """A poster's name, rank and place left among rows the page repeats for every post (buttons, "Posts: N",
    "#N") go; a greeting or a thank-you at a post's edge, the posts themselves and the title stay. One repeated
    line (an article's "Advertisement") is not a post's set of rows: a subheading next to it stays."""
    first, r1 = _post("rider_77", "New member", "Location: Leeds", "14", 3, [
        "Hi all,", "My chain started skipping on the two smallest cogs after I fitted the new cassette.", "Thanks"])
    second, r2 = _post("gear_head", "Moderator", "Location: York", "2 874", 4, [
        "A new cassette usually wants a new chain too, the old one has stretched to the old cogs."])
    third, r3 = _post("Lucy V", "Member", "Location: Hull", "331", 5, ["Same here, a new chain fixed it."])
    lines = ["Chain skips under load", *first, *second, *third]
    reasons = [None, *r1, *r2, *r3]
    decided = decide(ThreadRows(), lines, reasons=reasons)
    gone = [line for line, why in zip(lines, decided, strict=True) if why == "boilerplate_post_row"]
    # the first post's name and rank stand above the first dropped row: nothing repeated above them yet
    assert gone == ["Location: Leeds", "gear_head", "Moderator", "Location: York", "Lucy V", "Member",
                    "Location: Hull"]
    article = ["The council approved the budget on Tuesday after six hours of debate.", "Advertisement",
               "What changes for buses", "Advertisement", "Work on the new bus lanes starts in March.",
               "Advertisement", "Photo: Jane Doe"]
    dropped = [None, "boilerplate_phrase", None, "boilerplate_phrase", None, "boilerplate_phrase",
               "boilerplate_credit"]
    assert decide(ThreadRows(), article, reasons=dropped) == [None] * len(article)


QA_PAGE = ["How do I stop my sourdough starter from smelling of acetone?",
           "My starter is three weeks old and every morning it smells like nail polish remover. I feed it once a "
           "day with equal weights of flour and water. Is it dead?",
           "asked 4 May by breadhead (12 points)",
           "14",
           "It is hungry, not dead. The smell is what a starter gives off when it has eaten all its flour, so feed "
           "it twice a day for a week and it will settle.",
           "answered 4 May by Crumb_Coach (2.1k points)",
           "3",
           "Add a spoon of rye flour to each feed as well. Rye ferments faster and gets a young starter going.",
           "answered 6 May by Nadia R. (88 points)"]


def test_the_lines_crediting_each_post_of_a_qa_page_go() -> None:
    """Under the question and under each answer, one line in the same shape: a verb, a date, "by", a name and
    points, then the next answer's votes. The question and the answers stay."""
    decided = decide(PostCredit(), QA_PAGE)
    assert [i for i, why in enumerate(decided) if why == "boilerplate_post_credit"] == [2, 5, 8]
    # the plan keeps the question and the first answer (the last, a page's last lines, PageTail takes on main too)
    assert [classify(QA_PAGE)[i] for i in (1, 4)] == [None] * 2


def test_one_credit_alone_is_not_a_shape_the_page_repeats() -> None:
    assert decide(PostCredit(), QA_PAGE[:3]) == [None] * 3


def test_subheadings_and_a_headline_copy_that_share_words_stay() -> None:
    """Parallel subheadings above their sections' text, subheadings above a list, and the headline's copy in a
    list at the foot: each shares words in order with another line, and none closes a post."""
    text = "The ferry ran four times a day all summer, and the island's shops stayed open until ten at night."
    sections = ["Day 1 on the island", text, "Day 2 on the island", text]
    assert decide(PostCredit(), sections) == [None] * 4
    over_lists = [text, "What we know so far", "- The bridge reopens in March", text, "What we do not know yet",
                  "- Who pays for the repairs"]
    assert decide(PostCredit(), over_lists) == [None] * 6
    headline = ["Island ferry to run four times a day", text, "More from the island",
                "Island ferry to run four times a day in winter"]
    assert decide(PostCredit(), headline) == [None] * 4


def test_a_qa_page_s_credits_make_it_a_thread_for_the_rows_between_them() -> None:
    """A Q&A page repeats few rows (three posts, a button or two each), but its credits say it is a thread: the
    answerer's title and badge between the credit and the comments (both dropped) go. The same lines with nothing
    credited on the page stay, as on any page whose rows do not repeat."""
    lines = ["How do I stop my sourdough starter from smelling of acetone?",
             "My starter is three weeks old and every morning it smells like nail polish remover. Is it dead?",
             "asked 4 May by breadhead", "Share", ANSWER_TEXT, "answered 4 May by Crumb_Coach",
             "Baker, 2.1k points", "Gold badge: starters", "Should I discard half first? – breadhead 4 May", "Share",
             "Add a spoon of rye flour to each feed as well. Rye ferments faster and gets a young starter going.",
             "answered 6 May by Nadia R.", "Share"]
    credited = [None, None, "boilerplate_post_credit", "boilerplate_phrase", None, "boilerplate_post_credit",
                None, None, "boilerplate_comment", "boilerplate_phrase", None, "boilerplate_post_credit",
                "boilerplate_phrase"]
    decided = decide(ThreadRows(), lines, reasons=credited)
    assert [i for i, why in enumerate(decided) if why == "boilerplate_post_row"] == [6, 7]
    uncredited = [None if why in ("boilerplate_post_credit", "boilerplate_comment") else why for why in credited]
    uncredited[2] = uncredited[5] = uncredited[8] = uncredited[11] = "boilerplate_phrase"  # as many rows dropped
    assert sum(why is not None for why in uncredited) == sum(why is not None for why in credited)
    assert decide(ThreadRows(), lines, reasons=uncredited) == [None] * len(lines)


ANSWER_TEXT = ("It is hungry, not dead. The smell is what a starter gives off when it has eaten all its flour, so "
               "feed it twice a day for a week and it will settle.")


def test_a_line_of_figures_alone_is_a_row_the_name_above_it_sits_between() -> None:
    """An answerer's name between the credit (dropped) and their score, a line of figures alone that Structure
    drops only later ("1 204 3 17"): the figures count as a row, so the name is between two rows and goes; the
    figures themselves are left to Structure."""
    lines = ["How do I stop my sourdough starter from smelling of acetone?",
             "My starter is three weeks old and every morning it smells like nail polish remover. Is it dead?",
             "asked 4 May by breadhead", "Share", ANSWER_TEXT, "answered 4 May by Crumb_Coach", "crumb_coach",
             "1 204 3 17", ANSWER_TEXT.replace("hungry", "starving"), "answered 6 May by Nadia R.", "Share",
             "Should I discard half first? – breadhead 4 May", "Share"]
    reasons = [None, None, "boilerplate_post_credit", "boilerplate_phrase", None, "boilerplate_post_credit", None,
               None, None, "boilerplate_post_credit", "boilerplate_phrase", "boilerplate_comment", "boilerplate_phrase"]
    assert decide(ThreadRows(), lines, reasons=reasons)[5:8] == [None, "boilerplate_post_row", None]


def test_a_questions_stats_right_under_its_title_go_on_a_credited_page_only() -> None:
    """A Q&A page's stats under the question's title ("Asked 2 years ago", "Viewed 18k times", "1.2 ألف زيارة") sit
    at the edge of a run of rows, where a post's greeting would stay; right under a title that asks, on a page its
    credits make a thread, a line giving a figure there goes. The same lines on an uncredited page, and a list's
    figures at the end of a later post (above its credit), stay."""
    lines = ["How do I stop my sourdough starter from smelling of acetone?", "Asked 2 years ago", "Viewed 18k times",
             "7", "My starter is three weeks old and every morning it smells like nail polish remover. Is it dead?",
             "asked 4 May by breadhead", ANSWER_TEXT, "100 g rye flour", "2 feeds a day",
             "answered 4 May by Crumb_Coach", "Share", ANSWER_TEXT, "answered 6 May by Nadia R.", "Share"]
    reasons = [None, None, None, None, None, "boilerplate_post_credit", None, None, None, "boilerplate_post_credit",
               "boilerplate_phrase", None, "boilerplate_post_credit", "boilerplate_phrase"]
    decided = decide(ThreadRows(), lines, reasons=reasons)
    assert [i for i, why in enumerate(decided) if why == "boilerplate_post_row"] == [1, 2]
    uncredited = [None if why == "boilerplate_post_credit" else why for why in reasons]
    assert decide(ThreadRows(), lines, reasons=uncredited)[1:3] == [None, None]


def test_a_button_row_repeated_word_for_word_under_each_answer_over_its_date_goes() -> None:
    """"Share Improve this answer Follow" under each answer, word for word (no name in it), each copy over a line
    an earlier rule dropped (the date it was answered): the page's button row. The same line repeated word for
    word with the article's text under each copy (a refrain, a repeated subheading) stays."""
    row = "Share Improve this answer Follow"
    second = "Add a spoon of rye flour to each feed as well. Rye ferments faster and gets a young starter going."
    lines = [*QA_PAGE[:2], ANSWER_TEXT, row, "answered May 4, 2024 at 15:44", "crumb_coach", second, row,
             "answered May 6, 2024 at 9:02", "Your Answer"]
    reasons: list[str | None] = [None] * len(lines)
    reasons[4] = reasons[8] = "boilerplate_dateline"
    reasons[9] = "boilerplate_phrase"
    decided = decide(PostCredit(), lines, reasons=reasons)
    assert [i for i, why in enumerate(decided) if why == "boilerplate_post_credit"] == [3, 7]
    refrain = [ANSWER_TEXT, row, second, ANSWER_TEXT, row, second]
    assert decide(PostCredit(), refrain) == [None] * len(refrain)
    over_kept = [ANSWER_TEXT, row, "crumb_coach", second, row, "crumb_coach"]
    assert decide(PostCredit(), over_kept) == [None] * len(over_kept)


def test_a_post_s_attached_files_and_their_label_go() -> None:
    """A forum post's attachments: each file's name with its size (and views), as vBulletin, phpBB and XenForo
    print them, and the short label over them. A sentence that names a file, a file name alone and a
    heading over the article's text stay."""
    post = ["My tomato leaves turn yellow from the bottom up in the greenhouse, what should I do first?",
            "Attached Images", "greenhouse1.jpg (148.2 KB, 64 views)", "صوبة2.png (98,0 كيلوبايت, 41 مشاهدات)",
            "IMG_2041.JPG (45.3 KiB) Viewed 1234 times", "Reply With Quote"]
    reasons: list[str | None] = [None] * len(post)
    reasons[-1] = "boilerplate_phrase"
    assert decide(Attachment(), post, reasons=reasons) == [None] + ["boilerplate_attachment"] * 4 + [None]
    article = ["What the plan says", "The council published the plan as plan.pdf (2.3 MB) on its website.",
               "plan.pdf", "Residents have until March to respond to the consultation, the council said."]
    assert decide(Attachment(), article) == [None] * len(article)


def test_the_question_s_button_row_under_its_tags_goes_with_the_answers() -> None:
    """The question's row ("Share Improve this question Follow") stands under its tags, not under its text, so
    it is no credit alone; in the shape of the answers' rows the page credits, over its date (dropped), it goes.
    The same line on a page whose answers credit nothing stays."""
    second = "Add a spoon of rye flour to each feed as well. Rye ferments faster and gets a young starter going."
    lines = [*QA_PAGE[:2], "sourdough starter smell", "Share Improve this question Follow",
             "asked May 3, 2024 at 10:11", ANSWER_TEXT, "Share Improve this answer Follow",
             "answered May 4, 2024 at 15:44", second, "Share Improve this answer Follow",
             "answered May 6, 2024 at 9:02", "Your Answer"]
    reasons: list[str | None] = [None] * len(lines)
    for i in (4, 7, 10):
        reasons[i] = "boilerplate_dateline"
    reasons[-1] = "boilerplate_phrase"
    decided = decide(PostCredit(), lines, reasons=reasons)
    assert [i for i, why in enumerate(decided) if why == "boilerplate_post_credit"] == [3, 6, 9]
    alone = lines[:6]
    assert decide(PostCredit(), alone, reasons=reasons[:6]) == [None] * 6


# A Q&A page that credits each post at its head: the credit over the post's text, the answerer's title between
QA_HEADS = ["Can I keep basil alive indoors through the winter?",
            "asked 3 days ago by Maya_K",
            "My basil always dies by December, even on a sunny windowsill. Is there a trick to keeping it going?",
            "answered 3 days ago by Tom Ellis",
            "Master gardener",
            "Basil hates cold glass: keep the pot a hand's width from the window and water it only when the top of "
            "the soil is dry.",
            "answered 2 days ago by lena",
            "A cheap grow light on a timer for twelve hours a day kept mine going all winter long."]
QA_HEADS_AR = ["هل يمكن إبقاء الريحان حياً داخل البيت طوال الشتاء؟",
               "سُئل منذ 3 أيام بواسطة أم ريان",
               "الريحان عندي يموت كل سنة في ديسمبر مع أنه قرب نافذة مشمسة، فهل هناك طريقة لإبقائه حياً؟",
               "أُجيب منذ 3 أيام بواسطة الشيخ عبد الكريم النعيمي",
               "مهندس زراعي",
               "الريحان لا يحب الزجاج البارد، فأبعد الأصيص عن النافذة قليلاً واسقه فقط عندما يجف سطح التربة.",
               "أُجيب منذ يومين بواسطة سامي.ح",
               "استعملت مصباح نمو رخيصاً بمؤقت لاثنتي عشرة ساعة في اليوم فبقي الريحان عندي طوال الشتاء."]


def test_the_credits_heading_each_post_of_a_qa_page_go() -> None:
    """The asker's and answerers' credits over each post's text ("asked 3 days ago by X", "أُجيب منذ يومين بواسطة
    Y"), in one shape with the time in it: the page's credits, as the ones under a post are. The posts and the
    answerer's title stay for this rule."""
    for page in (QA_HEADS, QA_HEADS_AR):
        decided = decide(PostCredit(), page)
        assert [i for i, why in enumerate(decided) if why == "boilerplate_post_credit"] == [1, 3, 6], page[0]


def test_parallel_subheadings_over_their_text_stay_though_they_share_a_shape() -> None:
    """Subheadings over their sections share words in order as credits do, but tell no time: they stay."""
    text = "The ferry ran four times a day all summer, and the island's shops stayed open until ten at night."
    sections = ["Island notes", text, "Day 1 on the island with the kids", text,
                "Day 2 on the island with the kids", text]
    assert decide(PostCredit(), sections) == [None] * 6


def test_the_asker_s_line_over_the_question_s_stats_goes_a_greeting_over_its_body_stays() -> None:
    """Between a credited Q&A page's title and the question's text, the short lines above the last stats row are
    the question's head ("Question from Farah Naz, Lahore" over "312 views"), wherever the page puts the asker;
    a short line right over the body, below every stats row, opens the question ("Hello everyone") and stays."""
    reasons = [None] * 4 + [None, "boilerplate_post_credit", "boilerplate_phrase"] * 3
    tail = [ANSWER_TEXT, "answered 4 May by Crumb_Coach", "Share", ANSWER_TEXT.replace("hungry", "starving"),
            "answered 6 May by Nadia R.", "Share", ANSWER_TEXT.replace("hungry", "underfed"),
            "answered 7 May by Lou", "Share"]
    body = "My starter is three weeks old and every morning it smells like nail polish remover. Is it dead?"
    title = "How do I stop my sourdough starter from smelling of acetone?"
    head = [title, "Question from Farah Naz, Lahore", "312 views", body, *tail]
    assert decide(ThreadRows(), head, reasons=reasons)[1:3] == ["boilerplate_post_row"] * 2
    greeting = [title, "312 views", "Hello everyone", body, *tail]
    assert decide(ThreadRows(), greeting, reasons=reasons)[1:3] == ["boilerplate_post_row", None]


URDU_THREAD = ["گاڑی کا اے سی ٹھنڈا کیوں نہیں کر رہا؟", "تھریڈ شروع کنندہ: بلال احمد", "تاریخ آغاز: 3 مارچ 2025",
               "بلال احمد", "نیا رکن", "پیغامات: 15",
               "السلام علیکم،",
               "میری گاڑی کا اے سی چلتا تو ہے مگر ہوا ٹھنڈی نہیں آتی۔ گیس پچھلے مہینے بھروائی تھی۔ اب کیا کروں؟",
               "پسند · اقتباس · جواب",
               "استاد نوید", "پرانا رکن", "پیغامات: 4,210",
               "اگر گیس ابھی بھری ہے تو کمپریسر کا کلچ دیکھیں، اکثر وہی خراب ہوتا ہے اور بیلٹ ڈھیلی ہو جاتی ہے۔",
               "پسند · اقتباس · جواب",
               "بلال احمد", "نیا رکن", "پیغامات: 15",
               "بلال احمد نے کہا:", "گیس پچھلے مہینے بھروائی تھی۔",
               "آپ مستری سے کلچ کی وولٹیج چیک کروائیں، اگر بارہ وولٹ آ رہے ہیں تو کلچ بدلنا پڑے گا۔",
               "پسند · اقتباس · جواب"]


def test_an_urdu_thread_s_starter_line_start_date_and_post_counts_go() -> None:
    """The starter and start date under the title ("تھریڈ شروع کنندہ: X", "موضوع شروع کنندہ: X", "تاریخ آغاز:
    date") are a thread's bylines, and "پیغامات: N" (messages) a poster's stats, as "Thread starter X", "Start
    date" and "Posts: N" are; the posts stay."""
    decided = classify(URDU_THREAD)
    assert [decided[i] for i in (1, 2, 5, 11, 16)] == ["boilerplate_byline"] * 5, decided
    assert classify(["گندم کی بجائی کب کریں؟", "موضوع شروع کنندہ: رانا اکرم", *URDU_THREAD[2:]])[1] \
        == "boilerplate_byline"
    assert [decided[i] for i in (7, 12, 19)] == [None] * 3


def test_a_quote_of_one_sentence_from_a_post_goes_with_its_header() -> None:
    """"بلال احمد نے کہا:" over one sentence from the middle of his post ("گیس پچھلے مہینے بھروائی تھی۔"): a quote
    may give any sentence of a paragraph, not only its start. The reply under the quote stays, and so does a short
    line under a header that repeats nothing of the page."""
    decided = classify(URDU_THREAD)
    assert decided[17:19] == ["boilerplate_quote"] * 2, decided
    assert decided[19] is None
    article = ["The minister spoke to farmers in Multan on Monday. Prices will rise next year.", "He said:",
               "Prices will fall in the spring.", "Farmers at the meeting did not believe him."]
    assert classify(article)[1:3] == [None, None]


def test_a_likes_row_goes_and_a_sentence_about_likes_stays() -> None:
    """A post's or a blog's likes row: a count of members, bloggers or others and the like verb closing the line, in
    the forum's language, or the label of the list of who liked it. An article's sentence that counts people who
    liked something goes on past the verb, or counts no members."""
    body = "The council will decide on the new cycle lanes in March after a public consultation closes."
    rows = ["12 bloggers like this.", "Sam, Priya and 3 others liked this", "7 ممبرز نے اسے پسند کیا",
            "12 Mitgliedern gefällt das", "Julie et 2 autres aiment ça",
            "آپ کو یہ پیغام پسند آیا: نوید، سارہ اور ۲ دیگر"]
    for row in rows:
        assert classify([body, row, body.replace("March", "April")]) == [None, "boilerplate_reactions", None], row
    sentences = ["About 300 people liked the post before it was deleted, the police said on Monday.",
                 "سروے میں 60 فیصد افراد نے نئی بس سروس کو پسند کیا۔"]
    for sentence in sentences:
        assert classify([body, sentence, body.replace("March", "April")])[1] is None, sentence
