"""A thread's rows: a short line the page repeats (a poster's name above each of their posts) next to lines
other rules dropped (their rank, join date, post count, the post's date and buttons)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any, ClassVar

import numpy as np
import pyarrow as pa

from builder.rules.masks import document_slices
from builder.steps import LineRule, array, undecided, values


@dataclass(frozen=True)
class RepeatedRow(LineRule):
    max_words: int = 3  # a name, a handle, a rank
    name = "repeated_row"
    reasons: ClassVar[dict[str, str]] = {
        "boilerplate_row": "a short line the page repeats (a poster's name) next to a thread's rows other rules "
                           "dropped (rank, join date, post count, buttons)",
    }

    def decide(self, lines: pa.Table) -> pa.Array[Any]:
        kept, words = undecided(lines), array(lines, "words")
        nonblank = array(lines, "length") > 0
        short = kept & nonblank & (words <= self.max_words) & ~array(lines, "ends_sentence")
        out: list[str | None] = [None] * len(lines)
        if not short.any():
            return pa.array(out, pa.string())
        keys = values(lines, "key")
        for start, end in document_slices(lines):
            rows = (np.flatnonzero(nonblank[start:end]) + start).tolist()
            counts = Counter(keys[r] for r in rows)
            for p, r in enumerate(rows):
                if not short[r] or counts[keys[r]] < 2 or not keys[r]:
                    continue
                near = [rows[q] for q in (p - 1, p + 1) if 0 <= q < len(rows)]
                if any(not kept[n] for n in near):
                    out[r] = "boilerplate_row"
        return pa.array(out, pa.string())
