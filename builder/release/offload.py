"""The release's shard writers in a process of their own, so that a Ray build's driver only decides which
rows go where: the Parquet writing (row sizes and hashes, zstd pages, the files) is a third of its
per-document time otherwise.

The same ShardWriter objects do the writing there, given the same tables in the same order, so the
shards' names, boundaries and bytes are those of a local build. The process must see the driver's
staging folder: the executor places it on the driver's node (builder.run.executors.Ray.beside).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, Protocol

import numpy as np
import pyarrow as pa

from builder.release.shards import ShardWriter


class Beside(Protocol):
    """An object moved to another process: calls go in order; `call` does not wait, `result` waits for
    it and every call before it, and raises what any of them raised."""

    def call(self, method: str, *args: Any) -> None: ...

    def result(self, method: str, *args: Any) -> Any: ...


class Writers:
    """The writers, where they run (the other process)."""

    def __init__(self, writers: dict[str, ShardWriter]) -> None:
        from builder.run.lean import keep_pandas_out

        keep_pandas_out()  # nothing here needs pandas (builder.run.lean)
        self.writers, self.started = writers, time.process_time()

    def write(self, name: str, table: pa.Table, hashes: np.ndarray | None, unknown: np.ndarray | None) -> None:
        self.writers[name].write_table(table, hashes, unknown)

    def close(self, name: str) -> tuple[list[Path], int, int]:
        writer = self.writers[name]
        return writer.close(), writer.num_rows, writer.num_bytes

    def cpu(self) -> float:
        """CPU seconds this process has taken since it was given the writers."""
        return time.process_time() - self.started


class Offloaded:
    """One of the writers, as the driver sees it: ShardWriter's interface, the work done beside."""

    def __init__(self, beside: Beside, name: str) -> None:
        self.beside, self.name = beside, name
        self.num_rows = self.num_bytes = 0
        self._shards: list[Path] | None = None

    def write_table(self, table: pa.Table, hashes: np.ndarray | None = None, unknown: np.ndarray | None = None
                    ) -> None:
        self.beside.call("write", self.name, table, hashes, unknown)

    def close(self) -> list[Path]:
        if self._shards is None:
            self._shards, self.num_rows, self.num_bytes = self.beside.result("close", self.name)
        return self._shards


Move = Callable[..., Beside]  # move(cls, *args): a `cls(*args)` made in another process


def offloaded(writers: dict[str, ShardWriter], move: Move) -> tuple[dict[str, Offloaded], Beside]:
    """`writers` (none written to yet) moved by `move`, and the driver's view of each."""
    beside = move(Writers, writers)
    return {name: Offloaded(beside, name) for name in writers}, beside
