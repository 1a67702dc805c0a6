"""Composed documents for the block-level chrome rules (tests/fixtures/chrome_blocks/KIND/*.txt, every
line marked `+ ` keep or `- ` drop, as in tests/fixtures/labelled): each kind of chrome next to content
that looks like it (a sentence that cites a study, a recipe's list of ingredients), so a rule that eats
content fails here, line by line."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.labelled import load, ours_reasons

BLOCKS = Path(__file__).resolve().parent / "fixtures" / "chrome_blocks"
DOCS = load(BLOCKS)


@pytest.mark.parametrize("doc", DOCS, ids=[d.name for d in DOCS])
def test_every_line_is_kept_or_dropped_as_marked(doc) -> None:  # type: ignore[no-untyped-def]
    (reasons,) = ours_reasons([doc])
    wrong = [("keep" if keep else "drop", reason, text) for (keep, text), reason in zip(doc.lines, reasons, strict=True)
             if keep != (reason is None)]
    assert wrong == []


@pytest.mark.parametrize("reason", ["boilerplate_references", "boilerplate_apparatus", "boilerplate_consent",
                                    "boilerplate_call", "boilerplate_notice", "boilerplate_caption",
                                    "boilerplate_credit", "boilerplate_promo", "boilerplate_embed", "boilerplate_menu",
                                    "boilerplate_headlines", "boilerplate_phrase", "boilerplate_teaser",
                                    "boilerplate_rights", "boilerplate_media", "boilerplate_continuation",
                                    "boilerplate_cued_headline", "boilerplate_dateline", "boilerplate_byline",
                                    "boilerplate_quote", "boilerplate_tail", "boilerplate_comment_policy",
                                    "boilerplate_author_bio"])
def test_each_block_rule_has_composed_documents_that_need_it(reason: str) -> None:
    """The fixtures exercise every block rule: the marks above would not hold without it."""
    assert any(reason in reasons for reasons in ours_reasons(DOCS))


def test_a_box_label_goes_with_its_headlines() -> None:
    """A short label over a run of headlines between paragraphs ("Don't miss") is the box's: without
    the label the run would not be between two paragraphs, and both would stay."""
    (doc,) = [d for d in DOCS if d.name == "en-menus/02_tail_menu.txt"]
    (reasons,) = ours_reasons([doc])
    assert reasons[4:8] == ["boilerplate_headlines"] * 4


def test_chinese_lines_count_words_by_characters() -> None:
    """A Chinese line has no spaces: counted as one word it would be a title or a menu item, and an
    unpunctuated blog post all header (tests/fixtures/chrome_blocks/zh-text)."""
    from builder.text.chars import Chars
    from builder.text.keys import spaced_word_counts, word_counts

    lines = ["第二次造訪發現營區變了 印象中以前生冷招牌換成了原木招牌", "首页", "Read the full story here"]
    assert spaced_word_counts(Chars.of(lines)).tolist() == [2, 1, 5]
    assert word_counts(Chars.of(lines)).tolist() == [15, 1, 5]


def test_a_colon_lead_in_presents_the_article_lines_only_when_it_names_its_subject() -> None:
    """"Wordsworth wrote:" over a poem names what the prose is about: its lines stay. "More from our
    coverage:" over headlines shares no word with the article: it is a box's label, and the box goes."""
    docs = {d.name: d for d in DOCS}
    (box,) = ours_reasons([docs["en-menus/03_colon_label.txt"]])
    assert box[3:7] == ["boilerplate_headlines"] * 4
    (poem,) = ours_reasons([docs["en-menus/04_poem_lead_in.txt"]])
    assert poem[3:8] == [None] * 5


def test_a_thread_keeps_its_replies_where_an_article_loses_its_comments() -> None:
    """The same shape, name / date / one sentence, is a reader comment under an article (drop) and a
    reply in a forum thread (the page's content, keep): the page's tail rule tells them apart by how
    much prose stands above the replies (and so does DatedComments, which takes them first)."""
    docs = {d.name: d for d in DOCS}
    (article,) = ours_reasons([docs["en-tails/01_comments_under_article.txt"]])
    assert article[15] == article[19] == "boilerplate_dated_comment"  # the two comments
    (thread,) = ours_reasons([docs["en-tails/03_thread_of_short_replies.txt"]])
    assert [thread[i] for i in (10, 13, 16)] == [None] * 3  # the three replies


