"""Wire the stages: read -> validate -> paragraphs (in batches, on any executor) -> cross-document
decisions in build order -> shards, rejects, card, manifest."""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path
from typing import Any

import numpy as np

from builder.columns import Column, arrow_schema
from builder.config import WORK_SECTIONS, BuildConfig
from builder.read.discovery import discover
from builder.read.inputs import InputFile, LocalFile
from builder.read.registry import ReadOptions
from builder.read.remote import RemoteFile, is_url
from builder.reasons import Reasons
from builder.release import manifest
from builder.release.layout import CACHE, SPILL
from builder.release.offload import Jobs, Sent
from builder.release.outdir import Claim, check_cache_key, claim
from builder.release.remote_out import RemoteClaim, Runner, claim_remote, here
from builder.release.writer import ReleaseWriter
from builder.rules.repeated import RepeatedLines
from builder.rules.takedown import Takedown, TakedownReport, hashed
from builder.run import faults
from builder.run.cache import BuildCache, CacheWriter
from builder.run.cache_format import LINES, Codec, rows_codec
from builder.run.compact import KeyCounter
from builder.run.executors import Actor, Local, Processes, Ray, WorkerDied, executor
from builder.run.lean import driver_works, system_pool, trim
from builder.run.overlap import ahead
from builder.run.parted import Parted, PlacedLater, parted
from builder.run.place import Placer
from builder.run.rows import BatchRows, joined
from builder.run.spill import Spill
from builder.run.summary import BuildSummary, SplitStats
from builder.run.tasks import BATCH_CHARS, BATCH_DOCUMENTS, run_task, tasks
from builder.run.work import line_counts, process_rows
from builder.step_loader import describe, edited_since_import
from builder.text.sanitise import identifier

log = logging.getLogger(__name__)

SMALL_WORK_BYTES = 4_000_000  # less uncached input than this is processed here, without starting workers
# The share of each input's bytes the progress bar gives the first pass (reading and counting lines):
# about its share of a build's time, so the bar moves at one speed through both passes and its ETA holds.
FIRST_PASS_SHARE = 0.1
# An input the first pass reads for both (a costly reader's, whose reading it keeps for the second: HTML's
# extraction, builder.run.spill) gives it most of its time: 76 HTML pages of 16 MB, 1 worker, the first pass was
# 15.0 CPU-s of 18.9 (0.79; 0.53 when both passes extracted, and the bar gave it 0.1).
COSTLY_FIRST_PASS_SHARE = 0.75
# Batches read from the cache are joined up to this many rows before they are placed, so a rebuild of
# many small inputs pays the driver's per-batch Arrow calls a few times, not once per input.
JOIN_ROWS = 5_000
TRIM_BATCHES = 8  # batches placed between two returns of the driver's free memory and store pages (lean.trim)


class InputChangedError(OSError):
    """An input changed (size, mtime or inode) between being hashed and being read: its results would
    be recorded under a hash of other content. An OSError with the path, so the CLI reports it as a
    problem of the environment (exit 1), not a bug."""

    def __init__(self, file: InputFile) -> None:
        message = ("changed while it was being read (size/mtime); nothing was written to --out; run the build "
                   "again when the input is stable")
        super().__init__(None, message, file.display)

    def __str__(self) -> str:
        return f"{self.filename}: {self.strerror}"


def check_unchanged(file: InputFile, described: tuple[object, ...] | None, requests: Runner = here) -> None:
    """Raise InputChangedError if `file` is no longer the file describe_input hashed (an object in storage
    asked through `requests`, a local file stat'ed here)."""
    if described is None:  # not hashed (unreadable, rejected unread): nothing cached under its content
        return
    try:
        now = (requests if isinstance(file, RemoteFile) else here)(file.fingerprint)
    except OSError:
        now = None
    if now != described:
        raise InputChangedError(file)


