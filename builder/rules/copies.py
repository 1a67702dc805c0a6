"""A line the next line repeats word for word: text extracted from a web page gives its headline twice,
once from the page's title and once from the article's heading, and a widget shown twice (one copy for
small screens) gives its lines twice in a row.

The first copy goes and the second stays where the article has it, so nothing of the text is lost and
Structure finds one title, not a title and a copy of it in the header. Only lines of 4 words or
more: "Yes" / "Yes" or a refrain's short line sung twice are not a page's copies. And only above the
page's first sentence or below its last: between them a line said twice in a row is the article's (a
poem's or a song's refrain, a chant the story quotes), where the title and a widget are not.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

import numpy as np
import pyarrow as pa

from builder.rules.structure import body_bounds, prose
from builder.steps import LineRule, array, undecided, values, where


@dataclass(frozen=True)
class NextLineCopy(LineRule):
    name = "next_line_copy"
    reasons: ClassVar[dict[str, str]] = {
        "boilerplate_copy": "a line the next line repeats word for word (a page's title above the same headline); "
                            "the second copy is kept",
    }
    min_words: int = 4  # shorter: a refrain's line, "Yes" / "Yes"

    def decide(self, lines: pa.Table) -> pa.Array[Any]:
        return where(first_copies(lines, self.min_words), "boilerplate_copy")


def first_copies(lines: pa.Table, min_words: int) -> np.ndarray:
    """The kept lines of `min_words` or more, outside the body (above the document's first prose line or below
    its last), whose next non-blank line, still kept, has the same matching key."""
    kept = undecided(lines)
    found = np.zeros(len(lines), dtype=bool)
    docs, words = array(lines, "doc"), array(lines, "words")
    first, last = body_bounds(docs, prose(words, array(lines, "ends_sentence")))
    rows = np.arange(len(lines))
    rows = np.flatnonzero(kept & (words >= min_words) & ((rows < first) | (rows > last)))
    if len(rows) < 2:
        return found
    keys = values(lines, "key")
    nonblank = np.flatnonzero(array(lines, "length") > 0)
    following = np.searchsorted(nonblank, rows, side="right")
    for row, after in zip(rows.tolist(), following.tolist(), strict=True):
        if after < len(nonblank):
            nxt = int(nonblank[after])
            found[row] = bool(kept[nxt]) and docs[nxt] == docs[row] and keys[nxt] == keys[row] != ""
    return found

