"""Islands: one or two short lines left alone between blocks of chrome that other rules dropped, outside the
article.

A widget's title between two link lists, a lone "Share" or "J'aime" between the share row and a related box, a
site's tagline between its name and its menu, a reporter's title between the byline and the date: each alone
looks like a subheading, and a subheading stays. What gives them away is where they stand: with chrome right
above and right below them, and no paragraph of the article on one side (below the last paragraph, or above
the first). Inside the body (a paragraph above and below, however much chrome is between) such a line is the
article's subheading and stays, as do a paragraph-length line anywhere and the page's title above the body.

It runs after Structure: the header and footer Structure drops are the chrome around most islands, and what
Structure keeps outside the body is what it took for prose or a title (a question headline of a box below the
article, ending with "?"; a site's tagline on a page whose title counts as prose). The body's bounds here are
the article's paragraphs (a sentence of 8 words or more that is no question, or 20 words without a full stop),
not Structure's prose: a thread's title asking a question is a headline, not the body's first paragraph.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import groupby
from typing import Any, ClassVar

import numpy as np
import pyarrow as pa

from builder.rules.masks import document_slices, matching
from builder.rules.structure import LEDE_CHARS, LEDE_LINES, vouched
from builder.steps import LineRule, array, undecided

TITLE_MAX_CHARS = 200  # a longer line above the body is a notice, not the headline (as Structure's title)


@dataclass(frozen=True)
class Island(LineRule):
    """A run of one or two kept lines, each short and label-like (a few words, no sentence end), with a line
    an earlier rule dropped right above and right below it, below the article's last paragraph or above its
    first; above it, not the page's title (the line the lede vouches for, else the wordiest above the body,
    and the line next to it)."""

    name = "island"
    reasons: ClassVar[dict[str, str]] = {
        "boilerplate_island": "one or two short label-like lines alone between blocks of dropped chrome, below "
                              "the article or above it (a widget's title between two link lists, a tagline "
                              "between the site's name and its menu)",
    }
    max_run: int = 2
    max_words: int = 8  # "Local Democracy Reporter", "Coarse, game and sea fishing since 2004"
    max_chars: int = 60
    paragraph_words: int = 8  # a sentence this long is a paragraph of the article: the body's bounds
    unended_paragraph_words: int = 20  # ...and a line this long without a sentence end (not a 15-word deck)

    def decide(self, lines: pa.Table) -> pa.Array[Any]:
        words, ends, length = array(lines, "words"), array(lines, "ends_sentence"), array(lines, "length")
        nonblank = length > 0
        kept = undecided(lines) & nonblank
        asks = matching(lines, r"[?؟]\s*$", among=kept & ends)  # a question is a headline too ("Is this page useful?")
        unended = ~ends | asks
        short = kept & (words >= 1) & (words <= self.max_words) & (length <= self.max_chars) & unended
        out: list[str | None] = [None] * len(lines)
        if not short.any():
            return pa.array(out, pa.string())
        # a paragraph ends a sentence (a question is a headline: a thread's title) or is long; not an unpunctuated
        # page's 8-word headline (Structure's prose there)
        paragraph = kept & (words >= self.paragraph_words) & ((ends & ~asks) | (words >= self.unended_paragraph_words))
        texts = lines.column("text")
        docs = array(lines, "doc")
        with_short = np.bincount(docs[short], minlength=int(docs.max()) + 1) > 0
        for start, end in document_slices(lines):
            if not with_short[docs[start]]:
                continue
            rows = (nonblank[start:end].nonzero()[0] + start).tolist()
            body = [r for r in rows if paragraph[r]]
            if not body:
                continue  # no paragraph: nothing to stand outside of (Structure's "no prose")
            title = _title(rows, body, kept & unended, words, length, texts)
            position = 0
            for is_kept, group in groupby(rows, key=lambda r: bool(kept[r])):
                run = list(group)
                before, after = position - 1, position + len(run)
                position += len(run)
                if not is_kept or len(run) > self.max_run or before < 0 or after >= len(rows):
                    continue  # (a dropped row on both sides: the page's first or last lines are not between)
                if not all(short[r] for r in run) or title & set(run):
                    continue
                if run[0] > body[-1] and asks[run[-1]] and (len(run) == 1 or asks[run[0]]):
                    continue  # below the article, a question alone may be a reader's ("Do they accept it?")
                if run[0] > body[-1] or run[-1] < body[0]:
                    for r in run:
                        out[r] = "boilerplate_island"
        return pa.array(out, pa.string())


def _title(rows: list[int], body: list[int], headline: np.ndarray, words: np.ndarray, length: np.ndarray,
           texts: pa.ChunkedArray[Any]) -> set[int]:
    """The page's title above the body and the line on each side of it (a kicker, a deck): of the kept lines
    there without a sentence end or ending with a question (`headline`), the last the lede vouches for, else the
    wordiest (the later on a tie)."""
    above = [r for r in rows if r < body[0] and headline[r] and length[r] <= TITLE_MAX_CHARS]
    if not above:
        return set()
    lede = [str(texts[r].as_py())[:LEDE_CHARS] for r in body[:LEDE_LINES]]
    named = [r for r in above if words[r] >= 2 and vouched(str(texts[r].as_py()), lede)]
    title = rows.index(named[-1] if named else max(above, key=lambda r: (words[r], r)))
    return set(rows[max(title - 1, 0):title + 2])
