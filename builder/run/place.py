"""The driver's part of a build: the decisions that need the whole build so far, taken in build order
(duplicate ids, near-duplicate documents, duplicate paragraphs, the takedown report) over the compact
outline the work sent (builder.run.parted), then the batch's rows chosen (a Placement, which the writer
applies to the rows: the driver never reads them) and the summary counted. No per-row work is done here
but for the rows the decisions make (duplicates).
"""

from __future__ import annotations

import hashlib
from collections import Counter
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from builder.config import BuildConfig
from builder.dedup.selection import Decision, Selection, line_reject
from builder.outcomes import SNIPPET, Document, Invalid, Location, Paragraph, Reject
from builder.read.validate import DuplicateIds
from builder.reasons import explain
from builder.release.plots import LENGTH_BINS
from builder.release.records import REJECT_SCHEMA, reject_row
from builder.release.writer import ReleaseWriter
from builder.rules.takedown import TakedownReport
from builder.run.compact import SortedRuns
from builder.run.parted import Outline, Placement, reject_table
from builder.run.rows import Entry
from builder.run.summary import BuildSummary
from builder.text.ids import record_id
from builder.text.sanitise import Sanitiser, identifier, path


class StrictModeError(RuntimeError):
    """--strict: the first document that would have been rejected stops the build.

    Lines dropped as boilerplate are cleaning, not bad input, and never stop a build."""

    def __init__(self, reject: Reject) -> None:
        super().__init__(f"{reject.location}: {reject.reason}: {reject.message}")
        self.reject = reject


def split_for(doc_id: str, splits: tuple[tuple[str, float], ...]) -> str:
    """Assign a document to a split by a hash of its id, so its paragraphs never straddle splits."""
    point = int.from_bytes(hashlib.sha256(doc_id.encode("utf-8", "surrogatepass")).digest()[:8], "big") / 2**64
    total = 0.0
    for name, ratio in splits:
        total += ratio
        if point < total:
            return name
    return splits[-1][0]



