"""What a build did: counts for the card, the manifest and the CLI's closing summary."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from builder.reasons import Reasons


class AccountingError(RuntimeError):
    """The counts do not add up: a bug in the builder, never the user's data."""


class NothingKept(Exception):
    """A build kept no document: it committed nothing (a previous release in --out is as it was). `summary`
    counts why; `rejects` is the folder its rejects were set aside in (builder.release.outdir.Claim.set_aside)."""

    def __init__(self, summary: BuildSummary, rejects: str) -> None:
        super().__init__(f"no document was kept; the rejects are in {rejects}")
        self.summary, self.rejects = summary, rejects


@dataclass
class SplitStats:
    documents: int = 0
    paragraphs: int = 0
    num_bytes: int = 0
    shards: list[str] = field(default_factory=list)


@dataclass
class SourceStats:
    """One source folder's share of the build."""

    documents: int = 0
    kept: int = 0
    paragraphs: int = 0
    chars: int = 0
    lines_removed: Counter[str] = field(default_factory=Counter)


@dataclass
class BuildSummary:
    documents_in: int = 0
    documents_kept: int = 0
    documents_rejected: int = 0
    document_rejects: Counter[str] = field(default_factory=Counter)
    line_rejects: Counter[str] = field(default_factory=Counter)
    lines_kept: int = 0
    splits: dict[str, SplitStats] = field(default_factory=dict)
    rejects: SplitStats = field(default_factory=SplitStats)
    languages: Counter[str] = field(default_factory=Counter)  # paragraphs per language
    language_chars: Counter[str] = field(default_factory=Counter)  # characters of kept text per language
    inputs: list[dict[str, Any]] = field(default_factory=list)
    pii: Counter[str] = field(default_factory=Counter)  # replacements by kind
    removed_lines: dict[str, list[dict[str, Any]]] = field(default_factory=dict)  # see builder.run.report
    takedown: dict[str, Any] | None = None  # see builder.rules.takedown
    # (line in the list, entry) of the entries that matched no document: the CLI shows the lines, never the entries
    takedown_unmatched: list[tuple[int, str]] = field(default_factory=list)
    changes: Any = None  # builder.release.diff.ReleaseDiff against the previous release, when given
    by_source: dict[str, SourceStats] = field(default_factory=dict)  # per source folder (report.source_group)
    lengths: Counter[int] = field(default_factory=Counter)  # paragraphs per plots.length_bin
    plots: list[str] = field(default_factory=list)
    reasons: Reasons = field(default_factory=lambda: _built_in_reasons())  # the build's plan's: what each code means

    def source(self, name: str) -> SourceStats:
        return self.by_source.setdefault(name, SourceStats())
    cache_hits: int = 0  # input files whose results (per pass) came from the cache
    cache_misses: int = 0
    worker_pids: set[int] = field(default_factory=set)  # processes other than this one that did work
    reader_pids: set[int] = field(default_factory=set)  # processes that read inputs (this one too, if it did)
    task_cpu: float = 0.0  # CPU seconds the tasks took, wherever they ran (the driver's own is not in it)
    writer_cpu: float = 0.0  # CPU seconds of the processes beside the driver: the writer, the store's requests

    @property
    def paragraphs(self) -> int:
        return sum(s.paragraphs for s in self.splits.values())

    def check(self) -> None:
        if self.documents_in != self.documents_kept + self.documents_rejected:
            raise AccountingError(
                f"documents in ({self.documents_in}) != kept ({self.documents_kept}) "
                f"+ rejected ({self.documents_rejected})")
        if self.rejects.paragraphs != sum(self.document_rejects.values()) + sum(self.line_rejects.values()):
            raise AccountingError("rejects written do not match the rejects counted")
        if self.lines_kept != self.paragraphs:
            raise AccountingError(f"paragraphs written ({self.paragraphs}) != lines kept ({self.lines_kept})")


def _built_in_reasons() -> Reasons:
    """Imported here, not at the top: the rule modules stay out of a driver that is given its plan's reasons."""
    from builder.run.plan import built_in_reasons

    return built_in_reasons()
