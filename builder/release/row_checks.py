"""Every data and reject row of a release, against its schema and the invariants a build guarantees.

The schemas (schema/record.schema.json, schema/reject.schema.json) give the types and ranges; the
rest is here: a span is `0 <= char_start <= char_end <= max_offset` (a document is never longer than
max_document_bytes, and characters are never more than bytes), a record id is the one derived from
its document id and paragraph index and appears once in the release, floats are finite, num_chars is
the text's length, and a reject's reason is a known code.

Beyond the schemas, a row must be what a build writes: no raw e-mail or IP address in free text or
identifiers (the sanitiser leaves each unchanged), a language code the detector gives, no invisible or
bidi control the cleaner strips (nor, in an id or URL, one validation refuses; a title and an author on
one line), signals that are the text's own (recomputed with builder.text.quality), a `source` that is a
relative path inside the source folder. The signals are computed for a batch of rows at once (`records`), with
the build's own batch function (builder.text.quality.signal_columns): one row at a time they were half of
validate's time. The PII re-check is done a batch at a time too, with the build's own batch prefilter.
A document's rows are contiguous (a build writes them together),
share one doc_sha256, number their paragraphs 0..n-1 and have spans in order that do not overlap; a
reject's duplicate_of names a record or document of the release.

Ids are remembered as 64-bit hashes (compact.HashIndex), and a document's state only while its rows
go by, so checking a release of millions of rows does not hold millions of strings.
"""

from __future__ import annotations

import hashlib
import math
import posixpath
from array import array
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import pyarrow as pa

from builder.columns import RECORD_COLUMNS, REJECT_COLUMNS, SIGNALS, Column
from builder.read.validate import HEADER_FIELDS, header_text
from builder.run.compact import HashIndex, key64
from builder.run.plan import built_in_reasons
from builder.schemas import is_valid, validator
from builder.text import language
from builder.text.clean import remove_invisible
from builder.text.ids import record_id
from builder.text.quality import signal_columns, signals
from builder.text.sanitise import RAW_ADDRESS, Sanitiser, identifiers
from builder.text.visible import first_unsafe, visible

Problem = tuple[str, str]  # (JSON path in the row, message)
_KNOWN_REASONS = built_in_reasons().codes()
_FLOATS = tuple(c.name for c in RECORD_COLUMNS if pa.types.is_floating(c.type))
_ROW_BITS = 40
_NAMED_REFERENCES = 1000  # duplicate_of values kept as text to be named, of those unknown when their row is read
_SIGNALS = tuple(c.name for c in SIGNALS)
_BUILT_IN = tuple(c.name for c in RECORD_COLUMNS)  # a release's extra columns are checked by their Arrow type


def _sanitised(columns: list[Column], how: str) -> tuple[str, ...]:
    return tuple(c.name for c in columns if c.sanitised == how)


_RECORD_PII = (_sanitised(RECORD_COLUMNS, "text"), _sanitised(RECORD_COLUMNS, "identifier"))
_REJECT_PII = (_sanitised(REJECT_COLUMNS, "text"), _sanitised(REJECT_COLUMNS, "identifier"))


def _key(value: str) -> int:
    return key64(hashlib.blake2b(value.encode("utf-8", "surrogatepass"), digest_size=8).digest())


def _pii(rows: Sequence[dict[str, Any]], texts: tuple[str, ...], ids: tuple[str, ...]) -> list[list[Problem]]:
    """A build sanitises free text and identifiers (builder.text.sanitise): what it wrote is left unchanged.
    For each of a batch of rows, a column at a time as the build sanitises them (Sanitiser.changes,
    sanitise.identifiers): one RE2 pass picks the few values worth a look; row by row, the regexes of
    every value took a quarter of validate's time."""
    found: list[list[Problem]] = [[] for _ in rows]
    for name in (*texts, *ids):  # a row's problems in this order, as before
        values = [row[name] if isinstance(row[name], str) else "" for row in rows]  # "" is never changed
        changed = (Sanitiser().changes(values) if name in texts
                   else [out != value for out, value in zip(identifiers(values), values, strict=True)])
        hashed = " or <kind:HASH>" if name in ids else ""
        problem = (f"$.{name}", f"{name} {RAW_ADDRESS} (with <email>/<ip>/<secret>{hashed})")
        for problems, change in zip(found, changed, strict=True):
            if change:
                problems.append(problem)
    return found


def _shown_fields(row: dict[str, Any]) -> list[Problem]:
    """A document's id and URL without the characters a valid one cannot hold (a build refuses such documents),
    its title, author, date and license as a build keeps them (one line, without invisible characters)."""
    problems = [(f"$.{name}", f"{name} holds {unsafe}, which a build refuses in a document's {name}")
                for name in ("doc_id", "url") if isinstance(row.get(name), str) and (unsafe := first_unsafe(row[name]))]
    return problems + [(f"$.{name}", f"{name} holds line breaks, controls or invisible characters, which a build "
                                     "takes out of it") for name in HEADER_FIELDS
                       if isinstance(row.get(name), str) and header_text(row[name]) != row[name]]


