"""A batch's rows in two parts: the `Outline` the driver decides from (a few numbers and short columns
per row) and the `Tables` only the writer reads (the release's rows), so that a Ray build's rows go from
the task that made them to the process that writes them without passing through the driver
(builder.run.executors.Ray keeps a task's `held` part in the object store and sends a reference).

The driver's decisions come back as a `Placement` (which rows go to which split, in which order, the
rows the decisions make), which `apply` turns into the tables written: one place for the choosing,
whichever process writes.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from builder.read.validate import id_key
from builder.run.rows import BatchRows, Entry
from builder.text.sanitise import identifier

FACTS = ("kind", "reason", "char_start")  # the rejects' columns the driver counts and orders by


@dataclass(frozen=True)
class Parted:
    """A task's result in two parts: `seen`, what the driver reads, and `held`, what it only passes on
    (builder.run.tasks.Done)."""

    seen: Any
    held: Any


@dataclass
class Outline:
    """What placing a batch reads: its documents' entries and, per row, what the summary counts."""

    entries: list[Entry]
    pii: Counter[str]
    lines: np.ndarray  # each candidate record's line in the input (a repeated paragraph's reject gives it)
    chars: np.ndarray  # each candidate's characters
    starts: np.ndarray  # each candidate's char_start and char_end (0 for a null)
    ends: np.ndarray
    languages: pa.Array[Any]  # each candidate's language
    rejects: pa.Table  # the rejects the work made: their FACTS columns only
    # the documents whose ids the build's duplicate-id check takes (builder.run.place), and each one's id_key
    checked: np.ndarray
    id_keys: np.ndarray
    published: list[str | None]  # each document's id as the release shows it (sanitise.identifier)
    cache_entry: bytes | None = None  # the whole batch as the build cache stores it (builder.run.cache_format)


@dataclass
class Tables:
    """The batch's rows: what the writer takes rows from."""

    records: pa.Table
    rejects: pa.Table
    reject_hashes: np.ndarray
    line_keys: np.ndarray


def parted(rows: BatchRows) -> Parted:
    """`rows` as an Outline (seen by the driver) and its Tables (held)."""
    records, entries = rows.records, rows.entries
    # a valid document's id, even one the takedown list removes, is taken
    checked = np.array([e.kind == "p" or (e.kind == "x" and e.valid and e.doc_id is not None) for e in entries],
                       dtype=bool)
    id_keys = np.array([id_key(e.doc_id or "") if taken else 0
                        for e, taken in zip(entries, checked.tolist(), strict=True)], dtype=np.uint64)
    outline = Outline(entries, rows.pii, rows.lines, rows.chars, _numbers(records.column("char_start")),
                      _numbers(records.column("char_end")), records.column("language").combine_chunks(),
                      rows.rejects.select(list(FACTS)), checked, id_keys, [identifier(e.doc_id or "") for e in entries],
                      rows.cache_entry)
    return Parted(outline, Tables(records, rows.rejects, rows.reject_hashes, rows.line_keys))


@dataclass
class Placement:
    """What the driver decided of a batch's rows, for the writer."""

    records: dict[str, np.ndarray] = field(default_factory=dict)  # split -> its candidate records, in order
    renumbered: dict[int, tuple[str, int]] = field(default_factory=dict)  # candidate -> record id, paragraph index
    order: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))  # reject rows in release order
    made: pa.Table | None = None  # the rejects the decisions made (rows past the work's in `order`)
    text_of: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))  # a made row's text: this record's
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
    made = placement.made
    if (texts := placement.text_of >= 0).any():  # a repeated paragraph's reject: its record's text
        text = tables.records.column("text").take(np.where(texts, placement.text_of, 0))
        made = made.set_column(made.schema.get_field_index("text"), made.schema.field("text"),
                               pc.if_else(pa.array(texts), text, made.column("text")))
    order, sent = placement.order, tables.rejects.num_rows
    table = pa.concat_tables([tables.rejects, made]).take(order)
    unknown = order >= sent
    hashes = np.concatenate([tables.reject_hashes, np.zeros(made.num_rows, np.uint32)])[order]
    keys = np.concatenate([tables.line_keys, np.zeros(made.num_rows, np.uint64)])[order]
    return table, hashes, unknown, keys


def _numbers(column: Any) -> np.ndarray:
    """The column as integers, 0 for a null."""
    return np.asarray(pc.fill_null(column, 0).to_numpy())
