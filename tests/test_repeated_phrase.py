"""ux28 row 10: a one-line .txt of one sentence repeated 300,000 times (8.7 MB) was kept as one paragraph.
`RepeatedPhraseLine` drops a line that is one stretch of characters over and over; real paragraphs stay."""

from __future__ import annotations

from pathlib import Path

import pyarrow.parquet as pq
import pytest

from builder.config import BuildConfig
from builder.rules.repetition import RepeatedPhraseLine, period, repeated_phrase
from builder.run.pipeline import build
from tests.test_line_rules import classify, decide

SENTENCE = "The minister said on Monday that the plan for the city would be published next week."
PARAGRAPH = ("The committee met on Monday to discuss the budget for next year. Members said the plan would cut "
             "spending on roads by a tenth, while money for schools would rise. The committee met again on Friday, "
             "and the vote was put off until the spring, when the new figures are known. The committee met on "
             "Monday, its chair said, because the deadline could not wait.")


@pytest.mark.parametrize("line", [
    "The committee met on Monday. " * 1000,
    "Buy cheap watches online now, best prices guaranteed! " * 20,
    "اجتمعت اللجنة يوم الاثنين لمناقشة الميزانية. " * 12,
    "委员会周一开会讨论预算。" * 40,  # no spaces: judged on characters, not words
    ("Click here to win a free phone today " * 30)[:-9],  # the last time cut short
    # a long line opening or closing with other words (attack28: each kept as a 1 MB paragraph)
    "The committee met on Monday. " * 30_000 + "But not quite.",
    "Please enable JavaScript " + "to view the page " * 200,
    "Breaking: " + "委员会周一开会讨论预算。" * 200 + " (更新)",
])
def test_a_line_of_one_sentence_repeated_is_dropped(line: str) -> None:
    assert classify([SENTENCE, line.strip(), SENTENCE + " Talks go on."]) == [None, "repeated_phrase", None]


@pytest.mark.parametrize("line", [
    PARAGRAPH,  # a sentence's words again inside it: not periodic end to end
    "Yes. Yes. Yes. Yes. Yes.",  # short: a quote
    "We want justice! " * 3 + "The crowd then walked to the square where the mayor spoke to them for an hour.",
    ("The committee met on Monday. " * 3 + PARAGRAPH),  # three times, then text
    "| 2019 | 12 | 14 | 9 | " + " | ".join(str(n) for n in range(300)),  # a row of figures
    # a chant with the words around it, under 2,000 characters: text
    "They chanted: " + "No more war, no more war! " * 12 + "and then the crowd walked to the square.",
    # a long line whose repeats are under nine tenths of it
    "We want justice! " * 100 + PARAGRAPH,
])
def test_real_lines_with_repetition_in_them_are_kept(line: str) -> None:
    assert decide(RepeatedPhraseLine(), [line]) == [None]


def test_period_is_the_shortest_and_only_end_to_end() -> None:
    assert period("abcabcabcab") == 3
    assert period("ab" * 50) == 2
    assert period("abcabcabd") == 0
    assert not repeated_phrase("x" * 199)  # under the length
    assert repeated_phrase(" " + "x" * 200 + " ")
    assert not repeated_phrase(("a" * 300 + "b") * 3)  # a period, but fewer than 4 times


def test_an_8_mb_line_of_one_sentence_goes_to_rejects_with_its_reason(tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    (src / "spam.txt").write_text("The committee met on Monday. " * 300_000, encoding="utf-8")
    (src / "news.txt").write_text(PARAGRAPH + "\n", encoding="utf-8")
    out = tmp_path / "out"
    build([str(src)], out, BuildConfig())
    records = pq.read_table(out / "data").to_pylist()
    assert [(r["doc_id"], r["text"]) for r in records] == [("news", PARAGRAPH)]
    rejects = pq.read_table(out / "rejects").to_pylist()
    assert [(r["kind"], r["reason"], r["line"], r["char_end"]) for r in rejects if r["doc_id"] == "spam"] == \
        [("line", "repeated_phrase", 1, 8_699_999), ("document", "empty_after_clean", None, None)]
