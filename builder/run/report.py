"""The most frequently removed lines per source folder, so a person can audit the filter.

Counted as the build writes line rejects, in memory that does not grow with the corpus: per folder,
at most TRACKED_LINES distinct lines are counted (the Space-Saving algorithm: a new line replaces
one of the least counted and takes over its count, so a line removed more than
removed/TRACKED_LINES times is always counted, its count too high by at most what it took over),
by a 64-bit hash, and only the current top lines keep their text. While a folder has no more
distinct removed lines than TRACKED_LINES, every count is exact and the report is the one a full
count would give. Only the folders last added to (LIVE) keep their counts in dicts; the others' are
packed into arrays (about 10 KB a folder instead of 100) until their folder comes again.
"""

from __future__ import annotations

import bisect
import hashlib
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from builder.text.sanitise import path

TOP_LINES = 20
TRACKED_LINES = 500  # distinct lines counted per folder: 25x the top, under 100 KB however many lines it removes


def source_group(source: str) -> str:
    """Inputs are grouped by folder (one folder per site, usually); a file at the root is its own group."""
    group = source.rsplit("/", 1)[0] if "/" in source else source
    # written as every path in the release: escapes for a name that is not UTF-8, addresses pseudonymised
    return path(group)


class TopLines:
    """One folder's most removed lines, ranked by (count descending, text, reason)."""

    __slots__ = ("by_count", "counts", "in_top", "least", "overcount", "packed", "ranked", "top", "tracked")

    def __init__(self, top: int, tracked: int) -> None:
        if tracked <= top:
            raise ValueError("tracked must exceed top: a top line is never the one replaced")
        self.top, self.tracked = top, tracked
        self.counts: dict[int, int] = {}  # line key -> count
        self.overcount: dict[int, int] = {}  # line key -> the count it took over (only lines that did)
        self.by_count: dict[int, dict[int, None]] = {}  # count -> its line keys, oldest first
        self.least = 0  # the smallest count
        # the top lines, best first: ((-count, text, reason), key)
        self.ranked: list[tuple[tuple[int, str, str], int]] = []
        self.in_top: set[int] = set()
        self.packed: tuple[np.ndarray, np.ndarray, np.ndarray] | None = None  # (keys, counts, overcounts): pack()

    def pack(self) -> None:
        """Hold the counts as arrays (16 bytes a line, not a few hundred in dicts) while no line is added:
        the keys by count, each count's oldest first, as `unpack` needs them to replace the same line."""
        if self.packed is not None:
            return
        keys = [key for bucket in self.by_count.values() for key in bucket]
        self.packed = (np.array(keys, dtype=np.uint64), np.array([self.counts[k] for k in keys], dtype=np.uint32),
                       np.array([self.overcount.get(k, 0) for k in keys], dtype=np.uint32))  # taken over: >= 1
        self.counts, self.overcount, self.by_count = {}, {}, {}

    def unpack(self) -> None:
        """The counts back in dicts, as they were before `pack`."""
        if self.packed is None:
            return
        keys, counts, overcounts = self.packed
        self.packed = None
        order = np.argsort(counts, kind="stable")  # each count's keys in the order they were listed
        for key, count, over in zip(keys[order].tolist(), counts[order].tolist(), overcounts[order].tolist(),
                                    strict=True):
            self.counts[key] = count
            self.by_count.setdefault(count, {})[key] = None
            if over:
                self.overcount[key] = over

    def add(self, text: str, reason: str, key: int | None = None) -> None:
        """Count a removed line; `key` is line_key(text, reason), when the caller has it."""
        key = line_key(text, reason) if key is None else key
        self.unpack()
        count = self.counts.get(key)
        if count is not None:
            self._unlist(key, count)
        elif len(self.counts) < self.tracked:
            count = 0
        else:  # full: this line replaces the oldest of the least counted that is not a top line
            count = self.least
            replaced = next(k for k in self.by_count[count] if k not in self.in_top)
            self._unlist(replaced, count)
            del self.counts[replaced]
            self.overcount.pop(replaced, None)
            self.overcount[key] = count
        count += 1
        self.counts[key] = count
        self.by_count.setdefault(count, {})[key] = None
        if count == 1 or self.least not in self.by_count:
            self.least = count  # a new line, or the last line of the least count moved up by one
        self._rank(key, count, text, reason)

    def _unlist(self, key: int, count: int) -> None:
        keys = self.by_count[count]
        del keys[key]
        if not keys:
            del self.by_count[count]

    def _rank(self, key: int, count: int, text: str, reason: str) -> None:
        """Keep `key` with its text if it is now among the top lines. Only a line being counted can
        enter the top (the others' ranks do not change, the top lines' only go up), and then its
        text is at hand, so the top lines always have theirs."""
        rank = (-count, text, reason)
        if key in self.in_top:
            self.ranked.remove(((1 - count, text, reason), key))
        elif len(self.ranked) < self.top:
            self.in_top.add(key)
        elif (rank, key) < self.ranked[-1]:
            self.in_top.remove(self.ranked.pop()[1])
            self.in_top.add(key)
        else:
            return
        bisect.insort(self.ranked, (rank, key))

    def lines(self) -> list[dict[str, Any]]:
        overcount = self.overcount
        if self.packed is not None:  # the top lines' own, not all of them unpacked
            keys, _, overcounts = self.packed
            overcount = {k: o for k, o in zip(keys.tolist(), overcounts.tolist(), strict=True)
                         if o and k in self.in_top}
        lines: list[dict[str, Any]] = []
        for (negative, text, reason), key in self.ranked:
            line: dict[str, Any] = {"text": text, "reason": reason, "count": -negative}
            if key in overcount:
                line["count_may_exceed_by"] = overcount[key]
            lines.append(line)
        return lines


