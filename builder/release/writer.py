"""The release: shards, rejects, plots, card, removed-lines report and manifest, all written to a
staging folder inside the claimed --out, then moved into place by the claim, the manifest last.

A build killed at any point leaves either the previous release or a folder without manifest.json;
running the same command again rebuilds it, byte for byte (see builder/release/outdir.py).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import cast

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
from builder.release.offload import Beside, Move, Offloaded, offloaded
from builder.release.outdir import Claim
from builder.release.plots import write_plots
from builder.release.records import REJECT_SCHEMA
from builder.release.remote_out import RemoteClaim
from builder.release.shards import ShardWriter, publish_shards
from builder.run import faults
from builder.run.report import removed_lines
from builder.run.summary import BuildSummary

_REJECTS = "\0rejects"  # the rejects' writer among the splits' (no split has this name)


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
        self.splits: dict[str, ShardWriter | Offloaded] = {
            name: ShardWriter(parts, name, schema, size, cdc) for name, _ in config.output.splits}
        self.rejects: ShardWriter | Offloaded = ShardWriter(parts, "rejects", REJECT_SCHEMA, size, cdc)
        self._beside: Beside | None = None

    def offload(self, move: Move) -> None:
        """Write the shards in another process from now on (before any row is written): builder.release.offload."""
        writers = {**self.splits, _REJECTS: self.rejects}
        for writer in writers.values():
            assert isinstance(writer, ShardWriter) and not writer.num_rows
            writer.folder = writer.folder.absolute()  # the other process's working folder may differ
        moved, self._beside = offloaded(cast(dict[str, ShardWriter], writers), move)
        self.rejects = moved.pop(_REJECTS)
        self.splits = dict(moved)

    def close_shards(self) -> float:
        """Finish writing the shards (while the process they are written in still runs); the CPU seconds
        that process took, if they were written in another."""
        for writer in [*self.splits.values(), self.rejects]:
            writer.close()
        return 0.0 if self._beside is None else float(self._beside.result("cpu"))

    def finish(self, summary: BuildSummary) -> None:
        faults.point("before-finish")
        for name, writer in self.splits.items():
            summary.splits[name].shards = self._stage(writer, name, DATA)
            summary.splits[name].num_bytes = writer.num_bytes
        summary.rejects.shards = self._stage(self.rejects, REJECTS_SPLIT, REJECTS)
        summary.rejects.paragraphs = self.rejects.num_rows
        summary.rejects.num_bytes = self.rejects.num_bytes
        summary.check()
        summary.removed_lines = removed_lines(summary.removed)
        if self.folder.previous is not None:  # read when the build started: it may be the folder being replaced
            new = read_contents(self.stage)
            new.version = self.config.card.version
            summary.changes = compare(self.folder.previous, new)
        if self.config.card.plots:
            summary.plots = write_plots(self.stage, summary.lengths, summary.languages)
        _write(self.stage / REMOVED_LINES, json.dumps(summary.removed_lines, indent=1, ensure_ascii=False,
                                                      allow_nan=False) + "\n")
        _write(self.stage / CARD, card.render(summary, self.config, self.stage, self.columns))
        document = manifest.build_manifest(self.stage, summary, self.config, self.columns)
        # allow_nan=False: NaN is not JSON (the config refuses it; this keeps any other from the manifest)
        _write(self.stage / MANIFEST, json.dumps(document, indent=2, ensure_ascii=False, sort_keys=True,
                                                 allow_nan=False) + "\n")
        self.folder.commit(self.stage, [output["path"] for output in document["outputs"]])

    def _stage(self, writer: ShardWriter | Offloaded, split: str, folder: str) -> list[str]:
        """Close a writer and give its shards their final names inside the staged release."""
        final = publish_shards(writer.close(), split, self.stage / folder)
        return [f"{folder}/{p.name}" for p in final]


def _write(path: Path, text: str) -> None:
    write_new(path, text.encode("utf-8"))  # a new file, never one written through (builder.release.fresh)
