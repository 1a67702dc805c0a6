"""Island: one or two short lines left between blocks of dropped chrome outside the article. Composed pages, no
corpus text; the reasons of the lines other rules drop are given, so each case tests Island alone, and the last
ones run the whole plan."""

from __future__ import annotations

from builder.rules.islands import Island
from tests.test_line_rules import classify, decide

P1 = "The council approved the new bus timetable on Monday after a long and heated public meeting."
P2 = "Residents said the changes would leave three villages without an evening service for the first time."
P3 = "The operator said it would review the timetable again in the spring if passenger numbers recover."
D = "boilerplate_menu"  # a line an earlier rule dropped (which rule does not matter to Island)


def test_a_widgets_title_between_two_dropped_blocks_below_the_article_goes() -> None:
    """Below the last paragraph: "Share" row dropped, a box's label and a headline kept, its list dropped."""
    page = ["Bus timetable approved", P1, P2, "Share", "Facebook",
            "More from the author", "Does the last bus still matter?", "Most read", "Footer link"]
    reasons = [None, None, None, D, D, None, None, D, D]
    assert decide(Island(), page, reasons=reasons) == [None] * 5 + ["boilerplate_island"] * 2 + [None] * 2


def test_a_tagline_between_the_sites_name_and_its_menu_goes_and_the_title_stays() -> None:
    """Above the first paragraph: the tagline is alone between dropped lines; the title (the line the lede
    vouches for) and a reporter's title under the byline are judged apart: only the title stays."""
    page = ["Valley Herald", "Your news, your town", "News", "Sport",
            "Council approves new bus timetable", "By Jane Miller", "Local Democracy Reporter", "1 December 2026",
            "The council approved the new bus timetable on Monday after a long and heated public meeting.", P2]
    reasons = [D, None, D, D, None, D, None, D, None, None]
    assert decide(Island(), page, reasons=reasons) == \
        [None, "boilerplate_island", None, None, None, None, "boilerplate_island", None, None, None]


def test_a_subheading_between_dropped_lines_inside_the_body_stays() -> None:
    """A paragraph above and below (a caption and an ad around the subheading): the article's own heading."""
    page = ["Bus timetable approved", P1, "Photo: Archive", "What changes in January", "Advertisement", P2, P3]
    reasons = [None, None, D, None, D, None, None]
    assert decide(Island(), page, reasons=reasons) == [None] * 7


def test_a_line_with_a_kept_neighbour_or_a_sentence_stays() -> None:
    """Three kept lines in a row are no island (a list the article gives, a box for other rules); a sentence
    and a long line are never one; nor a line at the page's end with nothing dropped below it."""
    three = [P1, P2, "Share", "Timetable", "Fares", "Contacts", "Footer link"]
    assert decide(Island(), three, reasons=[None, None, D, None, None, None, D]) == [None] * 7
    sentence = [P1, P2, "Share", "Thanks for reading.", "Footer link"]
    assert decide(Island(), sentence, reasons=[None, None, D, None, D]) == [None] * 5
    long_line = [P1, P2, "Share", "Residents of three villages fear losing their only bus link", "Footer link"]
    assert decide(Island(), long_line, reasons=[None, None, D, None, D]) == [None] * 5
    last = [P1, P2, "Share", "Timetable"]
    assert decide(Island(), last, reasons=[None, None, D, None]) == [None] * 4


def test_a_page_without_a_paragraph_is_left_alone() -> None:
    """Nothing to stand outside of: a page of short lines (a menu page, a list) is not this rule's."""
    page = ["Home", "Timetables", "Fares", "Contact"]
    assert decide(Island(), page, reasons=[D, None, D, None]) == [None] * 4


def test_in_the_plan_a_label_and_a_question_headline_below_the_article_go() -> None:
    """The default plan: a question headline ends a sentence, so Structure takes it for the article's last prose
    line and keeps the box's label above it; between the dropped share row and the dropped "Most read" box,
    Island takes both. The title and every paragraph stay."""
    page = ["Council approves new bus timetable", P1, P2, P3, "Share", "Facebook", "More from the author",
            "Does the last bus still matter?", "Most read", "Contact us"]
    reasons = classify(page)
    assert reasons[6:8] == ["boilerplate_island"] * 2
    assert reasons[:4] == [None] * 4


def test_a_readers_one_line_question_below_the_article_stays() -> None:
    """A forum reply that is one question between the rows of its post ("Do they accept a pass degree?"): a
    question alone below the article may be a reader's; under a label (the box's headline) it is chrome."""
    page = [P1, P2, "Reply", "Quote", "Do they accept a pass degree?", "Reply", "Page 1 of 2"]
    assert decide(Island(), page, reasons=[None, None, D, D, None, D, D]) == [None] * 7
    boxed = [P1, P2, "Reply", "Related", "Do they accept a pass degree?", "Reply", "Page 1 of 2"]
    assert decide(Island(), boxed, reasons=[None, None, D, None, None, D, D]) == \
        [None] * 3 + ["boilerplate_island"] * 2 + [None] * 2


def test_a_threads_question_title_is_a_headline_not_the_first_paragraph() -> None:
    """A forum's tagline above a thread whose title asks a question of 8 words: the title does not start the body
    (a question is a headline), so the tagline is above it, alone between dropped lines, and goes; the title
    stays."""
    page = ["The Angler's Rest", "Coarse, game and sea fishing since 2004", "Forums",
            "First time after winter grayling, nymph or dry?", "Thread starter", P1, P2]
    reasons = [D, None, D, None, D, None, None]
    assert decide(Island(), page, reasons=reasons) == [None, "boilerplate_island"] + [None] * 5
