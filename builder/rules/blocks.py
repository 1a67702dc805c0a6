"""Block decisions: runs of lines judged together, where each line alone could be a subheading.

A run of several headline-like lines between two sentences of the body is a list of other articles
(a related-stories box without a label); one such line alone is a subheading and stays.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import groupby
from typing import Any, ClassVar

import pyarrow as pa

from builder.rules.structure import is_prose
from builder.steps import LineRule, values
from builder.text.keys import ends_sentence, words

_LIST_ITEM = re.compile(r"^\s*(?:[-–•*·▪]|\d+[.)]|[a-z][.)])\s", re.IGNORECASE)


def is_headline(text: str, max_chars: int = 120) -> bool:
    """Short, several words, no sentence end, no list marker, not a lead-in (":", ",")."""
    stripped = text.rstrip()
    return (3 <= words(text) <= 14 and len(text) <= max_chars and not ends_sentence(text)
            and not _LIST_ITEM.match(text) and not stripped.endswith((":", ",", "،", "؛", ";")))


@dataclass(frozen=True)
class HeadlineRun(LineRule):
    """Three to six headline-like lines in a row, with a sentence of the body before and after them."""

    name = "headline_run"
    reasons: ClassVar[dict[str, str]] = {
        "boilerplate_headlines": "a run of other articles' headlines between paragraphs of the body",
    }
    min_run: int = 3
    max_run: int = 6  # longer runs of short lines are a poem, a table or a list the article gives

    def decide(self, lines: pa.Table) -> pa.Array[Any]:
        docs, texts = values(lines, "doc"), values(lines, "text")
        reasons = values(lines, "reason")
        out: list[str | None] = [None] * len(texts)
        start = 0
        for _, group in groupby(docs):
            end = start + len(list(group))
            kept = [i for i in range(start, end) if reasons[i] is None and texts[i]]
            for headline, run in groupby(kept, key=lambda i: is_headline(texts[i])):
                rows = list(run)
                if not headline or not self.min_run <= len(rows) <= self.max_run:
                    continue
                before = [i for i in kept if i < rows[0]]
                after = [i for i in kept if i > rows[-1]]
                if before and after and is_prose(texts[before[-1]]) and is_prose(texts[after[0]]):
                    for i in rows:
                        out[i] = "boilerplate_headlines"
            start = end
        return pa.array(out, pa.string())
