"""What the build cache stores, as plain data: per batch of the first pass, its line keys (one JSON
line); per batch of the second, what the workers send the driver (builder.run.rows: its record and
reject tables as Arrow IPC, a few arrays and the compact per-document entries as JSON), so a cached
file's rows are read back, not made again.

The cache lives in the release folder, which people download and share, so it is read as untrusted
input: nothing in it is ever run (no pickle; Arrow IPC and JSON are data), and a value of an
unexpected type, shape, schema or length makes the whole entry corrupt (CorruptEntry), so the build
recomputes it. Entries are lists of positional values: shorter than dicts, and their shape is checked
in one step (`_row`).

Entries are signed with a key of this user's (builder.run.cache), so a planted entry is never read. As
defence in depth, should that key leak: every row's free text is sanitised where it is made, before it
is cached, so a cached text that sanitising would change was not written by this tool, and the entry
is corrupt. (Sanitising is idempotent, so an honest entry always passes.) That check, and Arrow's full
validation of the tables, are skipped for an entry known to be sound (builder.run.cache_checked).
"""

from __future__ import annotations

import base64
import binascii
import gc
import itertools
import json
import struct
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import numpy as np
import pyarrow as pa

from builder.outcomes import LineCounts
from builder.release.records import REJECT_SCHEMA
from builder.run.rows import BatchRows, Entry
from builder.text.sanitise import Sanitiser


class CorruptEntry(ValueError):
    """Cache data that does not decode to what this version of the builder writes."""


S, I, B, N, L, D = str, int, bool, type(None), list, dict  # noqa: E741  (one letter each: the shape tables read as rows)
_OPTIONAL_STR, _OPTIONAL_INT = (S, N), (I, N)


def _shapes(*columns: type | tuple[type, ...]) -> frozenset[tuple[type, ...]]:
    """Every allowed sequence of value types of a row (a column can allow several)."""
    return frozenset(itertools.product(*(c if isinstance(c, tuple) else (c,) for c in columns)))


# kind, doc_id, path, line, source, group, rejects, rejected, records, bands, keys, snippet, snippet_pii,
# pii, record_pii [[candidate, counts]], takedown, valid: builder.run.rows.Entry's fields in order
_ENTRY = _shapes(S, _OPTIONAL_STR, S, _OPTIONAL_INT, S, S, I, B, I, L, L, _OPTIONAL_STR, D, D, L, L, B)
_KINDS = frozenset("pix")
_MAX_KEY = 1 << 64
_SIZE = struct.Struct("<Q")
# e-mail and IP addresses: what is always replaced (phone numbers only with --pii-phones)
_SANITISER = Sanitiser(phones=False)


def _row(value: Any, shapes: frozenset[tuple[type, ...]]) -> list[Any]:
    if type(value) is not list or tuple(map(type, value)) not in shapes:
        raise CorruptEntry(f"unexpected value {str(value)[:80]!r}")
    return value


