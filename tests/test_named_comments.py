"""Readers' comments written "Name: comment" under a comments heading below the article (NamedComments), through
the plan, in several languages; an interview's or a quote's named lines stay."""

from __future__ import annotations

import pytest

from builder.rules.comments import NamedComments
from tests.test_line_rules import classify, decide

ARTICLE = [
    "The council will replace every street lamp on the embankment next year and add forty new benches along it.",
    "Residents asked the council to keep the old cast-iron railing, and it will be restored rather than replaced.",
    "The contractor will be chosen at an auction in February, and the work should take about four months.",
]


@pytest.mark.parametrize(("heading", "rows"), [
    ("Комментарии (3)", ["Сергей К.: Давно пора, там вечером страшно ходить.",
                         "tver_lena: А туалеты опять не предусмотрели?"]),
    ("التعليقات (2)", ["أبو سلطان: خطوة جميلة، نتمنى أن تشمل الشاطئ الآخر بعد.", "منى: متى موعد التسجيل للطالبات؟"]),
    ("تبصرے (2)", ["ملک شفیق: ماشاءاللہ، ہمارے بچپن میں یہاں بہت رونق ہوتی تھی۔", "رانا آصف: استاد صاحب کو سلام۔"]),
    ("نظرات", ["مریم: خیلی خوب است، امیدوارم زودتر انجام شود."]),
    ("Comments", ["Jenny R.: About time, the path is pitch dark after five.", "Tom: Will the benches have backs?"]),
])
def test_named_comments_under_a_comments_heading_below_the_article_go(heading: str, rows: list[str]) -> None:
    page = ["Embankment to get new lamps and benches", *ARTICLE, heading, *rows, "Log in to leave a comment"]
    reasons = classify(page)
    assert [reasons[page.index(row)] for row in rows] == ["boilerplate_named_comment"] * len(rows)
    assert [reasons[page.index(line)] for line in ARTICLE] == [None] * len(ARTICLE)
    assert reasons[page.index(heading)] is not None


def test_named_lines_without_a_comments_heading_or_with_the_article_below_stay() -> None:
    """An interview's named lines ("Reporter: …", "Mayor: …") have no comments heading over them; named lines under
    one with the article's prose going on below are the article's quotes."""
    interview = ["Reporter: Why now, after so many years of waiting?", "Mayor: Because the money is finally there."]
    page = [*ARTICLE, *interview]
    assert decide(NamedComments(), page) == [None] * len(page)
    quoted = [*ARTICLE[:2], "Comments", *interview, ARTICLE[2]]
    assert decide(NamedComments(), quoted) == [None] * len(quoted)
    fields = [*ARTICLE, "Comments", "Hauteur : 48 m au-dessus du fleuve.", "Attaques : 27 cette année."]
    assert decide(NamedComments(), fields) == [None] * len(fields)


# Readers' comments under headings no word list holds (Hausa, Malay, Swahili, Urdu "your opinion"): the rows' own shape
# says it, two or more "Name: sentence" rows by different readers, none of them named in the article, under a short
# line; the comment form's prompt right under the rows goes with them.
@pytest.mark.parametrize(("heading", "rows", "prompt"), [
    ("Ra'ayoyin masu karatu (2)", ["Abubakar Kware: Allah ya sa a dace, mun gode wa gwamnati.",
                                   "Hauwa Wamakko: Ina fata za a yi irin wannan a Kebbe ma."], "Rubuta ra'ayinka"),
    ("Maoni ya Wasomaji", ["Juma wa Kongwa: Hongereni sana, sisi Kongwa nasi tunahitaji kiwanda.",
                           "Mama Neema: Mafuta yanapatikana wapi mjini Dodoma?"], "Andika maoni yako"),
    ("Komen", ["Pak Long Mat: Syabas kepada semua sukarelawan, teruskan usaha murni ini.",
               "Nurul Huda: Boleh ke orang luar datang tengok pelepasan anak penyu?"], "Tulis komen"),
    ("آپ کی رائے", ["عرفان یوسفزئی: کسانوں کا مطالبہ جائز ہے، لاگت واقعی بہت بڑھ گئی ہے۔",
                    "شاہد علی: ملوں کو بھی کچھ نہ کچھ ماننا پڑے گا۔"], "تبصرہ لکھیں"),
    # one reader's row: the form's prompt under it names comments ("write a comment")
    ("آپ کی رائے", ["ارشد خان: بہت اچھا قدم، سکول کے بچوں کو ضرور لے جانا چاہیے۔"], "تبصرہ لکھیں"),
])
def test_named_comments_under_a_heading_in_any_language_go_by_their_shape(heading: str, rows: list[str],
                                                                          prompt: str) -> None:
    page = ["Embankment to get new lamps and benches", *ARTICLE, heading, *rows, prompt]
    reasons = classify(page)
    assert [reasons[page.index(line)] for line in [*rows, prompt]] == ["boilerplate_named_comment"] * (len(rows) + 1)
    assert reasons[page.index(heading)] is not None
    assert [reasons[page.index(line)] for line in ARTICLE] == [None] * len(ARTICLE)


