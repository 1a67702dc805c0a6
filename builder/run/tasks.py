"""What an executor is given: tasks that name input files, so that the workers do the reading.

A task is an input file: the worker opens it itself (`InputFile.open()`, a local path or an object in
storage), cuts it into batches and runs the pass's function on each, and sends back only the results.
The driver neither reads nor pickles documents, which is what kept two local workers at 1.5x one and a
Ray driver as busy as its cluster. A file above DRIVER_READS_ABOVE is the exception: one task is one
worker, so such a file is read here and sent in batches, spread over every worker (byte ranges of a
large file would let workers read it; not done yet).

Small files go several to a task (up to GROUP_BYTES), and their batches are joined into one call of the
pass's function (up to BATCH_DOCUMENTS): a batch pays a fixed cost whatever its size (each rule's Arrow
calls, the tables built around them), which 100 files of 48 documents paid 100 times. The function gets
each file's batch as a part of its own and gives a result per part, so what is cached, placed and
reported per file is what a task of its own would give (the second pass places the joined batch's rows
together: builder.run.pipeline.process_parted).
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from builder.outcomes import RawDocument, Reject
from builder.read.inputs import InputFile
from builder.read.registry import ReadOptions, read_file
from builder.run.parted import Parted
from builder.run.spill import Spill

# A batch's fixed cost (each rule's Arrow calls compile their RE2 patterns anew, the tables built around them)
# is paid per call of the pass's work: 1,024 short documents a call instead of 256 cut 10-18% of a build's CPU
# (15 MB of news, 1 worker). BATCH_CHARS bounds a batch's memory whatever its documents' length: working on a
# batch takes about 30 bytes a character (a worker peaked 49 MB lower with 1 M characters than with 4 M, and
# 35 MB lower again with 500 k than with 1 M, on news files of 10 MB). Small files are joined up to JOINED_BYTES
# of text (a group of GROUP_BYTES: 470-540 k characters of news, 860-930 KB), which BATCH_CHARS does not cut: it
# cuts a large file's batches to a little more than such a group.
BATCH_DOCUMENTS = 1024
BATCH_CHARS = 600_000
JOINED_BYTES = 1_000_000
DRIVER_READS_ABOVE = 128 * 1024 * 1024  # input bytes; see the module's docstring
# Consecutive files smaller than this go to one task until they add up to it: a few hundred news articles,
# and small enough that the last tasks of a build still spread over the workers. A small build groups less,
# so that it still has MIN_TASKS tasks to spread (a few MB in a dozen files is still a dozen tasks). A worker
# sends a task's results back together and the driver holds up to two tasks' per worker, so this also sets
# the driver's peak (groups of 1.4 MB: 272 MB, of 512 KiB: 229 MB; 50,000 short documents, 2 workers). A
# build under 16 MB is grouped by MIN_TASKS below 1 MiB anyway (the benchmark's 15 MB corpus, as before).
GROUP_BYTES = 1024 * 1024
MIN_TASKS = 16


def batches(file: InputFile, options: ReadOptions, spill: Spill | None = None
            ) -> Iterator[tuple[list[RawDocument | Reject], int, bool]]:
    """One file's documents in batches bounded by count and size (a batch never spans two files), each
    with the UTF-8 bytes of its texts (how far into the file it reaches, for the progress bar) and whether
    it is the file's last: the rest after the last full batch (perhaps none), so nothing is read ahead
    (looking one batch ahead held the next batch's documents while this one was worked on: 4.6 MiB of
    a worker's peak, 600 k characters of news). With `spill`, a costly reader's file read in one batch is
    kept for the second pass (`writing`), or taken from what the first kept (builder.run.spill)."""
    costly = spill is not None and getattr(options.readers.reader_for(file), "costly", False)
    kept = spill.take(file) if spill is not None and costly and not spill.writing else None
    keep = spill is not None and costly and spill.writing
    items: list[RawDocument | Reject] = []
    chars = size = 0
    for item in read_file(file, options) if kept is None else kept:
        items.append(item)
        text = item.fields.get("text") if isinstance(item, RawDocument) and isinstance(item.fields, dict) else None
        if isinstance(text, str):
            chars += len(text)
            size += len(text.encode("utf-8", "surrogatepass"))
        if len(items) >= BATCH_DOCUMENTS or chars >= BATCH_CHARS:
            yield items, size, False
            items, chars, size, keep = [], 0, 0, False  # more than a batch: not kept
    if keep:
        assert spill is not None
        spill.put(file, items)
    yield items, size, True


@dataclass(frozen=True)
class Part:
    """One file's batch inside the batch a task's function is called on."""

    file: InputFile
    items: list[RawDocument | Reject]
    size: int  # the bytes of its texts
    last: bool  # whether it is the file's last


@dataclass(frozen=True)
class Task:
    """Input files for a worker to read (`file`, then `more`, each small), or (for a file above
    DRIVER_READS_ABOVE) one batch of it that the driver read."""

    file: InputFile  # small and picklable: a path, or a URL with its storage options
    batch: list[RawDocument | Reject] | None = None  # None: the worker reads `file`
    size: int = 0  # the bytes of the batch's texts
    last: bool = True  # whether the batch is the file's last
    reader: int = 0  # the process that read the batch
    more: tuple[InputFile, ...] = ()  # small files read after `file`, their batches joined with its own

    @property
    def files(self) -> tuple[InputFile, ...]:
        return (self.file, *self.more)


@dataclass(frozen=True)
class Done:
    """One file's batch's result, with what the driver needs to place it."""

    file: InputFile  # the file the batch is of
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


def tasks(files: list[InputFile], sizes: dict[InputFile, int], options: ReadOptions, workers: int = 1,
          spill: Spill | None = None) -> Iterator[Task]:
    left = sum(sizes.get(file, 0) for file in files)  # the bytes not yet in a task
    most = min(GROUP_BYTES, left // MIN_TASKS)  # a group's bytes
    group: list[InputFile] = []
    grouped = 0
    for file in files:
        size = sizes.get(file, 0)
        if group and (size >= group_bytes(most, left, workers) or size > DRIVER_READS_ABOVE):
            yield Task(group[0], more=tuple(group[1:]))
            left, group, grouped = left - grouped, [], 0
        if size <= DRIVER_READS_ABOVE:
            group.append(file)
            grouped += size
            if grouped >= group_bytes(most, left, workers):
                yield Task(group[0], more=tuple(group[1:]))
                left, group, grouped = left - grouped, [], 0
            continue
        for batch, size, last in batches(file, options, spill):
            yield Task(file, batch, size, last, os.getpid())
        left -= sizes.get(file, 0)
    if group:
        yield Task(group[0], more=tuple(group[1:]))


# A pass ends when its last task does: with tasks of a group's size, one worker goes on alone for half a
# task on average (in one 2-worker build of 15 MB of news, 4.68 CPU-s against the other's 4.18). So, as
# guided self-scheduling does, a group near the end is at most what is left over twice the workers, down to a
# quarter of a group: the last tasks are short and the workers finish close together, for a few more calls
# of the work (each costs ~10 ms whatever its size). One worker has no one to wait for: whole groups.
TAIL_SHARE = 2  # near the end, a group is at most the bytes left / (TAIL_SHARE * workers)
TAIL_SMALLEST = 4  # ...and at least a group's bytes / TAIL_SMALLEST


def group_bytes(most: int, left: int, workers: int) -> int:
    """The bytes of the next group of small files, when `left` bytes of the pass are not yet in a task."""
    if workers < 2:
        return most
    return max(most // TAIL_SMALLEST, min(most, left // (TAIL_SHARE * workers)))


def joined_parts(files: Iterable[InputFile], options: ReadOptions, spill: Spill | None = None
                 ) -> Iterator[list[Part]]:
    """The files' batches in order, consecutive ones joined while together they stay within BATCH_DOCUMENTS
    documents and JOINED_BYTES bytes of text (a file's own batches are cut as `batches` cuts them)."""
    joined: list[Part] = []
    documents = size = 0
    for file in files:
        for items, part_size, last in batches(file, options, spill):
            if joined and (documents + len(items) > BATCH_DOCUMENTS or size + part_size > JOINED_BYTES):
                yield joined
                joined, documents, size = [], 0, 0
            joined.append(Part(file, items, part_size, last))
            documents += len(items)
            size += part_size
    if joined:
        yield joined


def run_task(task: Task, options: ReadOptions, fn: Callable[..., Any], args: tuple[Any, ...],
             spill: Spill | None = None) -> Iterator[Done]:
    """The task where it runs: its files read (unless the driver did; with the pass's `spill`), `fn(parts,
    *args)` on each joined batch (`parts`: each file's batch in it; a result for each). A generator: in this
    process the batches stream; a worker sends back the list."""
    clock = time.process_time()
    if task.batch is not None:
        (result,) = fn([task.batch], *args)
        yield _done(task.file, result, task.size, task.last, task.reader, time.process_time() - clock)
        return
    reader = os.getpid()
    for parts in joined_parts(task.files, options, spill):
        results = fn([part.items for part in parts], *args)
        cpu = time.process_time() - clock  # the joined batch's, counted with its first part
        for part, result in zip(parts, results, strict=True):
            yield _done(part.file, result, part.size, part.last, reader, cpu)
            cpu = 0.0
        clock = time.process_time()  # the next batch's reading is its own


def _done(file: InputFile, result: Any, size: int, last: bool, reader: int, cpu: float) -> Done:
    if isinstance(result, Parted):
        return Done(file, result.seen, size, last, reader, cpu, result.held)
    return Done(file, result, size, last, reader, cpu)