class Placer:
    """Places each batch's rows in the release, in build order."""

    def __init__(self, release: ReleaseWriter, summary: BuildSummary, config: BuildConfig,
                 takedown: TakedownReport) -> None:
        self.release, self.summary, self.config, self.takedown = release, summary, config, takedown
        # the build's ids: where each was first seen, by its id_key (`ids` numbers the places, writes the rejects)
        self.ids, self.selection = DuplicateIds(), Selection(release.staging)
        self.first_ids = SortedRuns(folder=release.staging)  # big runs on disk, as the selection's indexes
        self.sanitiser = Sanitiser(config.clean.pii_phones, summary.pii)  # for the rejects made here
        self._messages: dict[str, str] = {}  # reason -> its explanation, sanitised
        self._paths: dict[str, str] = {}  # source -> its path as published
        self._ids: dict[str, str] = {}  # a kept document's id -> as published (_published)

    def add(self, batch: Outline, rows: Any) -> None:
        """Place a batch: decided from its outline, its rows (parted.Tables, or where they are held) chosen."""
        self.summary.pii.update(batch.pii)
        placing = _Batch(batch)
        entries = batch.entries
        duplicates = self._duplicate_ids(batch)  # the build's ids first: they decide nothing else
        selected = [i for i, (e, duplicate) in enumerate(zip(entries, duplicates, strict=True))
                    if e.kind == "p" and duplicate is None and not e.rejected]
        decided = self.selection.decide_all([(entries[i].doc_id or "", entries[i].bands, entries[i].keys)
                                             for i in selected])
        decisions: list[Decision | None] = [None] * len(entries)
        for i, decision in zip(selected, decided, strict=True):
            decisions[i] = decision
        for i, (e, duplicate, decided_here) in enumerate(zip(entries, duplicates, decisions, strict=True)):
            self._place(i, e, duplicate, decided_here, placing)
        self.summary.documents_in += len(entries)
        for group, n in Counter(e.group for e in entries).items():
            self.summary.source(group).documents += n
        placement = Placement()
        self._count_records(placing, placement)
        self._count_rejects(placing, placement, rows)
        self.release.place(rows, placement)

    def _duplicate_ids(self, batch: Outline) -> list[Invalid | None]:
        """Each valid document's id checked against the build's (a removed one still takes its id; the work
        computed which and their keys), a batch at a time, over arrays: a key is a duplicate when the index
        has it or the batch had it before; the batch's first of each new key goes into the index."""
        entries, found = batch.entries, list[Invalid | None]([None] * len(batch.entries))
        checked = np.flatnonzero(batch.checked)
        if not len(checked):
            return found
        keys = batch.id_keys[checked]
        chosen = [entries[i] for i in checked.tolist()]
        paths = {path: self.ids.place(path, 0) for path in dict.fromkeys(e.path for e in chosen)}  # numbered in order
        places = np.array([paths[e.path] | (e.line or 0) for e in chosen], dtype=np.uint64)
        known, values = self.first_ids.get_many(keys)
        distinct, firsts = np.unique(keys, return_index=True)
        first = firsts[np.searchsorted(distinct, keys)]  # where the batch first has each one's key
        here = np.arange(len(keys))
        new = ~known & (first == here)
        self.first_ids.add_many(keys[new], places[new])
        earlier = np.where(known, values.astype(np.uint64), places[first])
        for at in np.flatnonzero(~new).tolist():
            e = entries[int(checked[at])]
            doc = Document(e.doc_id or "", e.snippet or "", e.source, Location(e.path, e.line))
            found[int(checked[at])] = self.ids.duplicate(doc, int(earlier[at]))
        return found

    def _place(self, i: int, e: Entry, duplicate: Invalid | None, decision: Decision | None, b: _Batch) -> None:
        """The `i`th document of the batch: its rows in release order, those the decisions make, kept records."""
        summary = self.summary
        own, candidates = b.next(e)
        where = Location(e.path, e.line)
        if e.kind == "x":
            self.takedown.add(e.doc_id if e.doc_id is not None else str(where), e.takedown)
            b.emit(own, e, where)
            return
        if duplicate is not None:
            b.made(self._made(duplicate.reject, e.snippet_pii), e, where)
            return
        if e.pii:  # its rejects are written, whatever is decided next
            summary.pii.update(e.pii)
        if decision is None:  # invalid, or rejected by the work
            b.emit(own, e, where)
            return
        if decision.near_duplicate_of is not None:
            b.emit(own, e, where)
            b.made(self._document_reject(e, b.batch.published[i], "near_duplicate", where,
                                         self._published(decision.near_duplicate_of)), e, where)
            return
        doc = Document(e.doc_id or "", e.snippet or "", e.source, Location(e.path))  # candidates' lines are the input's
        repeats = [(self._made(line_reject(doc, b.paragraph(candidates.start + j), "duplicate_paragraph", first)),
                    candidates.start + j) for j, first in decision.repeats]
        if not decision.unique:  # every paragraph repeats an earlier one
            b.emit(own, e, where)
            for row, record in repeats:
                b.made(row, e, where, record)
            b.made(self._document_reject(e, b.batch.published[i], "empty_after_clean", where), e, where)
            return
        b.emit_sorted(own, repeats, e, where)  # its dropped lines and repeats in the order of their spans
        self._keep(e, candidates, decision.unique, b)

    def _made(self, reject: Reject, pii: dict[str, int] | None = None) -> dict[str, Any]:
        """A reject made here, sanitised. Its text is already: a document's snippet was sanitised where the
        work ran (`pii` is what that replaced), a repeated paragraph's text redacted where it was made (and
        sanitising is idempotent), so only its message, source and ids are sanitised here."""
        if pii:
            self.summary.pii.update(pii)
        return reject_row(self.sanitiser.reject(reject, text_sanitised=True))

    def _document_reject(self, e: Entry, doc_id: str | None, reason: str, where: Location,
                         duplicate_of: str | None = None) -> dict[str, Any]:
        """A document reject the decisions make, as `_made` makes it but without sanitising anything twice
        (one per near-duplicate is most of a replicated corpus's rows): its snippet and id (`doc_id`, as
        published) were sanitised where the work ran, its message is the reason's (sanitised once per
        reason), its path once per source, the kept document it repeats once (`_published`)."""
        if e.snippet_pii:
            self.summary.pii.update(e.snippet_pii)
        if (message := self._messages.get(reason)) is None:
            message = self._messages[reason] = self.sanitiser.text(explain(reason, "document")) or ""
        if (source := self._paths.get(e.source)) is None:
            source = self._paths[e.source] = path(e.source)
        snippet = None if e.snippet is None else e.snippet[:SNIPPET]
        return reject_row(Reject("document", reason, message, where, source, doc_id, None, None, snippet, duplicate_of))

    def _published(self, doc_id: str) -> str | None:
        """A kept document's id as published (held for the next near-duplicates of it, up to RECENT_IDS)."""
        if (found := self._ids.get(doc_id)) is None:
            if len(self._ids) >= Selection.RECENT_IDS:
                self._ids.clear()
            found = self._ids[doc_id] = identifier(doc_id) or ""
        return found

    def _keep(self, e: Entry, candidates: range, unique: list[int], b: _Batch) -> None:
        assert e.doc_id is not None
        split = split_for(e.doc_id, self.config.output.splits)
        rows = [candidates.start + j for j in unique]
        b.kept.setdefault(split, []).extend(rows)
        b.kept_all.extend(rows)
        for index, j in enumerate(unique):
            if index != j:  # a paragraph before it was a duplicate: its record id and index follow the kept ones
                b.renumbered[candidates.start + j] = (record_id(e.doc_id, index), index)
            if j in e.record_pii:
                self.summary.pii.update(e.record_pii[j])
        summary = self.summary
        stats = summary.splits[split]
        stats.documents += 1
        stats.paragraphs += len(unique)
        summary.documents_kept += 1
        summary.lines_kept += len(unique)
        source = summary.source(e.group)
        source.kept += 1
        source.paragraphs += len(unique)
        source.chars += int(b.batch.chars[rows].sum())

    def _count_records(self, b: _Batch, placement: Placement) -> None:
        """The kept records counted in the summary, and chosen for their splits."""
        if not b.kept_all:
            return
        summary = self.summary
        lengths = b.batch.chars[b.kept_all]
        languages: list[str] = _values(b.batch.languages.take(pa.array(b.kept_all)))
        summary.languages.update(Counter(languages))
        each = np.array(languages)
        for language in dict.fromkeys(languages):
            summary.language_chars[language] += int(lengths[each == language].sum())
        summary.lengths.update(Counter(np.searchsorted(LENGTH_BINS[1:], lengths, side="right").tolist()))
        placement.records = {split: np.array(rows, dtype=np.int64) for split, rows in b.kept.items()}
        placement.renumbered = b.renumbered

    def _count_rejects(self, b: _Batch, placement: Placement, rows: Any) -> None:
        """The batch's rejects counted in the summary, and put in release order with those made here."""
        if not b.order:
            return
        made = pa.Table.from_pylist(b.made_rows, schema=REJECT_SCHEMA)
        order = np.array(b.order, dtype=np.int64)
        table = pa.concat_tables([b.batch.rejects, made.select(b.batch.rejects.column_names)]).take(order)
        placement.order, placement.made, placement.groups = order, made, pa.array(b.groups, pa.string())
        placement.text_of = np.array(b.text_of, dtype=np.int64)
        if self.config.run.strict and b.first_document is not None:  # the rows are read here, this once
            position, where = b.first_document
            rejects = reject_table(self.release.fetch(rows), placement)[0]
            raise StrictModeError(_reject(rejects.slice(position, 1).to_pylist()[0], where))
        summary = self.summary
        counted = table.group_by(["kind", "reason"], use_threads=False).aggregate([([], "count_all")])
        for kind, reason, n in zip(*(_values(counted.column(i)) for i in range(3)), strict=True):
            (summary.document_rejects if kind == "document" else summary.line_rejects)[reason] += n
            summary.documents_rejected += n if kind == "document" else 0
        lines = pa.table({"group": placement.groups, "reason": table.column("reason")}).filter(
            pc.equal(table.column("kind"), pa.scalar("line")))
        counted = lines.group_by(["group", "reason"], use_threads=False).aggregate([([], "count_all")])
        for group, reason, n in zip(*(_values(counted.column(i)) for i in range(3)), strict=True):
            summary.source(group).lines_removed[reason] += n