def test_named_comments_go_with_a_most_read_box_under_them() -> None:
    """Other stories' headlines under the comments (a "most read" box: short lines with no full stop) are not the
    article going on below them; the section's own note, which repeats the heading's words, is not either: it goes
    with the comments."""
    rows = ["Giovanni R.: Finalmente una buona notizia, mio nonno portava lì le olive.",
            "Anna: Speriamo che i tempi vengano rispettati, con i cantieri qui non si sa mai."]
    note = "Ra'ayoyin masu karatu ba sa wakiltar matsayin jaridar."
    for heading, tail in (("Commenti (2)", []), ("Ra'ayoyin masu karatu (2)", [note])):
        page = ["Embankment to get new lamps and benches", *ARTICLE, heading, *rows, *tail, "I più letti",
                "Castelnuovo, la festa della castagna chiude con 12mila presenze",
                "Agropoli, nuovi orari per il parcheggio del porto",
                "Restauro delle sette fontane storiche nel centro antico di Pollica e ritorno dell'acqua dopo anni"]
        reasons = classify(page)
        assert [reasons[page.index(row)] for row in [*rows, *tail]] == ["boilerplate_named_comment"] * (len(rows)
                                                                                                    + len(tail))
        assert [reasons[page.index(line)] for line in ARTICLE] == [None] * len(ARTICLE)


def test_named_lines_the_article_owns_stay_without_a_comments_word() -> None:
    """Without a comments word over them, named lines stay when the article names their speakers (an interview's
    or a debate's), when one speaker comes back (a dialogue), when a lead-in opens them ("They said:"), or when one
    line alone is under the short line."""
    article = [*ARTICLE[:2], "Mayor Lina Park and the engineer Tom Reyes answered the residents' questions."]
    speakers = ["Lina Park: The money is finally there, so we start in spring.",
                "Tom Reyes: The old railing will be restored rather than replaced."]
    dialogue = ["Reporter: Why now, after so many years of waiting?", "Mayor: Because the money is finally there.",
                "Reporter: And the railing, will it stay where it is?"]
    said = ["Sara: The benches were overdue by a decade at least.", "Omar: We asked for lamps in every meeting."]
    for heading, rows in (("What they said", speakers), ("The interview", dialogue), ("They told us:", said),
                          ("On the street", said[:1]), ("On the street", [*said[:1], "More photos"])):
        page = ["Embankment to get new lamps and benches", *article, heading, *rows]
        assert decide(NamedComments(), page) == [None] * len(page), heading


def test_a_shop_s_reviews_with_a_badge_after_the_name_go() -> None:
    """A shop's reviews under "دیدگاه خریداران" give the reader's name, a middle dot and a badge before the colon
    ("مریم از تهران · خریدار ✔: …", "Sarah K. · Verified buyer: …"): the rows go with the heading and the prompt."""
    rows = ["مریم از تهران · خریدار ✔: رنگ‌ها از عکس هم زیباترند، بسته‌بندی عالی بود.",
            "حسین از مشهد · خریدار ✔: کمی کوچک‌تر از انتظارم بود ولی بافتش فوق‌العاده است."]
    page = ["Embankment to get new lamps and benches", *ARTICLE, "دیدگاه خریداران", *rows, "دیدگاه خود را بنویسید"]
    reasons = classify(page)
    assert [reasons[page.index(row)] for row in rows] == ["boilerplate_named_comment"] * len(rows)
    assert [reasons[page.index(line)] for line in ARTICLE] == [None] * len(ARTICLE)


