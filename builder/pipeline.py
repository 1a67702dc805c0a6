"""Wire the stages: read -> validate -> paragraphs -> shards, rejects, card, manifest."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from builder import card, manifest
from builder.config import BuildConfig
from builder.document import Document, Paragraph, Reject
from builder.boilerplate import RepeatedLines, words
from builder.dedup import NearDuplicates, ParagraphDedup
from builder.filters import Filters
from builder.reasons import explain
from builder.report import removed_lines
from builder.paragraphs import cleaned_lines, paragraphs, site
from builder.records import RECORD_SCHEMA, REJECT_SCHEMA, record_id, record_rows, reject_row
from builder.shards import STAGING, ShardWriter, publish_shards
from builder.sources import InputFile, discover, read, read_file
from builder.validate import Invalid, check_stream

REJECTS_SPLIT = "train"
REMOVED_LINES = "removed_lines.json"


class StrictModeError(RuntimeError):
    """--strict: the first document that would have been rejected stops the build.

    Lines dropped as boilerplate are cleaning, not bad input, and never stop a build."""

    def __init__(self, reject: Reject) -> None:
        super().__init__(f"{reject.location}: {reject.reason}: {reject.message}")
        self.reject = reject


class AccountingError(RuntimeError):
    """The counts do not add up: a bug in the builder, never the user's data."""


@dataclass
class SplitStats:
    documents: int = 0
    paragraphs: int = 0
    num_bytes: int = 0
    shards: list[str] = field(default_factory=list)


@dataclass
class BuildSummary:
    """What a build did, for the card, the manifest and the CLI's closing summary."""

    documents_in: int = 0
    documents_kept: int = 0
    documents_rejected: int = 0
    document_rejects: Counter[str] = field(default_factory=Counter)
    line_rejects: Counter[str] = field(default_factory=Counter)
    lines_kept: int = 0
    splits: dict[str, SplitStats] = field(default_factory=dict)
    rejects: SplitStats = field(default_factory=SplitStats)
    languages: Counter[str] = field(default_factory=Counter)  # paragraphs per language
    sources: Counter[str] = field(default_factory=Counter)  # kept documents per input file
    inputs: list[dict[str, Any]] = field(default_factory=list)
    chars_kept: int = 0
    pii: Counter[str] = field(default_factory=Counter)  # replacements by kind
    removed_lines: dict[str, list[dict[str, Any]]] = field(default_factory=dict)  # see builder.report

    @property
    def paragraphs(self) -> int:
        return sum(s.paragraphs for s in self.splits.values())

    def check(self) -> None:
        if self.documents_in != self.documents_kept + self.documents_rejected:
            raise AccountingError(
                f"documents in ({self.documents_in}) != kept ({self.documents_kept}) + rejected ({self.documents_rejected})")
        if self.rejects.paragraphs != sum(self.document_rejects.values()) + sum(self.line_rejects.values()):
            raise AccountingError("rejects written do not match the rejects counted")


def split_for(doc_id: str, splits: tuple[tuple[str, float], ...]) -> str:
    """Assign a document to a split by a hash of its id, so its paragraphs never straddle splits."""
    point = int.from_bytes(hashlib.sha256(doc_id.encode("utf-8", "surrogatepass")).digest()[:8], "big") / 2**64
    total = 0.0
    for name, ratio in splits:
        total += ratio
        if point < total:
            return name
    return splits[-1][0]


@dataclass
class Dedup:
    """The decisions that need the whole build so far: filters, near-duplicate documents, duplicate paragraphs."""

    paragraphs: ParagraphDedup
    documents: NearDuplicates
    filters: Filters

    def select(self, doc: Document, kept: list[Paragraph], language: str,
               dropped: list[Reject]) -> tuple[list[Paragraph], Reject | None]:
        """The paragraphs to write (dropped ones are appended to `dropped`), or the reason to drop the document."""
        def line(p: Paragraph, reason: str, duplicate_of: str | None = None) -> Reject:
            return Reject("line", reason, explain(reason), doc.location.inner_line(p.line), doc.source, doc_id=doc.id,
                          char_start=p.char_start, char_end=p.char_end, text=p.text, duplicate_of=duplicate_of)

        def document(reason: str, duplicate_of: str | None = None) -> Reject:
            return Reject("document", reason, explain(reason), doc.location, doc.source, doc_id=doc.id,
                          text=doc.text[:200], duplicate_of=duplicate_of)

        if kept and (reason := self.filters.document_reason(language)):
            return [], document(reason)
        selected = []
        for p in kept:
            if reason := self.filters.paragraph_reason(p):
                dropped.append(line(p, reason))
            else:
                selected.append(p)
        if not selected:
            return [], document("empty_after_clean")
        if earlier := self.documents.seen("\n".join(p.text for p in selected), doc.id):
            return [], document("near_duplicate", earlier)
        unique = []
        for p in selected:
            if earlier := self.paragraphs.seen(p.text, words(p.text), record_id(doc.id, len(unique))):
                dropped.append(line(p, "duplicate_paragraph", earlier))
            else:
                unique.append(p)
        if not unique:
            return [], document("empty_after_clean")
        dropped.sort(key=lambda r: r.char_start or 0)
        return unique, None


