"""A Q&A site's or forum's box of other threads' questions under the thread ("Related questions", "پرسش‌های
مرتبط", "Discussions similaires"): a short label over two or more short questions, below the thread's rows.
Composed lines."""

from __future__ import annotations

from tests.test_line_rules import classify

_QUESTION = ["Why does my kitchen tap drip after I close it?", "alice_k", "asked 3 days ago",
             "The tap in our kitchen keeps dripping for a minute after I close it, even with a new washer.",
             "Is this the cartridge, or is the water pressure in the house too high for the mixer?"]
_ANSWER = ["Almost always the cartridge: a worn ceramic disc lets water through for a while after closing.",
           "Turn off the water under the sink, take the handle off and bring the old cartridge to the shop.",
           "answered 2 days ago by plumber_joe (1,240 points)", "Add a comment",
           "Mine did the same, and a new cartridge from the hardware shop fixed it in ten minutes.",
           "answered 1 day ago by handy_sam (310 points)", "Your answer", "You must log in to post an answer."]


def test_a_label_over_other_threads_questions_goes() -> None:
    """The label and the questions under it, one of them without its question mark, below the thread's rows."""
    page = [*_QUESTION, *_ANSWER, "Related questions", "How do I replace a shower cartridge?",
            "What pressure is normal for a house water supply",
            "Can a dripping tap raise the water bill much?", "© 2026 Example Answers", "Privacy | Terms"]
    decided = classify(page)
    assert decided[13] is not None  # the label ("Related questions" is a phrase too)
    assert decided[14:17] == ["boilerplate_related_questions"] * 3
    assert decided[5] is None and decided[6] is None


def test_a_persian_forum_s_similar_threads_go() -> None:
    page = ["شیر آشپزخانه بعد از بستن چکه می‌کند، چه کنم؟", "پرسیده شده ۲ آذر توسط مریم",
            "شیر آشپزخانه ما بعد از بستن تا یک دقیقه چکه می‌کند، حتی با واشر نو. مشکل از کجاست؟",
            "بیشتر وقت‌ها مشکل از کارتریج شیر است و باید آن را عوض کنید، کار سختی نیست و ارزان است.",
            "پاسخ داده شده ۳ آذر توسط رضا_تاسیسات (امتیاز ۴٬۸۲۰)", "ممنون، همین بود! — مریم",
            "من هم همین مشکل را داشتم و با عوض کردن کارتریج در ده دقیقه درست شد، هزینه‌اش هم زیاد نبود.",
            "پاسخ داده شده ۴ آذر توسط سیما۶۴ (امتیاز ۳۱۰)", "کارتریج را از کجا خریدید؟ — مریم", "پاسخ شما",
            "برای نوشتن پاسخ باید وارد شوید.",
            "پرسش‌های مرتبط", "فشار آب خانه چقدر باید باشد؟",
            "چطور کارتریج دوش را عوض کنیم؟", "درباره ما | قوانین | تماس با ما"]
    decided = classify(page)
    assert decided[11:14] == ["boilerplate_related_questions"] * 3


def test_an_answer_s_own_questions_and_an_article_s_stay() -> None:
    """Questions an answer asks under its own subheading have the answer's prose below them; an article's open
    questions under a subheading are on no thread's page."""
    answer = [*_QUESTION, *_ANSWER[:2], "answered 2 days ago by plumber_joe (1,240 points)", "Add a comment",
              "Things to check first", "Is the washer seated the right way round?", "Is the handle screw tight?",
              "If both are fine, the cartridge is worn and the only fix is to replace it with the same model.",
              "Take the old one to the shop so they can match its splines and length exactly, it saves a trip.",
              "answered 1 day ago by handy_sam (310 points)", "© 2026 Example Answers"]
    decided = classify(answer)
    assert decided[11:14] == [None, None, None]
    article = ["Council delays the bridge vote again", "The council postponed its vote on the river bridge on "
               "Monday, the third delay this year, after engineers asked for another survey of the piers.",
               "Residents said the closure has doubled their journeys to the town centre since the spring.",
               "Questions still open", "Who pays for the second survey?", "When will the bridge reopen to buses?"]
    assert classify(article)[3:6] == [None, None, None]
