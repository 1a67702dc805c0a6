"""A batch's rows in two parts: the `Outline` the driver decides from (a few numbers and short columns
per row) and the `Tables` only the writer reads (the release's rows), so that a Ray build's rows go from
the task that made them to the process that writes them without passing through the driver
(builder.run.executors.Ray keeps a task's `held` part in the object store and sends a reference).

The driver's decisions come back as a `Placement` (which rows go to which split, in which order, the
rows the decisions make), which `record_tables` and `reject_table` turn into the tables written: one
place for the choosing, whichever process writes.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from builder.outcomes import SNIPPET
from builder.read.validate import id_key
from builder.release.records import REJECT_SCHEMA, encodable_array
from builder.run.rows import BatchRows
from builder.text.sanitise import identifiers, path

FACTS = ("kind", "reason", "char_start")  # the rejects' columns the driver counts and orders by


@dataclass(frozen=True)
class Parted:
    """A task's result in two parts: `seen`, what the driver reads, and `held`, what it only passes on
    (builder.run.tasks.Done)."""

    seen: Any
    held: Any


@dataclass(frozen=True)
class PlacedLater:
    """A file's part of a joined batch (builder.run.tasks.joined_parts) whose rows are placed with the batch's
    last part, all together: what it carries is its own cache entry, so each file is still cached on its own.
    Placing each small file's rows by themselves paid the driver's per-batch work (a few dozen Arrow calls)
    once per file: two thirds of a build of 10,000 files of 100 bytes."""

    cache_entry: bytes | None


PROCESSED, INVALID, EXCLUDED = 0, 1, 2  # Outline.kinds: rows.Entry.kind "p", "i", "x"
_KINDS = {"p": PROCESSED, "i": INVALID, "x": EXCLUDED}


@dataclass
class Outline:
    """What placing a batch reads, as columns (no object per document: unpickling one cost the driver more
    than deciding it): per document, per candidate record, the rejects' facts. The documents' texts, the
    ids and paths as published are in the Tables, where the rows the decisions make are completed."""

    # per document
    kinds: np.ndarray  # uint8: PROCESSED, INVALID, EXCLUDED
    doc_ids: list[str | None]  # as read: the kept ones are named again by their duplicates
    # as its records publish it (their doc_id: sanitise.identifier, worked out where the rows were made), None for
    # a document without candidate records: what a reject the driver makes of it, or names it by, shows
    published: list[str | None]
    paths: list[str]  # the batch's files, and each document's among them
    path_of: np.ndarray
    doc_lines: np.ndarray  # each document's line in its file, -1 for none
    sources: list[str]  # the batch's sources, their groups (report.source_group), each document's
    groups: list[str]
    source_of: np.ndarray
    own: np.ndarray  # its rows in Tables.rejects (dropped lines, then its document's reject if `rejected`)
    rejected: np.ndarray  # the last of them rejects the document (invalid, excluded, filtered, empty)
    records: np.ndarray  # its candidate records: kept paragraphs before dedup
    band_ends: np.ndarray  # its MinHash LSH keys are bands[band_ends[i - 1]:band_ends[i]]
    bands: np.ndarray
    split_points: np.ndarray  # a processed document's place in [0, 2**64) that assigns its split (split_point)
    # the documents whose ids the build's duplicate-id check takes (builder.run.place), and each one's id_key
    checked: np.ndarray
    id_keys: np.ndarray
    takedown: dict[int, tuple[str, ...]]  # an excluded document's takedown keys, by document
    # what sanitising replaced, by document (the few with addresses): in its text's snippet, in its rejects
    snippet_pii: dict[int, dict[str, int]]
    doc_pii: dict[int, dict[str, int]]
    record_pii: dict[int, dict[str, int]]  # and in a candidate's free text, by candidate
    pii: Counter[str]
    # per candidate record
    keys: np.ndarray  # its paragraph key (key64), 0: too short to dedup
    lines: np.ndarray  # its line in the input (a repeated paragraph's reject gives it)
    chars: np.ndarray  # its characters
    starts: np.ndarray  # its char_start and char_end (0 for a null)
    ends: np.ndarray
    languages: pa.Array[Any]  # its language
    rejects: pa.Table  # the rejects the work made: their FACTS columns only
    cache_entry: bytes | None = None  # the whole batch as the build cache stores it (builder.run.cache_format)

    def __len__(self) -> int:
        return len(self.kinds)


@dataclass
class Tables:
    """The batch's rows: what the writer takes rows from."""

    records: pa.Table
    rejects: pa.Table
    reject_hashes: np.ndarray
    line_keys: np.ndarray
    documents: pa.Table  # per document (DOCUMENT_FACTS): what a reject the driver makes of it shows
    # and its id as read, pseudonymised (sanitise.identifiers) only for a reject made of it whose doc_id the driver
    # did not know (made_rows: a document without records): a rebuild outlines every cached document, and
    # pseudonymising every id there was half of its outline's CPU
    doc_ids: list[str]
    # each document's snippet, where `documents` has no text column (parted's `snippets_later`): made Arrow only for
    # the documents the driver rejects (made_rows)
    snippets: list[str | None] | None = None


