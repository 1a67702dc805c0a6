"""A Q&A page's rows around its posts: the vote count's label under the count, the accepted answer's mark, the
"add your answer" heading of the form under the answers, in several languages. The question and the answers stay.
Composed pages, through the plan."""

from __future__ import annotations

import pytest

from tests.test_line_rules import classify

QUESTION = "Why do the leaves of my potted lemon tree turn yellow and drop at the start of winter?"
ASKED = "I water it every morning because the sun is strong, and I have not fed it since the summer."
ANSWER = "Most likely it is too much water rather than the cold: a potted lemon needs far less water in winter."
MORE = "Let the top five centimetres of soil dry out between waterings, and check that the drainage holes are clear."


@pytest.mark.parametrize(("votes", "accepted", "form"), [
    ("Votes", "Accepted answer", "Add your answer"),
    ("تصويت", "الإجابة المعتمدة ✓", "أضف إجابتك"),
    ("Votos", "Respuesta aceptada", "Tu respuesta"),
    ("ووٹ", "بہترین جواب", "آپ کا جواب"),
])
def test_a_q_and_a_page_s_vote_label_accepted_mark_and_answer_form_go(votes: str, accepted: str, form: str) -> None:
    page = [QUESTION, "12", votes, ASKED, "3 answers", "27", accepted, ANSWER, MORE, form]
    decided = classify(page)
    assert [decided[i] for i in (0, 3, 7, 8)] == [None] * 4, decided
    assert all(decided[i] is not None for i in (1, 2, 5, 6, 9)), decided


@pytest.mark.parametrize(("asked", "answered"), [
    ("سأل: أم جود · منذ 3 أيام · شوهد 1,284 مرة", "أجاب: م. نايف العتيبي"),
    ("سُئل بواسطة أبو ريان منذ 3 أيام", "أُجيب منذ يومين"),
    ("Asked 2 days ago · Modified today · Viewed 318 times", "Answered: Hollis Brandt"),
])
def test_a_credit_that_opens_with_the_q_and_a_verb_goes_alone(asked: str, answered: str) -> None:
    """One credit of each kind on the page, so no two share a shape: the verb as a label (a colon after it) or a
    line that tells when is a credit by itself. The question, the answer, and a report's sentence that opens with
    the same verb stay."""
    report = "Asked about the delay, the council said the new pots would arrive from the supplier in March."
    page = [QUESTION, asked, ASKED, ANSWER, MORE, answered, report]
    decided = classify(page)
    assert [decided[i] for i in (0, 2, 3, 4, 6)] == [None] * 5, decided
    assert decided[1] == decided[5] == "boilerplate_post_credit", decided