class Progress:
    """One pass's part of the progress bar: `parts[file]` bytes for each input, reported as its batches
    come back (in proportion to the bytes of their texts, never past the file's size) and in full when
    the file is done."""

    def __init__(self, report: Callable[[int], None] | None, sizes: dict[InputFile, int],
                 parts: dict[InputFile, int]) -> None:
        self.report, self.sizes, self.parts = report, sizes, parts
        self.read: dict[InputFile, int] = {}  # bytes of text in the file's batches so far
        self.reported: dict[InputFile, int] = {}

    def advance(self, file: InputFile, size: int, last: bool) -> None:
        if self.report is None:
            return
        total, part = self.sizes[file], self.parts[file]
        read = self.read.pop(file, 0) + size
        done = part if last or not total else part * min(read, total) // total
        if step := done - self.reported.pop(file, 0):
            self.report(step)
        if not last:
            self.read[file], self.reported[file] = read, done


@dataclass
class Pass:
    """One pass over the inputs: a function run on every batch, its results in input order, with
    each input file's results taken from the cache when it has them."""

    run: LazyExecutor
    fn: Callable[..., Any]
    args: tuple[Any, ...]
    options: ReadOptions
    cache: BuildCache | None
    codec: Codec  # how its results are stored in the cache
    name: Callable[[InputFile], str | None]  # the cache entry's name for a file (None: don't cache it)
    keys: dict[InputFile, str]  # the cache key of each file
    sizes: dict[InputFile, int]  # input bytes of each file
    stats: dict[InputFile, tuple[object, ...] | None] | None = None  # InputFile.fingerprint() when hashed
    progress: Progress | None = None
    requests: Runner = here  # where an input in object storage is asked for its fingerprint
    readers: set[int] = field(default_factory=set)  # the processes that read its inputs
    cpu: float = 0.0  # CPU seconds its tasks took where they ran
    read_ahead: bool = False  # the cache's entries read in a thread beside the driver (`_lookups`)
    spill: Spill | None = None  # what the first pass read of costly inputs, kept for the second (builder.run.spill)

    def results(self, files: list[InputFile]) -> Iterator[tuple[InputFile, Any, bool, bool]]:
        """(file, batch result, is the file's last batch, is it from the cache), in order."""
        group: list[InputFile] = []
        for file, cached in self._lookups(files):
            if cached:
                yield from self._compute(group)
                group = []
                for i, result in enumerate(cached):
                    if self.progress and i == len(cached) - 1:
                        self.progress.advance(file, 0, True)
                    yield file, result, i == len(cached) - 1, True
            else:
                group.append(file)
        yield from self._compute(group)

    def _lookups(self, files: list[InputFile]) -> Iterator[tuple[InputFile, list[Any] | None]]:
        """Each file with its cached results (None: computed). With `read_ahead`, the next file's are read in a
        thread of its own (builder.run.overlap) while the driver places this one's: reading and checking an entry
        (HMAC, zstd, Arrow) lets go of the GIL; one file ahead holds one entry more than the driver. Not in the
        first pass, whose entries are small: a thread then would make the worker pool spawned, not forked
        (executors.start_method)."""
        if self.cache is None:
            return ((file, None) for file in files)
        return ahead(self._cached, files) if self.read_ahead else ((file, self._cached(file)) for file in files)

    def _cached(self, file: InputFile) -> list[Any] | None:
        assert self.cache is not None
        name = self.name(file)
        return self.cache.get(self.keys[file], name, self.codec) if name else None

    def _compute(self, files: list[InputFile]) -> Iterator[tuple[InputFile, Any, bool, bool]]:
        """Consecutive uncached files go to the executor together, so they run in parallel: a task per
        file (or per few small ones), which the worker reads itself (builder.run.tasks)."""
        writers: dict[InputFile, CacheWriter | None] = {}
        small = sum(self.sizes[f] for f in files) < SMALL_WORK_BYTES
        spread = tasks(files, self.sizes, self.options, 1 if small else self.run.config.run.workers, self.spill)
        finished: set[InputFile] = set()
        try:
            for done in self.run.map(run_task, spread, self.options, self.fn, self.args, self.spill, small=small):
                yield from self._take(done, writers, finished)
        except WorkerDied as exc:  # a killed worker: say which inputs to resume (the cache holds the others)
            left = [file.display for file in files if file not in finished]
            raise exc.unfinished(left, self.cache is not None) from None

    def _take(self, done: Iterable[Any], writers: dict[InputFile, CacheWriter | None], finished: set[InputFile]
              ) -> Iterator[tuple[InputFile, Any, bool, bool]]:
        """A task's batches: each cached, counted and passed on; a file's last one commits its cache entry."""
        for batch in done:
            file = batch.file
            self.readers.add(batch.reader)
            self.cpu += batch.cpu
            if self.cache and file not in writers:
                name = self.name(file)
                writers[file] = self.cache.writer(self.keys[file], name, self.codec) if name else None
            if batch.last and self.stats is not None:
                check_unchanged(file, self.stats.get(file), self.requests)  # before its cache entry is committed
            if writer := writers.get(file):
                writer.add(batch.result)
                if batch.last:
                    writer.commit()
                    writers[file] = None  # let go of its compressor: one per input file added up to GBs
            if batch.last:
                finished.add(file)
            if self.progress:
                self.progress.advance(file, batch.size, batch.last)
            yield file, batch.value, batch.last, False