def _source(row: dict[str, Any]) -> list[Problem]:
    """A build writes an input's path relative to its source folder: never absolute, never with `..`."""
    source = row["source"]
    if source is None or (posixpath.normpath(source) == source and not source.startswith(("/", "../"))
                          and source not in (".", "..")):
        return []
    return [("$.source", f"source {source!r} is not a normalised path relative to the source folder (no leading "
                         "/, no . or .. parts)")]


def _same(stored: Any, computed: Any) -> bool:
    if isinstance(computed, float):  # stored as float32
        return math.isclose(stored, computed, rel_tol=1e-6, abs_tol=1e-6)
    return bool(stored == computed)


@dataclass
class _Document:
    """The document whose rows are going by: a build writes a document's rows together."""

    key: int
    doc_id: str
    doc_sha256: str
    next_index: int = 0
    end: int = -1  # where the previous paragraph's span ended


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

    def __init__(self, max_offset: int, declared_reasons: Iterable[str] = ()) -> None:
        self.max_offset = max_offset
        # this tool's codes, and those of the user steps the release's manifest lists
        self.reasons = frozenset(_KNOWN_REASONS) | frozenset(declared_reasons)
        self.ids = HashIndex()
        self.shards: list[str] = []
        self.documents = HashIndex()  # doc ids in data/, -> where their rows start
        self.rejected = HashIndex()  # doc ids in rejects/
        self.document: _Document | None = None
        # duplicate_of of reject rows, checked at the end (its target may come later): 16 bytes a reference;
        # the value itself only for the first few not known when their row goes by, to name them in a message
        self.references, self.referenced_at = array("Q"), array("Q")
        self.unresolved: dict[int, str] = {}
        self.languages: set[str] = set()  # seen and known: the detector is asked once per code

    def start_shard(self, path: str) -> None:
        self.shards.append(path)

    def _where(self, number: int) -> int:
        return ((len(self.shards) - 1) << _ROW_BITS) | number

    def _at(self, where: int) -> tuple[str, int]:
        return self.shards[where >> _ROW_BITS], where & ((1 << _ROW_BITS) - 1)

    def records(self, rows: Sequence[dict[str, Any]], first: int) -> list[list[Problem]]:
        """Problems of each of a batch of data rows, the first being row `first` (1-based) of the current shard.
        The signals and the PII re-check of the whole batch are computed at once, as a build computes them."""
        texts = [row["text"] if isinstance(row.get("text"), str) else "" for row in rows]
        computed = signal_columns(texts)
        pii = _pii(rows, *_RECORD_PII)
        return [self.record(row, first + i, {name: computed[name][i] for name in _SIGNALS}, pii[i])
                for i, row in enumerate(rows)]

    def record(self, row: dict[str, Any], number: int, computed: dict[str, Any] | None = None,
               pii: list[Problem] | None = None) -> list[Problem]:
        """Problems of data row `number` (1-based) of the current shard; `computed` and `pii`, its text's signals
        and PII problems where `records` found them for its batch."""
        problems = _schema_problems({name: row[name] for name in _BUILT_IN}, "record")
        if problems:
            self._pass_over(row, number)
            return problems
        problems = _span(row, self.max_offset)
        problems += [(f"$.{name}", f"{name} is {row[name]}, not a finite number") for name in _FLOATS
                     if not math.isfinite(row[name])]
        if row["num_chars"] != len(row["text"]):
            problems.append(("$.num_chars", f"num_chars is {row['num_chars']}, the text has {len(row['text'])}"))
        if row["id"] != record_id(row["doc_id"], row["paragraph_index"]):
            problems.append(("$.id", f"{row['id']} is not the record id of document {row['doc_id']!r}, paragraph "
                                     f"{row['paragraph_index']} (ids are derived from both)"))
        first = self.ids.setdefault(_key(row["id"]), self._where(number))
        if first is not None:
            problems.append(("$.id", "duplicate record id {}, first in {} row {}".format(row["id"], *self._at(first))))
        problems += _pii([row], *_RECORD_PII)[0] if pii is None else pii
        problems += _source(row)
        problems += self._language(row["language"])
        if remove_invisible(row["text"]) != row["text"]:
            problems.append(("$.text", "text holds invisible or bidi control characters (zero-width, bidi marks "
                                       "or embeddings, controls), which a build removes"))
        problems += _shown_fields(row)
        if computed is None:
            computed = vars(signals(row["text"]))
        problems += [(f"$.{name}", f"{name} is {row[name]!r}, the text gives {computed[name]!r} (signals are "
                                   "computed from the text)") for name in _SIGNALS
                     if name != "num_chars" and not _same(row[name], computed[name])]
        return problems + self._in_document(row, number)

    def _language(self, code: str) -> list[Problem]:
        if code in self.languages:
            return []
        if code not in language.codes():
            return [("$.language", f"{code!r} is not a language code the detector gives (ISO 639 codes of "
                                   "fastText lid.176, or 'und')")]
        self.languages.add(code)
        return []

    def _pass_over(self, row: dict[str, Any], number: int) -> None:
        """A row that breaks its schema (one bad language_score) still takes its place in its document, when
        the fields that place it are sound: the next row is not reported for the gap it would leave."""
        if (isinstance(row["doc_id"], str) and isinstance(row["doc_sha256"], str)
                and all(isinstance(row[name], int) and row[name] >= 0
                        for name in ("paragraph_index", "char_start", "char_end"))):
            self._in_document(row, number)  # its problems are not this row's first: the schema's are reported

    def _in_document(self, row: dict[str, Any], number: int) -> list[Problem]:
        """The row against the rows of its document before it."""
        key, doc = _key(row["doc_id"]), self.document
        if doc is None or doc.key != key:
            earlier = self.documents.setdefault(key, self._where(number))
            self.document = doc = _Document(key, row["doc_id"], row["doc_sha256"])
            if earlier is not None:
                where, at = self._at(earlier)
                return [("$.doc_id", f"rows of document {row['doc_id']!r} are not contiguous (it has rows from {where} "
                                     f"row {at}); a build writes a document's rows together")]
        problems: list[Problem] = []
        if row["doc_sha256"] != doc.doc_sha256:
            problems.append(("$.doc_sha256", f"doc_sha256 differs from the one on the earlier rows of document "
                                             f"{doc.doc_id!r} ({doc.doc_sha256[:12]}…)"))
        if row["paragraph_index"] != doc.next_index:
            problems.append(("$.paragraph_index", f"paragraph_index {row['paragraph_index']}, expected "
                                                  f"{doc.next_index}: a document's paragraphs are numbered 0..n-1"))
        if row["char_start"] < doc.end or (row["char_start"] == row["char_end"] == doc.end):
            problems.append(("$.char_start", f"span {row['char_start']}..{row['char_end']} overlaps or repeats the "
                                             f"previous paragraph's (ending at {doc.end}); paragraphs are distinct "
                                             "spans in order"))
        doc.next_index = row["paragraph_index"] + 1
        doc.end = max(doc.end, row["char_end"])
        return problems

    def rejects(self, rows: Sequence[dict[str, Any]], first: int) -> list[list[Problem]]:
        """Problems of each of a batch of reject rows, the first being row `first` (1-based) of the current shard;
        the PII re-check of the batch at once."""
        pii = _pii(rows, *_REJECT_PII)
        return [self.reject(row, first + i, pii[i]) for i, row in enumerate(rows)]

    def reject(self, row: dict[str, Any], number: int, pii: list[Problem] | None = None) -> list[Problem]:
        """Problems of reject row `number` (1-based) of the current shard; `pii` where `rejects` found them."""
        problems = _schema_problems(row, "reject")
        if problems:
            return problems
        problems = _span(row, self.max_offset)
        if row["reason"] not in self.reasons:
            problems.append(("$.reason", f"{row['reason']!r} is not a reason code of this tool "
                                         "(builder/reasons.py) or of a step manifest.json lists"))
        problems += _pii([row], *_REJECT_PII)[0] if pii is None else pii
        problems += _source(row)
        if row["doc_id"] is not None:
            if unsafe := first_unsafe(row["doc_id"]):  # records.reject_row writes these as escapes
                problems.append(("$.doc_id", f"doc_id holds {unsafe}, which a build writes as its escape in a "
                                             "reject row"))
            self.rejected.setdefault(_key(row["doc_id"]), 1)
        if row["duplicate_of"] is not None:
            key, where = _key(row["duplicate_of"]), self._where(number)
            self.references.append(key)
            self.referenced_at.append(where)
            if len(self.unresolved) < _NAMED_REFERENCES and not self._known(key):
                self.unresolved[where] = row["duplicate_of"]
        return problems

    def _known(self, key: int) -> bool:
        return self.ids.get(key) is not None or self.documents.get(key) is not None \
            or self.rejected.get(key) is not None

    def finish(self, limit: int) -> list[tuple[str, int, str, str]]:
        """(shard, row, JSON path, message) for what only the whole release can tell: duplicate_of values that
        name no record or document of it (the first `limit`, then their count). Call it only when every shard
        was read: a value is "unknown" only against the whole release."""
        dangling = [where for key, where in zip(self.references, self.referenced_at, strict=True)
                    if not self._known(key)]
        found = []
        for where in dangling[:limit]:
            named = f" {visible(self.unresolved[where])!r}" if where in self.unresolved else ""
            found.append((*self._at(where), "$.duplicate_of", f"duplicate_of{named} names no record or document of "
                          "the release: the copy kept instead of this one is gone (removed by hand?); rebuild the "
                          "release (a takedown is a rebuild with --exclude, which keeps the next copy instead)"))
        if len(dangling) > limit:
            shard, row = self._at(dangling[limit])
            found.append((shard, row, "$.duplicate_of", f"and {len(dangling) - limit:,} more reject rows from here "
                          "on whose duplicate_of names no record or document of the release"))
        return found
