"""Wire the stages: read -> validate -> paragraphs (in batches, on any executor) -> cross-document
decisions in build order -> shards, rejects, card, manifest."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from builder import manifest
from builder.boilerplate import RepeatedLines
from builder.config import BuildConfig
from builder.dedup import Selection
from builder.document import Document, Paragraph, RawDocument, Reject
from builder.executors import executor
from builder.records import record_rows, reject_row
from builder.release import ReleaseWriter
from builder.sources import InputFile, ReadOptions, discover, read_file
from builder.summary import BuildSummary, SplitStats
from builder.validate import DuplicateIds, Invalid
from builder.work import Processed, line_counts, process

BATCH_DOCUMENTS = 256
BATCH_CHARS = 4_000_000


class StrictModeError(RuntimeError):
    """--strict: the first document that would have been rejected stops the build.

    Lines dropped as boilerplate are cleaning, not bad input, and never stop a build."""

    def __init__(self, reject: Reject) -> None:
        super().__init__(f"{reject.location}: {reject.reason}: {reject.message}")
        self.reject = reject


@dataclass
class Batch:
    items: list[RawDocument | Reject]
    finished: list[InputFile]  # input files whose last document is in this batch


def batches(files: list[InputFile], options: ReadOptions) -> Iterator[Batch]:
    """Documents in build order, in batches bounded by count and size."""
    items: list[RawDocument | Reject] = []
    chars = 0
    for file in files:
        for item in read_file(file, options):
            items.append(item)
            text = item.fields.get("text") if isinstance(item, RawDocument) and isinstance(item.fields, dict) else None
            chars += len(text) if isinstance(text, str) else 0
            if len(items) >= BATCH_DOCUMENTS or chars >= BATCH_CHARS:
                yield Batch(items, [])
                items, chars = [], 0
        yield Batch(items, [file])
        items, chars = [], 0


def split_for(doc_id: str, splits: tuple[tuple[str, float], ...]) -> str:
    """Assign a document to a split by a hash of its id, so its paragraphs never straddle splits."""
    point = int.from_bytes(hashlib.sha256(doc_id.encode("utf-8", "surrogatepass")).digest()[:8], "big") / 2**64
    total = 0.0
    for name, ratio in splits:
        total += ratio
        if point < total:
            return name
    return splits[-1][0]


def build(sources: Iterable[str], out: Path, config: BuildConfig,
          progress: Callable[[int], None] | None = None) -> BuildSummary:
    """Build a release folder from SOURCE paths. `progress` is called with input bytes as files finish."""
    files = discover(sources)
    out.mkdir(parents=True, exist_ok=True)
    release = ReleaseWriter(out, config)
    summary = BuildSummary(splits={name: SplitStats() for name, _ in config.splits})
    run = executor(config.workers, config.executor, config.ray_address)
    try:
        repeated = RepeatedLines()
        for counts in run.map(line_counts, (b.items for b in batches(files, config.read_options))):
            repeated.merge(counts)
        repeated = repeated.frequent()
        ids, selection = DuplicateIds(), Selection()
        work = batches(files, config.read_options)
        finished: list[list[InputFile]] = []

        def items() -> Iterator[list[RawDocument | Reject]]:
            for batch in work:
                finished.append(batch.finished)
                yield batch.items

        for result in run.map(process, items(), repeated, config):
            summary.pii.update(result.pii)
            for outcome in result.outcomes:
                _record(outcome, ids, selection, summary, release, config)
            for file in finished.pop(0):
                summary.inputs.append(manifest.describe_input(file))
                if progress:
                    progress(summary.inputs[-1]["bytes"])
    finally:
        run.close()
    release.finish(summary)
    return summary


def _record(outcome: Processed | Invalid, ids: DuplicateIds, selection: Selection, summary: BuildSummary,
            release: ReleaseWriter, config: BuildConfig) -> None:
    """Take the build-order decisions for one document and write what it gives."""
    summary.documents_in += 1
    if isinstance(outcome, Processed) and (duplicate := ids.check(outcome.doc)):
        outcome = duplicate
    if isinstance(outcome, Invalid):
        _reject(outcome.reject, summary, release, config)
        return
    kept, doc_reject = selection.select(outcome)
    for line in outcome.dropped:
        _reject(line, summary, release, config)
    if doc_reject:
        _reject(doc_reject, summary, release, config)
    else:
        _keep(outcome.doc, kept, summary, release, config)


def _reject(item: Reject, summary: BuildSummary, release: ReleaseWriter, config: BuildConfig) -> None:
    if config.strict and item.kind == "document":
        raise StrictModeError(item)
    (summary.document_rejects if item.kind == "document" else summary.line_rejects)[item.reason] += 1
    summary.documents_rejected += item.kind == "document"
    release.rejects.write([reject_row(item)])


def _keep(doc: Document, kept: list[Paragraph], summary: BuildSummary, release: ReleaseWriter,
          config: BuildConfig) -> None:
    split = split_for(doc.id, config.splits)
    release.splits[split].write(record_rows(doc, kept))
    stats = summary.splits[split]
    stats.documents += 1
    stats.paragraphs += len(kept)
    summary.documents_kept += 1
    summary.lines_kept += len(kept)
    summary.sources[doc.source] += 1
    summary.languages.update(p.language for p in kept)
    summary.chars_kept += sum(len(p.text) for p in kept)
