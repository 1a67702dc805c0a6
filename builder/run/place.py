"""The driver's part of a build: the decisions that need the whole build so far, taken in build order
(duplicate ids, near-duplicate documents, duplicate paragraphs, the takedown report) over the compact
outline the work sent (builder.run.parted), then the batch's rows chosen (a Placement, which the writer
applies to the rows: the driver never reads them) and the summary counted. The outline is columns and
the decisions are taken over them: Python runs per document only for the rare ones (a repeated id or
paragraph, a takedown); the rows the decisions make are columns too, completed where the rows are.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from builder.config import BuildConfig
from builder.dedup.selection import Decision, Selection
from builder.outcomes import Document, Location, Reject
from builder.read.validate import DuplicateIds
from builder.reasons import explain
from builder.release.plots import LENGTH_BINS
from builder.release.records import encodable
from builder.release.writer import ReleaseWriter
from builder.rules.takedown import TakedownReport
from builder.run.compact import SortedRuns
from builder.run.parted import EXCLUDED, MADE, PROCESSED, Outline, Placement, reject_table
from builder.run.summary import BuildSummary
from builder.text.ids import published_record_id
from builder.text.sanitise import Sanitiser, identifier, identifiers


class StrictModeError(RuntimeError):
    """--strict: the first document that would have been rejected stops the build.

    Lines dropped as boilerplate are cleaning, not bad input, and never stop a build."""

    def __init__(self, reject: Reject) -> None:
        super().__init__(f"{reject.location}: {reject.reason}: {reject.message}")
        self.reject = reject


class Placer:
    """Places each batch's rows in the release, in build order."""

    def __init__(self, release: ReleaseWriter, summary: BuildSummary, config: BuildConfig,
                 takedown: TakedownReport) -> None:
        self.release, self.summary, self.config, self.takedown = release, summary, config, takedown
        # the build's ids: where each was first seen, by its id_key (`ids` numbers the places, writes the rejects)
        self.ids, self.selection = DuplicateIds(), Selection(release.staging)
        self.first_ids = SortedRuns(folder=release.staging)  # big runs on disk, as the selection's indexes
        self.sanitiser = Sanitiser(config.clean.pii_phones, summary.pii)  # for the rejects made here
        self._messages: dict[tuple[str, str], str] = {}  # (reason, kind) -> its explanation, sanitised
        totals, total = [], 0.0
        for _, ratio in config.output.splits:
            total += ratio
            totals.append(total)
        self._totals = np.array(totals)  # where each split's share ends: a document's parted.split_point decides

    def add(self, batch: Outline, rows: Any) -> None:
        """Place a batch: decided from its outline (over its columns: Python runs only for the documents
        whose decisions are rare: a repeated id or paragraph, a takedown), its rows (parted.Tables, or where
        they are held) chosen."""
        summary, n = self.summary, len(batch)
        summary.pii.update(batch.pii)
        kinds = batch.kinds
        b = _Batch(batch)
        duplicates = self._duplicate_ids(batch)  # the build's ids first: they decide nothing else
        repeated = np.zeros(n, dtype=bool)
        repeated[list(duplicates)] = True
        for i, keys in batch.takedown.items():
            line = int(batch.doc_lines[i])
            doc_id = batch.doc_ids[i]
            self.takedown.add(doc_id if doc_id is not None else str(Location(batch.paths[batch.path_of[i]],
                                                                              None if line < 0 else line)), keys)
        for i, counts in batch.doc_pii.items():  # its rejects are written, whatever is decided next
            if kinds[i] != EXCLUDED and not repeated[i]:
                summary.pii.update(counts)
        selected = np.flatnonzero((kinds == PROCESSED) & ~repeated & ~batch.rejected)
        band_ends, band_at = _segments(batch.band_ends, selected)
        key_ends, key_at = _segments(b.record_ends, selected)
        doc_ids = batch.doc_ids
        decided = self.selection.decide_all([doc_ids[i] or "" for i in selected.tolist()], band_ends,
                                            batch.bands[band_at], key_ends, batch.keys[key_at],
                                            [batch.published[i] for i in selected.tolist()])
        whole = np.zeros(n, dtype=bool)  # kept with every candidate
        whole[selected[decided.near < 0]] = True
        for i, message in sorted(duplicates.items()):
            b.made(i, "document", "duplicate_id", message, line=b.line(i))
            if pii := batch.snippet_pii.get(i):
                summary.pii.update(pii)
        near = selected[decided.near >= 0]
        self._near_duplicates(near, decided.near[decided.near >= 0], b)
        partial: dict[int, list[int]] = {}  # a document that repeats paragraphs: the candidates it keeps
        for at, decision in decided.partial.items():
            i = int(selected[at])
            whole[i] = False
            partial[i] = self._partial(i, decision, b)
        b.emit_own(~repeated & ~np.isin(np.arange(n), list(partial)))
        summary.documents_in += n
        codes, firsts, sizes = np.unique(batch.source_of, return_index=True, return_counts=True)
        for code, size, _ in sorted(zip(codes.tolist(), sizes.tolist(), firsts.tolist(), strict=True),
                                    key=lambda item: item[2]):  # the groups in the order the batch has them
            summary.source(batch.groups[code]).documents += size
        placement = Placement()
        self._keep(whole, partial, b, placement)
        self._count_rejects(b, placement, rows)
        self.release.place(rows, placement)

    def _duplicate_ids(self, batch: Outline) -> dict[int, str]:
        """Each valid document's id checked against the build's (a removed one still takes its id; the work
        computed which and their keys), a batch at a time, over arrays: a key is a duplicate when the index
        has it or the batch had it before; the batch's first of each new key goes into the index. What a
        processed document whose id repeats says of it (its reject's message), by document."""
        found: dict[int, str] = {}
        checked = np.flatnonzero(batch.checked)
        if not len(checked):
            return found
        keys = batch.id_keys[checked]
        path_of = batch.path_of[checked]
        distinct, firsts = np.unique(path_of, return_index=True)
        number = np.zeros(len(batch.paths), dtype=np.uint64)
        for code in distinct[np.argsort(firsts)].tolist():  # numbered in the order the batch has them
            number[code] = self.ids.place(batch.paths[code], 0)
        places = number[path_of] | np.maximum(batch.doc_lines[checked], 0).astype(np.uint64)
        known, values = self.first_ids.get_many(keys)
        distinct, firsts = np.unique(keys, return_index=True)
        first = firsts[np.searchsorted(distinct, keys)]  # where the batch first has each one's key
        here = np.arange(len(keys))
        new = ~known & (first == here)
        self.first_ids.add_many(keys[new], places[new])
        earlier = np.where(known, values.astype(np.uint64), places[first])
        for at in np.flatnonzero(~new).tolist():
            i = int(checked[at])
            if batch.kinds[i] != PROCESSED:  # a removed document takes its id, and is only reported removed
                continue
            line = int(batch.doc_lines[i])
            doc = Document(batch.doc_ids[i] or "", "", batch.sources[batch.source_of[i]],
                           Location(batch.paths[batch.path_of[i]], None if line < 0 else line))
            found[i] = encodable(self.sanitiser.text(self.ids.duplicate(doc, int(earlier[at])).reject.message) or "")
        return found

    def _message(self, reason: str, kind: str) -> str:
        """A reason's explanation as a reject the decisions make shows it (sanitised once per reason)."""
        if (message := self._messages.get((reason, kind))) is None:
            message = self._messages[reason, kind] = encodable(self.sanitiser.text(explain(reason, kind)) or "")
        return message

    def _near_duplicates(self, docs: np.ndarray, ordinals: np.ndarray, b: _Batch) -> None:
        """The near-duplicates' document rejects, over arrays: each names the kept document it repeats."""
        if not len(docs):
            return
        near = set(docs.tolist())
        for i, pii in b.batch.snippet_pii.items():
            if i in near:
                self.summary.pii.update(pii)
        distinct, each = np.unique(ordinals, return_inverse=True)
        names = self._published_many(distinct.tolist())
        b.made_many(docs, "document", "near_duplicate", self._message("near_duplicate", "document"),
                    pa.array(names, pa.string()).take(np.asarray(each, dtype=np.int64)))

    def _published_many(self, ordinals: list[int]) -> list[str]:
        """Distinct kept documents' ids as published: as their records were written (Outline.published, which the
        selection keeps with each id); one without it through sanitise.identifiers, as one batch whose RE2 pass
        picks the few that may hold an address (one by one, pseudonymise took about 30 us an id: 2,201 ids at
        15 MB, in a pool's driver while the workers ran)."""
        names = [self.selection.kept_published(ordinal) for ordinal in ordinals]
        unknown = [at for at, name in enumerate(names) if name is None]
        for at, name in zip(unknown, identifiers([self.selection.kept_id(ordinals[at]) for at in unknown]),
                            strict=True):
            names[at] = name
        return [encodable(name or "") for name in names]

    def _partial(self, i: int, decision: Decision, b: _Batch) -> list[int]:
        """A document some of whose paragraphs repeat earlier records: its rows in release order, one by one
        (its dropped lines and the repeats' rejects by where their spans start, or, when nothing of it is
        left, the document's reject after them), and the candidates it keeps."""
        batch = b.batch
        start = int(b.record_ends[i] - batch.records[i])
        own = b.own(i)
        message = self._message("duplicate_paragraph", "line")
        repeats = [b.made(i, "line", "duplicate_paragraph", message, line=int(batch.lines[start + j]),
                          char_start=int(batch.starts[start + j]), char_end=int(batch.ends[start + j]),
                          duplicate_of=encodable(identifier(first)), record=start + j, place=False)
                   for j, first in decision.repeats]
        if not decision.unique:  # every paragraph repeats an earlier one: the document's reject after them
            empty = b.made(i, "document", "empty_after_clean", self._message("empty_after_clean", "document"),
                           line=b.line(i), place=False)
            b.place(i, [*own, *repeats, empty])
            if pii := batch.snippet_pii.get(i):
                self.summary.pii.update(pii)
            return []
        starts = b.reject_starts()
        placed = sorted([(int(starts[row]), row) for row in own]
                        + [(int(batch.starts[start + j]), row) for (j, _), row in zip(decision.repeats, repeats,
                                                                                       strict=True)],
                        key=lambda item: item[0])  # stable: a dropped line before a repeat at the same start
        b.place(i, [row for _, row in placed])
        return decision.unique

    def _keep(self, whole: np.ndarray, partial: dict[int, list[int]], b: _Batch, placement: Placement) -> None:
        """The kept documents' records chosen for their splits (renumbered where a paragraph before them
        repeated), and counted in the summary."""
        batch, summary = b.batch, self.summary
        chosen = np.repeat(whole, batch.records)  # each candidate: kept
        for i, unique in partial.items():
            if unique:
                chosen[b.record_ends[i] - batch.records[i] + np.array(unique, dtype=np.int64)] = True
        rows = np.flatnonzero(chosen)
        if not len(rows):
            return
        kept = whole.copy()
        kept[[i for i, unique in partial.items() if unique]] = True
        docs = np.flatnonzero(kept)
        doc_of_row = np.searchsorted(b.record_ends, rows, side="right")  # each kept record's document
        per_doc = np.bincount(np.searchsorted(docs, doc_of_row), minlength=len(docs))
        split = np.minimum(np.searchsorted(self._totals, batch.split_points[docs].astype(np.float64) / 2.0**64,
                                           side="right"), len(self._totals) - 1)
        names = [name for name, _ in self.config.output.splits]
        row_split = np.repeat(split, per_doc)
        distinct, firsts = np.unique(split, return_index=True)
        for s in distinct[np.argsort(firsts)].tolist():  # the splits in the order their documents come
            stats = summary.splits[names[s]]
            stats.documents += int((split == s).sum())
            stats.paragraphs += int((row_split == s).sum())
            placement.records[names[s]] = rows[row_split == s]
        summary.documents_kept += len(docs)
        summary.lines_kept += len(rows)
        codes = batch.source_of[docs]
        row_codes = np.repeat(codes, per_doc)
        chars = np.zeros(len(batch.sources), dtype=np.int64)
        np.add.at(chars, row_codes, batch.chars[rows])
        for code in np.unique(codes).tolist():
            source = summary.source(batch.groups[code])
            source.kept += int((codes == code).sum())
            source.paragraphs += int((row_codes == code).sum())
            source.chars += int(chars[code])
        for i, unique in partial.items():
            start = int(b.record_ends[i] - batch.records[i])
            doc_id = batch.doc_ids[i]
            assert doc_id is not None
            for index, j in enumerate(unique):
                if index != j:  # a paragraph before it was a duplicate: its record id and index follow the kept ones
                    placement.renumbered[start + j] = (published_record_id(doc_id, batch.published[i], index), index)
        for row, counts in batch.record_pii.items():
            if chosen[row]:
                summary.pii.update(counts)
        lengths = batch.chars[rows]
        languages: list[str] = _values(batch.languages.take(rows))
        summary.languages.update(Counter(languages))
        each = np.array(languages)
        for language in dict.fromkeys(languages):
            summary.language_chars[language] += int(lengths[each == language].sum())
        summary.lengths.update(Counter(np.searchsorted(LENGTH_BINS[1:], lengths, side="right").tolist()))

    def _count_rejects(self, b: _Batch, placement: Placement, rows: Any) -> None:
        """The batch's rejects counted in the summary, and put in release order with those made here."""
        order, docs = b.ordered()
        if not len(order):
            return
        made = b.made_table()
        table = pa.concat_tables([b.batch.rejects, made.select(b.batch.rejects.column_names)]).take(order)
        batch = b.batch
        placement.order, placement.made = order, made
        placement.groups = pa.array(batch.groups, pa.string()).take(np.asarray(batch.source_of[docs], dtype=np.int64))
        if self.config.run.strict and (documents := np.flatnonzero(
                pc.equal(table.column("kind"), pa.scalar("document")).to_numpy(zero_copy_only=False))).size:
            position = int(documents[0])  # the first document reject: the rows are read here, this once
            rejects = reject_table(self.release.fetch(rows), placement)[0]
            raise StrictModeError(_reject(rejects.slice(position, 1).to_pylist()[0],
                                          Location(batch.paths[batch.path_of[docs[position]]], b.line(docs[position]))))
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
    """One batch being placed: its reject rows in release order (each a document's and a place in it),
    and the rows the decisions made (MADE columns)."""

    def __init__(self, batch: Outline) -> None:
        self.batch = batch
        self.sent = batch.rejects.num_rows  # rows past these in `order` are made here
        self.record_ends = np.cumsum(batch.records)
        self.own_ends = np.cumsum(batch.own)
        self._rows: list[np.ndarray] = []  # reject rows, each with its document and its place among its rows
        self._docs: list[np.ndarray] = []
        self._places: list[np.ndarray] = []
        self._made: dict[str, list[Any]] = {name: [] for name in MADE.names}
        self._made_many: list[pa.Table] = []
        self._made_count = 0
        self._starts: np.ndarray | None = None

    def line(self, i: int) -> int | None:
        line = int(self.batch.doc_lines[i])
        return None if line < 0 else line

    def own(self, i: int) -> list[int]:
        """The rows the work sent for document `i`."""
        return list(range(int(self.own_ends[i] - self.batch.own[i]), int(self.own_ends[i])))

    def reject_starts(self) -> np.ndarray:
        if self._starts is None:
            self._starts = _numbers(self.batch.rejects.column("char_start"))
        return self._starts

    def emit_own(self, documents: np.ndarray) -> None:
        """The rows the work sent of these documents, first in each, in their order."""
        own = self.batch.own
        docs = np.repeat(np.arange(len(own)), own)
        rows = np.arange(len(docs))
        places = rows - np.repeat(self.own_ends - own, own)
        mask = documents[docs]
        self._add(rows[mask], docs[mask], places[mask])

    def made(self, i: int, kind: str, reason: str, message: str, line: int | None = None,
             char_start: int | None = None, char_end: int | None = None, duplicate_of: str | None = None,
             record: int = -1, place: bool = True) -> int:
        """A reject the decisions made of document `i` (after its own rows, if `place`); its row."""
        values = (kind, reason, message, line, char_start, char_end, duplicate_of, i, record, self.batch.published[i])
        for name, value in zip(MADE.names, values, strict=True):
            self._made[name].append(value)
        row = self.sent + self._made_count
        self._made_count += 1
        if place:
            self._add(np.array([row]), np.array([i]), np.array([int(self.batch.own[i])]))
        return row

    def made_many(self, docs: np.ndarray, kind: str, reason: str, message: str, duplicate_of: pa.Array[Any]) -> None:
        """A document reject of each of `docs`, after its own rows."""
        n = len(docs)
        lines = self.batch.doc_lines[docs]
        self._flush_made()
        self._made_many.append(pa.table([pa.array([kind] * n, pa.string()), pa.array([reason] * n, pa.string()),
                                         pa.array([message] * n, pa.string()), pa.array(lines, mask=lines < 0),
                                         pa.nulls(n, pa.int64()), pa.nulls(n, pa.int64()), duplicate_of,
                                         pa.array(docs, pa.int64()), pa.array(np.full(n, -1), pa.int64()),
                                         pa.array([self.batch.published[i] for i in docs.tolist()], pa.string())],
                                        schema=MADE))
        rows = self.sent + self._made_count + np.arange(n)
        self._made_count += n
        self._add(rows, docs, self.batch.own[docs])

    def place(self, i: int, rows: list[int]) -> None:
        """Document `i`'s rows, all of them, in this order."""
        self._add(np.array(rows, dtype=np.int64), np.full(len(rows), i), np.arange(len(rows)))

    def _add(self, rows: np.ndarray, docs: np.ndarray, places: np.ndarray) -> None:
        self._rows.append(rows.astype(np.int64))
        self._docs.append(docs.astype(np.int64))
        self._places.append(places.astype(np.int64))

    def _flush_made(self) -> None:
        if self._made["kind"]:
            self._made_many.append(pa.table(self._made, schema=MADE))
            self._made = {name: [] for name in MADE.names}

    def made_table(self) -> pa.Table:
        self._flush_made()
        return pa.concat_tables(self._made_many) if self._made_many else MADE.empty_table()

    def ordered(self) -> tuple[np.ndarray, np.ndarray]:
        """The reject rows in release order, and each one's document."""
        if not self._rows:
            return np.zeros(0, np.int64), np.zeros(0, np.int64)
        rows, docs, places = (np.concatenate(parts) for parts in (self._rows, self._docs, self._places))
        by = np.lexsort((places, docs))
        return rows[by], docs[by]


def _segments(ends: np.ndarray, chosen: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The chosen segments of an array cut at `ends` (segment i is [ends[i - 1], ends[i])): their ends
    once put together, and where each of their items is in the array."""
    counts = np.diff(ends, prepend=0)[chosen]
    new_ends = np.cumsum(counts)
    at = np.arange(int(new_ends[-1]) if len(new_ends) else 0) + np.repeat((ends - np.diff(ends, prepend=0))[chosen]
                                                                         - (new_ends - counts), counts)
    return new_ends, at


def _reject(row: dict[str, Any], where: Location) -> Reject:
    return Reject(row["kind"], row["reason"], row["message"], where, row["source"], row["doc_id"], row["char_start"],
                  row["char_end"], row["text"], row["duplicate_of"], row["language"], row["language_score"])


def _values(column: Any) -> list[Any]:
    return list(column.to_pylist())


def _numbers(column: Any) -> np.ndarray:
    """The column as integers, 0 for a null."""
    return np.asarray(pc.fill_null(column, 0).to_numpy())