def _placing_order(results: Iterator[tuple[InputFile, Any, bool, bool]],
                   done: Callable[[InputFile], None]) -> Iterator[Parted]:
    """The second pass's batches as the driver places them, in order: a computed one as it comes from the
    work (a killed build resumes from what was placed; small files' parts come joined, process_parted),
    consecutive cached ones joined up to JOIN_ROWS rows (`rows.joined`). `done(file)` is called at each
    file's last batch."""
    waiting: list[BatchRows] = []  # cached batches not yet placed
    rows = 0
    for file, result, last, cached in results:
        if waiting and (not cached or rows >= JOIN_ROWS):
            yield parted(joined(waiting), snippets_later=True)
            waiting, rows = [], 0
        if cached:
            waiting.append(result)
            rows += result.size
        elif not isinstance(result, PlacedLater):  # placed with its batch's last part
            yield result
        if last:
            done(file)
    if waiting:
        yield parted(joined(waiting), snippets_later=True)


def among(keys: np.ndarray, known: np.ndarray) -> np.ndarray:
    """The distinct `keys` found in `known` (sorted and distinct), sorted: np.intersect1d(keys, known), which
    sorts every key of an input (tens of thousands) to find the few the build's frequent ones hold; here only
    those few are sorted. A rebuild asks this of every unchanged input."""
    if not len(known):
        return known[:0]
    found = known[np.minimum(np.searchsorted(known, keys), len(known) - 1)] == keys
    return np.unique(keys[found])


def process_parted(parts: list[list[Any]], repeated: RepeatedLines, config: BuildConfig, *args: Any
                   ) -> list[Parted | PlacedLater]:
    """The second pass's work on a batch (work.process_rows): the parts' rows joined (`rows.joined`, as a rebuild
    joins cached ones) and given with the last part, in two parts: what the driver decides from and the rows it
    passes on to the writer (builder.run.parted); each part before it gives only its cache entry (PlacedLater).
    The config's plan is built here, where the work runs (a few hundred microseconds): the driver does not build
    it, nor import its rule modules."""
    from builder.run.plan import Plan

    found = process_rows(parts, repeated, Plan.from_config(config), config, *args)
    whole = parted(joined(found))
    last = Parted(replace(whole.seen, cache_entry=found[-1].cache_entry), whole.held)
    return [*(PlacedLater(rows.cache_entry) for rows in found[:-1]), last]


@dataclass(frozen=True)
class PlanOutline:
    """What the driver needs of the config's plan: the columns the release adds for its annotators, and the
    reason codes the card explains (the plan's steps' and the readers')."""

    extra_columns: tuple[Column, ...]
    reasons: Reasons


def plan_outline(config: BuildConfig) -> PlanOutline:
    """The config's plan, built and checked where this runs (in a Ray build beside the driver, with the store's
    requests), and what the driver needs of it."""
    from builder.run.plan import Plan

    plan = Plan.from_config(config)
    return PlanOutline(plan.extra_columns, Reasons.of((*plan.steps, *config.readers)))