DOCUMENT_FACTS = pa.schema([("text", pa.string()), ("source", pa.string())])
_SOURCES = pa.schema([("source", pa.string())])


def split_point(doc_id: str) -> int:
    """Where a document falls in [0, 2**64): its split is the one whose share covers it (place.split_for)."""
    return int.from_bytes(hashlib.sha256(doc_id.encode("utf-8", "surrogatepass")).digest()[:8], "big")


def parted(rows: BatchRows, snippets_later: bool = False) -> Parted:
    """`rows` as an Outline (seen by the driver) and its Tables (held). `snippets_later`: the documents' snippets
    kept as they are, made Arrow strings only for those the driver rejects (made_rows), where parted runs in the
    driver (a rebuild's cached rows): made Arrow strings, all of them were a third of a 50 MB rebuild's parted
    (0.26 -> 0.17 thread CPU-s), whose driver rejects 4% of its documents. A worker makes them Arrow (sent to
    the driver as buffers, not strings)."""
    records, entries = rows.records, rows.entries
    # a valid document's id, even one the takedown list removes, is taken
    checked = np.array([e.kind == "p" or (e.kind == "x" and e.valid and e.doc_id is not None) for e in entries],
                       dtype=bool)
    id_keys = np.array([id_key(e.doc_id or "") if taken else 0
                        for e, taken in zip(entries, checked.tolist(), strict=True)], dtype=np.uint64)
    paths, path_of = _coded([e.path for e in entries])
    sources, source_of = _coded([e.source for e in entries])
    group = {e.source: e.group for e in entries}
    bands = [band for e in entries for band in e.bands]
    keys = np.array([key for e in entries for key in e.keys], dtype=np.uint64)
    assert len(keys) == records.num_rows, "a candidate record without its paragraph key"
    starts = np.cumsum([e.records for e in entries], dtype=np.int64) - np.array([e.records for e in entries], np.int64)
    outline = Outline(
        np.array([_KINDS[e.kind] for e in entries], dtype=np.uint8), [e.doc_id for e in entries],
        _published(records, entries, starts), paths, path_of,
        np.array([-1 if e.line is None else e.line for e in entries], dtype=np.int64), sources,
        [group[source] for source in sources], source_of, np.array([e.rejects for e in entries], dtype=np.int64),
        np.array([e.rejected for e in entries], dtype=bool), np.array([e.records for e in entries], dtype=np.int64),
        np.cumsum([len(e.bands) for e in entries], dtype=np.int64), np.array(bands, dtype=np.uint64),
        np.array([split_point(e.doc_id) if e.kind == "p" and e.doc_id is not None else 0 for e in entries],
                 dtype=np.uint64),
        checked, id_keys, {i: e.takedown for i, e in enumerate(entries) if e.kind == "x"},
        {i: e.snippet_pii for i, e in enumerate(entries) if e.snippet_pii},
        {i: e.pii for i, e in enumerate(entries) if e.pii},
        {int(start) + j: counts for start, e in zip(starts.tolist(), entries, strict=True)
         for j, counts in e.record_pii.items()},
        rows.pii, keys, rows.lines, rows.chars, _numbers(records.column("char_start")),
        _numbers(records.column("char_end")), records.column("language").combine_chunks(),
        rows.rejects.select(list(FACTS)), rows.cache_entry)
    # a batch's documents come from a few sources: each source's path is made once
    snippets = [None if e.snippet is None else e.snippet[:SNIPPET] for e in entries]
    source_column = encodable_array([path(source) for source in sources]).take(source_of)
    documents = (pa.table([source_column], schema=_SOURCES) if snippets_later
                 else pa.table([encodable_array(snippets), source_column], schema=DOCUMENT_FACTS))
    return Parted(outline, Tables(records, rows.rejects, rows.reject_hashes, rows.line_keys, documents,
                                  [e.doc_id or "" for e in entries], snippets if snippets_later else None))


def _published(records: pa.Table, entries: list[Any], starts: np.ndarray) -> list[str | None]:
    """Each document's id as its first candidate record's doc_id column has it (None without records): the driver
    names a kept document and writes the rejects it makes of one with it, instead of pseudonymising its id again
    (about 28 us an id that looks like it may hold an address, as most of the corpus's dated ids do)."""
    published: list[str | None] = [None] * len(entries)
    with_records = [i for i, e in enumerate(entries) if e.records]
    if with_records:
        firsts = records.column("doc_id").take(pa.array(starts[with_records])).to_pylist()
        for i, value in zip(with_records, firsts, strict=True):
            published[i] = value
    return published


