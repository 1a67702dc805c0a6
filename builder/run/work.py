"""The per-document work, done in batches wherever the executor runs them (this process, worker
processes, a Ray cluster). Everything here is a pure function of its inputs, so the output does not
depend on how the work is spread."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace

import numpy as np

from builder.config import BuildConfig, ReadSettings
from builder.dedup.selection import band_keys, document_reject, line_reject, paragraph_key
from builder.outcomes import SNIPPET, Document, Location, Paragraph, RawDocument, Reject
from builder.read.validate import Invalid, Issue, check_document, invalid_from_issues, invalid_from_reject
from builder.rules.boilerplate import RepeatedLines
from builder.rules.filters import Filters
from builder.rules.paragraphs import paragraphs, raw_lines, site
from builder.rules.takedown import Takedown, document_keys, hashed
from builder.text.ids import sha256_text
from builder.text.quality import signals
from builder.text.segment import line_count


@dataclass
class LineCounts:
    """First pass over one batch."""

    lines: np.ndarray  # the hashed (site, short line) keys of each valid document, once per document
    # hashed takedown match keys (ids, URLs) of every document: the cache uses them to redo exactly
    # the files a changed takedown list touches
    identities: np.ndarray


def too_many_lines(raw: RawDocument, doc: Document, limit: int) -> Invalid | None:
    """A document over max_document_lines, found before any per-line work: that work holds a few Python
    objects per line (spans, raw and cleaned lines, a reject per dropped line), so a 15 MB document of
    7.5 million one-letter lines took 4 GB and minutes. Such a document is a too_large reject."""
    lines = line_count(doc.text)
    if lines <= limit:
        return None
    message = (f"{lines} lines, over the limit of {limit} (max_document_lines); split the document, or raise "
               "max_document_lines in the config to keep it")
    return invalid_from_issues(raw, [Issue(raw.location, "$.text", message, "too_large")])


def line_counts(items: list[RawDocument | Reject], max_lines: int = ReadSettings.max_document_lines,
                metadata_columns: tuple[tuple[str, str], ...] = ()) -> LineCounts:
    keys: list[int] = []
    identities: list[str] = []
    for item in items:
        if isinstance(item, RawDocument):
            identities.extend(document_keys(item.fields))
            doc = check_document(item, metadata_columns)
            if isinstance(doc, Document) and not too_many_lines(item, doc, max_lines):
                keys.extend(RepeatedLines.document_keys(site(doc), raw_lines(doc)[1]))
    return LineCounts(np.array(keys, dtype=np.uint64), hashed(identities))


@dataclass
class Processed:
    """A valid document after all the work that needs only the document itself: kept paragraphs,
    dropped lines, filters, and the hashes the cross-document decisions will look up."""

    doc: Document  # its text cut to a snippet: the full text stays where the work was done
    doc_sha256: str
    kept: list[Paragraph]
    dropped: list[Reject]
    doc_reject: Reject | None = None  # filtered out, or nothing left
    bands: list[int] = field(default_factory=list)  # MinHash LSH keys of the kept text
    keys: list[bytes | None] = field(default_factory=list)  # exact-duplicate key per kept paragraph


@dataclass(frozen=True)
class Excluded:
    """A document on the takedown list: where it was and what matched, none of its text."""

    doc_id: str | None
    location: Location
    source: str
    keys: tuple[str, ...]  # the takedown's match keys it matched
    valid: bool  # a valid document still takes its id (as it did before it was excluded)


@dataclass
class BatchResult:
    outcomes: list[Processed | Invalid | Excluded]
    pii: Counter[str] = field(default_factory=Counter)


def process(items: list[RawDocument | Reject], repeated: RepeatedLines, config: BuildConfig,
            takedown: Takedown = Takedown()) -> BatchResult:
    result = BatchResult([])
    for item in items:
        if isinstance(item, Reject):
            result.outcomes.append(invalid_from_reject(item))
            continue
        doc = check_document(item, config.read.metadata_columns)
        if matched := takedown.match(item.fields):
            doc_id = item.fields.get("id")
            result.outcomes.append(Excluded(doc_id if isinstance(doc_id, str) else None, item.location, item.source,
                                            matched, isinstance(doc, Document)))
            continue
        if isinstance(doc, list):
            result.outcomes.append(invalid_from_issues(item, doc))
            continue
        if too_large := too_many_lines(item, doc, config.read.max_document_lines):
            result.outcomes.append(too_large)
            continue
        kept, dropped, language = paragraphs(doc, repeated, config.clean.pii_phones, result.pii)
        result.outcomes.append(_prepare(doc, kept, dropped, language, config.filters))
    return result


def _prepare(doc: Document, kept: list[Paragraph], dropped: list[Reject], language: str, filters: Filters) -> Processed:
    # what the build-order steps use of the document (metadata is free-form and used by none)
    digest, doc = sha256_text(doc.text), replace(doc, text=doc.text[:SNIPPET], metadata={})
    if kept and (reason := filters.document_reason(language)):
        return Processed(doc, digest, [], dropped, document_reject(doc, reason))
    selected = []
    for p in kept:
        if reason := filters.paragraph_reason(p):
            dropped.append(line_reject(doc, p, reason))
        else:
            selected.append(p)
    if not selected:
        return Processed(doc, digest, [], dropped, document_reject(doc, "empty_after_clean"))
    selected = [replace(p, signals=signals(p.text)) for p in selected]
    return Processed(doc, digest, selected, dropped, None, band_keys("\n".join(p.text for p in selected)),
                     [paragraph_key(p.text) for p in selected])
