"""Readers' comments under a blog post or an article, each headed by the commenter's name over the comment's date
("Sophie B." / "22 novembre 2025 à 8 h 12 min", "Tom says" / "November 2, 2025 at 1:17 pm", "أم سالم" / "منذ
ساعتين"). Composed pages, no corpus text."""

from __future__ import annotations

from builder.rules.comments import CommentPolicy, DatedComments
from builder.rules.patterns import Dateline
from tests.test_line_rules import classify, decide

ARTICLE = ["Our neighbourhood orchard planted forty new apple trees this autumn, most of them old local varieties.",
           "Volunteers dug the holes on two Saturdays in October, and the school lent us its wheelbarrows for it.",
           "The trees should give their first real harvest in three or four years, if the deer leave them alone.",
           "Each tree has a wooden label with its name, the year it was planted and the family who looked after it.",
           "We will hold a small pruning workshop in February for anyone who wants to learn how it is done.",
           "Share this",
           "3 thoughts on this post"]
COMMENTS = ["Aline M.",
            "12 novembre 2025 à 9 h 05 min",
            "What a lovely project, we tried the same thing in our village last year and it worked well.",
            "Reply",
            "Bob says",
            "November 13, 2025 at 4:20 pm",
            "Which varieties did you choose? Some of the old ones need a pollinator nearby.",
            "Mostly russets, and two crab apples for the bees.",
            "Reply",
            "Leave a comment"]


def test_a_french_comment_time_with_hours_and_minutes_is_a_dateline() -> None:
    """"à 8 h 12 min" is a time as French blogs print it; a sentence that gives one is not a date line."""
    dates = ["22 novembre 2025 à 8 h 12 min", "3 mars 2024 à 19 h 03"]
    assert decide(Dateline(), dates) == ["boilerplate_dateline"] * 2
    assert decide(Dateline(), ["Le train part le 3 mars à 8 h 12 min de Lyon."]) == [None]


def test_named_and_dated_comments_under_the_article_go() -> None:
    """Two comments, each a name over a date line, under an article: the names and the comments' text go (the
    second comment's two lines too); the article stays."""
    page = ARTICLE + COMMENTS
    decided = classify(page)
    assert [decided[i] for i in range(3)] == [None, None, None]
    assert [decided[len(ARTICLE) + i] for i in (0, 2, 4, 6, 7)] == ["boilerplate_dated_comment"] * 5
    # the rule itself, once Dateline has dropped the dates and the forum row list the reply buttons
    reasons = [None] * len(page)
    for i in (1, 3, 5, 8):
        reasons[len(ARTICLE) + i] = "boilerplate_dateline" if i in (1, 5) else "boilerplate_phrase"
    taken = [i - len(ARTICLE) for i, why in enumerate(decide(DatedComments(), page, reasons=reasons)) if why]
    assert taken == [0, 2, 4, 6, 7]


def _dated(page: list[str]) -> list[str | None]:
    """The reasons the rules before DatedComments give `page`'s date lines and reply buttons."""
    return ["boilerplate_dateline" if line in (COMMENTS[1], COMMENTS[5]) else
            "boilerplate_phrase" if line in ("Reply", "Share this") else None for line in page]


def test_one_comment_over_its_reply_button_goes() -> None:
    """One name over a date, one line of text, then the reply button: a lone comment under the article."""
    one = ARTICLE[:6] + COMMENTS[:4]
    assert [i - 6 for i, why in enumerate(decide(DatedComments(), one, reasons=_dated(one))) if why] == [0, 2]


def test_a_byline_over_the_date_a_lone_unended_entry_and_a_forum_s_posts_stay() -> None:
    """A byline over the date above the article; one name over a date whose text runs to the page's end (no reply
    button under it); a forum's posts (the first post has a name and a date, and nothing of an article above it)."""
    byline = [*COMMENTS[:2], *ARTICLE[:3]]
    assert decide(DatedComments(), byline, reasons=_dated(byline)) == [None] * len(byline)
    unended = ARTICLE[:3] + COMMENTS[:3]
    assert decide(DatedComments(), unended, reasons=_dated(unended)) == [None] * len(unended)
    forum = ["Which apple trees for a small garden?", *COMMENTS[:4],
             "I would pick trees on a dwarfing rootstock, they stay under two metres and fruit early.",
             "Reply", *COMMENTS[4:9]]
    assert decide(DatedComments(), forum, reasons=_dated(forum)) == [None] * len(forum)
    assert [classify(forum)[i] for i in (1, 3, 5, 7, 9, 10)] == [None] * 6
    # a first post of two paragraphs, then replies of one line each as many as its paragraphs and more
    replies = [*forum[:4], ARTICLE[0], "Reply", *COMMENTS[4:7], "Reply", *COMMENTS[:3], "Reply"]
    assert decide(DatedComments(), replies, reasons=_dated(replies)) == [None] * len(replies)


