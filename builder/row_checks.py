"""Every data and reject row of a release, against its schema and the invariants a build guarantees.

The schemas (schema/record.schema.json, schema/reject.schema.json) give the types and ranges; the
rest is here: a span is `0 <= char_start <= char_end <= max_offset` (a document is never longer than
max_document_bytes, and characters are never more than bytes), a record id is the one derived from
its document id and paragraph index and appears once in the release, floats are finite, num_chars is
the text's length, and a reject's reason is a known code.

Record ids are remembered as 64-bit hashes (compact.HashIndex), so checking a release of millions of
rows does not hold millions of strings.
"""

from __future__ import annotations

import hashlib
import math
from typing import Any

from builder.compact import HashIndex, key64
from builder.ids import record_id
from builder.reasons import DOCUMENT_REASONS, LINE_REASONS
from builder.validate import is_valid, validator

Problem = tuple[str, str]  # (JSON path in the row, message)
_KNOWN_REASONS = {**DOCUMENT_REASONS, **LINE_REASONS}
_FLOATS = ("language_score", "alpha_ratio", "digit_ratio", "punct_ratio", "script_ratio")
_ROW_BITS = 40


def _schema_problems(row: dict[str, Any], schema: str) -> list[Problem]:
    if is_valid(row, schema):
        return []
    errors = sorted(validator(schema).iter_errors(row), key=lambda e: (e.json_path, e.message))
    return [(e.json_path, e.message if len(e.message) <= 240 else e.message[:239] + "…") for e in errors]


def _span(row: dict[str, Any], max_offset: int) -> list[Problem]:
    start, end = row["char_start"], row["char_end"]
    if start is None and end is None:
        return []
    if start is None or end is None:
        return [("$.char_start", f"char_start {start} and char_end {end}: a span has both or neither")]
    if end < start:
        return [("$.char_end", f"char_end {end} is before char_start {start}")]
    if end > max_offset:
        return [("$.char_end", f"char_end {end} is past the longest document a build reads "
                               f"({max_offset} characters, max_document_bytes)")]
    return []


class RowChecks:
    """Checks rows shard after shard; remembers record ids across the whole release."""

    def __init__(self, max_offset: int) -> None:
        self.max_offset = max_offset
        self.ids = HashIndex()
        self.shards: list[str] = []

    def start_shard(self, path: str) -> None:
        self.shards.append(path)

    def record(self, row: dict[str, Any], number: int) -> list[Problem]:
        """Problems of data row `number` (1-based) of the current shard."""
        problems = _schema_problems(row, "record")
        if problems:
            return problems
        problems = _span(row, self.max_offset)
        problems += [(f"$.{name}", f"{name} is {row[name]}, not a finite number") for name in _FLOATS
                     if not math.isfinite(row[name])]
        if row["num_chars"] != len(row["text"]):
            problems.append(("$.num_chars", f"num_chars is {row['num_chars']}, the text has {len(row['text'])}"))
        if row["id"] != record_id(row["doc_id"], row["paragraph_index"]):
            problems.append(("$.id", f"{row['id']} is not the record id of document {row['doc_id']!r}, paragraph "
                                     f"{row['paragraph_index']} (ids are derived from both)"))
        key = key64(hashlib.blake2b(row["id"].encode("utf-8"), digest_size=8).digest())
        here = ((len(self.shards) - 1) << _ROW_BITS) | number
        first = self.ids.setdefault(key, here)
        if first is not None:
            problems.append(("$.id", f"duplicate record id {row['id']}, first in {self.shards[first >> _ROW_BITS]} "
                                     f"row {first & ((1 << _ROW_BITS) - 1)}"))
        return problems

    def reject(self, row: dict[str, Any]) -> list[Problem]:
        problems = _schema_problems(row, "reject")
        if problems:
            return problems
        problems = _span(row, self.max_offset)
        if row["reason"] not in _KNOWN_REASONS:
            problems.append(("$.reason", f"{row['reason']!r} is not a reason code of this tool "
                                         "(builder/reasons.py)"))
        return problems
