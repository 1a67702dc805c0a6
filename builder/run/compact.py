"""Compact, numpy-backed tables for what a build remembers across documents: memory that grows by a
few bytes per key instead of a hundred, so peak RSS stays flat as corpora grow."""

from __future__ import annotations

import itertools
import os
import tempfile
from array import array
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

import numpy as np

_EMPTY = np.uint64(0)


def key64(digest: bytes) -> int:
    """A non-zero 64-bit key from a hash digest (0 marks an empty slot)."""
    return int.from_bytes(digest[:8], "little") | 1


class _Table:
    """64-bit key -> value, open addressing with linear probing, at most MAX_LOAD full."""

    MAX_LOAD = 0.7  # linear probing stays short (about 6 probes for a miss at the fullest) and slots are not wasted

    def __init__(self, capacity: int, values: type[np.unsignedinteger]) -> None:
        self.keys = np.zeros(capacity, dtype=np.uint64)
        self.values = np.zeros(capacity, dtype=values)
        self.size = 0

    def _slot(self, key: int) -> int:
        """Where `key` is, or the empty slot where it would go."""
        mask = len(self.keys) - 1
        slot = key & mask
        while True:
            found = int(self.keys[slot])
            if found == key or found == 0:
                return slot
            slot = (slot + 1) & mask

    def get(self, key: int) -> int | None:
        slot = self._slot(key)
        return int(self.values[slot]) if self.keys[slot] else None

    def setdefault(self, key: int, value: int) -> int | None:
        slot = self._slot(key)
        if self.keys[slot]:
            return int(self.values[slot])
        self.keys[slot], self.values[slot] = key, value
        self.size += 1
        if self.size > self.MAX_LOAD * len(self.keys):
            self._grow()
        return None

    def _grow(self) -> None:
        occupied = self.keys != _EMPTY
        keys, values = self.keys[occupied], self.values[occupied]
        self.keys = np.zeros(2 * len(self.keys), dtype=np.uint64)
        self.values = np.zeros(len(self.keys), dtype=self.values.dtype)
        self._place(keys, values)

    def _place(self, keys: np.ndarray, values: np.ndarray) -> None:
        """Insert distinct new keys all at once: in rounds, each key takes its slot if it is free (the
        first of several keys after one slot takes it) or moves on to the next slot, as one insertion
        after another would, so every key is still found by probing from its home slot."""
        mask = np.uint64(len(self.keys) - 1)
        slots = keys & mask
        while len(keys):
            _, first = np.unique(slots, return_index=True)
            placed = np.zeros(len(keys), dtype=bool)
            placed[first] = True
            placed &= self.keys[slots] == _EMPTY
            self.keys[slots[placed]], self.values[slots[placed]] = keys[placed], values[placed]
            keys, values, slots = keys[~placed], values[~placed], (slots[~placed] + np.uint64(1)) & mask


class HashIndex:
    """64-bit key -> unsigned value (64 or fewer bits), in 256 open-addressing tables chosen by the
    key's top byte: each table grows on its own, so a growing index copies 1/256 of itself at a
    time instead of needing twice its size at once (the peak that made a big build's memory jump)."""

    PARTS_BITS = 8

    def __init__(self, capacity: int = 1 << 16, values: type[np.unsignedinteger] = np.uint64) -> None:
        bits = self.PARTS_BITS if capacity >= 4 << self.PARTS_BITS else 0  # tiny indexes (tests): one table
        self.shift = 64 - bits
        part = 1 << max(2, (capacity >> bits).bit_length() - 1)  # a power of two, as _Table's mask needs
        self.parts = [_Table(part, values) for _ in range(1 << bits)]
        self.size = 0

    def get(self, key: int) -> int | None:
        return self.parts[key >> self.shift].get(key)  # keys are below 2**64: one table when shift is 64

    def setdefault(self, key: int, value: int) -> int | None:
        """The value stored for `key`, or None after storing `value` for it."""
        found = self.parts[key >> self.shift].setdefault(key, value)
        self.size += found is None
        return found