def count_repeated_lines(files: list[InputFile], config: BuildConfig) -> RepeatedLines:
    """First pass: which short lines recur across documents of the same site."""
    repeated = RepeatedLines()
    for item in check_stream(read(files, config.field_map)):
        if isinstance(item, Document):
            repeated.add_document(site(item), cleaned_lines(item)[1])
    return repeated


def build(sources: Iterable[str], out: Path, config: BuildConfig,
          progress: Callable[[int], None] | None = None) -> BuildSummary:
    """Build a release folder from SOURCE paths. `progress` is called with bytes read after each file."""
    files = discover(sources)
    out.mkdir(parents=True, exist_ok=True)
    shutil.rmtree(out / STAGING, ignore_errors=True)
    summary = BuildSummary(splits={name: SplitStats() for name, _ in config.splits})
    writers = {name: ShardWriter(out, name, RECORD_SCHEMA, config.max_shard_bytes) for name, _ in config.splits}
    rejects = ShardWriter(out, "rejects", REJECT_SCHEMA, config.max_shard_bytes)

    def reject(item: Reject) -> None:
        if config.strict and item.kind == "document":
            raise StrictModeError(item)
        (summary.document_rejects if item.kind == "document" else summary.line_rejects)[item.reason] += 1
        summary.documents_rejected += item.kind == "document"
        rejects.write([reject_row(item)])

    repeated = count_repeated_lines(files, config)
    first_seen: dict = {}
    dedup = Dedup(ParagraphDedup(), NearDuplicates(), config.filters)
    for file in files:
        for item in check_stream(read_file(file, config.field_map), first_seen):
            summary.documents_in += 1
            if isinstance(item, Invalid):
                reject(item.reject)
                continue
            kept, dropped, language = paragraphs(item, repeated, config.pii_phones, summary.pii)
            kept, doc_reject = dedup.select(item, kept, language, dropped)
            for line in dropped:
                reject(line)
            if doc_reject:
                reject(doc_reject)
            else:
                _keep(item, kept, summary, writers, config)
        summary.inputs.append(manifest.describe_input(file))
        if progress:
            progress(summary.inputs[-1]["bytes"])

    _finish(out, summary, writers, rejects, config)
    return summary


def _keep(doc: Document, kept: list[Paragraph], summary: BuildSummary, writers: dict[str, ShardWriter], config: BuildConfig) -> None:
    split = split_for(doc.id, config.splits)
    writers[split].write(record_rows(doc, kept))
    stats = summary.splits[split]
    stats.documents += 1
    stats.paragraphs += len(kept)
    summary.documents_kept += 1
    summary.lines_kept += len(kept)
    summary.sources[doc.source] += 1
    summary.languages.update(p.language for p in kept)
    summary.chars_kept += sum(len(p.text) for p in kept)


def _finish(out: Path, summary: BuildSummary, writers: dict[str, ShardWriter], rejects: ShardWriter,
            config: BuildConfig) -> None:
    for name, writer in writers.items():
        staged = writer.close()
        summary.splits[name].num_bytes = writer.num_bytes
        summary.splits[name].shards = [p.relative_to(out).as_posix() for p in publish_shards(staged, name, out / "data")]
    staged = rejects.close()
    summary.rejects.paragraphs = rejects.num_rows
    summary.rejects.num_bytes = rejects.num_bytes
    summary.rejects.shards = [p.relative_to(out).as_posix()
                              for p in publish_shards(staged, REJECTS_SPLIT, out / "rejects")]
    _remove_stale_shards(out, summary)
    summary.check()
    summary.removed_lines = removed_lines([out / s for s in summary.rejects.shards])
    _write_atomic(out / REMOVED_LINES, json.dumps(summary.removed_lines, indent=1, ensure_ascii=False) + "\n")
    _write_atomic(out / "README.md", card.render(summary, config, out))
    _write_atomic(out / "manifest.json", json.dumps(manifest.build_manifest(out, summary, config),
                                                    indent=2, ensure_ascii=False, sort_keys=True) + "\n")
    shutil.rmtree(out / STAGING, ignore_errors=True)


def _remove_stale_shards(out: Path, summary: BuildSummary) -> None:
    """Shards of splits that this build no longer has would otherwise load with the release."""
    current = {s for stats in [*summary.splits.values(), summary.rejects] for s in stats.shards}
    for folder in ("data", "rejects"):
        for path in (out / folder).glob("*.parquet"):
            if path.relative_to(out).as_posix() not in current:
                path.unlink()


def _write_atomic(path: Path, text: str) -> None:
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)
