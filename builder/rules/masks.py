"""Masks over a batch's lines table that several line rules share: an RE2 regex over a column (on the
rows a mask marks, and behind a cheaper regex where one is given), and a Python regex (or any test)
run only on the rows a mask marks; where each document's rows are; and positions close together, in runs.

Why the narrowing: Arrow compiles the pattern at every call, once per batch, and a pattern with a
negated Unicode class (`[^\\pL\\pN]`) or a counted repetition (`.{0,80}`) costs a millisecond or more
to compile, more than scanning a batch; a literal or two that every match holds finds the few rows
worth it, and a batch without one skips the pattern altogether. Within `shared()` (the line rules of one batch:
Plan.classify) a pattern's finds are remembered per column, so the rules that ask for the same pattern (`[:：]`
eight times a batch, the label shapes, the CJK sentence) compile and scan it once for each row."""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from typing import Any, cast

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from builder.steps import array, column_key, remembered_values


@dataclass(frozen=True)
class Hinted:
    """An RE2 `pattern` and a `hint`: a cheap RE2 pattern that finds something in every text `pattern`
    does (the literals every match holds, say). `pattern` then runs only on the texts `hint` marks;
    the masks are those of `pattern` alone (tests/test_fast_paths.py holds every Hinted to that)."""

    pattern: str
    hint: str


def literals(words: Iterable[str], anchored: bool = False) -> str:
    """An RE2 pattern that finds any of `words` as a substring (at the start, `anchored`): one pass over
    the batch instead of one per word."""
    alternation = "|".join(re.escape(word) for word in sorted(words))
    return f"^(?:{alternation})" if anchored else f"(?:{alternation})"


def matching(lines: pa.Table, pattern: str | Hinted, column: str = "text", among: np.ndarray | None = None
             ) -> np.ndarray:
    """Where the RE2 `pattern` finds something in `column`, among the rows `among` marks (all rows when
    None; the others are False), in one call per batch."""
    texts = lines.column(column)
    if isinstance(pattern, Hinted):
        among = _matching(texts, pattern.hint, among)
        pattern = pattern.pattern
    return _matching(texts, pattern, among)


# RE2 reads `\d` as [0-9] alone, where Python's re (in which the rules are written and tested) takes a digit of every
# script. The digits are written out as the scripts' own ranges (ASCII, Arabic-Indic, Persian/Urdu, Devanagari, Bengali,
# full-width) rather than \p{Nd}: a Unicode class costs RE2 a millisecond or more to compile at every batch, the ranges
# a fifth of that.
DIGITS = "0-9\u0660-\u0669\u06f0-\u06f9\u0966-\u096f\u09e6-\u09ef\uff10-\uff19"
_UNICODE_CLASS = {"d": f"[{DIGITS}]", "D": f"[^{DIGITS}]"}
_UNICODE_MEMBERS = {"d": DIGITS}  # inside a class ("[^\d:]"); a negated one there ("[\D]") is left


@cache
def re2(pattern: str) -> str:
    """An RE2 pattern that reads `\\d` and `\\D` as Python's re does, in the scripts the rules meet: RE2 took
    "ست اول: ۲۵ - ۲۱" for a line with no digit, so a volleyball report's set scores were a menu's items, and "منطقه یک:
    ۲۳ تا ۵ صبح" for no named figure, so a notice's timetable was a run of other stories' headlines. RE2's `\\w`, `\\W`,
    `\\b` and `\\s` are ASCII too and are left: spelling `\\w` and `\\W` out in Unicode moved no line of the composed
    pages or the corpus and cost 1-13 ms of compiling a pattern per batch."""
    out: list[str] = []
    at, end, in_class = 0, len(pattern), False
    while at < end:
        char = pattern[at]
        if char == "\\" and at + 1 < end:
            escape = pattern[at + 1]
            table = _UNICODE_MEMBERS if in_class else _UNICODE_CLASS
            out.append(table.get(escape, pattern[at:at + 2]))
            at += 2
            continue
        if char == "[" and not in_class:
            in_class = True
            out.append(char)
            at += 1
            if pattern[at:at + 1] == "^":
                out.append("^")
                at += 1
            if pattern[at:at + 1] == "]":  # a "]" first in a class is one of its members
                out.append("]")
                at += 1
            continue
        if char == "]" and in_class:
            in_class = False
        out.append(char)
        at += 1
    return "".join(out)


# (column, RE2 pattern) -> [the column (held: its buffers' addresses are the key), rows looked at, rows found];
# .remembered, None outside shared()
# (one a thread, as steps.values' memo: attack28)
_memo = threading.local()