def build(sources: Iterable[str], out: Path | str, config: BuildConfig,
          progress: Callable[[int], None] | None = None) -> BuildSummary:
    """Build a release folder (or, `out` a URL, a release in object storage) from SOURCE paths and URLs.
    `progress` is called with input bytes as the work advances, through both passes: FIRST_PASS_SHARE of
    each input's bytes in the first (COSTLY_FIRST_PASS_SHARE of an HTML page's), the rest in the second."""
    sources = list(sources)
    to_store = isinstance(out, str) and is_url(out)
    options = dict(config.read.storage_options)
    run = LazyExecutor(config)
    try:
        # The store's requests (the listing, the claim, the commit): beside the driver in a Ray build that starts
        # its workers whatever the cache holds (--out a URL has no cache), here otherwise.
        starts = to_store or not config.run.cache
        requests = run.requests() if starts and (to_store or any(is_url(s) for s in sources)) else here
        outline = requests(partial(plan_outline, config))  # a plan that cannot run is refused before anything else
        listing = requests if all(is_url(s) for s in sources) else here  # a local path is found where it was given
        files = listing(partial(discover, sources, config.read_options.readers, options))
        # Arrow's default allocator keeps freed memory for reuse; the system one returns it, which keeps
        # the peak RSS of long builds down (Parquet writing is a small part of the time).
        system_pool()
        # read before --out is touched: a bad list changes nothing
        takedown = Takedown.load(config.run.exclude_file, config.origin("exclude_file"))
        # refuses an unsafe --out or --previous, then locks --out
        folder: Claim | RemoteClaim
        if to_store:
            assert isinstance(out, str)
            folder = claim_remote(out, sources, config.card.previous, options, requests, config.origin("previous"))
        else:
            if config.run.cache:
                check_cache_key(Path(out))
            folder = claim(Path(out), sources, config.card.previous, config.origin("previous"))
        try:
            return _build_into(folder, files, config, outline, takedown, progress, run, requests)
        except BaseException:
            folder.abandon()  # remove what this build wrote: the previous release stays as it was
            raise
        finally:
            folder.close()
    finally:
        run.close()


