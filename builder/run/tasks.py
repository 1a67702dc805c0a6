"""What an executor is given: tasks that name input files, so that the workers do the reading.

A task is one input file: the worker opens it itself (`InputFile.open()`, a local path or an object in
storage), cuts it into batches and runs the pass's function on each, and sends back only the results.
The driver neither reads nor pickles documents, which is what kept two local workers at 1.5x one and a
Ray driver as busy as its cluster. A file above DRIVER_READS_ABOVE is the exception: one task is one
worker, so such a file is read here and sent in batches, spread over every worker (byte ranges of a
large file would let workers read it; not done yet).
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any, TypeVar

from builder.outcomes import RawDocument, Reject
from builder.read.inputs import InputFile
from builder.read.registry import ReadOptions, read_file
from builder.run.parted import Parted

BATCH_DOCUMENTS = 256
BATCH_CHARS = 4_000_000
DRIVER_READS_ABOVE = 128 * 1024 * 1024  # input bytes; see the module's docstring

T = TypeVar("T")


def batches(file: InputFile, options: ReadOptions) -> Iterator[tuple[list[RawDocument | Reject], int]]:
    """One file's documents in batches bounded by count and size (a batch never spans two files), each
    with the UTF-8 bytes of its texts (how far into the file it reaches, for the progress bar)."""
    items: list[RawDocument | Reject] = []
    chars = size = 0
    for item in read_file(file, options):
        items.append(item)
        text = item.fields.get("text") if isinstance(item, RawDocument) and isinstance(item.fields, dict) else None
        if isinstance(text, str):
            chars += len(text)
            size += len(text.encode("utf-8", "surrogatepass"))
        if len(items) >= BATCH_DOCUMENTS or chars >= BATCH_CHARS:
            yield items, size
            items, chars, size = [], 0, 0
    yield items, size


@dataclass(frozen=True)
class Task:
    """An input file for a worker to read, or (for a file above DRIVER_READS_ABOVE) one batch of it
    that the driver read."""

    file: InputFile  # small and picklable: a path, or a URL with its storage options
    batch: list[RawDocument | Reject] | None = None  # None: the worker reads `file`
    size: int = 0  # the bytes of the batch's texts
    last: bool = True  # whether the batch is the file's last
    reader: int = 0  # the process that read the batch


@dataclass(frozen=True)
class Done:
    """One batch's result, with what the driver needs to place it."""

    result: Any  # a Parted result's `seen` part
    size: int  # the bytes of the batch's texts (for the progress bar)
    last: bool  # the file's last batch: its cache entry can be committed
    reader: int  # the id of the process that read the batch from the input
    cpu: float  # CPU seconds it took where it ran (reading, unless the driver did, and `fn`)
    # a Parted result's `held` part: the object itself, or (builder.run.executors.Ray) a reference to it in
    # Ray's object store, which the driver passes on without fetching it
    held: Any = None

    @property
    def value(self) -> Any:
        """The result as `fn` returned it: a Parted one with `held` as it came (perhaps a reference)."""
        return self.result if self.held is None else Parted(self.result, self.held)


def tasks(files: Iterable[InputFile], sizes: dict[InputFile, int], options: ReadOptions) -> Iterator[Task]:
    for file in files:
        if sizes.get(file, 0) <= DRIVER_READS_ABOVE:
            yield Task(file)
            continue
        for (batch, size), last in with_last(batches(file, options)):
            yield Task(file, batch, size, last, os.getpid())


def run_task(task: Task, options: ReadOptions, fn: Callable[..., Any], args: tuple[Any, ...]) -> Iterator[Done]:
    """The task where it runs: its file read (unless the driver did), `fn(batch, *args)` on every batch.
    A generator: in this process the batches stream; a worker sends back the list."""
    clock = time.process_time()
    if task.batch is not None:
        yield _done(fn(task.batch, *args), task.size, task.last, task.reader, time.process_time() - clock)
        return
    reader = os.getpid()
    for (batch, size), last in with_last(batches(task.file, options)):
        result = fn(batch, *args)
        yield _done(result, size, last, reader, time.process_time() - clock)
        clock = time.process_time()  # the next batch's reading is its own


def _done(result: Any, size: int, last: bool, reader: int, cpu: float) -> Done:
    if isinstance(result, Parted):
        return Done(result.seen, size, last, reader, cpu, result.held)
    return Done(result, size, last, reader, cpu)


def with_last(items: Iterable[T]) -> Iterator[tuple[T, bool]]:
    """Each item, and whether it is the last (looking one ahead)."""
    iterator = iter(items)
    try:
        previous = next(iterator)
    except StopIteration:
        return
    for item in iterator:
        yield previous, False
        previous = item
    yield previous, True
