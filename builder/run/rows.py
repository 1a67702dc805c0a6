"""What a batch sends the build's driver: its rows, ready to write, and a few fields per document for
the decisions that need the whole build (builder.run.place).

Made where the work runs, so the driver does no per-row work: records (identifiers, paths, free text
sanitised, quality signals, record ids) and the rejects the work made are laid out here as Arrow tables,
and the driver only chooses rows (a document's candidate records past dedup) and adds the few rows its
own decisions make (duplicates).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pyarrow as pa

from builder.outcomes import BatchResult, Document, Excluded, Invalid, Processed, Reject
from builder.release.records import REJECT_SCHEMA, record_rows, reject_row
from builder.release.shards import row_hashes
from builder.run.compact import key64
from builder.run.report import line_key, source_group
from builder.text.sanitise import Sanitiser, identifiers


@dataclass
class Entry:
    """One input document, compactly: what the build-order decisions read."""

    kind: str  # "p" processed (a valid document), "i" invalid, "x" excluded by the takedown list
    doc_id: str | None  # as read: duplicate ids and record ids derive from it
    path: str  # its location: the file
    line: int | None  # and the line in it
    source: str
    group: str  # report.source_group(source)
    rejects: int = 0  # its rows in BatchRows.rejects (dropped lines, then its document's reject if `rejected`)
    rejected: bool = False  # the last of them rejects the document (invalid, excluded, filtered, empty)
    records: int = 0  # its candidate rows in BatchRows.records: kept paragraphs before dedup
    bands: list[int] = field(default_factory=list)  # MinHash LSH keys of its kept text
    keys: list[int] = field(default_factory=list)  # each candidate's paragraph key (key64), 0: too short to dedup
    snippet: str | None = None  # the start of its text, sanitised: for a document reject the driver makes
    # what sanitising replaced (plain dicts, empty but for the few documents with addresses: Counters are
    # slow to unpickle): in the snippet, in its reject rows, in each candidate's free text
    snippet_pii: dict[str, int] = field(default_factory=dict)
    pii: dict[str, int] = field(default_factory=dict)
    record_pii: dict[int, dict[str, int]] = field(default_factory=dict)
    takedown: tuple[str, ...] = ()  # excluded: the takedown keys it matched
    valid: bool = True  # excluded: whether it was valid (a valid document still takes its id)


@dataclass
class BatchRows:
    entries: list[Entry]
    records: pa.Table  # every candidate record, in the release's record schema
    lines: np.ndarray  # the input's line of each candidate (inner_line): a duplicate paragraph's reject gives it
    chars: np.ndarray  # the characters of each candidate's text (for the summary)
    rejects: pa.Table  # the rejects the work made, sanitised, in REJECT_SCHEMA
    reject_hashes: np.ndarray  # their shards.row_hashes
    line_keys: np.ndarray  # their report.line_key (0 for a document's reject)
    pii: Counter[str]  # replacements counted whatever the driver decides (kept paragraphs, invalid documents)
    cache_entry: bytes | None = None  # these rows as the build cache stores them (cache_format), when cached

    @property
    def size(self) -> int:
        """Its rows, records and rejects: what placing it costs, for joining batches (`joined`)."""
        return self.records.num_rows + self.rejects.num_rows


def joined(batches: list[BatchRows]) -> BatchRows:
    """Consecutive batches as one, placed as they would be one after another (placing decides document
    by document, in order): the driver's per-batch work (a few dozen Arrow calls) is paid once for
    many small batches, as a cached rebuild of many small inputs reads them."""
    if len(batches) == 1:
        return batches[0]
    pii = Counter[str]()
    for batch in batches:
        pii.update(batch.pii)

    def arrays(name: str) -> np.ndarray:
        return np.concatenate([getattr(batch, name) for batch in batches])

    return BatchRows([e for batch in batches for e in batch.entries], pa.concat_tables([b.records for b in batches]),
                     arrays("lines"), arrays("chars"), pa.concat_tables([b.rejects for b in batches]),
                     arrays("reject_hashes"), arrays("line_keys"), pii)


def sanitised_values(result: BatchResult) -> list[str]:
    """What batch_rows asks Sanitiser.may_change about, in its order: which documents' texts the sanitiser may
    change (most do not, and the snippet of those is their text as it is: Sanitiser.text looked at each whole text
    with five regexes), then whose id and url a record may write as they are (identifier and pseudonymise leave
    alone what may_change does not pick, with phones or without: they never look for one)."""
    texts = [outcome.doc.text for outcome in result.outcomes if isinstance(outcome, Processed)]
    written = _written(result)
    return (texts + [value for doc in written for value in (doc.id, doc.url or "")]
            + [value for doc in written for value in _free_columns(doc)])


def _written(result: BatchResult) -> list[Document]:
    """The documents a batch writes records of."""
    return [outcome.doc for outcome in result.outcomes if isinstance(outcome, Processed) and not outcome.doc_reject]


def _free_columns(doc: Document) -> list[str]:
    """A document's own columns that are free text (its strings: the title, a declared field), in its order."""
    return [value for value in doc.columns.values() if isinstance(value, str)]


