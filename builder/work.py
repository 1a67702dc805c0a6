"""The per-document work, done in batches wherever the executor runs them (this process, worker
processes, a Ray cluster). Everything here is a pure function of its inputs, so the output does not
depend on how the work is spread."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from builder.boilerplate import RepeatedLines
from builder.config import BuildConfig
from builder.document import Document, Paragraph, RawDocument, Reject
from builder.paragraphs import cleaned_lines, paragraphs, site
from builder.validate import Invalid, check_document, invalid_from_issues, invalid_from_reject


def line_counts(items: list[RawDocument | Reject]) -> Counter[bytes]:
    """First pass: hashed (site, short line) keys, once per document."""
    counts = RepeatedLines()
    for item in items:
        if isinstance(item, RawDocument):
            doc = check_document(item)
            if isinstance(doc, Document):
                counts.add_document(site(doc), cleaned_lines(doc)[1])
    return counts.counts


@dataclass
class Processed:
    """A valid document, its kept paragraphs and dropped lines, before cross-document decisions."""

    doc: Document
    kept: list[Paragraph]
    dropped: list[Reject]
    language: str


@dataclass
class BatchResult:
    outcomes: list[Processed | Invalid]
    pii: Counter[str] = field(default_factory=Counter)


def process(items: list[RawDocument | Reject], repeated: RepeatedLines, config: BuildConfig) -> BatchResult:
    result = BatchResult([])
    for item in items:
        if isinstance(item, Reject):
            result.outcomes.append(invalid_from_reject(item))
            continue
        doc = check_document(item)
        if isinstance(doc, list):
            result.outcomes.append(invalid_from_issues(item, doc))
            continue
        kept, dropped, language = paragraphs(doc, repeated, config.pii_phones, result.pii)
        result.outcomes.append(Processed(doc, kept, dropped, language))
    return result