def _build_into(folder: Claim | RemoteClaim, files: list[InputFile], config: BuildConfig, outline: PlanOutline,
                takedown: Takedown, progress: Callable[[int], None] | None, run: LazyExecutor,
                requests: Runner) -> BuildSummary:
    out = folder.out
    release = ReleaseWriter(folder, config, outline.extra_columns)
    run.spill_to(release.staging)  # the build's own folder, gone with the build
    reasons = outline.reasons
    summary = BuildSummary(splits={name: SplitStats() for name, _ in config.output.splits}, reasons=reasons)
    try:
        inputs = dict(zip(files, run.describe(files), strict=True))
        stats = {file: inputs[file].pop(manifest.STAT, None) for file in files}  # not part of the manifest
        cache = BuildCache(out / CACHE, cache_settings(config)) \
            if config.run.cache and folder.keeps_cache and not _edited_since_import(config) else None
        keys = {file: cache.file_key(file, inputs[file]["sha256"] or "unreadable") for file in files} if cache else {}
        sizes = {file: inputs[file]["bytes"] for file in files}
        # the progress bar: each input's bytes, split between the passes (the second ends at its size)
        costly = {file for file in files if getattr(config.read_options.readers.reader_for(file), "costly", False)}
        counting = {file: round((COSTLY_FIRST_PASS_SHARE if file in costly else FIRST_PASS_SHARE) * size)
                    for file, size in sizes.items()}
        processing = {file: size - counting[file] for file, size in sizes.items()}
        # the takedown keys of every document only where the cache keeps them (work.line_counts); an HTML page's
        # extraction kept for the second pass, in the build's own folder
        spill = Spill.new(release.staging / SPILL)
        first = Pass(run, line_counts,
                     (config.read.max_document_lines, config.read.metadata_columns, cache is not None),
                     config.read_options, cache, LINES,
                     lambda f: "lines", keys, sizes, stats, Progress(progress, sizes, counting), requests, spill=spill)
        counter = KeyCounter()
        for _, counts, _, _ in first.results(files):
            counter.add(counts.lines)
        faults.point("after-first-pass")
        frequent = RepeatedLines.frequent(counter)
        del counter  # 12 bytes a distinct line of the corpus: the second pass needs only the frequent ones
        repeated = RepeatedLines(frequent)
        listed = np.unique(hashed(takedown.keys))

        def name(file: InputFile) -> str | None:
            """The second pass's results depend on which of this file's lines recur in the build, and
            which of its documents the takedown list names (None: its first pass is not cached)."""
            if cache is None:
                return None
            found = cache.read(keys[file], "lines", LINES)
            if not found:
                return None
            lines = among(np.concatenate([c.lines for c in found]), frequent)
            named = among(np.concatenate([c.identities for c in found]), listed)
            digest = hashlib.sha256(lines.tobytes() + b"\0takedown\0" + named.tobytes()).hexdigest()
            return "paragraphs-" + digest[:16]

        schema = arrow_schema(release.columns)
        second = Pass(run, process_parted, (repeated, config, takedown, schema, cache is not None),
                      config.read_options, cache, rows_codec(schema), name, keys, sizes, stats,
                      Progress(progress, sizes, processing), requests, read_ahead=True, spill=spill.reader())
        if isinstance(run.started, Ray) and run.started.on_a_node:  # the driver decides, the rows are written beside
            release.offload(run.started.beside)
        elif cache is not None and 2 * cache.hits >= len(files) > 0:  # a rebuild: the first pass found most inputs
            release.write_beside()
            driver_works()
        report = TakedownReport(takedown)
        placer = Placer(release, summary, config, report)
        for placed, batch in enumerate(_placing_order(second.results(files),
                                                      lambda file: summary.inputs.append(inputs[file]))):
            placer.add(batch.seen, batch.held)
            faults.point("after-first-batch")
            if placed % TRIM_BATCHES == TRIM_BATCHES - 1:
                trim()
        trim()  # before the finish, whose card and manifest add to the peak
        release.close_rows(summary)
        summary.worker_pids = set(run.worker_pids)
        summary.reader_pids = first.readers | second.readers
        summary.task_cpu = first.cpu + second.cpu
        unmatched = report.unmatched()  # each entry's keys against every matched one: once
        summary.takedown = report.record(unmatched)
        summary.takedown_unmatched = [(line, identifier(e) or "") for line, e in unmatched]
        release.finish(summary)  # while the process the rows were written in is there: it uploads them (--out URL)
        if isinstance(requests, Sent):  # the store's requests made beside the driver: their CPU is counted there
            summary.writer_cpu += requests.cpu
    finally:
        release.stop()
        run.close_work()  # before the folder is let go of: no row is written after
    if cache:
        summary.cache_hits, summary.cache_misses = cache.hits, cache.misses
        cache.collect_garbage()
        cache.remember_checked()
    return summary


def _listed_size(file: InputFile) -> int:
    """Its size as listed (a stat, or the store's listing), 0 if there is none: whether to start workers."""
    try:
        return file.size() if file.readable else 0
    except OSError:
        return 0