def test_a_dated_entry_with_the_article_going_on_below_stays() -> None:
    """A live page's dated entries with the article's paragraphs under them: the names and dates are its own."""
    more = ["By noon the last tree was in the ground and the volunteers sat down to soup in the village hall.",
            "The orchard group meets again in March to prune the young trees and to mend the fence by the road.",
            "Anyone who wants to help can simply turn up on the day, with gloves and a spade if they have them."]
    page = ARTICLE[:3] + COMMENTS[:3] + COMMENTS[4:7] + more
    assert decide(DatedComments(), page, reasons=_dated(page)) == [None] * len(page)
    assert [classify(page)[i] for i in (3, 5, 6, 8)] == [None] * 4


def test_a_house_rule_with_the_comments_as_its_subject_goes_below_the_article() -> None:
    """"Comments that insult are not published" states a comment section's rule without speaking to the reader;
    the comments open it. Below the article, with nothing of the article under it, it goes. An article's last
    sentence that names who deleted comments first stays, and so does the same rule with article text under it."""
    rules = ["Comments containing insults or personal attacks will not be published.",
             "نظرات حاوی توهین منتشر نمی‌شود."]
    for rule in rules:
        assert decide(CommentPolicy(), [*ARTICLE[:3], rule]) == [None, None, None, "boilerplate_comment_policy"]
        assert decide(CommentPolicy(), [*ARTICLE[:2], rule, ARTICLE[2]]) == [None] * 4
    reported = "The council said it had deleted comments that insulted its staff on the orchard's page."
    assert decide(CommentPolicy(), [*ARTICLE[:3], reported]) == [None] * 4


def test_a_forum_reply_under_a_poster_s_name_and_rank_stays() -> None:
    """A forum's post header gives the poster's name, then their rank, then the date: a short line over the date,
    as a comment's name is, but with another short line right above it. Alone, the reply stays."""
    post = ["Reply", "gardener_jo", "Guest", COMMENTS[1], "Do the old varieties need much spraying in a wet year?",
            "Reply"]
    page = ARTICLE[:5] + post
    assert decide(DatedComments(), page, reasons=_dated(page)) == [None] * len(page)


QUESTION = ["Why does my outdoor GFCI outlet trip every time it rains?",
            "The outlet on the back patio trips whenever we get a heavy rain, and I have to reset it the next morning.",
            "It has a flat flip cover, and the box is mounted on the brick about two feet above the ground.",
            "What should I check first, before I call an electrician to look at it?",
            "Is it an in-use cover or a flat one? – jfoster Mar 3, 2024 at 15:01",
            "@jfoster flat, and one of its hinges is cracked. – patio_pete Mar 3, 2024 at 15:20",
            "2 Answers"]
ANSWERS = ["Water is almost certainly getting into the box through the cracked cover or the top entry.",
           "share edit flag",
           "answered Mar 3, 2024 at 15:44",
           "sparky_sam",
           "Check the receptacle itself as well; outdoor ones wear out after some years and trip on damp air.",
           "share edit flag",
           "answered Mar 4, 2024 at 9:02",
           "volt_vera",
           "Your Answer"]


def test_a_q_and_a_page_s_button_row_over_answered_is_no_commenter_s_name() -> None:
    """A Q&A page prints each answer's button row ("share edit flag") over "answered <date>", then the
    answerer's name: the same short line over every answer's date. It is no commenter's name over a comment's
    date, and the next answer's text under it stays (the plan's rules and the rule alone)."""
    page = QUESTION + ANSWERS
    second = len(QUESTION) + 4  # the second answer's text
    assert classify(page)[second] is None
    reasons = [None] * len(page)
    for i in (2, 6):
        reasons[len(QUESTION) + i] = "boilerplate_dateline"
    reasons[-1] = "boilerplate_phrase"
    assert decide(DatedComments(), page, reasons=reasons)[second] is None


