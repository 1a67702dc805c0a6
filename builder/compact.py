"""Compact, numpy-backed tables for what a build remembers across documents: memory that grows by a
few bytes per key instead of a hundred, so peak RSS stays flat as corpora grow."""

from __future__ import annotations

import numpy as np

_EMPTY = np.uint64(0)


def key64(digest: bytes) -> int:
    """A non-zero 64-bit key from a hash digest (0 marks an empty slot)."""
    return int.from_bytes(digest[:8], "little") | 1


class HashIndex:
    """64-bit key -> 64-bit value, open addressing with linear probing, at most half full."""

    def __init__(self, capacity: int = 1 << 16) -> None:
        self.keys = np.zeros(capacity, dtype=np.uint64)
        self.values = np.zeros(capacity, dtype=np.uint64)
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
        """The value stored for `key`, or None after storing `value` for it."""
        slot = self._slot(key)
        if self.keys[slot]:
            return int(self.values[slot])
        self.keys[slot], self.values[slot] = key, value
        self.size += 1
        if 2 * self.size > len(self.keys):
            self._grow()
        return None

    def _grow(self) -> None:
        keys, values = self.keys[self.keys != _EMPTY], self.values[self.keys != _EMPTY]
        self.keys = np.zeros(2 * len(self.keys), dtype=np.uint64)
        self.values = np.zeros(len(self.keys), dtype=np.uint64)
        self.size = 0
        for key, value in zip(keys.tolist(), values.tolist()):
            self.setdefault(key, value)


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
