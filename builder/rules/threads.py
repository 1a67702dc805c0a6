"""A forum post or a comment that quotes an earlier one: the quote's header ("spokesman42 said:",
"jardinier_du_sud a écrit :", "اقتباس: المشاركة الأصلية كتبت بواسطة أم سارة", "Originally Posted by X", or a
handle alone, "spokewrench_sarah:")
and, under it, the lines that repeat lines of the page above it (or their start: a quote may be an
excerpt). The repeated lines are the earlier post's, already kept once where they were written; the
header only introduces them.

A header alone decides nothing: "He said:" over a quotation is an article's lead-in, and stays unless
what follows it repeats the page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, ClassVar

import numpy as np
import pyarrow as pa

from builder.rules.masks import document_slices, matching, search
from builder.steps import LineRule, array, undecided, values

_HEADER = re.compile(
    r"^\W*(?:(?:اقتباس|Quote|Zitat|Cita|Citation|نقل قول)\b.*|"
    r"(?:Originally Posted by|Quote from|Quoting|Zitat von|Cita de|Citation de|Mensaje original de)\b.*|"
    r"\S+(?:\s\S+){0,3}\s+(?:said|wrote|says|writes|a écrit|schrieb|escribió|escreveu|dijo|كتب|كتبت|قال|قالت|"
    r"نوشت|نے لکھا)\s*:|"
    r"@?[\w.-]+\s*:)\s*$", re.IGNORECASE)  # a handle alone (Discourse's "spokewrench_sarah:"): the repeat decides
_HINT = (r"(?i)^\S+\s*:\s*$|اقتباس|quot|zitat|cita|نقل قول|posted by|said|wrote|says|writes|écrit|schrieb|"
         r"escribió|escreveu|dijo|كتب|قال|نوشت|لکھا")
HEADER_WORDS = 10
EXCERPT_CHARS = 20  # a quote may give the start of a line: this much of its key is enough to know it


def _repeats(key: str, above: set[str]) -> bool:
    """Whether a line is a line of the page above, or the start of one."""
    return key in above or (len(key) >= EXCERPT_CHARS and any(line.startswith(key) for line in above))


@dataclass(frozen=True)
class QuotedRepeat(LineRule):
    name = "quoted_repeat"
    reasons: ClassVar[dict[str, str]] = {
        "boilerplate_quote": "a post's quote of an earlier post: its \"X said:\" header and the lines it repeats "
                             "from above",
    }

    def decide(self, lines: pa.Table) -> pa.Array[Any]:
        kept = undecided(lines) & (array(lines, "length") > 0)
        short = kept & (array(lines, "words") <= HEADER_WORDS)
        header = search(_HEADER.match, lines, matching(lines, _HINT, among=short))
        out: list[str | None] = [None] * len(lines)
        if not header.any():
            return pa.array(out, pa.string())
        keys = values(lines, "key")
        for start, end in document_slices(lines):
            for i in (start + np.flatnonzero(header[start:end])).tolist():
                above = {keys[j] for j in range(start, i) if keys[j]}
                repeats = []
                for j in range(i + 1, end):
                    if not kept[j]:
                        continue
                    if not _repeats(keys[j], above):
                        break
                    repeats.append(j)
                if repeats:
                    for j in (i, *repeats):
                        out[j] = "boilerplate_quote"
        return pa.array(out, pa.string())