# per batch: whether Sanitiser.text may change each document's text, the ids and urls it writes records of as
# `identifier` gives them, and whether it may change each of their free-text columns (_free_columns, in order)
Looked = tuple[list[bool], list[str], list[bool]]


def _looked_at(results: list[BatchResult], phones: bool) -> list[Looked]:
    """For each batch, whether Sanitiser(phones).text may change each of its documents' texts (still_may_change of
    what may_change gives them: of the benchmark corpus's 4,760 snippets may_change picks 1,059, a date in them
    looking like a card number's start, and Sanitiser.text changes none), the ids and urls of those it writes
    records of as `identifier` gives them (sanitised_values' order; a url None as ""), and whether it may change
    their free-text columns (a title: what may_change leaves out, Sanitiser.text leaves as it is and counts nothing
    in; one by one, its detectors' ~50 prefilters took ~30 us a title), in one call each for the task:
    may_change's pattern (every prefilter of the personal-data detectors) took about 2.5 ms to compile, in each
    of a build's 100 batch_rows (a file's) where the task's 15 calls of it would do, and `identifiers` pseudonymises
    a task's ids in one batch (7,044 of the corpus's 9,420 are picked, 28 us each one by one)."""
    values = [sanitised_values(result) for result in results]
    counts = [sum(isinstance(outcome, Processed) for outcome in result.outcomes) for result in results]
    ids_end = [count + 2 * len(_written(result)) for count, result in zip(counts, results, strict=True)]
    sanitiser = Sanitiser(phones)
    may = iter(sanitiser.may_change([value for each in values for value in each]))
    picks = [[next(may) for _ in each] for each in values]
    texts = [value for each, count in zip(values, counts, strict=True) for value in each[:count]]
    still = iter(sanitiser.still_may_change(texts, [pick for each, count in zip(picks, counts, strict=True)
                                                    for pick in each[:count]]))
    ids = iter(identifiers([value for each, count, end in zip(values, counts, ids_end, strict=True)
                            for value in each[count:end]],
                           [pick for each, count, end in zip(picks, counts, ids_end, strict=True)
                            for pick in each[count:end]]))
    return [([next(still) for _ in each[:count]], [next(ids) or "" for _ in each[count:end]], picked[end:])
            for each, picked, count, end in zip(values, picks, counts, ids_end, strict=True)]


def task_rows(results: list[BatchResult], schema: pa.Schema, phones: bool) -> list[BatchRows]:
    """batch_rows of each of a task's batches, what the sanitiser changes looked at once for all of them
    (_looked_at)."""
    return [batch_rows(result, schema, phones, looked) for result, looked in zip(results, _looked_at(results, phones),
                                                                                 strict=True)]


