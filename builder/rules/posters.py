"""A forum's or Q&A site's poster: the member's name alone on its line between a post's apparatus, on a thread page.

A thread gives each post's author as a short line of its own: under the post before it (its date, "answered Dec 1 at
20:05", or its action row, "Like · Quote · Reply") and over the member's own rows (the reputation "12.4k ● 3 ● 41",
the rank "Moderator", "Posts: 9,104"). Island leaves such a line inside the body, where a short line between two
dropped ones is as often the article's subheading; on a thread page, and with a post's date or action row right above
it, it is the next post's author. A name looks like one: its words open with a capital, or it is a handle ("dustin_k",
"Pierre76"), or its script has no case ("انجینئر طارق"); a one-line reply ("Same here") does not, and stands under the
member's rows, not under the post before it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, ClassVar

import numpy as np
import pyarrow as pa

from builder.rules.masks import document_slices, dropped_as, matching, search
from builder.steps import LineRule, array, undecided, where

# The apparatus of a thread's posts: a page with THREAD_ROWS of these lines is a thread
THREAD_REASONS = ("boilerplate_post_credit", "boilerplate_post_row", "boilerplate_row", "boilerplate_handle",
                  "boilerplate_answer_row", "boilerplate_reactions", "boilerplate_quote", "boilerplate_signature")
THREAD_ROWS = 2
# ...and what closes a post, right above the next post's author: its date, its action row, its credit
CLOSING_REASONS = ("boilerplate_dateline", "boilerplate_navigation", "boilerplate_post_credit",
                   "boilerplate_post_row")
NAME_WORDS = 3
NAME_CHARS = 30
# a name: every word opens with a capital (an initial and its dot allowed), a handle (a letter, then letters, figures,
# "_" or "." with a "_" or a figure in it), or words of a script without case
_NAME = re.compile(r"^(?:[^\W\d_][\w'’.-]*\s*){1,3}$")
_HANDLE = re.compile(r"^[^\W\d_][\w.]*[_\d][\w.]*$")


def _named(text: str) -> bool:
    """Whether a short line is shaped like a member's name (`_NAME`, `_HANDLE`)."""
    line = text.strip()
    if _HANDLE.match(line):
        return True
    if not _NAME.match(line):
        return False
    return not any(word[0].islower() for word in line.split())  # a capital, or a script without case


@dataclass(frozen=True)
class PosterName(LineRule):
    """On a thread page (THREAD_ROWS lines of its posts' apparatus), a member's name alone on its line (a few words
    shaped like a name, no sentence end, no colon) with a post's date, action row or credit right above it and a line
    an earlier rule dropped right below it (the member's rank or reputation)."""

    name = "poster_name"
    reasons: ClassVar[dict[str, str]] = {
        "boilerplate_poster": "a forum or Q&A member's name alone on its line between the post above and the "
                              "member's rank or reputation below, on a thread page",
    }

    def decide(self, lines: pa.Table) -> pa.Array[Any]:
        words, length, ends = array(lines, "words"), array(lines, "length"), array(lines, "ends_sentence")
        kept = undecided(lines)
        short = kept & (words >= 1) & (words <= NAME_WORDS) & (length <= NAME_CHARS)
        short &= ~ends | matching(lines, r"\s[A-ZÀ-Þ]\.\s*$", among=short & ends)  # an initial's dot: "Marguerite L."
        short &= ~matching(lines, r"[:：]", among=short)
        out = np.zeros(len(lines), dtype=bool)
        if not short.any():
            return where(out, "boilerplate_poster")
        thread, closing = dropped_as(lines, THREAD_REASONS), dropped_as(lines, CLOSING_REASONS)
        decided = ~kept & (length > 0)
        for start, end in document_slices(lines, among=short):
            if thread[start:end].sum() < THREAD_ROWS:
                continue
            nonblank = (start + np.flatnonzero(length[start:end] > 0)).tolist()
            for k in range(1, len(nonblank) - 1):
                i = nonblank[k]
                out[i] = bool(short[i] and closing[nonblank[k - 1]] and decided[nonblank[k + 1]])
        return where(search(_named, lines, out), "boilerplate_poster")
