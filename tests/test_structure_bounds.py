"""Structure's bounds come from what the page is, not from which chrome earlier rules happened to drop: a rule
that drops more chrome must never make Structure keep other chrome (issue 11, session 23)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

import pyarrow as pa
import pyarrow.compute as pc

from builder.outcomes import Document, Location
from builder.rules.paragraphs import lines_table
from builder.rules.structure import Structure
from builder.run.plan import LINE_RULES, Plan
from builder.steps import LineRule, undecided, where


@dataclass(frozen=True)
class DropTexts(LineRule):
    """A stand-in for an earlier rule that takes more chrome: drops the lines whose text is one of `texts`."""

    texts: tuple[str, ...] = ()
    name = "drop_texts"
    reasons: ClassVar[dict[str, str]] = {"boilerplate_dropped_earlier": "a line an earlier rule took"}

    def decide(self, lines: pa.Table) -> pa.Array[Any]:
        chosen = pc.is_in(lines.column("text"), value_set=pa.array(self.texts, pa.string()))
        return where(undecided(lines) & chosen.to_numpy(zero_copy_only=False), "boilerplate_dropped_earlier")


def classify(lines: list[str], earlier: tuple[str, ...] = ()) -> list[str | None]:
    """The plan's decisions for a page of `lines`, with the lines `earlier` dropped just before Structure."""
    rules = list(LINE_RULES)
    at = next(i for i, rule in enumerate(rules) if isinstance(rule, Structure))
    rules.insert(at, DropTexts(earlier))
    doc = Document("d", "\n".join(lines), "harbourweekly.example/a.txt", Location("harbourweekly.example/a.txt"))
    return Plan(tuple(rules)).classify(lines_table([doc])).to_pylist()


TICKER = "Fog slows traffic on the ring road for a third day running"
TITLE = "Old wrestling pit in the market quarter opens again after ten years"
DECK = "Young wrestlers train there at dawn while their coaches pay for the repairs themselves"
ARTICLE = [
    "The wrestling pit in the market quarter opened again this week after ten years of neglect, with forty "
    "boys on its soil on the first morning and their parents watching.",
    "The coaches mixed the soil themselves with mustard oil and turmeric, as their own teachers did, and paid for "
    "the new roof out of their own pockets.",
    "Boys from three nearby villages now come in by bus, and the coaches hope to send a team to the games next year.",
    "The city council has promised to list the pit as a heritage site before the spring, the head coach said.",
]
# readers' comments as sentences with no "Name:" before them (NamedComments takes the named rows): no rule of ours
# takes these, so the tests below choose whether an earlier rule does
COMMENTS = [
    "What a fine thing, the quarter was full of life here when we were young.",
    "My greetings to the coach and all of his pupils, and to the parents who bring them.",
]
PAGE = ["Harbour Weekly", TICKER, TITLE, DECK, *ARTICLE, "What readers said", *COMMENTS]


def test_dropping_the_comments_under_the_article_keeps_no_header_line() -> None:
    """A page whose paragraphs end with full stops and whose headlines do not: the readers' comments below the
    article, full sentences, were part of what made it look punctuated. An earlier rule that takes them must not
    turn the page into one that "does without full stops", where another story's 12-word headline in the header
    is prose and the header trim stops above it."""
    alone = classify(PAGE)
    assert alone[PAGE.index(TICKER)] == "boilerplate_header"
    assert [alone[PAGE.index(line)] for line in (TITLE, DECK, *ARTICLE)] == [None] * 6
    taken = classify(PAGE, earlier=tuple(COMMENTS))
    assert [taken[PAGE.index(line)] for line in COMMENTS] == ["boilerplate_dropped_earlier"] * 2
    assert taken[PAGE.index(TICKER)] == "boilerplate_header"
    assert [taken[PAGE.index(line)] for line in (TITLE, DECK, *ARTICLE)] == [None] * 6