class _Batch:
    """One batch being placed: which of its rows go where."""

    def __init__(self, batch: Outline) -> None:
        self.batch = batch
        self.sent = batch.rejects.num_rows  # rows past these in `order` are `made_rows`
        self.order: list[int] = []  # the batch's reject rows in release order
        self.groups: list[str] = []  # each one's source group
        self.made_rows: list[dict[str, Any]] = []
        self.text_of: list[int] = []  # each made row's text: that of this candidate record (-1: its own)
        self.first_document: tuple[int, Location] | None = None  # for --strict: the first document reject
        self.kept: dict[str, list[int]] = {}  # split -> candidate records kept
        self.kept_all: list[int] = []  # every split's, in build order
        self.renumbered: dict[int, tuple[str, int]] = {}  # candidate -> its record id and paragraph index
        self._reject_row = self._record_row = 0
        self._starts: np.ndarray | None = None

    def next(self, e: Entry) -> tuple[range, range]:
        """The rows of the next document: its rejects the work sent, its candidate records."""
        own = range(self._reject_row, self._reject_row + e.rejects)
        candidates = range(self._record_row, self._record_row + e.records)
        self._reject_row, self._record_row = own.stop, candidates.stop
        return own, candidates

    def emit(self, rows: range, e: Entry, where: Location) -> None:
        if e.rejected and self.first_document is None and rows:
            self.first_document = (len(self.order) + len(rows) - 1, where)
        self.order.extend(rows)
        self.groups.extend([e.group] * len(rows))

    def made(self, row: dict[str, Any], e: Entry, where: Location, record: int = -1) -> None:
        if row["kind"] == "document" and self.first_document is None:
            self.first_document = (len(self.order), where)
        self.order.append(self.sent + len(self.made_rows))
        self.made_rows.append(row)
        self.text_of.append(record)
        self.groups.append(e.group)

    def emit_sorted(self, rows: range, made: list[tuple[dict[str, Any], int]], e: Entry, where: Location) -> None:
        """A kept document's dropped lines and repeated paragraphs, by where their spans start (stable)."""
        if not made:
            self.emit(rows, e, where)
            return
        if self._starts is None:
            self._starts = _numbers(self.batch.rejects.column("char_start"))
        placed = sorted([(int(self._starts[row]), row) for row in rows]
                        + [(row["char_start"] or 0, self.sent + len(self.made_rows) + i)
                           for i, (row, _) in enumerate(made)],
                        key=lambda item: item[0])
        self.made_rows.extend(row for row, _ in made)
        self.text_of.extend(record for _, record in made)
        self.order.extend(row for _, row in placed)
        self.groups.extend([e.group] * len(placed))

    def paragraph(self, row: int) -> Paragraph:
        """A candidate as a paragraph, for the reject of a repeat: its text is the record's, filled in where
        the rows are (parted.reject_table)."""
        batch = self.batch
        return Paragraph("", int(batch.starts[row]), int(batch.ends[row]), int(batch.lines[row]))


def _reject(row: dict[str, Any], where: Location) -> Reject:
    return Reject(row["kind"], row["reason"], row["message"], where, row["source"], row["doc_id"], row["char_start"],
                  row["char_end"], row["text"], row["duplicate_of"], row["language"], row["language_score"])


def _values(column: Any) -> list[Any]:
    return list(column.to_pylist())


def _numbers(column: Any) -> np.ndarray:
    """The column as integers, 0 for a null."""
    return np.asarray(pc.fill_null(column, 0).to_numpy())
