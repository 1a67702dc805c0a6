"""A page's copies of its own lines: text extracted from a web page gives its headline twice,
once from the page's title and once from the article's heading, and a widget shown twice (one copy for
small screens) gives its lines twice in a row.

The first copy goes and the second stays where the article has it, so nothing of the text is lost and
Structure finds one title, not a title and a copy of it in the header. Only lines of 4 words or
more: "Yes" / "Yes" or a refrain's short line sung twice are not a page's copies. And only above the
page's first sentence or below its last: between them a line said twice in a row is the article's (a
poem's or a song's refrain, a chant the story quotes), where the title and a widget are not.

A widget shown twice is also a **run of lines** the page gives twice in the same order, not next to each
other (a newsletter form's text, button and confirmation for wide and for small screens). Both copies go:
an article does not say a paragraph and the lines around it twice over. Each copy must hold a sentence (a
prose line): two short items a list gives twice ("- built-in", "- home page", for each tool it compares)
are the article's, a menu given twice is left to the rules for menus, and a story's title and lead
without full stops, given again with them further down, are not a widget's two copies. A line another rule took (a
forum's quote of an earlier post) is in no run, so the post it quotes stays.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, ClassVar, cast

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from builder.rules.masks import document_slices
from builder.rules.structure import body_bounds, prose
from builder.steps import LineRule, array, undecided, values, where

_NUMBER = re.compile(r"\d+")


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
    keys, texts = values(lines, "key"), lines.column("text")
    nonblank = np.flatnonzero(array(lines, "length") > 0)
    following = np.searchsorted(nonblank, rows, side="right")
    for row, after in zip(rows.tolist(), following.tolist(), strict=True):
        if after < len(nonblank):
            nxt = int(nonblank[after])
            found[row] = bool(kept[nxt]) and docs[nxt] == docs[row] and keys[nxt] == keys[row] != "" \
                and _numbers(texts[nxt].as_py()) == _numbers(texts[row].as_py())
    return found


def _numbers(text: str) -> list[str]:
    """The numbers of a line as written: the key folds digits to 0, and two items of a list that differ only in
    them ("Petrol (91): 229 baisa", "Petrol (95): 239 baisa") are not a page's copy of one line."""
    return _NUMBER.findall(text)


@dataclass(frozen=True)
class RepeatedBlock(LineRule):
    name = "repeated_block"
    reasons: ClassVar[dict[str, str]] = {
        "boilerplate_block_copy": "a run of lines, one of them a sentence, that the page gives twice in the same "
                                  "order (a widget shown twice, for wide and small screens); both copies",
    }
    min_lines: int = 2  # one line twice is NextLineCopy's, or a quote's

    def decide(self, lines: pa.Table) -> pa.Array[Any]:
        return where(block_copies(lines, self.min_lines), "boilerplate_block_copy")


def block_copies(lines: pa.Table, min_lines: int) -> np.ndarray:
    """The kept lines in a run of `min_lines` or more that their document gives again elsewhere, where both
    copies hold a prose line: a copy without one (a title and a lead above the story, given again with full
    stops further down) is no widget's, and no copy goes (see `copied_runs`)."""
    found = np.zeros(len(lines), dtype=bool)
    nonblank = undecided(lines) & (array(lines, "length") > 0)
    docs = array(lines, "doc")
    repeating = _repeating(lines, docs, nonblank)
    if not len(repeating):
        return found
    is_prose = prose(array(lines, "words"), array(lines, "ends_sentence"))
    keys = lines.column("key")
    for start, end in document_slices(lines):
        if docs[start] not in repeating:
            continue
        rows = (nonblank[start:end].nonzero()[0] + start).tolist()
        runs, links = copied_runs(cast(list[str], keys.take(rows).to_pylist()))
        sentence = [len(run) >= min_lines and any(is_prose[rows[p]] for p in run) for run in runs]
        for a, b in links:
            if sentence[a] and sentence[b]:
                found[[rows[p] for p in (*runs[a], *runs[b])]] = True
    return found


def _repeating(lines: pa.Table, docs: np.ndarray, nonblank: np.ndarray) -> set[int]:
    """The documents with two or more kept lines (other than blank) that each recur in them: only those can
    hold a run given twice. Counted by Arrow, so that the other documents cost no Python per line."""
    rows = np.flatnonzero(nonblank)
    counted = pa.table({"doc": docs[rows], "key": lines.column("key").take(rows)}).group_by(
        ["doc", "key"], use_threads=False).aggregate([([], "count_all")])
    again = (counted.column("count_all").to_numpy() > 1) & (pc.utf8_length(counted.column("key")).to_numpy() > 0)
    found, n = np.unique(counted.column("doc").to_numpy()[again], return_counts=True)
    return set(found[n >= 2].tolist())


def copied_runs(keys: list[str]) -> tuple[list[list[int]], set[tuple[int, int]]]:
    """The runs of positions (consecutive, 2 or more) whose every adjacent pair of keys the list has again,
    elsewhere and not overlapping, and which runs are copies of which (pairs of indexes into the runs)."""
    first: dict[tuple[str, str], int] = {}
    copied: dict[int, int] = {}  # a pair's position -> the position of its first copy
    for p in range(len(keys) - 1):
        pair = (keys[p], keys[p + 1])
        if not pair[0] or not pair[1]:
            continue
        q = first.setdefault(pair, p)
        if q < p - 1:  # the same two lines in the same order, two lines or more before: not the same run
            copied[p] = q
    runs: list[list[int]] = []
    run_of: dict[int, int] = {}
    for p in sorted({*copied, *copied.values()}):
        if runs and runs[-1][-1] >= p:
            runs[-1].append(p + 1)
        else:
            runs.append([p, p + 1])
        run_of[p] = len(runs) - 1
    return runs, {(run_of[q], run_of[p]) for p, q in copied.items()}
