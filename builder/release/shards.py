"""Parquet shards: HF naming, bounded size.

Shard names carry the total count (`train-00000-of-00002.parquet`), which is known only once a
split is complete, so shards are written as `train-00000.parquet.partial` and renamed by
`publish_shards`: a half-written shard never looks finished.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
from pyarrow.fs import LocalFileSystem

from builder.user_paths import arrow_path

# Row groups end where a row's hash says so (content-defined, like the pages inside them), between
# MIN and MAX rows: inserting a few rows changes the row groups around them, not every one after them,
# so two releases that differ a little share most of their bytes. Nothing else decides a boundary,
# so the same rows always give the same bytes.
ROW_GROUP_MIN_ROWS = 512
ROW_GROUP_MAX_ROWS = 8192
ROW_GROUP_MASK = 2047  # about 1 row in 2048 ends a row group
ROW_OVERHEAD = 64  # estimated bytes per row beyond its strings (offsets, numbers)


def shard_name(split: str, index: int, count: int) -> str:
    return f"{split}-{index:05d}-of-{count:05d}.parquet"


class ShardWriter:
    """Writes one split's rows into shards of at most `max_bytes` of data (estimated from UTF-8 string sizes).

    A shard is larger only when one row alone is larger than `max_bytes`. Rows come as whole tables
    (`write_table`): the per-row decisions (size, where a row group ends) are taken over arrays, so a
    build's driver does no per-row Python for them."""

    def __init__(self, folder: Path, split: str, schema: pa.Schema, max_bytes: int, cdc: bool = True) -> None:
        self.folder, self.split, self.schema, self.max_bytes = folder, split, schema, max_bytes
        self.cdc = cdc
        folder.mkdir(parents=True, exist_ok=True)
        self.shards: list[Path] = []
        self._writer: pq.ParquetWriter | None = None
        self._shard_bytes = 0  # estimated, like _pending_bytes
        self._pending: list[pa.Table] = []
        self._pending_rows = 0
        self._pending_bytes = 0
        self.num_rows = 0
        self.num_bytes = 0  # uncompressed Arrow bytes, as `datasets` reports a split's size

    def write(self, rows: list[dict[str, Any]]) -> None:
        self.write_table(pa.Table.from_pylist(rows, schema=self.schema))

    def write_table(self, table: pa.Table, hashes: np.ndarray | None = None, unknown: np.ndarray | None = None
                    ) -> None:
        """Append `table`'s rows (its columns are the schema's, in order); `hashes` are their row_hashes,
        when the caller has them, but for the rows `unknown` marks (a boolean mask), computed here."""
        if hashes is None:
            hashes = row_hashes(table)
        elif unknown is not None and unknown.any():
            hashes = hashes.copy()
            hashes[unknown] = row_hashes(table.filter(pa.array(unknown)))
        self._place(table, row_sizes(table), np.flatnonzero(hashes & ROW_GROUP_MASK == 0))
        self.num_rows += table.num_rows

    def _place(self, table: pa.Table, sizes: np.ndarray, ends: np.ndarray) -> None:
        """Cut `table` into row groups and shards: a shard ends before the row that would take it past max_bytes
        (unless the shard has nothing yet), a row group after the row that makes it ROW_GROUP_MAX_ROWS long, or
        one of `ends` (the rows whose hash ends a group) that makes it at least ROW_GROUP_MIN_ROWS. The next cut
        of each kind is looked up over the rows' running sizes and `ends`, so this costs per cut, not per row."""
        total = np.concatenate(([0], np.cumsum(sizes)))  # total[k]: the bytes of rows [0, k)
        rows = len(sizes)
        start = at = 0  # the first row not yet pending; the first row not yet counted in _pending_bytes
        while at < rows:
            filled = self._shard_bytes + self._pending_bytes  # the open shard's bytes, flushed or pending
            # the first row that does not fit: running past max_bytes from `at`, never a shard's first row
            full = max(int(np.searchsorted(total, self.max_bytes - filled + total[at], side="right")) - 1, at)
            if full == at and not filled:
                full += 1
            pending = self._pending_rows + at - start
            earliest = at + max(ROW_GROUP_MIN_ROWS - pending - 1, 0)
            found = int(np.searchsorted(ends, earliest))
            group_end = min(int(ends[found]) if found < len(ends) else rows, at + ROW_GROUP_MAX_ROWS - pending - 1)
            if full < rows and full <= group_end:  # row `full` opens a new shard
                self._pending_bytes += int(total[full] - total[at])
                self._take(table, start, full)
                if self._pending_rows:
                    self._flush()
                if self._writer is not None:
                    self._close_shard()
                start = at = full
            elif group_end < rows:  # row `group_end` closes a row group
                self._pending_bytes += int(total[group_end + 1] - total[at])
                self._take(table, start, group_end + 1)
                self._flush()
                start = at = group_end + 1
            else:
                self._pending_bytes += int(total[rows] - total[at])
                at = rows
        self._take(table, start, rows)

    def _take(self, table: pa.Table, start: int, stop: int) -> None:
        if stop > start:
            self._pending.append(table.slice(start, stop - start))
            self._pending_rows += stop - start

    def _flush(self) -> None:
        table = _fresh(pa.concat_tables(self._pending), self.schema)
        if self._writer is None:
            path = self.folder / f"{self.split}-{len(self.shards):05d}.parquet.partial"
            self.shards.append(path)
            with _named(path):
                # content-defined page boundaries (as datasets and the Hub's Xet storage use): a release that
                # differs a little from the last one shares most of its bytes with it
                # (the path absolute and the file system named: pyarrow would expand a `~` in it, builder.user_paths)
                self._writer = pq.ParquetWriter(arrow_path(path), self.schema, filesystem=LocalFileSystem(),
                                                compression="zstd", write_statistics=True,
                                                use_content_defined_chunking=self.cdc, write_page_index=self.cdc)
        with _named(self.shards[-1]):
            self._writer.write_table(table, row_group_size=table.num_rows)
        self._shard_bytes += self._pending_bytes
        self.num_bytes += table.nbytes
        self._pending, self._pending_rows, self._pending_bytes = [], 0, 0

    def _close_shard(self) -> None:
        assert self._writer is not None
        with _named(self.shards[-1]):
            self._writer.close()
        self._writer, self._shard_bytes = None, 0

    def close(self) -> list[Path]:
        """Finish the split. A split without rows has no shard: `datasets` cannot load an empty split."""
        if self._pending:
            self._flush()
        if self._writer is not None:
            self._close_shard()
        return self.shards