def test_the_page_tail_finds_the_article_s_end_where_structure_does() -> None:
    """PageTail and Structure decide on one prose mask (rules/structure.py `prose_lines`): a Chinese
    related headline with no 。 (36 characters, 18 words by characters) is no sentence of the article for
    either, so the tail below the article starts above it and takes it with the comment under it. With a
    prose test of its own, PageTail took it for the article's last sentence and left it to the footer trim."""
    (doc,) = [d for d in DOCS if d.name == "zh-text/03_comment_under_headline.txt"]
    (reasons,) = ours_reasons([doc])
    assert reasons[7:] == ["boilerplate_tail", "boilerplate_tail", "boilerplate_dateline", "boilerplate_tail"]


def test_notes_under_the_article_go_and_the_article_s_own_lines_of_their_shape_stay() -> None:
    """A comment section's rules, an author's bio and a company's long "About" note go; the same shapes inside
    the article stay: a quoted sentence about deleting comments with the article going on below it, a closing
    sentence about a person the article has named, a closing section whose lines move on from its label."""
    docs = {d.name: d for d in DOCS}
    (policy,) = ours_reasons([docs["en-web/10_comment_rules.txt"]])
    assert policy[3] is None and policy[7] == "boilerplate_comment_policy"
    (bio,) = ours_reasons([docs["en-tails/04_author_bio.txt"]])
    assert bio[6] == "boilerplate_author_bio"
    (named,) = ours_reasons([docs["en-tails/05_closing_person.txt"]])
    assert named[4] is None
    (note,) = ours_reasons([docs["en-references/05_long_about_note.txt"]])
    assert note[5:10] == ["boilerplate_apparatus"] * 5
    (section,) = ours_reasons([docs["en-references/06_about_section_of_article.txt"]])
    assert section[4:] == [None] * 4


def test_a_combining_mark_is_part_of_its_word_in_a_script_written_with_spaces() -> None:
    """A vowel sign, a virama or an Arabic haraka is a mark, not a letter (Python's `\\w` leaves it out): counted
    as a break, one Bengali word ("প্রণালী", a recipe's "Method") was 3 words and a 2-word ingredient 4, so a
    recipe's list looked like a run of headlines. Thai, written without spaces between words, keeps the count
    the rules were tuned on."""
    from builder.text.chars import Chars
    from builder.text.keys import word_counts

    lines = ["প্রণালী", "লবণ স্বাদমতো", "हिन्दी भाषा", "مُحَمَّد رسول الله", "ที่นี่"]
    assert word_counts(Chars.of(lines)).tolist() == [1, 2, 2, 3, 2]


def test_two_headlines_go_only_where_they_sit_right_between_two_paragraphs() -> None:
    """Two headline-like lines with no label go when nothing else of the page stands between them and the
    paragraphs around them (tests/fixtures/chrome_blocks/bare-runs); a subheading over its second line (which opens
    with a small letter) stays. Over a title with a crumb between them, a "Leave this site" button under a helpline's
    sentence is no such run: the title stays, though the lede does not vouch for it."""
    from tests.labelled import Labelled

    docs = {d.name: d for d in DOCS}
    (run,) = ours_reasons([docs["bare-runs/01_en_two_headlines.txt"]])
    assert run[3:5] == ["boilerplate_headlines"] * 2 and run[10:12] == run[13:15] == [None, None]
    head = Labelled("en-head/01.txt", "en", [
        (False, "Hillside Food Bank"),
        (False, "Need food today? Call our helpline on 0800 555 0190, open 9am to 5pm from Monday to Saturday."),
        (False, "Leave this site quickly"),
        (False, "Home > News > Christmas collection"),
        (True, 'Christmas collection: "We have never needed tins this much"'),
        (False, "1 December 2025"),
        (True, "Every December our volunteers stand outside supermarkets across the county and ask for a tin or two."),
        (True, "Last year they collected eleven tonnes of food, enough to fill our shelves until the spring."),
    ])
    (title,) = ours_reasons([head])
    assert title[3] is not None and title[4] is None