def test_a_page_without_full_stops_keeps_its_long_lines_as_prose() -> None:
    """A long line without a full stop is still prose on a page whose paragraphs do without them (an Urdu story's):
    the punctuated lines an earlier rule dropped count for the page, its kept unpunctuated paragraphs outweigh
    them."""
    paragraphs = [line.rstrip(".") + " and the work goes on every morning before school in the quarter"
                  for line in ARTICLE]
    page = ["Harbour Weekly", TITLE, *paragraphs, "Comments (2)", *COMMENTS]
    taken = classify(page, earlier=tuple(COMMENTS))
    assert [taken[page.index(line)] for line in (TITLE, *paragraphs)] == [None] * (1 + len(paragraphs))


HIGHLIGHTS = [
    "Forty boys from the market quarter now train on its soil every morning",
    "The coaches paid for the new roof out of their own pockets",
    "The council promises the wrestling pit a place on its heritage list",
]
READERS = [
    *COMMENTS,
    "My father wrestled in that pit as a boy, and he would have been very proud to see it open again.",
    "Please write next about the old swimming tank behind the mosque, it needs the same kind of help.",
    "I went on Sunday morning with my son, and the coaches let him try a few holds on the new soil.",
    "Good news at last from our quarter, may the boys bring home many medals from the games next year.",
    "The old coach taught my uncle too, and it is good to see his pupils keep the place going for us.",
    "We walked past it for years and never knew what it was, thank you for telling its story so well.",
]


def test_dropping_the_comments_under_the_article_keeps_the_headline_s_lines() -> None:
    """The other direction: a short story whose headline and its three highlight lines do without full stops. On its
    kept lines the page is no punctuated one, so its 10-word lines are prose; the readers' comments an earlier rule
    dropped are sentences and (counted since session 23) make it punctuated, and then the head keeps only one title
    and two deck lines under it: the headline above the highlight the lede names, or the third highlight, went as
    boilerplate_header (one more keep line as header on a held-out page). The lines next to the title's that are
    prose on the kept lines and on the body's topic stay; the ticker above the title, on no topic of the body's,
    still goes."""
    page = ["Harbour Weekly", TICKER, TITLE, *HIGHLIGHTS, *ARTICLE[:2], "What readers said", *READERS]
    taken = classify(page, earlier=tuple(READERS))
    assert [taken[page.index(line)] for line in READERS] == ["boilerplate_dropped_earlier"] * len(READERS)
    assert taken[page.index(TICKER)] == "boilerplate_header"
    assert [taken[page.index(line)] for line in (TITLE, *HIGHLIGHTS, *ARTICLE[:2])] == [None] * 6


def test_a_drop_right_above_the_body_does_not_make_the_line_over_it_a_greeting() -> None:
    """A salutation that runs into the body ("Hallo zusammen,") is the line right above the first prose line on
    the page. An earlier rule that drops the line there (a poster's name) must not bring the header line above it
    next to the body: a row of the header that ends with a comma would then pass for a greeting and stay."""
    row, poster = "News, sports, travel, opinion,", "Saleem Qadir"
    page = ["Harbour Weekly", TITLE, row, poster, *ARTICLE]
    alone = classify(page)
    taken = classify(page, earlier=(poster,))
    assert taken[page.index(poster)] == "boilerplate_dropped_earlier"
    assert alone[page.index(row)] == taken[page.index(row)] == "boilerplate_header"
    assert [taken[page.index(line)] for line in (TITLE, *ARTICLE)] == [None] * 5
    greeting = ["Harbour Weekly", TITLE, "Hello everyone,", *ARTICLE]
    assert classify(greeting)[2] is None