# Readers' rows that end on no full stop, as most do, under a heading that names comments, readers or their views;
# the heading in seven languages, none of them on a word list before (a shop's buyers' reviews in Urdu among them).
@pytest.mark.parametrize(("heading", "rows"), [
    ("Komentar", ["Dewi Lestari: Semoga jalannya juga diperbaiki", "Pak Harun: Lampunya sudah lama mati"]),
    ("آراء القرّاء", ["أبو خالد: مشروع ممتاز والله يعطيكم العافية", "هدى: متى يبدأ العمل في الحي الشمالي"]),
    ("د لوستونکو نظرونه", ["نجیب الله: ښه کار دی خو ډېر ناوخته شو", "زرمینه: زموږ سړک ته هم پام وکړئ"]),
    ("پڙهندڙن جا رايا", ["اياز علي: ڏاڍو سٺو ڪم ٿيو آهي", "ثميره: اسان جي ڳوٺ ۾ به روشني گهرجي"]),
    ("خریداروں کے جائزے", ["نادیہ، ملتان: سائز بالکل ٹھیک تھا اور رنگ بھی اچھا", "کامران: وقت پر پہنچ گیا شکریہ"]),
    ("Opiniões dos leitores", ["Rui Mendes: Já não era sem tempo", "Carla S.: E a ciclovia, fica para quando"]),
    ("Leserstimmen", ["Jens K.: Endlich tut sich da etwas", "Marta: Hoffentlich bleiben die alten Bänke"]),
])
def test_unpunctuated_rows_under_a_heading_that_names_readers_or_their_views_go(heading: str,
                                                                                rows: list[str]) -> None:
    page = ["Embankment to get new lamps and benches", *ARTICLE, heading, *rows, "Most read",
            "Ferry fares to rise in the spring", "New school opens on the hill"]
    reasons = classify(page)
    assert [reasons[page.index(row)] for row in rows] == ["boilerplate_named_comment"] * len(rows), heading
    assert reasons[page.index(heading)] is not None
    assert [reasons[page.index(line)] for line in ARTICLE] == [None] * len(ARTICLE)


def test_unpunctuated_named_values_under_a_heading_that_names_no_reader_stay() -> None:
    """"Name: value" lines with no full stop under a short heading that names no reader or view are the article's own
    list at its end (a recipe's parts, a walk's stages), whoever they name (whether another rule takes such a list
    is that rule's)."""
    parts = ["Dough: flour, water and a pinch of salt", "Filling: spinach, feta and a little dill"]
    stages = ["Morning stage: the harbour wall to the lighthouse", "Afternoon stage: the cliff path back to town"]
    for heading, rows in (("What you need", parts), ("The route", stages)):
        page = ["Embankment to get new lamps and benches", *ARTICLE, heading, *rows]
        assert decide(NamedComments(), page) == [None] * len(page), heading


def test_a_comments_heading_an_earlier_rule_dropped_ends_a_run_of_named_lines_above_it() -> None:
    """A tags line shaped like a row ("Keywords: lamps, benches, embankment") right above the comments heading, which
    the phrase list drops, is no row of the comments under it: the rows' run starts under the heading, so the
    heading (not the article's last paragraph) is what heads them."""
    rows = ["Sami: God bless you, the old lamps were a disgrace", "Umm Firas: Please fix the bridge lamps as well"]
    page = ["Embankment to get new lamps and benches", *ARTICLE, "Keywords: lamps, benches, embankment", "Comments",
            *rows, "Write a comment"]
    reasons = classify(page)
    assert [reasons[page.index(row)] for row in rows] == ["boilerplate_named_comment"] * len(rows)
    assert [reasons[page.index(line)] for line in ARTICLE] == [None] * len(ARTICLE)


def test_named_comments_under_a_heading_that_counts_them_go_whatever_prose_is_below() -> None:
    """A heading that counts the comments ("11 Comments", "9 تبصرے") heads the comment section: the rows under it
    go though the author's bio or the site's notice, prose, comes under them (session 27). Under a bare "Comments"
    heading, prose below still makes the named lines the article's quotes."""
    interview = ["Reporter: Why now, after so many years of waiting?", "Mayor: Because the money is finally there."]
    bio = "Hi, I'm Hanna! A teacher on a long break, writing about seeing Europe by rail on a small budget."
    for heading in ("11 Comments", "9 تبصرے"):
        page = [*ARTICLE, heading, *interview, bio]
        assert decide(NamedComments(), page) == [None] * 3 + ["boilerplate_named_comment"] * 3 + [None]
    page = [*ARTICLE, "Comments", *interview, bio]
    assert decide(NamedComments(), page) == [None] * len(page)


