"""ShardWriter._place cuts a table into row groups and shards by looking up the next cut over the rows' running
sizes; it must make exactly the cuts of the per-row loop it replaced (kept here as the reference), in the same
order, over any sizes, row-group ends, shard size and way the rows arrive in tables: a release's bytes depend
on them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pytest
from hypothesis import given, settings, strategies as st

from builder.release import shards
from builder.release.shards import ShardWriter


class Recorded(ShardWriter):
    """A ShardWriter that records its cuts instead of writing Parquet, keeping the state they depend on."""

    def __init__(self, max_bytes: int) -> None:  # no folder, no schema: nothing is written
        self.max_bytes, self.events, self._writer = max_bytes, [], None
        self._shard_bytes = self._pending_bytes = self._pending_rows = 0
        self.offset = 0  # the first row of the table being placed, counted over every table so far

    def _take(self, table: Any, start: int, stop: int) -> None:
        if stop > start:
            self.events.append(("take", self.offset + start, self.offset + stop))
            self._pending_rows += stop - start

    def _flush(self) -> None:
        self.events.append(("flush", self._pending_bytes))
        self._writer = True  # type: ignore[assignment]
        self._shard_bytes += self._pending_bytes
        self._pending_rows = self._pending_bytes = 0

    def _close_shard(self) -> None:
        self.events.append(("close",))
        self._writer, self._shard_bytes = None, 0


class PerRow(Recorded):
    """The loop `_place` replaced, row by row (shards.py before session 18)."""

    def _place(self, table: Any, sizes: np.ndarray, ends: np.ndarray) -> None:
        end = np.zeros(len(sizes), dtype=bool)
        end[ends] = True
        start = 0
        for i, size in enumerate(sizes.tolist()):
            if self._pending_rows + i - start and self._shard_bytes + self._pending_bytes + size > self.max_bytes:
                self._take(table, start, i)
                start = i
                self._flush()
            if self._writer is not None and self._shard_bytes + size > self.max_bytes:
                self._close_shard()
            self._pending_bytes += size
            pending = self._pending_rows + i + 1 - start
            if pending >= shards.ROW_GROUP_MAX_ROWS or (pending >= shards.ROW_GROUP_MIN_ROWS and end[i]):
                self._take(table, start, i + 1)
                start = i + 1
                self._flush()
        self._take(table, start, len(sizes))


def cuts(writer: Recorded, tables: list[tuple[np.ndarray, np.ndarray]]) -> list[tuple[Any, ...]]:
    for sizes, ends in tables:
        writer._place(None, sizes, np.flatnonzero(ends))
        writer.offset += len(sizes)
    return writer.events


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.integers(1, 300), st.booleans()), max_size=400), st.integers(1, 3000),
       st.integers(1, 12), st.integers(0, 30), st.lists(st.integers(1, 120), min_size=1))
def test_the_cuts_are_the_per_row_loops(rows: list[tuple[int, bool]], max_bytes: int, least: int, more: int,
                                        splits: list[int]) -> None:
    sizes = np.array([size for size, _ in rows], dtype=np.int64)
    ends = np.array([end for _, end in rows], dtype=bool)
    tables, start, i = [], 0, 0
    while start < len(rows):  # the rows as tables of the sizes `splits` gives, in turn
        stop = start + splits[i % len(splits)]
        tables.append((sizes[start:stop], ends[start:stop]))
        start, i = stop, i + 1
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(shards, "ROW_GROUP_MIN_ROWS", least)
        patch.setattr(shards, "ROW_GROUP_MAX_ROWS", least + more)
        expected = cuts(PerRow(max_bytes), tables)
        assert cuts(Recorded(max_bytes), tables) == expected
    if len(rows) > 1 and sum(size for size, _ in rows) > max_bytes:
        assert ("close",) in expected  # the case of a shard cut was met (not a check that can only agree)


def test_a_real_table_is_written_with_the_per_row_loops_cuts(tmp_path: Path) -> None:
    """Whole shards: 20,000 rows of sizes from tens to thousands of bytes, 1 MB shards, written by the real
    writer and by one that places rows with the per-row loop: the same files, byte for byte."""
    rng = np.random.default_rng(18)
    texts = ["x" * int(n) for n in rng.integers(10, 3000, 20_000)]
    schema = pa.schema([("id", pa.string()), ("text", pa.string())])
    table = pa.table({"id": [f"{i:08d}" for i in range(len(texts))], "text": texts}, schema=schema)

    class Reference(ShardWriter):
        _place = PerRow._place

    written = []
    for name, kind in (("new", ShardWriter), ("reference", Reference)):
        writer = kind(tmp_path / name, "train", schema, 1_000_000)
        for start in range(0, table.num_rows, 7_000):
            writer.write_table(table.slice(start, 7_000))
        written.append([path.read_bytes() for path in writer.close()])
    assert len(written[0]) > 10 and written[0] == written[1]