@contextmanager
def _named(path: Path) -> Iterator[None]:
    """Arrow's OSErrors (a full disk, a file size limit) name no file: the CLI's message names the shard."""
    try:
        yield
    except OSError as exc:
        if exc.filename is not None:
            raise
        raise OSError(exc.errno, exc.strerror or str(exc), str(path)) from exc


def row_sizes(table: pa.Table) -> np.ndarray:
    """Each row's estimated bytes: ROW_OVERHEAD and the UTF-8 bytes of its strings."""
    sizes = np.full(table.num_rows, ROW_OVERHEAD, dtype=np.int64)
    for column in table.columns:
        if pa.types.is_string(column.type):
            sizes += pc.binary_length(column).fill_null(0).to_numpy(zero_copy_only=False)
    return sizes


HASHED = ("id", "doc_id", "char_start", "reason", "line", "source")  # the columns a row group's end is hashed from


def row_hashes(table: pa.Table) -> np.ndarray:
    """Each row's 32-bit hash of HASHED (str() of each value, "None" for a null or absent column)."""
    if not table.num_rows:
        return np.zeros(0, dtype=np.uint32)
    absent = pa.array(["None"] * table.num_rows, pa.string())
    parts: list[Any] = [_as_text(table.column(name)) if name in table.column_names else absent for name in HASHED]
    keys = pc.binary_join_element_wise(*parts, "\x00").cast(pa.binary()).to_pylist()
    return np.fromiter((int.from_bytes(hashlib.blake2b(key, digest_size=4).digest(), "little") for key in keys),
                       dtype=np.uint32, count=len(keys))


def _as_text(column: Any) -> Any:
    """str() of each value: a number's digits, "None" for a null."""
    return pc.cast(column, pa.string()).fill_null("None")


def _fresh(table: pa.Table, schema: pa.Schema) -> pa.Table:
    """The rows as one contiguous table without validity buffers where nothing is null, as
    `Table.from_pylist` makes it: `nbytes` (the split's size in the card) and the bytes written must not
    depend on how the rows were sliced together."""
    columns: list[pa.Array[Any]] = []
    for column in table.columns:
        array: pa.Array[Any] = pa.concat_arrays(column.chunks)  # a new array, from offset 0
        if array.null_count == 0 and array.type.num_fields == 0 and array.buffers()[0] is not None:
            array = pa.Array.from_buffers(array.type, len(array), [None, *array.buffers()[1:]])
        columns.append(array)
    return pa.Table.from_arrays(columns, schema=schema)


def publish_shards(staged: list[Path], split: str, target: Path) -> list[Path]:
    """Move finished shards to their final names in `target`."""
    target.mkdir(parents=True, exist_ok=True)
    final = []
    for index, path in enumerate(staged):
        dest = target / shard_name(split, index, len(staged))
        os.replace(path, dest)
        final.append(dest)
    return final
