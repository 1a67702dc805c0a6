"""A thread's lines that name a poster by their handle: "Thread starter Tom_on_the_Teme", "Fred_39, Lucie.V et 3
autres ont aimé ceci.", "Thema gestartet von Rosalie_K, 26.11.2025", "الموضوع في … بواسطة ابو_فهد_77، 18 نوفمبر".

A forum prints each poster's handle alone above their post (a row the row rules drop), and the same handle
again in the thread's other rows: who started it and when, who liked a post, whose post a quote is from. A
handle is written as one token joined by an underscore, which names no person in prose; the page vouches for it
as a handle when it stands alone on a line of its own. A short line holding such a handle is a row of the thread
when it does not end a sentence, or gives a number (a date, a count) when it does. No word list: the token and
the page's own lines are the evidence. A sentence addressing a poster by name ("Danke Gerd_aus_Fulda, das hat
geholfen!") stays.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, ClassVar

import pyarrow as pa

from builder.rules.masks import Hinted, document_slices, matching
from builder.steps import LineRule, array, undecided

_HANDLE = re.compile(r"[^\W_]+(?:_[^\W_]+)+")  # "Tom_on_the_Teme", "ابو_فهد_77", "Rosalie_K"
_JOINED = Hinted(r"[\pL\pN]_[\pL\pN]", hint="_")  # the literal first: most batches have no "_"


@dataclass(frozen=True)
class HandleRows(LineRule):
    """A kept line of at most `max_words` words holding a handle the page gives alone on a line, that does not
    end a sentence or gives a number; and the handle alone on its line when a row an earlier rule dropped names it
    (the poster's name above the post, with its credit "– marigold_joe Dec 3 at 07:40" or a quote's header below:
    a setting's name alone in a manual is named by the manual's text, no row)."""

    name = "handle_rows"
    reasons: ClassVar[dict[str, str]] = {
        "boilerplate_handle": "a thread's row naming a poster by the handle the page shows above their post "
                              "(who started the thread and when, who liked a post, whose post a quote is from)",
    }
    max_words: int = 14

    def decide(self, lines: pa.Table) -> pa.Array[Any]:
        words, length = array(lines, "words"), array(lines, "length")
        joined = matching(lines, _JOINED, among=length > 0)
        out: list[str | None] = [None] * len(lines)
        if not joined.any():
            return pa.array(out, pa.string())
        texts = lines.column("text")
        candidate = joined & undecided(lines) & (words <= self.max_words)
        row = candidate & (~array(lines, "ends_sentence") | matching(lines, r"\d", among=candidate))
        docs = array(lines, "doc")
        undecided_row = undecided(lines)
        for start, end in document_slices(lines):
            rows = joined[start:end].nonzero()[0] + start
            if not row[rows].any():
                continue
            # the page's handles: a token that is a whole line of its own ("Fred_39" above a post)
            found = {str(texts[r].as_py()).strip(): r for r in rows.tolist()}
            handles = {text for text in found if _HANDLE.fullmatch(text)}
            # a handle and a thread's row that names it, one an earlier rule dropped (a credit, a quote's header)
            named = {token: r for r in rows.tolist() if not undecided_row[r]
                     for token in _HANDLE.findall(str(texts[r].as_py())) if found.get(token) != r}
            for r in rows.tolist():
                text = str(texts[r].as_py()).strip()
                if row[r] and docs[r] == docs[start] \
                        and any(token in handles and found.get(token) != r for token in _HANDLE.findall(text)):
                    out[r] = "boilerplate_handle"
                elif text in handles and text in named and undecided_row[r]:
                    out[r] = "boilerplate_handle"  # the handle alone above its post, named again in a thread's row
        return pa.array(out, pa.string())
