"""Where the release's rows are written: the Parquet shards of every split and of the rejects, and the
removed-lines report counted from the rejects. Both take every row in release order and do per-row
work (sizes and hashes, zstd pages; the report's counts), which was half of a Ray build's driver.

`Rows` does it; the release reaches it through a `Beside`: here (`Direct`), or in a process of its own
on the driver's node (builder.run.executors.Ray.beside), where the driver's calls run one after another
in the order they were made. The same code is given the same tables in the same order, so the shards'
names, boundaries and bytes and the report are those of a local build.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import numpy as np
import pyarrow as pa

from builder.release.shards import ShardWriter
from builder.run.report import RemovedLines


class Beside(Protocol):
    """An object used through its methods' names: `call` need not wait, `result` waits for it and every
    call before it, and raises what any of them raised."""

    def call(self, method: str, *args: Any) -> None: ...

    def result(self, method: str, *args: Any) -> Any: ...


Move = Callable[..., Beside]  # move(cls, *args): `cls(*args)` made in another process


class Direct:
    """An object in this process, used as a Beside."""

    def __init__(self, target: Any) -> None:
        self.target = target

    def call(self, method: str, *args: Any) -> None:
        getattr(self.target, method)(*args)

    def result(self, method: str, *args: Any) -> Any:
        return getattr(self.target, method)(*args)


@dataclass
class Written:
    """What writing the rows left: each writer's shards (as staged), rows and bytes, the report."""

    shards: dict[str, tuple[list[Path], int, int]]
    removed: RemovedLines
    cpu: float  # CPU seconds the process took while it wrote them, when it was not the driver


class Rows:
    """The writers (ShardWriters, none written to yet: `rejects` is one of them) and the report."""

    def __init__(self, writers: dict[str, ShardWriter], rejects: str, own_process: bool = False) -> None:
        if own_process:
            from builder.run.lean import keep_pandas_out

            keep_pandas_out()  # nothing here needs pandas (builder.run.lean)
        self.writers, self.rejects_name, self.own_process = writers, rejects, own_process
        self.removed = RemovedLines()
        self.started = time.process_time()

    def records(self, name: str, table: pa.Table) -> None:
        self.writers[name].write_table(table)

    def rejects(self, table: pa.Table, hashes: np.ndarray, unknown: np.ndarray, groups: pa.Array[Any],
                keys: np.ndarray) -> None:
        """A batch's rejects in release order: their row_hashes but where `unknown`, each one's source
        group and report.line_key (0 where not known)."""
        self.writers[self.rejects_name].write_table(table, hashes, unknown)
        self.removed.add_rows(table, groups, keys)

    def close(self) -> Written:
        shards = {name: (writer.close(), writer.num_rows, writer.num_bytes) for name, writer in self.writers.items()}
        return Written(shards, self.removed, time.process_time() - self.started if self.own_process else 0.0)