def test_a_comment_headed_by_its_name_and_date_on_one_line_goes() -> None:
    """"Dave_K · 3 days ago", "Jordi R. · hace 2 horas": the commenter's name and the date on one line, over the
    comment, under the comments' count and over the reply button. The article stays; the same line over the
    article (a byline with its time) and one with the article going on under it stay too."""
    for head in ("Dave_K · 3 days ago", "Jordi R. · hace 2 horas"):
        page = [*ARTICLE[:5], "Comments (1)", head, "Which varieties did you choose? The old ones need pollinators.",
                "Reply"]
        reasons: list[str | None] = [None] * len(page)
        reasons[5] = reasons[8] = "boilerplate_phrase"
        decided = decide(DatedComments(), page, reasons=reasons)
        assert decided[:5] == [None] * 5
        assert decided[6:8] == ["boilerplate_dated_comment"] * 2
        assert classify(page)[:5] == [None] * 5
        byline = [head, *ARTICLE[:5]]
        assert decide(DatedComments(), byline) == [None] * len(byline)
        running = [*ARTICLE[:2], head, *ARTICLE[2:5]]
        assert decide(DatedComments(), running) == [None] * len(running)


def test_relative_times_in_swahili_malay_indonesian_italian_and_portuguese_are_datelines() -> None:
    """A comment's time as those languages print it ("saa 3 zilizopita", "2 jam yang lalu", "3 giorni fa", "há 2
    horas"), alone on its line; a sentence that starts with one is the article's."""
    times = ["saa 3 zilizopita", "siku 2 zilizopita", "2 jam yang lalu", "5 minit lalu", "3 giorni fa",
             "há 2 horas"]
    assert decide(Dateline(), times) == ["boilerplate_dateline"] * len(times)
    sentence = "Miaka 3 iliyopita, feri hii ilikuwa ikibeba abiria elfu kumi kila siku."
    italian = "3 giorni fa il sindaco ha firmato l'ordinanza per la chiusura."
    assert decide(Dateline(), [sentence, italian]) == [None] * 2
    page = [*ARTICLE[:5], "Maoni (1)", "Hassan K. · saa 3 zilizopita",
            "Hii shida ya feri haitaisha mpaka daraja lijengwe.", "Jibu"]
    reasons: list[str | None] = [None] * len(page)
    reasons[5] = reasons[8] = "boilerplate_phrase"
    assert decide(DatedComments(), page, reasons=reasons)[6:8] == ["boilerplate_dated_comment"] * 2


def test_a_short_line_split_by_a_dot_that_gives_no_date_stays() -> None:
    """A subheading split by a middle dot ("Opening times · Prices") under the article, over a paragraph and the
    share row, is no name-and-date head: its paragraph stays (the name-and-date test said no, and the mask took its
    "no" for a find)."""
    page = [*ARTICLE[:5], "Opening times · Prices", "The shop opens at eight on weekdays and a coffee costs two euros.",
            "Share this"]
    plan = classify(page)  # (the plan's Navigation takes short parts split by middle dots for a row of tabs)
    assert plan[5] != "boilerplate_dated_comment" and plan[6] is None
    reasons: list[str | None] = [None] * len(page)
    reasons[7] = "boilerplate_phrase"
    assert decide(DatedComments(), page, reasons=reasons) == [None] * len(page)


def test_a_shop_s_reviews_headed_by_name_badge_and_date_go() -> None:
    """A shop's reviews under the product's text, each headed by the reviewer's name, a badge and the date, split
    by middle dots ("Sarah K. · Verified buyer · 12 October 2026"): the heads and the reviews go; a head with two
    labels between name and date, or a figure in the name, is no such head."""
    reviews = ["Sarah K. · Verified buyer · 12 October 2026", "Beautiful colour, really warm and soft after a week.",
               "Was this review helpful?",
               "J. Morris · Verified buyer · 3 September 2026", "Bought the double for our spare room, guests love it.",
               "Was this review helpful?"]
    page = [*ARTICLE[:5], *reviews]
    reasons: list[str | None] = [None] * len(page)
    reasons[7] = reasons[10] = "boilerplate_phrase"
    assert decide(DatedComments(), page, reasons=reasons)[5:] == [
        "boilerplate_dated_comment", "boilerplate_dated_comment", None] * 2
    assert classify(page)[5:] != [None] * len(reviews)
    for head in ("Sarah K. · Verified buyer · Top 50 · 12 October 2026", "Room 12 · Verified buyer · 12 October 2026",
                 "Sarah K. · Verified buyer · Bought the double"):
        other = [*ARTICLE[:5], head, reviews[1], reviews[2], head, reviews[4], reviews[5]]
        assert decide(DatedComments(), other, reasons=reasons)[5:] == [None] * len(reviews)
