"""Parquet shards: HF naming, bounded size.

Shard names carry the total count (`train-00000-of-00002.parquet`), which is known only once a
split is complete, so shards are written as `train-00000.parquet.partial` and renamed by
`publish_shards`: a half-written shard never looks finished.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

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

    A shard is larger only when one row alone is larger than `max_bytes`."""

    def __init__(self, folder: Path, split: str, schema: pa.Schema, max_bytes: int, cdc: bool = True) -> None:
        self.folder, self.split, self.schema, self.max_bytes = folder, split, schema, max_bytes
        self.cdc = cdc
        folder.mkdir(parents=True, exist_ok=True)
        self.shards: list[Path] = []
        self._writer: pq.ParquetWriter | None = None
        self._shard_bytes = 0  # estimated, like _pending_bytes
        self._pending: list[dict[str, Any]] = []
        self._pending_bytes = 0
        self.num_rows = 0
        self.num_bytes = 0  # uncompressed Arrow bytes, as `datasets` reports a split's size

    def write(self, rows: list[dict[str, Any]]) -> None:
        for row in rows:
            size = ROW_OVERHEAD + sum(len(v.encode("utf-8")) for v in row.values() if isinstance(v, str))
            if self._pending and self._shard_bytes + self._pending_bytes + size > self.max_bytes:
                self._flush()
            if self._writer is not None and self._shard_bytes + size > self.max_bytes:
                self._close_shard()
            self._pending.append(row)
            self._pending_bytes += size
            if len(self._pending) >= ROW_GROUP_MAX_ROWS or (
                    len(self._pending) >= ROW_GROUP_MIN_ROWS and _row_hash(row) & ROW_GROUP_MASK == 0):
                self._flush()
        self.num_rows += len(rows)

    def _flush(self) -> None:
        table = pa.Table.from_pylist(self._pending, schema=self.schema)
        if self._writer is None:
            path = self.folder / f"{self.split}-{len(self.shards):05d}.parquet.partial"
            # content-defined page boundaries (as datasets and the Hub's Xet storage use): a release that
            # differs a little from the last one shares most of its bytes with it
            self._writer = pq.ParquetWriter(path, self.schema, compression="zstd", write_statistics=True,
                                            use_content_defined_chunking=self.cdc, write_page_index=self.cdc)
            self.shards.append(path)
        self._writer.write_table(table, row_group_size=len(self._pending))
        self._shard_bytes += self._pending_bytes
        self.num_bytes += table.nbytes
        self._pending, self._pending_bytes = [], 0

    def _close_shard(self) -> None:
        assert self._writer is not None
        self._writer.close()
        self._writer, self._shard_bytes = None, 0

    def close(self) -> list[Path]:
        """Finish the split. A split without rows has no shard: `datasets` cannot load an empty split."""
        if self._pending:
            self._flush()
        if self._writer is not None:
            self._close_shard()
        return self.shards


def _row_hash(row: dict[str, Any]) -> int:
    key = "\x00".join(str(row.get(k)) for k in ("id", "doc_id", "char_start", "reason", "line", "source"))
    return int.from_bytes(hashlib.blake2b(key.encode("utf-8", "surrogatepass"), digest_size=4).digest(), "little")


def publish_shards(staged: list[Path], split: str, target: Path) -> list[Path]:
    """Move finished shards to their final names in `target`."""
    target.mkdir(parents=True, exist_ok=True)
    final = []
    for index, path in enumerate(staged):
        dest = target / shard_name(split, index, len(staged))
        os.replace(path, dest)
        final.append(dest)
    return final