def test_a_drop_inside_a_blog_s_menu_does_not_make_its_tagline_the_title() -> None:
    """Three one-word lines in a row above the body are a menu no rule took; the title is chosen below it, not the
    site's wordier tagline over it that shares a word with the story. An earlier rule that takes one of the menu's
    words must not break the run: the tagline would then be the title and the headline go as header."""
    tagline = "Independent news and sport for the market quarter and the old city"
    title = "Dawn on the sand with the young wrestlers and their coaches"
    page = ["Harbour Weekly", tagline, "Home", "Walks", "Poems", title, *ARTICLE]
    for earlier in ((), ("Walks",)):
        decided = classify(page, earlier=earlier)
        assert decided[page.index(tagline)] == "boilerplate_header"
        assert [decided[page.index(line)] for line in (title, *ARTICLE)] == [None] * 5


def test_dropping_a_box_s_headline_keeps_an_arabic_deck_that_names_the_body_s_word_without_its_article() -> None:
    """An Arabic story whose deck under the title does without a full stop: with another story's long headline kept
    between its paragraphs, the page counts as unpunctuated and the deck is prose; once an earlier rule drops the
    headline, the page punctuates and the deck stays only as a deck on the body's topic. Its words are the body's
    with the article the body writes on them ("محصول" / "المحصول"): compared without it, the deck stays."""
    title = "بساتين الرمان في القرية تستعيد عافيتها بعد ثلاثة مواسم من الجفاف"
    deck = "المزارعون يتوقعون أكبر محصول منذ عقد والتجار يشتكون من غلاء الشحن"
    body = ["بدأ مزارعو القرية منذ الأحد جني الرمان المحلي، في موسم يصفه كثير منهم بأنه الأفضل منذ عشر سنوات كاملة.",
            "ويقول أحد أصحاب البساتين إن أشجاره حملت هذا العام ضعف ما حملته في السنة السابقة بعد أمطار الربيع.",
            "وتنتظر الجمعية الزراعية وصول الشاحنات الجديدة لنقل المحصول إلى أسواق العاصمة قبل نهاية الشهر.",
            "ويأمل أصحاب البساتين أن تفتح البلدية الطريق الترابي المغلق منذ الصيف قبل أن يبدأ موسم الأمطار.",
            "وقالت البلدية إن العمل في الطريق سيبدأ الأسبوع المقبل وإنه سيستمر نحو شهر بحسب حالة الطقس."]
    boxed = "افتتاح جسر القرية القديم أمام السيارات بعد عامين من أعمال الترميم الطويلة"
    page = ["أخبار الريف", "الرئيسية", "محليات", "اقتصاد", title, deck, *body[:2], boxed, *body[2:]]
    for earlier in ((), (boxed,)):
        taken = classify(page, earlier=earlier)
        assert [taken[page.index(line)] for line in (title, deck, *body)] == [None] * 7, (earlier, taken)


def test_the_article_s_closing_list_under_a_heading_with_no_colon_survives_the_footer() -> None:
    """"Advice for the coaches' pupils" over three short unmarked items at the article's foot, with only chrome under
    them (a caption an earlier rule took, the comments): the heading names the article's subject ("coaches"), the
    items are a closed list of short lines with no sentence end, and the body runs on through them (session 28,
    rules31). A footer's heading that names nothing of the article ("Popular right now") over short links still goes,
    as does a list that runs on into a kept line."""
    advice = ["Advice for the coaches' pupils", "Bring your own towel and water", "Arrive before the morning prayer",
              "Call the head coach on 0300 555 0199"]
    caption = "The pit's new roof seen from the roof of the mosque"
    page = [TITLE, *ARTICLE, *advice, caption, "What readers said", *COMMENTS]
    decided = classify(page, (caption, "What readers said", *COMMENTS))
    assert decided[1:len(ARTICLE) + len(advice) + 1] == [None] * (len(ARTICLE) + len(advice)), decided
    footer = ["Popular right now", "Weather and tides", "Prayer times", "Radio schedule"]
    decided = classify([TITLE, *ARTICLE, *footer, caption], (caption,))
    assert decided[1 + len(ARTICLE):1 + len(ARTICLE) + len(footer)] == ["boilerplate_footer"] * len(footer), decided