def test_a_reader_s_handle_with_figures_and_a_uyghur_comments_heading_go() -> None:
    """A reader signs with a handle that ends in figures ("Lumière42", "kiev_sasha7"), one word: the row goes under
    the comments heading. "ئىنكاسلار" (Uyghur: comments) names the section as "Commentaires" does. A named value
    whose name holds a figure and a space ("Phase 2: …") is no handle."""
    rows = ["Lumière42 : Une institution ! J'espère qu'elle trouvera quelqu'un.",
            "kiev_sasha7: Давно пора, там вечером страшно ходить."]
    for heading in ("Commentaires (2)", "ئىنكاسلار (2)"):
        page = ["Embankment to get new lamps and benches", *ARTICLE, heading, *rows, "Most read"]
        reasons = classify(page)
        assert [reasons[page.index(row)] for row in rows] == ["boilerplate_named_comment"] * len(rows), heading
        assert [reasons[page.index(line)] for line in ARTICLE] == [None] * len(ARTICLE)
    phases = ["Phase 2: the harbour wall is raised by a metre.", "Phase 3: the cliff path is paved again."]
    page = [*ARTICLE, "Comments", *phases]
    assert decide(NamedComments(), page) == [None] * len(page)



def test_a_reactions_heading_names_the_comments() -> None:
    """"Réactions (1)", "Reaktionen (1)", "Reacciones (1)": readers' reactions are the comment section's heading in
    French, German and Spanish, as "Commentaires" is, so one reader's row under it goes too (session 28, rules31).
    Under a "Réactions" subheading with the article's prose below, the speakers it quotes stay."""
    row = "Claudine64 : Ma mère y travaillait dans les années 60 !"
    for heading in ("Réactions (1)", "Reaktionen (1)", "Reacciones (1)"):
        page = ["Embankment to get new lamps and benches", *ARTICLE, heading, row, "Log in to leave a comment"]
        reasons = classify(page)
        assert reasons[page.index(row)] == "boilerplate_named_comment", (heading, reasons)
        assert [reasons[page.index(line)] for line in ARTICLE] == [None] * len(ARTICLE)
    speakers = ["Ellen Ward: We listened to the people who walk here every evening.",
                "Tom Reyes: It is about time, and I hope they keep them clean."]
    page = [*ARTICLE[:2], "Réactions", *speakers, ARTICLE[2]]
    assert decide(NamedComments(), page) == [None] * len(page)


def test_the_section_s_note_between_the_heading_and_the_rows_goes_with_them() -> None:
    """"Comments" / "Please keep to the rules of debate: any abusive comment will be removed." / the rows: the
    section's note, a sentence that names comments right under the comments heading, is passed over and goes with
    the rows (session 28, rules31, ar-oujdapress's kind). A sentence of the article between a heading and the rows
    keeps the rows from it."""
    note = "Please keep to the rules of debate: any abusive comment will be removed."
    rows = ["Jenny R.: About time, the path is pitch dark after five.", "Tom: Will the benches have backs?"]
    page = ["Embankment to get new lamps and benches", *ARTICLE, "Comments", note, *rows]
    reasons = classify(page)
    assert [reasons[page.index(line)] for line in (note, *rows)] == ["boilerplate_named_comment"] * 3, reasons
    assert [reasons[page.index(line)] for line in ARTICLE] == [None] * len(ARTICLE)
    said = "The mayor said the railings would be painted green, as they were when the embankment was built."
    page = [*ARTICLE, "Comments", said, *rows]
    assert decide(NamedComments(), page)[:len(ARTICLE) + 2] == [None] * (len(ARTICLE) + 2)


def test_a_reader_s_name_and_when_they_wrote_before_the_colon_go() -> None:
    """"ValleyMum · 2h ago: Who pays …": the reader's name and the time they wrote, split by a middle dot, before the
    colon (a feed's short units, "3h ago", are a relative time as "3 hours ago" is) (session 28, rules31). A shop's
    badge after the dot stays the badge it was; an article's "Phase 2 · 2027: …" gives no reader's name."""
    rows = ["ValleyMum · 2h ago: Who pays for the lifeguards after year two?",
            "Tom_B · 3 hours ago: About time, my dad swam there in the nineties."]
    page = ["Embankment to get new lamps and benches", *ARTICLE, "Comments (2)", *rows, "Most read"]
    reasons = classify(page)
    assert [reasons[page.index(row)] for row in rows] == ["boilerplate_named_comment"] * len(rows), reasons
    assert [reasons[page.index(line)] for line in ARTICLE] == [None] * len(ARTICLE)
    from builder.rules.comments import _row_name
    assert _row_name("ValleyMum · 2h ago: Who pays for the lifeguards after year two?") == "ValleyMum"
    assert _row_name("Phase 2 · 2027: the harbour wall is raised by a metre.") is None
