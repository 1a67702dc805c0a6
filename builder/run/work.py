"""The per-document work, done in batches wherever the executor runs them (this process, worker
processes, a Ray cluster). Everything here is a pure function of its inputs, so the output does not
depend on how the work is spread.

A batch runs the plan: documents -> lines table -> line rules -> paragraphs (language, personal
data) -> document filters -> paragraph filters -> annotators -> what is left -> dedup keys.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

import numpy as np
import pyarrow as pa

from builder.config import BuildConfig, ReadSettings
from builder.dedup.minhash import band_keys
from builder.dedup.selection import paragraph_keys
from builder.outcomes import (
    SNIPPET,
    BatchResult,
    Document,
    Excluded,
    Invalid,
    Issue,
    LineCounts,
    Paragraph,
    Processed,
    RawDocument,
    Reject,
)
from builder.read.validate import (
    check_document,
    invalid_from_issues,
    invalid_from_reject,
)
from builder.rules.paragraphs import lines_table, paragraphs, rows_of, site
from builder.rules.repeated import RepeatedLines
from builder.rules.takedown import Takedown, document_keys, hashed
from builder.run.cache_format import encode_rows
from builder.run.rows import BatchRows, task_rows
from builder.steps import StepError, remembered_values, values
from builder.text.clean import utf8_safe
from builder.text.ids import sha256_text
from builder.text.sanitise import Sanitiser
from builder.text.segment import line_count, line_texts

if TYPE_CHECKING:  # the plan is built where the work runs (pipeline.process_parted), and its rule modules are
    from builder.run.plan import Plan  # imported there, not in a driver that only decides

NO_TAKEDOWN = Takedown()


def warm_up() -> None:
    """What a worker's first batches load, each once for the process, loaded as a prestarted worker starts
    (executors.prestart), while the command's process still sets the build up (plan, inputs listed and hashed,
    --out claimed) and a core is idle: the document schema's compiled check, jsonschema's validator (imported at
    the first invalid document: 0.1-0.25 CPU-s, in each worker at once on the build's critical path) and the
    language model. Nothing the work computes changes."""
    from builder.schemas import fast_check, validator
    from builder.text.language import codes

    fast_check("document")
    validator("document")
    codes()  # the language model, loaded


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


Items = list[RawDocument | Reject]


def line_counts(parts: list[Items], max_lines: int = ReadSettings.max_document_lines,
                metadata_columns: tuple[tuple[str, str], ...] = (), identities: bool = True) -> list[LineCounts]:
    """The first pass's counts of each part (builder.run.tasks: a file's batch), its line keys computed
    for all the parts' documents at once. `identities`: whether each part's takedown keys are wanted (only the
    build cache reads them, for a later build with a list: a build without the cache leaves them empty, its
    URLs not normalised, 6-24% of this pass's CPU)."""
    keys: list[list[str]] = []
    documents: list[tuple[str, list[str]]] = []
    ends: list[int] = []  # each part's end in `documents`
    for items in parts:
        keys.append([])
        for item in items:
            if isinstance(item, RawDocument):
                if identities:
                    keys[-1].extend(document_keys(item.fields))
                doc = check_document(item, metadata_columns)
                if isinstance(doc, Document) and not too_many_lines(item, doc, max_lines):
                    documents.append((site(doc), line_texts(doc.text)))
        ends.append(len(documents))
    found = RepeatedLines.document_keys(documents)
    return [LineCounts(np.array([key for once in found[start:end] for key in once], dtype=np.uint64), hashed(ids))
            for start, end, ids in zip([0, *ends][:-1], ends, keys, strict=True)]


def process_parts(parts: list[Items], repeated: RepeatedLines, plan: Plan, config: BuildConfig,
                  takedown: Takedown = NO_TAKEDOWN) -> list[BatchResult]:
    """Every item's outcome of each part, in order, the valid documents of all of them through the plan
    together; each part's outcomes and personal-data counts are what it would have on its own."""
    results = [(_outcomes(items, config, takedown), Counter[str]()) for items in parts]
    docs = [o for outcomes, _ in results for o in outcomes if isinstance(o, Document)]
    counters = [pii for outcomes, pii in results for o in outcomes if isinstance(o, Document)]
    try:
        processed = iter(_run_plan(docs, repeated, plan, config.clean.pii_phones, counters))
    except StepError as exc:  # a user's step: say which documents it was given
        files = sorted({doc.location.path for doc in docs})
        named = ", ".join(files[:3]) + (f" and {len(files) - 3} more" if len(files) > 3 else "")
        raise exc.at(f"it was given {len(docs)} document(s) of {named} (the first: id {docs[0].id!r} at "
                     f"{docs[0].location})") from None
    return [BatchResult([sanitised(next(processed) if isinstance(o, Document) else o, config.clean.pii_phones, pii)
                         for o in outcomes], pii)
            for outcomes, pii in results]


def _outcomes(items: Items, config: BuildConfig, takedown: Takedown) -> list[Processed | Invalid | Excluded | Document]:
    """Each item's outcome, a valid document as itself (the plan has yet to run)."""
    outcomes: list[Processed | Invalid | Excluded | Document] = []
    for item in items:
        if isinstance(item, Reject):
            outcomes.append(invalid_from_reject(item))
            continue
        doc = check_document(item, config.read.metadata_columns)
        if matched := takedown.match(item.fields):
            doc_id = item.fields.get("id")
            outcomes.append(Excluded(doc_id if isinstance(doc_id, str) else None, item.location, item.source,
                                     matched, isinstance(doc, Document)))
            continue
        if isinstance(doc, list):
            outcomes.append(invalid_from_issues(item, doc))
            continue
        outcomes.append(too_many_lines(item, doc, config.read.max_document_lines) or doc)
    return outcomes


Outcome = Processed | Invalid | Excluded


def sanitised(outcome: Outcome, phones: bool, pii: Counter[str]) -> Outcome:
    """The outcome with its rejects sanitised (builder.text.sanitise), here where the work runs rather than
    one by one in the build's driver. An invalid document's reject is always written, so its replacements
    count in the batch's `pii`; a processed document's count in its own (see Processed.pii)."""
    if isinstance(outcome, Invalid):
        return replace(outcome, reject=Sanitiser(phones, pii).reject(outcome.reject))
    if isinstance(outcome, Processed):
        sanitiser = Sanitiser(phones, outcome.pii)
        outcome.dropped = [sanitiser.reject(r) for r in outcome.dropped]
        outcome.doc_reject = outcome.doc_reject and sanitiser.reject(outcome.doc_reject)
    return outcome


@dataclass
class _Document:
    """One document on its way through the plan."""

    doc: Document
    kept: list[Paragraph]
    dropped: list[Reject]
    language: tuple[str, float]
    rows: list[int]  # each kept paragraph's row in the lines table, in the same order
    reject: str | None = None  # a document filter's reason


def run_plan(docs: list[Document], repeated: RepeatedLines | None, plan: Plan, phones: bool = False,
             pii: Counter[str] | None = None) -> list[Processed]:
    """The plan over a batch of valid documents (`pii` counts what personal data their paragraphs had)."""
    return _run_plan(docs, repeated, plan, phones, [pii] * len(docs))


def _run_plan(docs: list[Document], repeated: RepeatedLines | None, plan: Plan, phones: bool,
              pii: list[Counter[str]] | list[Counter[str] | None]) -> list[Processed]:
    """`run_plan`, with a counter of personal data for each document."""
    with remembered_values():  # the lines table's text and key columns are read as Python values several times
        return _planned(docs, repeated, plan, phones, pii)


def _planned(docs: list[Document], repeated: RepeatedLines | None, plan: Plan, phones: bool,
             pii: list[Counter[str]] | list[Counter[str] | None]) -> list[Processed]:
    reasons = plan.reasons
    lines = lines_table(docs, repeated)
    lines = lines.set_column(lines.schema.get_field_index("reason"), "reason", plan.classify(lines))
    ends = np.cumsum(np.bincount(lines.column("doc").to_numpy(), minlength=len(docs))).tolist()
    line_columns = rows_of(lines, phones)
    work = []
    for d, doc in enumerate(docs):
        start = ends[d - 1] if d else 0
        rows = {name: column[start : ends[d]] for name, column in line_columns.items()}
        kept, dropped, language = paragraphs(doc, rows, lambda code: reasons.explain(code, "line"), phones, pii[d])
        # the rows `paragraphs` kept, in its order: a line the rules left alone
        work.append(_Document(doc, kept, dropped, language,
                              [start + i for i, reason in enumerate(rows["reason"]) if reason is None]))
    candidates = [w for w in work if w.kept]
    for w, reason in zip(candidates, plan.drop(plan.document_filters, _documents_table(candidates)), strict=True):
        w.reject = reason
    candidates = [w for w in candidates if w.reject is None]
    table = _paragraphs_table(candidates)
    drops = iter(plan.drop(plan.paragraph_filters, table))
    for w in candidates:
        selected, rows_left = [], []
        for p, row in zip(w.kept, w.rows, strict=True):
            if reason := next(drops):
                w.dropped.append(Reject.line(reason, w.doc.location.inner_line(p.line), w.doc.source, doc_id=w.doc.id,
                                             char_start=p.char_start, char_end=p.char_end, text=p.text,
                                             message=reasons.explain(reason, "line"),
                                             language=(p.language, p.language_score)))
            else:
                selected.append(p)
                rows_left.append(row)
        w.kept, w.rows = selected, rows_left
    candidates = [w for w in candidates if w.kept]
    columns = iter(plan.annotate(_paragraphs_table(candidates)))
    for w in candidates:
        w.kept = [p.with_columns(next(columns)) for p in w.kept]
    # the near-duplicate keys of the documents kept, and the exact-duplicate keys of their paragraphs,
    # each all in one call
    finished = [w for w in work if w.kept and not w.reject]
    bands = iter(band_keys(["\n".join(p.text for p in w.kept) for w in finished]))
    # a paragraph that is its line's text as the rules saw it (no personal data replaced in it) has that line's
    # matching key and word count, which the lines table holds: only the others are computed again
    texts, line_keys, words = line_columns["text"], values(lines, "key"), values(lines, "words")
    keys = iter(paragraph_keys([p.text for w in finished for p in w.kept],
                               [(line_keys[row], words[row]) if p.text == texts[row] else None
                                for w in finished for p, row in zip(w.kept, w.rows, strict=True)]))
    return [_processed(w, reasons.explain, next(bands), [next(keys) for _ in w.kept]) if w.kept and not w.reject
            else _processed(w, reasons.explain, [], []) for w in work]


def _processed(w: _Document, explain: Callable[[str, str], str], bands: list[int],
               keys: list[bytes | None]) -> Processed:
    # what the build-order steps use of the document (metadata is free-form and used by none)
    digest, doc = sha256_text(w.doc.text), replace(w.doc, text=w.doc.text[:SNIPPET], metadata={})
    if w.reject or not w.kept:
        reason = w.reject or "empty_after_clean"
        reject = Reject.document(reason, doc.location, doc.source, doc_id=doc.id, text=doc.text,
                                 message=explain(reason, "document"), language=w.language if w.reject else None)
        return Processed(doc, digest, [], w.dropped, reject)
    return Processed(doc, digest, w.kept, w.dropped, None, bands, keys)


def _documents_table(work: list[_Document]) -> pa.Table:
    """DocumentFilter's table: one row per document that still has paragraphs, with the release's
    per-document columns (title, author, date_published, license, declared metadata fields)."""
    names = dict.fromkeys(name for w in work for name in w.doc.columns)
    own = {name: pa.array([w.doc.columns.get(name) for w in work]) for name in names if name != "title"}
    return pa.table({
        "doc": pa.array(range(len(work)), pa.int32()),
        "id": pa.array([w.doc.id for w in work], pa.string()),
        "url": pa.array([w.doc.url for w in work], pa.string()),
        "source": pa.array([utf8_safe(w.doc.source) for w in work], pa.string()),
        "title": pa.array([w.doc.title for w in work], pa.string()),
        "language": pa.array([w.language[0] for w in work], pa.string()),
        "language_score": pa.array([w.language[1] for w in work], pa.float32()),
        "text": pa.array([utf8_safe(w.doc.text) for w in work], pa.string()),
        **own,
    })


def _paragraphs_table(work: list[_Document]) -> pa.Table:
    """ParagraphFilter's and Annotator's table: one row per kept paragraph."""
    rows = [(d, p) for d, w in enumerate(work) for p in w.kept]
    return pa.table({
        "doc": pa.array([d for d, _ in rows], pa.int32()),
        "text": pa.array([p.text for _, p in rows], pa.string()),
        "char_start": pa.array([p.char_start for _, p in rows], pa.int64()),
        "char_end": pa.array([p.char_end for _, p in rows], pa.int64()),
        "line": pa.array([p.line for _, p in rows], pa.int32()),
        "language": pa.array([p.language for _, p in rows], pa.string()),
        "language_score": pa.array([p.language_score for _, p in rows], pa.float32()),
        "detected": pa.array([p.detected for _, p in rows], pa.bool_()),
    })


def process_rows(parts: list[Items], repeated: RepeatedLines, plan: Plan, config: BuildConfig,
                 takedown: Takedown, schema: pa.Schema, cached: bool) -> list[BatchRows]:
    """`process_parts`, and each part's outcomes as the driver takes them (builder.run.rows); with those rows
    encoded as the build cache stores them when `cached`, here where the work runs (a rebuild reads them back)."""
    found = task_rows(process_parts(parts, repeated, plan, config, takedown), schema, config.clean.pii_phones)
    if cached:
        for rows in found:
            rows.cache_entry = encode_rows(rows)
    return found