def _coded(values: list[str]) -> tuple[list[str], np.ndarray]:
    """The distinct values, in order, and each value's place among them."""
    codes: dict[str, int] = {}
    each = np.array([codes.setdefault(value, len(codes)) for value in values], dtype=np.int32)
    return list(codes), each


# a reject the driver made, as it sends it (made_rows completes it); its doc_id is its document's Outline.published
MADE = pa.schema([pa.field(name, pa.string() if name in ("kind", "reason", "message", "duplicate_of", "doc_id")
                           else pa.int64(), nullable=name not in ("kind", "reason"))
                  for name in ("kind", "reason", "message", "line", "char_start", "char_end", "duplicate_of",
                               "document", "record", "doc_id")])


@dataclass
class Placement:
    """What the driver decided of a batch's rows, for the writer."""

    records: dict[str, np.ndarray] = field(default_factory=dict)  # split -> its candidate records, in order
    renumbered: dict[int, tuple[str, int]] = field(default_factory=dict)  # candidate -> record id, paragraph index
    order: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))  # reject rows in release order
    # the rejects the decisions made (rows past the work's in `order`), in MADE: their source, doc_id and
    # text are those of their `document` in Tables.documents, the text that of their `record` (a repeated
    # paragraph's) where that is not -1
    made: pa.Table | None = None
    groups: pa.Array[Any] | None = None  # each reject row's source group, in release order


def record_tables(tables: Tables, placement: Placement) -> Iterator[tuple[str, pa.Table]]:
    """Each split's records of the batch, renumbered where a paragraph before them was a duplicate."""
    for split, rows in placement.records.items():
        table = tables.records.take(pa.array(rows))
        if placement.renumbered.keys() & set(rows.tolist()):
            ids, indexes = table.column("id").to_pylist(), table.column("paragraph_index").to_pylist()
            for position, row in enumerate(rows.tolist()):
                if row in placement.renumbered:
                    ids[position], indexes[position] = placement.renumbered[row]
            for name, values in (("id", ids), ("paragraph_index", indexes)):
                column = table.schema.field(name)
                table = table.set_column(table.schema.get_field_index(name), column, pa.array(values, column.type))
        yield split, table


def reject_table(tables: Tables, placement: Placement) -> tuple[pa.Table, np.ndarray, np.ndarray, np.ndarray]:
    """The batch's rejects in release order, with their row hashes (those of the made rows unknown: the
    mask) and report.line_key (0 for a made one)."""
    assert placement.made is not None
    made = made_rows(tables, placement.made)
    order, sent = placement.order, tables.rejects.num_rows
    table = pa.concat_tables([tables.rejects, made]).take(order)
    unknown = order >= sent
    hashes = np.concatenate([tables.reject_hashes, np.zeros(made.num_rows, np.uint32)])[order]
    keys = np.concatenate([tables.line_keys, np.zeros(made.num_rows, np.uint64)])[order]
    return table, hashes, unknown, keys


def made_rows(tables: Tables, made: pa.Table) -> pa.Table:
    """The rejects the driver made (MADE) as rows of REJECT_SCHEMA, completed from the batch's tables."""
    documents = tables.documents.take(made.column("document"))
    doc_ids = made.column("doc_id").to_pylist()  # as the document's records publish it; None: not known there
    unknown = [at for at, value in enumerate(doc_ids) if value is None]
    if unknown:
        each = _numbers(made.column("document"))
        for at, value in zip(unknown, identifiers([tables.doc_ids[each[at]] for at in unknown]), strict=True):
            doc_ids[at] = value
    record = _numbers(made.column("record"))
    text: pa.Array[Any] | pa.ChunkedArray[Any]
    if tables.snippets is None:
        text = documents.column("text")
    else:  # a made row always names its document (place._Batch.made)
        text = encodable_array([tables.snippets[i] for i in _numbers(made.column("document")).tolist()])
    if (texts := record >= 0).any():  # a repeated paragraph's reject: its record's text
        text = pc.if_else(pa.array(texts), tables.records.column("text").take(np.where(texts, record, 0)), text)
    columns = {"source": documents.column("source"), "doc_id": encodable_array(doc_ids), "text": text}
    return pa.table([columns[name] if name in columns else made.column(name) if name in MADE.names
                     else pa.nulls(made.num_rows, REJECT_SCHEMA.field(name).type) for name in REJECT_SCHEMA.names],
                    schema=REJECT_SCHEMA)


def _numbers(column: Any) -> np.ndarray:
    """The column as integers, 0 for a null."""
    return np.asarray(pc.fill_null(column, 0).to_numpy())
