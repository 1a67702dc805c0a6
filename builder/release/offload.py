"""Where the release's rows are written: the Parquet shards of every split and of the rejects, and the
removed-lines report counted from the rejects. Both take every row in release order and do per-row
work (sizes and hashes, zstd pages; the report's counts), which was half of a Ray build's driver.

`Rows` does it; the release reaches it through a `Beside`: here (`Direct`; in a rebuild from the cache, in a
thread of its own, `Threaded`), or in a process of its own on the driver's node
(builder.run.executors.Ray.beside); either way the driver's calls run one after another in the order they were
made. The same code is given the same tables in the same order, so the shards' names, boundaries and bytes and
the report are those of a local build.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol, TypeVar, cast

from builder.release.shards import ShardWriter
from builder.run.overlap import Serial
from builder.run.parted import Placement, Tables, record_tables, reject_table
from builder.run.report import RemovedLines, removed_lines

T = TypeVar("T")


class Beside(Protocol):
    """An object used through its methods' names: `call` need not wait, `result` waits for it and every
    call before it, and raises what any of them raised."""

    def call(self, method: str, *args: Any) -> None: ...

    def result(self, method: str, *args: Any) -> Any: ...

    def fetch(self, value: Any) -> Any:
        """`value` itself, if it was passed as a reference to where it is held (a Ray object)."""
        ...


Move = Callable[..., Beside]  # move(cls, *args): `cls(*args)` made in another process


class Direct:
    """An object in this process, used as a Beside: each call runs at once, in the caller's thread."""

    def __init__(self, target: Any) -> None:
        self.target = target

    def call(self, method: str, *args: Any) -> None:
        getattr(self.target, method)(*args)

    def result(self, method: str, *args: Any) -> Any:
        return getattr(self.target, method)(*args)

    def fetch(self, value: Any) -> Any:
        return value

    def stop(self) -> None:
        """Nothing runs after the caller's own calls."""


class Threaded(Direct):
    """An object in this process whose calls run in a thread of their own (builder.run.overlap), in the order
    they were made, while the caller goes on: Parquet encoding and zstd let go of the GIL, so a build placed in
    one process (a rebuild from the cache) writes its shards on a second core while it places the next batch.
    One call at a time: a second waits for the first, so the rows held beyond the driver's are one batch's (two
    held 44 MB more than one in a 100 MB rebuild); `result` runs here, after every call before it. Only for a
    rebuild: where the driver does the work itself (a one-worker build), the hand-offs cost more than the overlap
    gave (15 MB, --no-cache: 8.75 against 8.21 CPU-s, quiet, three interleaved pairs)."""

    AHEAD = 1

    def __init__(self, target: Any) -> None:
        super().__init__(target)
        self.serial = Serial(self.AHEAD)

    def call(self, method: str, *args: Any) -> None:
        self.serial.submit(getattr(self.target, method), *args)

    def result(self, method: str, *args: Any) -> Any:
        self.serial.drain()
        return getattr(self.target, method)(*args)

    def stop(self) -> None:
        """Let the running call end and drop the rest: nothing is written after the build stops."""
        self.serial.stop()


@dataclass
class Written:
    """What writing the rows left: each writer's shards (as staged), rows and bytes, the removed-lines report
    (made where the lines were counted: the counters, several MB, stay there)."""

    shards: dict[str, tuple[list[Path], int, int]]
    removed_lines: dict[str, list[dict[str, Any]]]
    cpu: float  # CPU seconds the process took while it wrote them, when it was not the driver


class Jobs:
    """Jobs run in the process it is in: made beside the driver (Ray.beside), the requests of a Ray build to
    object storage (listing the inputs, the claim and commit of --out, an input's fingerprint): the driver
    then never imports the store's client (s3fs and botocore: a quarter of a CPU-second) nor makes them."""

    def run(self, job: Callable[[], T]) -> tuple[T, float]:
        """What the job returned, and the CPU seconds it took where it ran."""
        started = time.process_time()
        value = job()
        return value, time.process_time() - started


class Sent:
    """A Runner (builder.release.remote_out) whose jobs run in a Jobs beside the driver; `cpu`: the CPU seconds
    they took there, for the summary (a share of the build's work that left the driver, not work saved)."""

    def __init__(self, jobs: Beside) -> None:
        self.jobs, self.cpu = jobs, 0.0

    def __call__(self, job: Callable[[], T]) -> T:
        from builder.read.discovery import SourceError
        from builder.read.remote import StorageError
        from builder.release.destinations import PublishError

        try:
            value, cpu = self.jobs.result("run", job)
        except (StorageError, SourceError, PublishError) as exc:  # the store refused or could not be reached
            raise type(exc)(f"{exc}; {ON_THE_CLUSTER}") from None
        self.cpu += cpu
        return cast(T, value)


# A store's credentials in the driver's environment are not in the cluster's (the tester's AWS_ACCESS_KEY_ID, set in
# the shell that ran the build, was not seen where the listing ran, and the message said to set it)
ON_THE_CLUSTER = ("the store was asked from the Ray cluster (by a process Ray started on this node; the workers read "
                  "the inputs), in the environment its nodes were started with, not this shell's: credentials or an "
                  "endpoint set only here do not reach it; give them with the build (for s3: --storage-option key=… "
                  "--storage-option secret=…), or set them where the cluster's nodes are started")


class Rows:
    """The writers (ShardWriters, none written to yet: `rejects` is one of them) and the report."""

    def __init__(self, writers: dict[str, ShardWriter], rejects: str, own_process: bool = False) -> None:
        if own_process:
            from builder.run.lean import keep_pandas_out

            keep_pandas_out()  # nothing here needs pandas (builder.run.lean)
        self.writers, self.rejects_name, self.own_process = writers, rejects, own_process
        self.removed = RemovedLines()
        self.started = time.process_time()

    def place(self, rows: Tables, placement: Placement) -> None:
        """A batch's rows as the driver placed them: each split's records, then its rejects in release order
        (their row_hashes where the work computed them) and the removed lines among them counted."""
        for name, table in record_tables(rows, placement):
            self.writers[name].write_table(table)
        if placement.made is None:  # no rejects
            return
        table, hashes, unknown, keys = reject_table(rows, placement)
        self.writers[self.rejects_name].write_table(table, hashes, unknown)
        assert placement.groups is not None
        self.removed.add_rows(table, placement.groups, keys)

    def place_all(self, placements: list[Placement], *rows: Tables) -> None:
        """Several batches' rows, in order (one call from the driver for several batches)."""
        for batch, placement in zip(rows, placements, strict=True):
            self.place(batch, placement)

    def run(self, job: Callable[[], T]) -> tuple[T, float]:
        """A job of the release's that reads what was written here (the shards' hashes for the manifest, the
        plots, the upload of its files to --out's staging prefix: in a Ray build their bytes stay off the
        driver): what it returned, and the CPU seconds it took, when this is not the driver."""
        started = time.process_time()
        value = job()
        return value, time.process_time() - started if self.own_process else 0.0

    def close(self) -> Written:
        shards = {name: (writer.close(), writer.num_rows, writer.num_bytes) for name, writer in self.writers.items()}
        cpu = time.process_time() - self.started if self.own_process else 0.0
        return Written(shards, removed_lines(self.removed), cpu)
