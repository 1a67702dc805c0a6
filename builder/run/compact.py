"""Compact, numpy-backed tables for what a build remembers across documents: memory that grows by a
few bytes per key instead of a hundred, so peak RSS stays flat as corpora grow."""

from __future__ import annotations

import os
import tempfile
from array import array
from pathlib import Path

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
    (`get_many`, one np.searchsorted per run) and its new keys added as one sorted run (`add_many`).

    No empty slots, so 12 bytes a key with 32-bit values (a hash table at 35-70% load takes 17-34), and no
    Python per key: the build's driver looks up a batch's thousands of MinHash band and paragraph keys in
    well under a millisecond. A run is merged into the one before it once that one is at most twice its
    size, so there are about log2(size / batch) runs, and growing copies the largest run only now and then
    (a merge needs the two runs and their merge for a moment)."""

    def __init__(self, values: type[np.unsignedinteger] = np.uint64) -> None:
        self.dtype = values
        self.runs: list[tuple[np.ndarray, np.ndarray]] = []  # (sorted keys, their values), largest first
        self.size = 0

    def get_many(self, keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Whether each key is in, and its value (0 where it is not)."""
        found = np.zeros(len(keys), dtype=bool)
        values = np.zeros(len(keys), dtype=self.dtype)
        for run_keys, run_values in self.runs:
            at = np.minimum(np.searchsorted(run_keys, keys), len(run_keys) - 1)
            hit = run_keys[at] == keys
            found |= hit
            values[hit] = run_values[at[hit]]
        return found, values

    def add_many(self, keys: np.ndarray, values: np.ndarray) -> None:
        """Add distinct keys that are not in yet."""
        if not len(keys):
            return
        order = np.argsort(keys)
        self.runs.append((keys[order], values[order].astype(self.dtype)))
        self.size += len(keys)
        while len(self.runs) > 1 and len(self.runs[-2][0]) <= 2 * len(self.runs[-1][0]):
            smaller = self.runs.pop()
            self.runs[-1] = _merged(self.runs[-1], smaller)


def _merged(a: tuple[np.ndarray, np.ndarray], b: tuple[np.ndarray, np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
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
    """How many times each 64-bit key was added, kept as sorted arrays (12 bytes per distinct key)."""

    COMPACT_EVERY = 1 << 20  # pending keys before merging: bounds the transient memory of a merge (~30 MB)

    def __init__(self) -> None:
        self.keys = np.zeros(0, dtype=np.uint64)
        self.counts = np.zeros(0, dtype=np.uint32)
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
        keys = np.concatenate([self.keys, *self.pending])
        counts = np.concatenate([self.counts, np.ones(self.pending_size, dtype=np.uint32)])
        order = np.argsort(keys, kind="stable")
        keys, counts = keys[order], counts[order]
        self.keys, starts = np.unique(keys, return_index=True)
        self.counts = np.add.reduceat(counts, starts) if len(keys) else counts
        self.pending, self.pending_size = [], 0

    def at_least(self, n: int) -> np.ndarray:
        """The sorted keys added n times or more."""
        self._compact()
        return self.keys[self.counts >= n]


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
