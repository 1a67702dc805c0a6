"""A line made of one sentence or phrase said over and over ("The committee met on Monday. The committee met on
Monday. …", 8.7 MB of it: ux28 row 10). `RepetitiveLine` (patterns.py) takes lines of at most 4 distinct words;
a sentence has more, so this rule judges the line's characters instead: the whole line repeats one stretch of at
most REPEATED_PHRASE_MAX_PERIOD characters, at least REPEATED_PHRASE_MIN_TIMES times (the last time may be cut
short). Characters, not words, so a line of Chinese or Japanese (no spaces) is judged too."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

import numpy as np
import pyarrow as pa

from builder.rules.patterns import OneLine
from builder.steps import array, undecided

REPEATED_PHRASE_MIN_CHARS = 200  # shorter lines ("Yes. Yes. Yes.") are a quote or a chant, and few
REPEATED_PHRASE_MIN_TIMES = 4
REPEATED_PHRASE_MAX_PERIOD = 1000
# A long line may open or close with a few other words and still be one phrase over and over ("Please enable
# JavaScript " and 1 MB of "to view the page ", or one sentence 47,000 times and "but not quite": attack28, each kept
# as a 1 MB paragraph): from REPEATED_PHRASE_EDGED_CHARS on, its middle, without up to a twentieth of it at each end,
# is judged. A shorter line with words around its repeats ("They chanted: …" and what the crowd did then) is text.
REPEATED_PHRASE_EDGED_CHARS = 2000
REPEATED_PHRASE_EDGE = 20  # each end may be up to 1/20 of the line
_HEAD = 32  # a period p has the line's first _HEAD characters again at p: the cheap test before the whole line


def period(text: str) -> int:
    """The shortest p <= REPEATED_PHRASE_MAX_PERIOD such that `text` is its first p characters over and over
    (text[i] == text[i + p] for every i), or 0. Only the places where the line's first characters come again are
    tried, so an ordinary line costs one search of its first thousand characters. (A period over half the text is
    not looked for.)"""
    head = text[:min(_HEAD, len(text) // 2)]
    if not head:
        return 0
    at = text.find(head, 1, REPEATED_PHRASE_MAX_PERIOD + len(head))
    while at > 0:
        if text[at:] == text[:-at]:  # text has period `at`
            return at
        at = text.find(head, at + 1, REPEATED_PHRASE_MAX_PERIOD + len(head))
    return 0


def repeated_phrase(text: str) -> bool:
    """Whether `text` (spaces around it aside) is one stretch of characters repeated REPEATED_PHRASE_MIN_TIMES
    times or more, and at least REPEATED_PHRASE_MIN_CHARS long; from REPEATED_PHRASE_EDGED_CHARS on, other words at
    its ends (up to 1/REPEATED_PHRASE_EDGE of it each) aside."""
    text = text.strip()
    if len(text) < REPEATED_PHRASE_MIN_CHARS:
        return False
    if _repeats(text):
        return True
    edge = len(text) // REPEATED_PHRASE_EDGE
    return len(text) >= REPEATED_PHRASE_EDGED_CHARS and _repeats(text[edge:len(text) - edge])


def _repeats(text: str) -> bool:
    p = period(text)
    return p > 0 and len(text) >= REPEATED_PHRASE_MIN_TIMES * p


@dataclass(frozen=True)
class RepeatedPhraseLine(OneLine):
    """A line of one sentence or phrase over and over: no text, however long, and a paragraph of its own if kept.
    A real paragraph never repeats itself whole, end to end; a refrain inside it does not make the line periodic."""

    name = "repeated_phrase"
    reasons: ClassVar[dict[str, str]] = {
        "repeated_phrase": f"a line of {REPEATED_PHRASE_MIN_CHARS} characters or more that is one sentence or phrase "
                           f"(at most {REPEATED_PHRASE_MAX_PERIOD} characters) repeated end to end, "
                           f"{REPEATED_PHRASE_MIN_TIMES} times or more (from {REPEATED_PHRASE_EDGED_CHARS:,} "
                           f"characters on, a few other words at its ends aside): no text",
    }

    def matches(self, lines: pa.Table) -> np.ndarray:
        found = np.zeros(len(lines), dtype=bool)
        rows = np.flatnonzero((array(lines, "length") >= REPEATED_PHRASE_MIN_CHARS) & undecided(lines))
        if rows.size:
            texts: list[Any] = lines.column("text").take(rows).to_pylist()
            found[rows] = [repeated_phrase(text or "") for text in texts]
        return found