@contextmanager
def _no_gc() -> Iterator[None]:
    """Encoding and decoding make many small lists that all stay alive, which is what sets off
    Python's cycle collector again and again for nothing (it doubled the time to read the cache)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _dumps(value: Any) -> bytes:
    # surrogatepass: lone surrogates (from invalid input, or file names that are not UTF-8) round-trip
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return text.encode("utf-8", "surrogatepass")


def _loads(data: bytes | memoryview) -> Any:
    try:
        return json.loads(bytes(data).decode("utf-8", "surrogatepass"))
    except (ValueError, RecursionError) as exc:  # not JSON, not UTF-8, nested too deep, huge numbers
        raise CorruptEntry(f"not JSON: {exc}") from None


# --- the first pass: line keys --------------------------------------------------------------------------

def _uint64(array: np.ndarray) -> str:
    return base64.b64encode(np.ascontiguousarray(array, dtype="<u8").tobytes()).decode("ascii")


def encode_lines(result: LineCounts) -> bytes:
    return _dumps([_uint64(result.lines), _uint64(result.identities)])


def _keys(text: Any) -> np.ndarray:
    if type(text) is not str:
        raise CorruptEntry("expected base64 text")
    try:
        data = base64.b64decode(text, validate=True)
    except binascii.Error as exc:
        raise CorruptEntry(f"bad base64: {exc}") from None
    if len(data) % 8:
        raise CorruptEntry("a key array whose size is not a multiple of 8 bytes")
    return np.frombuffer(data, dtype="<u8").astype(np.uint64)


def decode_lines(data: bytes, known: bool = False) -> LineCounts:
    value = _loads(data)
    if type(value) is not list or len(value) != 2:
        raise CorruptEntry("expected [line keys, identity keys]")
    return LineCounts(_keys(value[0]), _keys(value[1]))


# --- the second pass: the rows the workers send -------------------------------------------------------------

# the arrays of a BatchRows, each with its stored dtype and the table whose rows it has one value per
_ARRAYS = (("lines", "<i8", np.int64, "records"), ("chars", "<i8", np.int64, "records"),
           ("reject_hashes", "<u4", np.uint32, "rejects"), ("line_keys", "<u8", np.uint64, "rejects"))


def _entry(e: Entry) -> list[Any]:
    return [e.kind, e.doc_id, e.path, e.line, e.source, e.group, e.rejects, e.rejected, e.records, e.bands, e.keys,
            e.snippet, e.snippet_pii, e.pii, [[j, counts] for j, counts in e.record_pii.items()], list(e.takedown),
            e.valid]


def _ipc(table: pa.Table) -> bytes:
    sink = pa.BufferOutputStream()
    with pa.ipc.new_stream(sink, table.schema) as writer:
        writer.write_table(table)
    return sink.getvalue().to_pybytes()


def encode_rows(rows: BatchRows) -> bytes:
    """One batch's rows: its entries and PII counts (JSON), its two tables (Arrow IPC streams), its arrays
    (little-endian), each part preceded by its size."""
    with _no_gc():
        entries = _dumps([[_entry(e) for e in rows.entries], dict(rows.pii)])
    parts = [entries, _ipc(rows.records), _ipc(rows.rejects),
             *(np.ascontiguousarray(getattr(rows, name), dtype=stored).tobytes() for name, stored, _, _ in _ARRAYS)]
    return b"".join(_SIZE.pack(len(part)) + part for part in parts)


def _parts(data: bytes, n: int) -> list[memoryview]:
    view, parts, at = memoryview(data), [], 0
    for _ in range(n):
        if at + _SIZE.size > len(view):
            raise CorruptEntry("shorter than its parts")
        (size,) = _SIZE.unpack_from(view, at)
        at += _SIZE.size
        if size > len(view) - at:
            raise CorruptEntry("a part longer than what is left")
        parts.append(view[at : at + size])
        at += size
    if at != len(view):
        raise CorruptEntry("bytes after its last part")
    return parts


def _table(data: memoryview, schema: pa.Schema, known: bool) -> pa.Table:
    try:
        table = pa.ipc.open_stream(pa.py_buffer(data)).read_all()
        if not table.schema.equals(schema, check_metadata=True):
            raise CorruptEntry("a table of another schema")
        # offsets in bounds, valid UTF-8: before any value is read (the cheap check only for a known entry)
        table.validate(full=not known)
    except (pa.ArrowException, ValueError) as exc:
        if isinstance(exc, CorruptEntry):
            raise
        raise CorruptEntry(f"not an Arrow table: {exc}") from None
    return table


def _key_list(values: list[Any]) -> list[int]:
    # the types, then the range, each in one pass that runs in C: a document has a few dozen keys, and a
    # rebuild reads every cached document's (a Python test per key was a tenth of decoding an entry)
    if values and (not set(map(type, values)) <= {int} or min(values) < 0 or max(values) >= _MAX_KEY):
        raise CorruptEntry("a key that is not a 64-bit integer")
    return values


def _counts(value: dict[Any, Any]) -> dict[str, int]:
    if not all(type(v) is int for v in value.values()):
        raise CorruptEntry("a PII count that is not an integer")
    return value


def _decode_entry(value: Any) -> Entry:
    (kind, doc_id, path, line, source, group, rejects, rejected, records, bands, keys, snippet, snippet_pii, pii,
     record_pii, takedown, valid) = _row(value, _ENTRY)
    if kind not in _KINDS or rejects < 0 or records < 0:
        raise CorruptEntry("an entry of no known kind, or a negative count of rows")
    each: dict[int, dict[str, int]] = {}
    for item in record_pii:
        if type(item) is not list or len(item) != 2 or type(item[0]) is not int or type(item[1]) is not dict:
            raise CorruptEntry("a record's PII counts that are not [candidate, counts]")
        each[item[0]] = _counts(item[1])
    if not all(type(k) is str for k in takedown):
        raise CorruptEntry("a takedown key that is not text")
    return Entry(kind, doc_id, path, line, source, group, rejects, rejected, records, _key_list(bands),
                 _key_list(keys), snippet, _counts(snippet_pii), _counts(pii), each, tuple(takedown), valid)


def decode_rows(data: bytes, schema: pa.Schema, known: bool = False) -> BatchRows:
    """A batch's rows as the workers sent them, every part checked: the tables' schemas and contents,
    the arrays' lengths against the tables, the entries' shapes and row counts against the tables. `known`:
    an entry this user's builds wrote or checked before (builder.run.cache_checked), whose tables' contents
    and texts were checked then and are not again."""
    head, records, rejects, *arrays = _parts(data, 3 + len(_ARRAYS))
    value = _loads(head)
    if type(value) is not list or len(value) != 2 or type(value[0]) is not list or type(value[1]) is not dict:
        raise CorruptEntry("expected [entries, pii counts]")
    with _no_gc():
        entries = [_decode_entry(e) for e in value[0]]
    tables = {"records": _table(records, schema, known), "rejects": _table(rejects, REJECT_SCHEMA, known)}
    if (sum(e.records for e in entries) != tables["records"].num_rows
            or sum(e.rejects for e in entries) != tables["rejects"].num_rows):
        raise CorruptEntry("entries that do not add up to the rows of the tables")
    decoded = {}
    for part, (name, stored, dtype, rows_of) in zip(arrays, _ARRAYS, strict=True):
        if len(part) != tables[rows_of].num_rows * np.dtype(stored).itemsize:
            raise CorruptEntry(f"{name}: not one value per row")
        decoded[name] = np.frombuffer(part, dtype=stored).astype(dtype)
    if not known:
        _check_sanitised(tables.values())
        _check_snippets([e.snippet for e in entries if e.snippet is not None])
    return BatchRows(entries, tables["records"], decoded["lines"], decoded["chars"], tables["rejects"],
                     decoded["reject_hashes"], decoded["line_keys"], Counter(_counts(value[1])))


# the columns that are identifiers or hashes (pseudonymised or a path, not sanitised as free text), and a reject's
# codes and message: every other string column (a record's title, a declared field, an annotator's value; the text)
# is free text, sanitised where made
_NOT_FREE = frozenset({"id", "doc_id", "source", "url", "doc_sha256", "input_sha256", "duplicate_of", "kind",
                       "reason", "message"})


def _check_sanitised(tables: Iterable[pa.Table]) -> None:
    """The tables' text, and the records' other free-text columns (attack28: a planted entry's title or declared
    field with an address in it was read, the text column alone checked)."""
    for table in tables:  # looked for in the whole batch at once, on the Arrow column
        for name in [field.name for field in table.schema if field.name not in _NOT_FREE
                     and (pa.types.is_string(field.type) or pa.types.is_large_string(field.type))]:
            column = table.column(name)
            may = column.filter(_SANITISER.may_change_mask(column))
            if any(_SANITISER.text(text) != text for text in may.to_pylist()):
                raise CorruptEntry(f"{name} with personal data in it, which this tool never caches")


def _check_snippets(snippets: list[str]) -> None:
    """The entries' snippets (a document's text, sanitised where made: a rejected one's is published), as the tables'
    text (attack28: a planted entry's snippet with an address in it was read unchecked). One RE2 pass, then those
    it picks in one batch; only a value still picked is sanitised to be compared."""
    still = _SANITISER.still_may_change(snippets, _SANITISER.may_change(snippets))
    if any(_SANITISER.text(snippet) != snippet for snippet, may in zip(snippets, still, strict=True) if may):
        raise CorruptEntry("a snippet with personal data in it, which this tool never caches")


@dataclass(frozen=True)
class Codec:
    """How one pass's results are written to and read from the cache."""

    encode: Callable[[Any], bytes]
    decode: Callable[[bytes, bool], Any]  # its data, and whether the entry is known to be sound (cache_checked)


LINES = Codec(encode_lines, decode_lines)


def _encoded(rows: BatchRows) -> bytes:
    """Encoded where the work ran (builder.run.work.process_rows), so the driver only writes the bytes."""
    return rows.cache_entry if rows.cache_entry is not None else encode_rows(rows)


def rows_codec(schema: pa.Schema) -> Codec:
    """The second pass's: rows in the release's record schema (which user steps' columns extend)."""
    return Codec(_encoded, lambda data, known: decode_rows(data, schema, known))