def batch_rows(result: BatchResult, schema: pa.Schema, phones: bool, looked: Looked | None = None) -> BatchRows:
    """A batch's outcomes (rejects already sanitised: work.sanitised) as rows and entries. `looked`: what
    _looked_at gives it, when the caller has it (task_rows)."""
    entries: list[Entry] = []
    records: list[dict[str, object]] = []
    rejects: list[dict[str, Any]] = []
    lines: list[int] = []
    chars: list[int] = []
    # one RE2 pass over the batch's texts, ids and urls (one compiled pattern): see sanitised_values
    may_texts, published, may_columns = looked or _looked_at([result], phones)[0]
    may_change = iter(may_texts)
    written = iter(zip(published[::2], published[1::2], strict=True))
    free = iter(may_columns)
    for outcome in result.outcomes:
        if isinstance(outcome, Invalid):
            reject = outcome.reject
            where = reject.location
            entries.append(Entry("i", reject.doc_id, where.path, where.line, reject.source, source_group(reject.source),
                                 1, True))
            rejects.append(reject_row(reject))
        elif isinstance(outcome, Excluded):
            # nothing of a removed document is kept, not even its dropped lines or a snippet in rejects
            excluded = Reject.document("excluded", outcome.location, outcome.source, doc_id=outcome.doc_id)
            rejects.append(reject_row(Sanitiser(phones, result.pii).reject(excluded)))
            where = outcome.location
            entries.append(Entry("x", outcome.doc_id, where.path, where.line, outcome.source,
                                 source_group(outcome.source), 1, True, takedown=outcome.keys, valid=outcome.valid))
        else:
            entry = _entry(outcome, phones, next(may_change))
            rejects.extend(reject_row(r) for r in outcome.dropped)
            if outcome.doc_reject:
                rejects.append(reject_row(outcome.doc_reject))
            else:
                records.extend(_records(outcome, entry, phones, next(written),
                                        [next(free) for _ in _free_columns(outcome.doc)]))
                where = outcome.doc.location  # a repeat's reject line, as a dropped line's would be
                lines.extend(where.inner_line(p.line).line or p.line for p in outcome.kept)
                chars.extend(len(p.text) for p in outcome.kept)
            entries.append(entry)
    keys = [line_key(r["text"] or "", r["reason"]) if r["kind"] == "line" else 0 for r in rejects]
    table = pa.Table.from_pylist(rejects, schema=REJECT_SCHEMA)
    return BatchRows(entries, pa.Table.from_pylist(records, schema=schema), np.array(lines, dtype=np.int64),
                     np.array(chars, dtype=np.int64), table, row_hashes(table), np.array(keys, dtype=np.uint64),
                     result.pii)


def _entry(outcome: Processed, phones: bool, may_change: bool) -> Entry:
    """`may_change`: whether sanitising may change the document's text (Sanitiser.may_change)."""
    doc, snippet_pii = outcome.doc, Counter[str]()
    snippet = Sanitiser(phones, snippet_pii).text(doc.text) if may_change else doc.text
    return Entry("p", doc.id, doc.location.path, doc.location.line, doc.source, source_group(doc.source),
                 len(outcome.dropped) + (outcome.doc_reject is not None), outcome.doc_reject is not None,
                 len(outcome.kept), [int(b) for b in outcome.bands],
                 [0 if k is None else key64(k) for k in outcome.keys], snippet, dict(snippet_pii), dict(outcome.pii))


def _records(outcome: Processed, entry: Entry, phones: bool, written: tuple[str, str], may_change: list[bool],
             ) -> list[dict[str, object]]:
    """Its candidate records, with record ids as if every one is kept (the driver renumbers a document
    that loses a paragraph to dedup); what their free text's sanitising replaced, per record. `written`: its id and
    url as identifier gives them (a url None as ""); `may_change`: whether sanitising may change each of its
    free-text columns (_free_columns: the others it leaves as they are and counts nothing in)."""
    counts = Counter[str]()
    doc_id, url = written
    sanitiser, may = Sanitiser(phones, counts), iter(may_change)
    document = {name: (sanitiser.text(value) if next(may) else value) if isinstance(value, str) else value
                for name, value in outcome.doc.columns.items()}
    rows = record_rows(outcome.doc, outcome.kept, outcome.doc_sha256, sanitiser,
                       (doc_id, url if outcome.doc.url is not None else None), document)
    if counts:  # a title or an annotator's value with an address in it: counted once per record written
        for index, paragraph in enumerate(outcome.kept):
            each = Counter[str]()
            record_rows(outcome.doc, [paragraph], outcome.doc_sha256, Sanitiser(phones, each))
            if each:
                entry.record_pii[index] = dict(each)
    return rows
