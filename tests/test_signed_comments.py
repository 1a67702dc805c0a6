"""Comments under a Q&A page's question or answer, signed after a dash with a name and a date. Composed pages,
no corpus text."""

from __future__ import annotations

from builder.rules.comments import SignedComment
from tests.test_line_rules import classify, decide

ANSWER = ("It is hungry, not dead. The smell is what a starter gives off when it has eaten all its flour, so feed "
          "it twice a day for a week and it will settle.")
THREAD = ["How do I stop my sourdough starter from smelling of acetone?",
          "My starter is three weeks old and every morning it smells like nail polish remover. Is it dead?",
          "asked 4 May by breadhead",
          "14",
          ANSWER,
          "answered 4 May by Crumb_Coach",
          "Should I discard half before each feed? – breadhead 4 May at 10:12",
          "@breadhead yes, or the jar fills up within a week. – Crumb_Coach 4 May at 11:30",
          "3",
          "Add a spoon of rye flour to each feed as well. Rye ferments faster and gets a young starter going.",
          "answered 6 May by Nadia R.",
          "Thanks, that worked within two days! — breadhead",
          "Your Answer"]


def test_a_thread_of_signed_comments_and_a_signer_the_page_names_go() -> None:
    """Two signed comments in a row are a thread; a lone one goes when its signer is named elsewhere (the asker).
    The question and the answers stay."""
    decided = decide(SignedComment(), THREAD)
    assert [i for i, why in enumerate(decided) if why == "boilerplate_comment"] == [6, 7, 11]
    assert [classify(THREAD)[i] for i in (1, 4)] == [None, None]


def test_a_lone_signed_line_by_someone_the_page_does_not_name_stays() -> None:
    """A pull quote under a post-like row: signed, but alone, and its signer is nowhere else on the page."""
    page = [*THREAD[:6], "Feed it and wait, that is all. — a baker in Lyon", "3", *THREAD[9:11]]
    assert decide(SignedComment(), page)[6] is None


def test_dashes_in_the_article_s_own_lines_stay() -> None:
    """Asides after a dash between two paragraphs (two in a row, no full stop after them: a thread's shape but the
    article's place), a match's figures with a dash between them and a dated list of press articles: the same dash
    and a few words after it, but no comment."""
    article = ["The council voted on Tuesday to reopen the old ferry route across the estuary.",
               "The first crossing is planned for the spring — in May",
               "The second pier on the island side should follow a month later — in June",
               "The ferry will carry forty passengers and ten bicycles on each of its six daily crossings."]
    assert decide(SignedComment(), article) == [None] * 4
    figures = [article[0], "Possession: Al Ahly 61% – Al Masry 39%", "Shots on target: 5 – 3", "Corners: 8 – 2"]
    assert decide(SignedComment(), figures) == [None] * 4
    press = [article[0], "- 6 December 2019: an interview on Radio Nord – the strike fund",
             "- 7 December 2019: a report in Le Courrier – donations double"]
    assert decide(SignedComment(), press) == [None] * 3


def test_a_match_result_under_the_headline_is_no_signed_comment() -> None:
    """A result line, a side and its score on either side of the dash ("Quetta 164/7 (20 overs) – Multan 167/6
    (19.5 overs)"), repeated in the page's results box, names the side after the dash again: no commenter signed it
    (session 27). A comment that gives a figure is still signed."""
    result = "Quetta 164/7 (20 overs) – Multan 167/6 (19.5 overs)"
    page = ["Multan beat Quetta in the last over to reach the semi-final",
            result,
            "Multan chased down 165 with one ball to spare on Wednesday night, their fifth win in six games.",
            "Quetta batted first and their captain made 58, but the side lost three wickets in the last two overs.",
            "Latest results",
            result,
            "Paid 300 rupees for my ticket, worth it for that last over – Atif Mar 3, 2026",
            "Multan fans were everywhere in the stands tonight – Nouman Mar 3, 2026"]
    decided = decide(SignedComment(), page)
    assert decided[1] is None
    assert decided[6:] == ["boilerplate_comment"] * 2
