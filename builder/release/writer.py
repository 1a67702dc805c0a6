"""The release: shards, rejects, plots, card, removed-lines report and manifest, all written to a
staging folder inside the claimed --out, then moved into place by the claim, the manifest last.

A build killed at any point leaves either the previous release or a folder without manifest.json;
running the same command again rebuilds it, byte for byte (see builder/release/outdir.py).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path
from typing import Any, TypeVar, cast

from builder.columns import Column, arrow_schema, metadata_columns, record_columns
from builder.config import BuildConfig
from builder.release import card, manifest
from builder.release.diff import compare, read_contents
from builder.release.fresh import write_new
from builder.release.layout import (
    CARD,
    DATA,
    MANIFEST,
    REJECTS,
    REJECTS_SPLIT,
    REMOVED_LINES,
)
from builder.release.offload import Beside, Direct, Move, Rows, Threaded, Written
from builder.release.outdir import Claim
from builder.release.plots import write_plots
from builder.release.records import REJECT_SCHEMA
from builder.release.remote_out import RemoteClaim
from builder.release.shards import ShardWriter, publish_shards
from builder.run import faults
from builder.run.parted import Placement, Tables
from builder.run.summary import BuildSummary, NothingKept

T = TypeVar("T")
_REJECTS = "\0rejects"  # the rejects' writer among the splits' (no split has this name)
# Batches whose placements go to a writer in another process in one call: a Ray actor call costs the driver
# about as much as placing a small batch, and the writer needs them only in order, not one by one.
PLACED_AT_ONCE = 8


class ReleaseWriter:
    def __init__(self, folder: Claim | RemoteClaim, config: BuildConfig,
                 annotator_columns: Sequence[Column] = ()) -> None:
        self.folder, self.config = folder, config
        # the release's record columns: the built-in ones, the declared metadata fields, the annotators'
        self.columns = record_columns([*metadata_columns(config.read.metadata_columns), *annotator_columns])
        schema = arrow_schema(self.columns)
        self.staging = folder.staging
        self.staging.mkdir()  # the claim cleared what an interrupted build left
        self.stage = self.staging / "release"  # the new release, laid out as it will be in --out
        parts, cdc = self.staging / "parts", config.output.content_defined_chunking
        size = config.output.max_shard_bytes
        self._writers = {name: ShardWriter(parts, name, schema, size, cdc) for name, _ in config.output.splits}
        self._writers[_REJECTS] = ShardWriter(parts, "rejects", REJECT_SCHEMA, size, cdc)
        self._here = Direct(Rows(self._writers, _REJECTS))
        self.rows: Beside = self._here  # where rows are written: release.offload
        self._at_once = 1  # placements sent in one call (PLACED_AT_ONCE when that is a call to another process)
        self._waiting: list[tuple[Any, Placement]] = []
        self.written: Written | None = None

    def offload(self, move: Move) -> None:
        """Write the rows in another process, made by `move`, from now on (before any row is written)."""
        for writer in self._writers.values():
            assert not writer.num_rows
            writer.folder = writer.folder.absolute()  # the other process's working folder may differ
        self.rows = move(Rows, self._writers, _REJECTS, True)
        self._at_once = PLACED_AT_ONCE

    def place(self, rows: Any, placement: Placement) -> None:
        """A batch's rows (parted.Tables, or a reference to them where they are held) written as the
        driver placed them (offload.Rows.place)."""
        self._waiting.append((rows, placement))
        if len(self._waiting) >= self._at_once:
            self._send()

    def _send(self) -> None:
        """The placements waiting, in one call; the rows (references) as arguments of their own, which Ray
        resolves where the call runs."""
        if self._waiting:
            rows, placements = zip(*self._waiting, strict=True)
            self._waiting = []
            self.rows.call("place_all", list(placements), *rows)

    def write_beside(self) -> None:
        """Write the rows in a thread beside the caller's (release.offload.Threaded), before any is placed: for a
        rebuild from the cache, whose driver has little else to do."""
        if self.rows is self._here:
            self._here = Threaded(self._here.target)
            self.rows = self._here

    def stop(self) -> None:
        """Stop writing here (after the last rows, or when the build fails or is stopped): the thread ends once
        its running call does, before the claim removes what the build wrote."""
        self._here.stop()

    def fetch(self, rows: Any) -> Tables:
        """A batch's rows themselves, wherever they are held (for --strict's error, once)."""
        fetched: Tables = self.rows.fetch(rows)
        return fetched

    def close_rows(self, summary: BuildSummary) -> None:
        """Finish writing the rows (while the process they are written in still runs): the removed-lines
        report and the CPU seconds that process took, if it was not this one, go to `summary`."""
        self._send()
        self.written = self.rows.result("close")
        summary.removed_lines, summary.writer_cpu = self.written.removed_lines, self.written.cpu

    def finish(self, summary: BuildSummary) -> None:
        faults.point("before-finish")
        if self.written is None:
            self.close_rows(summary)
        assert self.written is not None
        for name, (shards, _, size) in self.written.shards.items():  # each writer's shards to their final names
            rejects = name == _REJECTS
            stats, folder = (summary.rejects, REJECTS) if rejects else (summary.splits[name], DATA)
            staged = publish_shards(shards, REJECTS_SPLIT if rejects else name, self.stage / folder)
            stats.shards, stats.num_bytes = [f"{folder}/{path.name}" for path in staged], size
        summary.rejects.paragraphs = self.written.shards[_REJECTS][1]
        summary.check()
        if not summary.documents_kept:  # a release without data: the previous one (if any) stays
            raise NothingKept(summary, str(self.folder.set_aside(self.stage)))
        if self.folder.previous is not None:  # read when the build started: it may be the folder being replaced
            new = read_contents(self.stage)
            new.version = self.config.card.version
            new.settings = json.loads(json.dumps(self.config.to_dict()))  # as the manifest will hold them (lists)
            summary.changes = compare(self.folder.previous, new)
        stage = self.stage.absolute()  # the same folder for a job run in another process (`_beside`)
        if self.config.card.plots:
            summary.plots = self._beside(summary, partial(write_plots, stage, summary.lengths, summary.languages))
        published = [s for stats in [*summary.splits.values(), summary.rejects] for s in stats.shards]
        described = self._beside(summary, partial(manifest.describe_shards, stage, published))
        _write(self.stage / REMOVED_LINES, json.dumps(summary.removed_lines, indent=1, ensure_ascii=False,
                                                      allow_nan=False) + "\n")
        _write(self.stage / CARD, card.render(summary, self.config, self.stage, self.columns))
        document = manifest.build_manifest(self.stage, summary, self.config, described, self.columns)
        # allow_nan=False: NaN is not JSON (the config refuses it; this keeps any other from the manifest)
        _write(self.stage / MANIFEST, json.dumps(document, indent=2, ensure_ascii=False, sort_keys=True,
                                                 allow_nan=False) + "\n")
        outputs = [output["path"] for output in document["outputs"]]
        if isinstance(self.folder, RemoteClaim):  # uploaded by the process the rows were written in
            self.folder.commit(self.stage, outputs, partial(self._beside, summary))
        else:
            self.folder.commit(self.stage, outputs, {output["path"]: output for output in document["outputs"]})

    def _beside(self, summary: BuildSummary, job: Callable[[], T]) -> T:
        """`job()` run in the process the rows were written in, which has the release's files on its disk (in
        a Ray build, the writer beside the driver: what reads every byte of the release is not the driver);
        its CPU is the writer's."""
        value, cpu = self.rows.result("run", job)
        summary.writer_cpu += cpu
        return cast(T, value)


def _write(path: Path, text: str) -> None:
    write_new(path, text.encode("utf-8"))  # a new file, never one written through (builder.release.fresh)
