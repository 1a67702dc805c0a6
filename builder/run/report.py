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

    def count(self, keys: list[int], texts: list[str], reasons: list[str]) -> None:
        """`add` of each line in turn (the same counts, replacements and top lines), with what `add` does per line
        written out here: a rebuild counts every cached removed line again (208 k at 100 MB), and most lines
        are neither new nor near the top, so they cost a dict update and one comparison."""
        self.unpack()
        counts, by_count, in_top, ranked, top = self.counts, self.by_count, self.in_top, self.ranked, self.top
        for key, text, reason in zip(keys, texts, reasons, strict=True):
            count = counts.get(key)
            if count is not None:
                self._unlist(key, count)
            elif len(counts) < self.tracked:
                count = 0
            else:
                count = self.least
                for replaced in by_count[count]:  # the oldest of the least counted not in the top
                    if replaced not in in_top:
                        break
                self._unlist(replaced, count)
                del counts[replaced]
                self.overcount.pop(replaced, None)
                self.overcount[key] = count
            count += 1
            counts[key] = count
            listed = by_count.get(count)
            if listed is None:
                by_count[count] = {key: None}
            else:
                listed[key] = None
            if count == 1 or self.least not in by_count:
                self.least = count
            if key in in_top or len(ranked) < top:
                self._rank(key, count, text, reason)
                continue
            # outside a full top, a line enters only if it ranks before the last top line (`_rank`); most do not
            (least_top, last_text, last_reason), last_key = ranked[-1]
            if count > -least_top or (count == -least_top and (text, reason, key) < (last_text, last_reason, last_key)):
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
        self._group(group).add(text, reason, key)

    def _group(self, group: str) -> TopLines:
        """The folder's counter, made live (its counts unpacked when next added to; the oldest live one packed)."""
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
        return found

    def add_rows(self, rejects: pa.Table, groups: pa.Array[Any], keys: np.ndarray) -> None:
        """Count the removed lines of a table of rejects, in order: the rows of kind "line", each with
        its source group and line_key (0: not known yet, computed here)."""
        at = pc.indices_nonzero(pc.equal(rejects.column("kind"), pa.scalar("line")))
        texts: list[str] = [text or "" for text in rejects.column("text").take(at).to_pylist()]
        reasons: list[Any] = rejects.column("reason").take(at).to_pylist()  # text, as is each group
        chosen = keys[at.to_numpy()]
        found: list[int] = chosen.tolist()
        for i in np.flatnonzero(chosen == 0).tolist():  # not known yet
            found[i] = line_key(texts[i], reasons[i])
        each = groups.take(at)
        # runs of one group (a folder's inputs come together), each counted at once: any cut into runs of one
        # group counts the same, so a null (never met) may cut a run
        moved = pc.not_equal(each[1:], each[:-1]).fill_null(True).to_numpy(zero_copy_only=False)
        cuts = [0, *(np.flatnonzero(moved) + 1).tolist(), len(each)]
        names: list[Any] = each.take(cuts[:-1]).to_pylist() if len(each) else []
        for group, start, stop in zip(names, cuts, cuts[1:], strict=False):
            self._group(group).count(found[start:stop], texts[start:stop], reasons[start:stop])


def line_key(text: str, reason: str) -> int:
    """A removed line's 64-bit key, as the report counts it (computed where the work runs, mostly)."""
    return int.from_bytes(hashlib.blake2b(f"{reason}\0{text}".encode("utf-8", "surrogatepass"), digest_size=8).digest(),
                          "little")


def removed_lines(removed: RemovedLines) -> dict[str, list[dict[str, Any]]]:
    """source group -> its most frequent dropped lines: text, reason, count (and, where the count
    is an estimate, count_may_exceed_by), most frequent first."""
    return {group: removed.groups[group].lines() for group in sorted(removed.groups)}