class RemovedLines:
    """The top lines of every source folder (see the module's docstring)."""

    LIVE = 8  # folders whose counts stay unpacked: inputs come a folder after another, mostly

    def __init__(self, top: int = TOP_LINES, tracked: int = TRACKED_LINES) -> None:
        self.top, self.tracked = top, tracked
        self.groups: dict[str, TopLines] = {}
        self.live: dict[str, None] = {}  # the folders last added to, the latest last
        self.last: str | None = None

    def add(self, group: str, text: str, reason: str, key: int | None = None) -> None:
        found = self.groups.get(group)
        if found is None:
            found = self.groups[group] = TopLines(self.top, self.tracked)
        if group != self.last:
            self.last = group
            self.live.pop(group, None)
            self.live[group] = None
            if len(self.live) > self.LIVE:
                oldest = next(iter(self.live))
                del self.live[oldest]
                self.groups[oldest].pack()
        found.add(text, reason, key)

    def add_rows(self, rejects: pa.Table, groups: pa.Array[Any], keys: np.ndarray) -> None:
        """Count the removed lines of a table of rejects, in order: the rows of kind "line", each with
        its source group and line_key (0: not known yet, computed here)."""
        at = pc.indices_nonzero(pc.equal(rejects.column("kind"), pa.scalar("line")))
        texts: list[str | None] = rejects.column("text").take(at).to_pylist()
        reasons: list[Any] = rejects.column("reason").take(at).to_pylist()  # text, as is each group
        each: list[Any] = groups.take(at).to_pylist()
        for group, text, reason, key in zip(each, texts, reasons, keys[at.to_numpy()].tolist(), strict=True):
            self.add(group, text or "", reason, key or None)


def line_key(text: str, reason: str) -> int:
    """A removed line's 64-bit key, as the report counts it (computed where the work runs, mostly)."""
    return int.from_bytes(hashlib.blake2b(f"{reason}\0{text}".encode("utf-8", "surrogatepass"), digest_size=8).digest(),
                          "little")


def removed_lines(removed: RemovedLines) -> dict[str, list[dict[str, Any]]]:
    """source group -> its most frequent dropped lines: text, reason, count (and, where the count
    is an estimate, count_may_exceed_by), most frequent first."""
    return {group: removed.groups[group].lines() for group in sorted(removed.groups)}
