"""A thread's rows: a short line the page repeats (a poster's name above each of their posts) next to lines
other rules dropped (their rank, join date, post count, the post's date and buttons).

A poster's name stands above the rows that describe the post, so the line under it was dropped too. A
name with only the line above it dropped and a kept line under it is a label of what follows: an
interview's speaker under a caption or an ad, above their answer. Only a count or a date ("12 comments",
"12/01/2024") is row data there too, whatever follows it.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any, ClassVar

import numpy as np
import pyarrow as pa

from builder.rules.masks import document_slices, matching
from builder.steps import LineRule, array, undecided, values


@dataclass(frozen=True)
class RepeatedRow(LineRule):
    max_words: int = 3  # a name, a handle, a rank
    name = "repeated_row"
    reasons: ClassVar[dict[str, str]] = {
        "boilerplate_row": "a short line the page repeats (a poster's name) above a thread's rows other rules "
                           "dropped (rank, join date, post count, buttons), or a count or date the page repeats "
                           "under them",
    }

    def decide(self, lines: pa.Table) -> pa.Array[Any]:
        kept, words = undecided(lines), array(lines, "words")
        nonblank = array(lines, "length") > 0
        short = kept & nonblank & (words <= self.max_words) & ~array(lines, "ends_sentence")
        out: list[str | None] = [None] * len(lines)
        if not short.any():
            return pa.array(out, pa.string())
        numbered = matching(lines, r"\d", among=short)
        keys = values(lines, "key")
        for start, end in document_slices(lines):
            rows = (np.flatnonzero(nonblank[start:end]) + start).tolist()
            counts = Counter(keys[r] for r in rows)
            for p, r in enumerate(rows):
                if not short[r] or counts[keys[r]] < 2 or not keys[r]:
                    continue
                under = p + 1 < len(rows) and not kept[rows[p + 1]]
                over = p > 0 and not kept[rows[p - 1]]
                if under or (over and numbered[r]):
                    out[r] = "boilerplate_row"
        return pa.array(out, pa.string())