@contextmanager
def shared() -> Iterator[None]:
    """While in it, `matching` remembers each pattern's finds per column and scans a row for a pattern at most once
    (RE2 answers each row on its own, so the rows found among others are the rows found alone), and steps.values
    converts a column once (steps.remembered_values). Forgotten on leaving: what is remembered holds the columns it
    was found in."""
    outer, _memo.remembered = getattr(_memo, "remembered", None), {}
    try:
        with remembered_values():  # and each column's Python values (steps.values), converted once
            yield
    finally:
        _memo.remembered = outer


def _matching(texts: pa.ChunkedArray[Any], pattern: str, among: np.ndarray | None) -> np.ndarray:
    pattern = re2(pattern)
    remembered: dict[tuple[Any, ...], list[Any]] | None = getattr(_memo, "remembered", None)
    if remembered is None:
        return _scanned(texts, pattern, among)
    key = (column_key(texts), pattern)
    if key not in remembered:
        remembered[key] = [texts, np.zeros(len(texts), dtype=bool), np.zeros(len(texts), dtype=bool)]
    known: np.ndarray = remembered[key][1]
    found: np.ndarray = remembered[key][2]
    wanted = np.ones(len(texts), dtype=bool) if among is None else np.asarray(among, dtype=bool)
    todo = wanted & ~known  # only the rows no earlier ask scanned
    if todo.any():
        found |= _scanned(texts, pattern, None if todo.all() else todo)
        known |= todo
    return np.asarray(found & wanted)


def _scanned(texts: pa.ChunkedArray[Any], pattern: str, among: np.ndarray | None) -> np.ndarray:
    """`pattern` (RE2 as it is) over the rows `among` marks (all when None; the others False)."""
    if among is None:
        return np.asarray(pc.match_substring_regex(texts, pattern).to_numpy(zero_copy_only=False), dtype=bool)
    found = np.zeros(len(texts), dtype=bool)
    rows = np.flatnonzero(among)
    if len(rows) == len(texts):
        return _scanned(texts, pattern, None)
    if len(rows):  # none: not even compiled
        found[rows] = pc.match_substring_regex(texts.take(rows), pattern).to_numpy(zero_copy_only=False)
    return found


def dropped_as(lines: pa.Table, reasons: Iterable[str]) -> np.ndarray:
    """Which rows an earlier rule dropped with one of `reasons` (what it took says what stood there: a menu, a box)."""
    return np.asarray(pc.is_in(lines.column("reason"), value_set=pa.array(list(reasons), pa.string()))
                      .to_numpy(zero_copy_only=False), dtype=bool)


def document_slices(lines: pa.Table, among: np.ndarray | None = None) -> list[tuple[int, int]]:
    """Where each document's rows are in the lines table (they are contiguous), as (start, end); with `among`,
    only the documents with a row it marks (a rule that can drop nothing in a document without one of
    its cues skips the others' per-document Python)."""
    docs = array(lines, "doc")
    if not len(docs):
        return []
    cuts = (np.flatnonzero(docs[1:] != docs[:-1]) + 1).tolist()
    starts, ends = [0, *cuts], [*cuts, len(docs)]
    if among is None:
        return list(zip(starts, ends, strict=True))
    marked = np.logical_or.reduceat(np.asarray(among, dtype=bool), starts).tolist()
    return [(start, end) for start, end, any_marked in zip(starts, ends, marked, strict=True) if any_marked]


def document_starts(docs: np.ndarray, among: np.ndarray | None = None) -> np.ndarray:
    """The row of each document's first line among the rows `among` marks (every row when None), ascending: its top
    row (where a rule looks up the page above a line), or its first non-blank line (its own title, with `among` the
    non-blank rows). A document with no marked row has none."""
    rows = np.arange(len(docs)) if among is None else np.flatnonzero(among)
    if not len(rows):
        return rows
    marked = docs[rows]
    return rows[np.r_[True, marked[1:] != marked[:-1]]]


def search(test: Callable[[str], object], lines: pa.Table, among: np.ndarray) -> np.ndarray:
    """Where `test` (a Python regex's search or match: RE2 does not share its Unicode classes, \\b or
    case folding; or a predicate) finds something in the text, run only on the lines `among` marks: a truthy answer
    is a find (a match object, True), a falsy one is not (None, False)."""
    found = np.zeros(len(lines), dtype=bool)
    rows = np.flatnonzero(among)
    if len(rows):  # the rows' texts in one Arrow call: a scalar per row cost more than most tests
        texts = cast(list[str], lines.column("text").take(rows).to_pylist())
        found[rows] = [bool(test(text)) for text in texts]
    return found


def close_runs(positions: Iterable[int], gap: int) -> list[list[int]]:
    """Ascending `positions` grouped into runs: a position joins the run before it when at most `gap` positions lie
    between them (a list's citations with a line or two of other text between, a banner's lines)."""
    runs: list[list[int]] = []
    for p in positions:
        if runs and p - runs[-1][-1] <= gap + 1:
            runs[-1].append(p)
        else:
            runs.append([p])
    return runs
