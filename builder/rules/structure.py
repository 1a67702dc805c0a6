"""Where the article is on the page: the lines around and between its prose lines.

A "prose" line ends in terminal punctuation in any script (`. ! ? … ؟ ۔`, closing quotes allowed
after it) and has at least 4 words, or is long (15+ words; 8+ in documents that mostly do without
full stops, like Urdu news). Of the lines still kept by the rules before it, everything above the
first prose line is header (except one title), everything below the last (and the list items and
short closing sentences that run on from it) is footer, and one-word labels between are orphans.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import groupby
from typing import Any, ClassVar

import pyarrow as pa

from builder.steps import LineRule, values
from builder.text.keys import ends_clause, ends_sentence, words

PROSE_MIN_WORDS = 4
LONG_LINE_WORDS = 15  # a line this long is prose even without a full stop
UNPUNCTUATED_LONG_LINE_WORDS = 8
PUNCTUATED_SHARE = 0.75  # fewer long lines than this end a sentence: the document does without full stops


def is_prose(text: str, long_line_words: int = LONG_LINE_WORDS) -> bool:
    n = words(text)
    return n >= long_line_words or (n >= PROSE_MIN_WORDS and ends_sentence(text))


def long_line_words(texts: Sequence[str]) -> int:
    """How many words make an unpunctuated line prose, given how much the document punctuates."""
    long_lines = [t for t in texts if words(t) >= UNPUNCTUATED_LONG_LINE_WORDS]
    punctuated = sum(ends_sentence(t) for t in long_lines)
    if long_lines and punctuated < PUNCTUATED_SHARE * len(long_lines):
        return UNPUNCTUATED_LONG_LINE_WORDS
    return LONG_LINE_WORDS


@dataclass(frozen=True)
class Structure(LineRule):
    """Header, footer, orphan labels, and documents without any prose; the title stays."""

    name = "structure"
    reasons: ClassVar[dict[str, str]] = {
        "boilerplate_header": "page chrome above the article (before the first prose line, other than the title)",
        "boilerplate_footer": "page chrome below the article (after the last prose line)",
        "boilerplate_short_line": "an orphan label inside the article (one word, no punctuation)",
        "boilerplate_no_prose": "the document has no prose line, so none of its lines is article text",
    }
    orphan_max_words: int = 1
    title_min_words: int = 4
    title_max_chars: int = 200

    def decide(self, lines: pa.Table) -> pa.Array[Any]:
        docs, texts = values(lines, "doc"), values(lines, "text")
        reasons = values(lines, "reason")
        out: list[str | None] = []
        start = 0
        for _, group in groupby(docs):
            end = start + len(list(group))
            out += self._document(texts[start:end], reasons[start:end])
            start = end
        return pa.array(out, pa.string())

    def _document(self, texts: list[str], reasons: list[str | None]) -> list[str | None]:
        """The reasons of one document's still-kept lines (None for the others, and for what stays)."""
        long_words = long_line_words([t for t, r in zip(texts, reasons, strict=True) if r is None])
        prose = [i for i, t in enumerate(texts) if reasons[i] is None and is_prose(t, long_words)]
        if not prose:
            return ["boilerplate_no_prose" if r is None else None for r in reasons]
        first, last = prose[0], _extend_body(texts, reasons, prose[-1])
        title = self._title(texts, reasons, first)
        out: list[str | None] = [None] * len(texts)
        for i, text in enumerate(texts):
            if reasons[i] is not None or i == title:
                continue
            if i < first:
                out[i] = "boilerplate_header"
            elif i > last:
                out[i] = "boilerplate_footer"
            elif words(text) <= self.orphan_max_words and not ends_clause(text):
                out[i] = "boilerplate_short_line"
        return out

    def _title(self, texts: Sequence[str], reasons: Sequence[str | None], first: int) -> int | None:
        """The headline: the wordiest line above the body that looks like one."""
        candidates = [i for i in range(first) if reasons[i] is None and self.title_min_words <= words(texts[i])
                      and len(texts[i]) <= self.title_max_chars and not ends_sentence(texts[i])]
        return max(candidates, key=lambda i: (words(texts[i]), -i), default=None)


def _extend_body(texts: Sequence[str], reasons: Sequence[str | None], last: int) -> int:
    """The body runs on past its last prose line through list items and short closing sentences."""
    for i in (i for i in range(last + 1, len(texts)) if reasons[i] is None):
        if words(texts[i]) < 2 or not ends_clause(texts[i]):
            break
        last = i
    return last