class LazyExecutor:
    """Starts the configured executor only when there is work for it: a rebuild that finds nearly
    everything in the cache does the rest here, without paying for worker start-up."""

    def __init__(self, config: BuildConfig) -> None:
        self.config = config
        self.started: Local | Processes | Ray | None = None
        self.jobs: Actor | None = None  # the process beside the driver that makes the store's requests (`requests`)
        self.spill: Path | None = None  # where a pool's items of tasks ahead wait (`spill_to`)

    def start(self) -> Local | Processes | Ray:
        if self.started is None:
            self.started = executor(self.config.run.workers, self.config.run.executor, self.config.run.ray_address,
                                    lean=not self.config.steps)
            if isinstance(self.started, Processes) and self.spill is not None:
                self.started.spill_to(self.spill)
        return self.started

    def spill_to(self, folder: Path) -> None:
        """A pool of workers keeps the items of tasks ahead of the one being read in `folder` (Processes.spill_to)."""
        self.spill = folder
        if isinstance(self.started, Processes):
            self.started.spill_to(folder)

    def map(self, fn: Callable[..., Any], batches: Iterable[Any], *args: Any, small: bool = False) -> Iterator[Any]:
        if small and self.started is None and self.config.run.executor == "local":
            return Local().map(fn, batches, *args)
        return self.start().map(fn, batches, *args)

    def requests(self) -> Runner:
        """Where the store's requests are made: in a Ray build whose driver is on a node of the cluster, a
        process beside it (offload.Jobs, started now with the executor), here otherwise."""
        if self.config.run.executor != "ray":
            return here
        started = self.start()
        if not isinstance(started, Ray) or not started.on_a_node:
            return here
        self.jobs = started.beside(Jobs)
        return Sent(self.jobs)

    def describe(self, files: list[InputFile]) -> list[dict[str, Any]]:
        """Each input's size and sha256 (manifest.describe_input). Local files are hashed here, by as many
        threads as workers (reading and hashing let go of the GIL): a rebuild the cache answers starts no
        worker at all. Inputs in object storage, and every input of a Ray build, are hashed where the
        tasks run: the driver downloads none, not even for its sha256."""
        if self.config.run.executor == "local" and all(isinstance(file, LocalFile) for file in files):
            with ThreadPoolExecutor(max(1, self.config.run.workers)) as threads:
                return list(threads.map(manifest.describe_input, files))
        small = sum(_listed_size(file) for file in files) < SMALL_WORK_BYTES
        return list(self.map(manifest.describe_input, files, small=small))

    @property
    def worker_pids(self) -> frozenset[int]:
        """The processes other than this one that ran work (none when everything ran here)."""
        return frozenset(self.started.worker_pids) if self.started is not None else frozenset()

    def close_work(self) -> None:
        """Stop the workers and the writer beside the driver, but not the process that makes the store's
        requests: the claim of --out is let go of (its lock removed, or what the build wrote) after the work."""
        if isinstance(self.started, Ray):
            self.started.kill_actors(but=self.jobs)
        elif self.started is not None:
            self.started.close()

    def close(self) -> None:
        if self.started is not None:
            self.started.close()


def cache_settings(config: BuildConfig) -> dict[str, Any]:
    """What the per-document work depends on: the sections that change it (read, clean, filter), the
    user's steps and readers (class, settings, a hash of their module's source) and library versions.
    Output, card and run settings are not in it: splits are assigned after the cache, so a new version,
    name, chunking, split or worker count reuses every entry."""
    settings = {name: config.section_data(name) for name in WORK_SECTIONS}
    extensions = {"steps": [describe(step) for step in config.steps],
                  "readers": [describe(reader) for reader in config.readers]}
    return {"settings": settings, "extensions": extensions, "versions": manifest.versions(),
            "batch": [BATCH_DOCUMENTS, BATCH_CHARS], "code": code_fingerprint()}


def _edited_since_import(config: BuildConfig) -> bool:
    """True, with one warning, when a user step's module was edited after this process imported it: the
    key would name the file's code but the results be those of the loaded code, so nothing is read from
    or written to the cache."""
    edited = sorted({file for step in (*config.steps, *config.readers) if (file := edited_since_import(step))})
    if edited:
        log.warning("warning: the build cache is not used: %s changed after this process imported it, so the "
                    "code that runs is not the code the file holds; importlib.reload() the module and make the "
                    "steps again, or build in a new process, to use the cache", ", ".join(edited))
    return bool(edited)


PACKAGE = Path(__file__).resolve().parents[1]


def code_fingerprint(package: Path = PACKAGE) -> str:
    """A hash of this package's source and the data files it decides with (the line scorer's weights):
    results cached by another version of either are not reused."""
    digest = hashlib.sha256()
    for path in sorted([*package.rglob("*.py"), *package.rglob("*.json")]):
        digest.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]