class SortedRuns:
    """64-bit key -> unsigned value for keys that come in batches: a batch is looked up at once
    (`get_many`, np.searchsorted per run) and its new keys added as one sorted run (`add_many`).

    No empty slots and no Python per key: the build's driver looks up a batch's thousands of MinHash band
    and paragraph keys in well under a millisecond. A run is merged into the one before it once that one
    is at most twice its size, so there are about log2(size / batch) runs. Runs are kept in chunks of at
    most CHUNK keys and merged a chunk at a time, each input chunk let go once merged: growing needs the
    runs and a few chunks, not the two largest runs and their merge at once.

    Given a `folder` (the build's staging folder), a run of SPILL keys or more is written to an unnamed
    file there and only each key's top 32 bits stay in memory (`_TopBits`: about 2 bytes a key in a big run,
    4 in a smaller one, instead of 8 + the value's): a key whose top bits match is confirmed against its full
    key on disk, and its value read, so the answers are exactly those of keys held in memory. Keys are hashes
    and most lookups miss (a band key of a document that is no near-duplicate), so the disk is read about once
    per hit."""

    CHUNK = 1 << 16
    SPILL = 1 << 16  # a smaller run stays in memory (a few of them, under 1 MB each): no file per batch

    def __init__(self, values: type[np.unsignedinteger] = np.uint64, folder: Path | None = None) -> None:
        self.dtype = values
        self.folder = folder
        self.runs: list[_Run] = []  # largest first
        self.size = 0

    def get_many(self, keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Whether each key is in, and its value (0 where it is not)."""
        found = np.zeros(len(keys), dtype=bool)
        values = np.zeros(len(keys), dtype=self.dtype)
        for run in self.runs:
            run.find(keys, found, values)
        return found, values

    def add_many(self, keys: np.ndarray, values: np.ndarray) -> None:
        """Add distinct keys that are not in yet."""
        if not len(keys):
            return
        order = np.argsort(keys)
        keys, values = keys[order], values[order].astype(self.dtype)
        self.runs.append(self._run(((keys[at : at + self.CHUNK], values[at : at + self.CHUNK])
                                    for at in range(0, len(keys), self.CHUNK)), len(keys)))
        self.size += len(keys)
        while len(self.runs) > 1 and self.runs[-2].size <= 2 * self.runs[-1].size:
            smaller, larger = self.runs.pop(), self.runs.pop()
            self.runs.append(self._run(_merged_chunks(larger.take(), smaller.take(), self.CHUNK),
                                       larger.size + smaller.size))

    def _run(self, chunks: Iterator[Chunk], size: int) -> _Run:
        spill = self.folder is not None and size >= self.SPILL
        return _Run(chunks, self.dtype, tempfile.TemporaryFile(dir=self.folder) if spill else None, size)

    def close(self) -> None:
        """Let go of the runs' files (also when the index is collected)."""
        for run in self.runs:
            run.close()
        self.runs = []


Chunk = tuple[np.ndarray, np.ndarray]  # sorted keys and their values


def _top_bits(keys: np.ndarray) -> np.ndarray:
    return (keys >> np.uint64(32)).astype(np.uint32)


class _TopBits:
    """The top 32 bits of a sorted run's keys, for `_Run.find` to tell which keys may be in. In a run of COMPACT
    keys or more they are held as Elias-Fano splits them: each key's lower 16 of them (2 bytes), and where the
    keys of each value of the upper 16 start (65,537 of those, 256 KB a run), so the band index of 200,000
    documents (2.8 million keys) holds about 2.1 bytes a key instead of 4; a smaller run keeps them whole. Filled
    a chunk at a time, in order, into arrays of the run's size: no second copy while a run is made."""

    COMPACT = 1 << 17  # from here the lower bits and the starts take less than the bits whole

    def __init__(self, size: int) -> None:
        self.compact = size >= self.COMPACT
        self.bits = np.empty(size, dtype=np.uint16 if self.compact else np.uint32)
        self.starts = np.zeros((1 << 16) + 1 if self.compact else 0, dtype=np.uint32)  # counts until `done`
        self.filled = 0

    def add(self, keys: np.ndarray) -> None:
        """The next chunk's keys."""
        tops = _top_bits(keys)
        self.bits[self.filled : self.filled + len(tops)] = tops  # the lower 16 bits where compact
        self.filled += len(tops)
        if self.compact:
            self.starts[1:] += np.bincount(tops >> np.uint32(16), minlength=1 << 16).astype(np.uint32)

    def done(self) -> None:
        assert self.filled == len(self.bits), "a run's chunks hold the keys it was made for"
        if self.compact:
            np.cumsum(self.starts, out=self.starts)  # starts[k]: the first key whose upper 16 bits are k

    def bounds(self, wanted: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Where the keys whose top bits are `wanted` (as `_top_bits` gives them) start and end in the run: the
        top bits' np.searchsorted, left and right."""
        if not self.compact:
            return np.searchsorted(self.bits, wanted), np.searchsorted(self.bits, wanted, side="right")
        upper, lower = (wanted >> np.uint32(16)).astype(np.int64), wanted.astype(np.uint16)
        low, high = self.starts[upper].astype(np.int64), self.starts[upper + 1].astype(np.int64)
        start = _bisect(self.bits, lower, low, high, right=False)
        equal = start < high
        equal[equal] = self.bits[start[equal]] == lower[equal]
        end = start.copy()  # most top bits are no key's: there the keys end where they would start
        end[equal] = _bisect(self.bits, lower[equal], start[equal], high[equal], right=True)
        return start, end


def _bisect(parts: np.ndarray, wanted: np.ndarray, low: np.ndarray, high: np.ndarray, right: bool) -> np.ndarray:
    """np.searchsorted(parts[low[i]:high[i]], wanted[i], side) + low[i] for every i at once (each slice sorted:
    the few keys of one value of the upper bits, halved at each step)."""
    low, high = low.copy(), high.copy()
    while (open_ := low < high).any():
        middle = (low + high) // 2
        value = parts[np.minimum(middle, len(parts) - 1)]
        after = open_ & ((value <= wanted) if right else (value < wanted))
        low = np.where(after, middle + 1, low)
        high = np.where(open_ & ~after, middle, high)
    return low


class _Run:
    """One sorted run, as chunks in ascending order of keys: held in memory, or written one after another
    to `file` (each chunk its keys, then its values) with only the keys' top 32 bits held."""

    def __init__(self, chunks: Iterator[Chunk], dtype: type[np.unsignedinteger], file: BinaryIO | None,
                 size: int) -> None:
        self.file, self.dtype, self.width = file, dtype, np.dtype(dtype).itemsize
        self.chunks: list[Chunk] = []  # held in memory: keys and values
        # on disk: the keys' top 32 bits, where each chunk starts in the file and among the keys
        self.tops = _TopBits(size if file is not None else 0)
        self.offsets: list[int] = []
        self.starts: list[int] = []
        firsts: list[int] = []
        self.size = 0
        for keys, values in chunks:
            firsts.append(int(keys[0]))
            self.size += len(keys)
            if file is None:
                self.chunks.append((keys, values))
                continue
            self.offsets.append(file.tell())
            self.starts.append(self.tops.filled)
            file.write(keys.tobytes())
            file.write(values.astype(dtype).tobytes())
            self.tops.add(keys)
        if file is not None:
            file.flush()  # read back with os.pread
            self.tops.done()
        self.firsts = np.array(firsts, dtype=np.uint64)
        self.starts.append(self.size)

    def _read(self, chunk: int, start: int, stop: int) -> Chunk:
        """Keys and values [start:stop] of a chunk on disk."""
        assert self.file is not None
        fd, at, n = self.file.fileno(), self.offsets[chunk], self.starts[chunk + 1] - self.starts[chunk]
        keys = np.frombuffer(os.pread(fd, 8 * (stop - start), at + 8 * start), dtype=np.uint64)
        values = np.frombuffer(os.pread(fd, self.width * (stop - start), at + 8 * n + self.width * start),
                               dtype=self.dtype)
        if len(keys) != stop - start or len(values) != stop - start:
            raise OSError("an index file of the build's staging folder was cut short")
        return keys, values

    def find(self, keys: np.ndarray, found: np.ndarray, values: np.ndarray) -> None:
        """Mark the keys that are in this run and set their values (in place)."""
        if self.file is not None:
            self._find_on_disk(keys, found, values)
            return
        which = np.searchsorted(self.firsts, keys, side="right") - 1  # the chunk a key would be in; -1: none
        order = np.argsort(which, kind="stable")
        bounds = np.searchsorted(which[order], np.arange(len(self.firsts) + 1))
        for chunk, (start, stop) in enumerate(zip(bounds[:-1].tolist(), bounds[1:].tolist(), strict=True)):
            if start != stop:
                _found(self.chunks[chunk], keys, order[start:stop], found, values)

    def _find_on_disk(self, keys: np.ndarray, found: np.ndarray, values: np.ndarray) -> None:
        """`find` where the run is on disk: only keys whose top bits are in can be; their full keys and values are
        read, in each chunk from the first such key's place to the last's (one place for a single key; most
        lookups read nothing). Keys of one top may run over several chunks."""
        start, end = self.tops.bounds(_top_bits(keys))
        maybe = np.flatnonzero(end > start)
        if not len(maybe):
            return
        starts = np.array(self.starts)
        first = np.searchsorted(starts, start[maybe], side="right") - 1
        spans = np.searchsorted(starts, end[maybe] - 1, side="right") - first  # chunks each one's keys are in
        asked = np.repeat(maybe, spans)
        chunks = np.repeat(first, spans) + np.arange(len(asked)) - np.repeat(np.cumsum(spans) - spans, spans)
        order = np.argsort(chunks, kind="stable")
        asked, chunks = asked[order], chunks[order]
        cuts = np.flatnonzero(np.diff(chunks)) + 1
        for part in np.split(np.arange(len(asked)), cuts):
            chunk, these = int(chunks[part[0]]), asked[part]
            base, length = int(starts[chunk]), int(starts[chunk + 1] - starts[chunk])
            low = max(int(start[these].min()) - base, 0)
            high = min(int(end[these].max()) - base, length)
            _found(self._read(chunk, low, high), keys, these, found, values)

    def take(self) -> Iterator[Chunk]:
        """Its chunks in order, each let go of once read (a merge frees each one as it is used); then
        the run is closed."""
        for chunk in range(len(self.firsts)):
            if self.file is None:
                yield self.chunks[chunk]
                self.chunks[chunk] = (_NO_KEYS, _NO_KEYS)
            else:
                yield self._read(chunk, 0, self.starts[chunk + 1] - self.starts[chunk])
        self.close()

    def close(self) -> None:
        self.chunks, self.tops = [], _TopBits(0)
        if self.file is not None:
            self.file.close()


_NO_KEYS = np.zeros(0, dtype=np.uint64)


def _found(chunk: Chunk, keys: np.ndarray, asked: np.ndarray, found: np.ndarray, values: np.ndarray) -> None:
    """Mark the `asked` keys that are in a sorted chunk (or a slice of one) and set their values."""
    at_keys, at_values = chunk
    at = np.minimum(np.searchsorted(at_keys, keys[asked]), len(at_keys) - 1)
    hit = at_keys[at] == keys[asked]
    found[asked[hit]] = True
    values[asked[hit]] = at_values[at[hit]]


def _merged_chunks(a: Iterator[Chunk], b: Iterator[Chunk], size: int) -> Iterator[Chunk]:
    """Two runs with no key in common as one, in chunks of `size` keys (the last may be shorter). The
    inputs are read from the front: each step merges the keys of both up to the smaller of their first
    chunks' last keys, so at most a few chunks are in flight besides the runs themselves."""
    pending: list[Chunk] = []  # merged, not yet cut into chunks
    pending_size = 0
    head_a: Chunk | None = next(a, None)
    head_b: Chunk | None = next(b, None)
    while head_a is not None and head_b is not None:
        bound = min(head_a[0][-1], head_b[0][-1])
        cut_a, cut_b = (int(np.searchsorted(head[0], bound, side="right")) for head in (head_a, head_b))
        pending.append(_merged((head_a[0][:cut_a], head_a[1][:cut_a]), (head_b[0][:cut_b], head_b[1][:cut_b])))
        pending_size += cut_a + cut_b
        head_a = (head_a[0][cut_a:], head_a[1][cut_a:]) if cut_a < len(head_a[0]) else next(a, None)
        head_b = (head_b[0][cut_b:], head_b[1][cut_b:]) if cut_b < len(head_b[0]) else next(b, None)
        if pending_size >= size:
            yield from _cut(pending, size)
            pending_size = sum(len(keys) for keys, _ in pending)
    if pending:
        yield from _cut(pending, size, last=True)
    # the rest of the run that lasted longer: its chunks as they are, the first maybe shorter (copied: as a
    # slice it would keep all of the chunk it was cut from)
    for head, rest in ((head_a, a), (head_b, b)):
        if head is not None:
            yield head[0].copy(), head[1].copy()
            yield from rest


def _cut(pending: list[Chunk], size: int, last: bool = False) -> Iterator[Chunk]:
    """Whole chunks of `size` keys from `pending` (in order); what is left stays pending (all of it goes,
    the last chunk shorter, when `last`)."""
    keys = np.concatenate([k for k, _ in pending])
    values = np.concatenate([v for _, v in pending])
    whole = len(keys) if last else len(keys) - len(keys) % size
    pending[:] = [(keys[whole:].copy(), values[whole:].copy())] if whole < len(keys) else []
    for at in range(0, whole, size):
        yield keys[at : min(at + size, whole)].copy(), values[at : min(at + size, whole)].copy()


def _merged(a: Chunk, b: Chunk) -> Chunk:
    """Two sorted runs with no key in common, as one."""
    (a_keys, a_values), (b_keys, b_values) = a, b
    at = np.searchsorted(a_keys, b_keys) + np.arange(len(b_keys))  # where b's keys go in the merged run
    from_a = np.ones(len(a_keys) + len(b_keys), dtype=bool)
    from_a[at] = False
    keys, values = np.empty(len(from_a), dtype=a_keys.dtype), np.empty(len(from_a), dtype=a_values.dtype)
    keys[at], values[at] = b_keys, b_values
    keys[from_a], values[from_a] = a_keys, a_values
    return keys, values


class KeyCounter:
    """How many times each 64-bit key was added: sorted chunks of at most CHUNK distinct keys, each with its
    counts (12 bytes a distinct key). Added keys wait (up to COMPACT_EVERY) and are then counted in a chunk
    at a time: each chunk they fall in is rebuilt on its own, so counting in needs a chunk's copy, not a
    second copy of every key sorted again (which set the peak of a big build's first pass)."""

    CHUNK = 1 << 16
    COMPACT_EVERY = 1 << 19  # pending keys before they are counted in: their sort's memory (~15 MB at most)

    def __init__(self) -> None:
        self.chunks: list[Chunk] = []  # in ascending order of keys: (sorted keys, their counts as uint32)
        self.pending: list[np.ndarray] = []
        self.pending_size = 0

    def add(self, keys: np.ndarray) -> None:
        self.pending.append(keys)
        self.pending_size += len(keys)
        if self.pending_size >= self.COMPACT_EVERY:
            self._compact()

    def _compact(self) -> None:
        if not self.pending:
            return
        keys, counts = np.unique(np.concatenate(self.pending).astype(np.uint64), return_counts=True)
        counts = counts.astype(np.uint32)
        self.pending, self.pending_size = [], 0
        if not self.chunks:
            self.chunks = self._split(keys, counts)
            return
        firsts = np.array([k[0] for k, _ in self.chunks], dtype=np.uint64)
        which = np.maximum(np.searchsorted(firsts, keys, side="right") - 1, 0)  # below the first key: chunk 0
        bounds = np.searchsorted(which, np.arange(len(self.chunks) + 1)).tolist()  # keys are sorted: so is which
        chunks, self.chunks = self.chunks, []
        for i, (start, stop) in enumerate(itertools.pairwise(bounds)):
            (chunk_keys, chunk_counts), chunks[i] = chunks[i], (_NO_KEYS, _NO_KEYS)  # let go of as it is rebuilt
            if start == stop:
                self.chunks.append((chunk_keys, chunk_counts))
                continue
            new_keys, new_counts = keys[start:stop], counts[start:stop]
            at = np.searchsorted(chunk_keys, new_keys)
            there = at < len(chunk_keys)
            there[there] = chunk_keys[at[there]] == new_keys[there]
            chunk_counts[at[there]] += new_counts[there]  # distinct keys: each place once
            if not there.all():
                chunk_keys = np.insert(chunk_keys, at[~there], new_keys[~there])
                chunk_counts = np.insert(chunk_counts, at[~there], new_counts[~there])
            self.chunks.extend(self._split(chunk_keys, chunk_counts))

    def _split(self, keys: np.ndarray, counts: np.ndarray) -> list[Chunk]:
        """Sorted keys and counts as chunks of at most CHUNK keys, of about equal sizes (copies: a slice
        would keep all of what it was cut from)."""
        if len(keys) <= self.CHUNK:
            return [(keys, counts)]
        parts = -(-len(keys) // self.CHUNK)
        return [(k.copy(), c.copy()) for k, c in zip(np.array_split(keys, parts), np.array_split(counts, parts),
                                                      strict=True)]

    def at_least(self, n: int) -> np.ndarray:
        """The sorted keys added n times or more."""
        self._compact()
        return np.concatenate([np.zeros(0, dtype=np.uint64), *(keys[counts >= n] for keys, counts in self.chunks)])

    def contains(self, keys: np.ndarray) -> np.ndarray:
        """Which of `keys` were added at all, a chunk at a time (no copy of every key)."""
        self._compact()
        found = np.zeros(len(keys), dtype=bool)
        for chunk_keys, _ in self.chunks:
            if len(chunk_keys):
                found |= chunk_keys[np.minimum(np.searchsorted(chunk_keys, keys), len(chunk_keys) - 1)] == keys
        return found


class StringLog:
    """Strings by ordinal, kept in an unnamed temporary file: 8 bytes of memory per string (its
    offset) instead of the string itself. For what a build must name again only now and then, such
    as the first copy of a duplicate."""

    def __init__(self, folder: Path) -> None:
        # unnamed (O_TMPFILE where there is one): it goes away with the process, even a killed one,
        # and lives in `folder`, which the build owns, not in a shared temporary directory
        self.file = tempfile.TemporaryFile(dir=folder)  # noqa: SIM115  (lives as long as this log: close() ends both)
        self.offsets = array("Q", [0])

    def __len__(self) -> int:
        return len(self.offsets) - 1

    def append(self, text: str) -> None:
        data = text.encode("utf-8", "surrogatepass")  # ids from file names may hold escaped bytes
        self.file.write(data)
        self.offsets.append(self.offsets[-1] + len(data))

    def extend(self, texts: list[str]) -> None:
        """`append` each of `texts`, in one write."""
        data = [text.encode("utf-8", "surrogatepass") for text in texts]
        self.file.write(b"".join(data))
        self.offsets.extend(list(itertools.accumulate(map(len, data), initial=self.offsets[-1]))[1:])

    def __getitem__(self, ordinal: int) -> str:
        if not 0 <= ordinal < len(self):
            raise IndexError(ordinal)
        start, end = self.offsets[ordinal], self.offsets[ordinal + 1]
        self.file.seek(start)  # flushes what is buffered
        data = self.file.read(end - start)
        self.file.seek(0, os.SEEK_END)  # appends go on at the end
        return data.decode("utf-8", "surrogatepass")

    def close(self) -> None:
        self.file.close()
