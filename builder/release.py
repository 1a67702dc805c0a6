"""The release folder: shards written to a staging folder, then moved into place, the manifest last.

A build killed at any point leaves either the previous release or no manifest.json; running the
same command again rebuilds it, byte for byte.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

from builder import card, manifest
from builder.config import BuildConfig
from builder.diff import diff
from builder.plots import PLOTS, write_plots
from builder.layout import CARD, DATA, MANIFEST, REJECTS, REJECTS_SPLIT, REMOVED_LINES, STAGING
from builder.records import RECORD_SCHEMA, REJECT_SCHEMA
from builder.report import removed_lines
from builder.shards import ShardWriter, publish_shards
from builder.summary import BuildSummary



class ReleaseWriter:
    def __init__(self, out: Path, config: BuildConfig) -> None:
        self.out, self.config = out, config
        self.staging = out / STAGING
        shutil.rmtree(self.staging, ignore_errors=True)  # what an interrupted build left
        self.staging.mkdir(parents=True)
        parts, cdc = self.staging / "parts", config.content_defined_chunking
        self.splits = {name: ShardWriter(parts, name, RECORD_SCHEMA, config.max_shard_bytes, cdc) for name, _ in config.splits}
        self.rejects = ShardWriter(parts, "rejects", REJECT_SCHEMA, config.max_shard_bytes, cdc)

    def finish(self, summary: BuildSummary) -> None:
        for name, writer in self.splits.items():
            summary.splits[name].shards = self._stage(writer, name, DATA)
            summary.splits[name].num_bytes = writer.num_bytes
        summary.rejects.shards = self._stage(self.rejects, REJECTS_SPLIT, REJECTS)
        summary.rejects.paragraphs = self.rejects.num_rows
        summary.rejects.num_bytes = self.rejects.num_bytes
        summary.check()
        (self.out / MANIFEST).unlink(missing_ok=True)  # from here on the folder is not a finished release
        for folder in (DATA, REJECTS):
            self._swap(folder)
        summary.removed_lines = removed_lines(summary.removed)
        if self.config.previous:
            summary.changes = diff(Path(self.config.previous), self.out)
        shutil.rmtree(self.out / PLOTS, ignore_errors=True)
        summary.plots = write_plots(self.out, summary.lengths, summary.languages)
        _write_atomic(self.out / REMOVED_LINES, json.dumps(summary.removed_lines, indent=1, ensure_ascii=False) + "\n")
        _write_atomic(self.out / CARD, card.render(summary, self.config, self.out))
        document = manifest.build_manifest(self.out, summary, self.config)
        _write_atomic(self.out / MANIFEST, json.dumps(document, indent=2, ensure_ascii=False, sort_keys=True) + "\n")
        shutil.rmtree(self.staging, ignore_errors=True)

    def _stage(self, writer: ShardWriter, split: str, folder: str) -> list[str]:
        """Close a writer and give its shards their final names inside the staging folder."""
        final = publish_shards(writer.close(), split, self.staging / folder)
        return [f"{folder}/{p.name}" for p in final]

    def _swap(self, folder: str) -> None:
        new, current = self.staging / folder, self.out / folder
        if current.exists():
            os.replace(current, self.staging / f"old-{folder}")
        if new.exists():
            os.replace(new, current)
        else:
            current.mkdir()


def _write_atomic(path: Path, text: str) -> None:
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)
