"""What the build cache stores, as plain data: one JSON line per batch result, with an explicit
encoder and a decoder that checks every type.

The cache lives in the release folder, which people download and share, so it is read as untrusted
input: nothing in it is ever run (no pickle), and a value of an unexpected type or shape makes the
whole entry corrupt (CorruptEntry), so the build recomputes it. Objects are stored as positional
lists: shorter than dicts, and their shape is checked in one step (`_row`).

Entries are signed with a key of this user's (builder.run.cache), so a planted entry is never read. As
defence in depth, should that key leak: kept paragraphs are sanitised where they are made, before
they are cached, so a cached paragraph that sanitising would change was not written by this tool,
and the entry is corrupt. (Sanitising is idempotent, so an honest entry always passes.) Rejects are
sanitised where they are made too (builder.run.work), identifiers after the cache, on their way out.
"""

from __future__ import annotations

import base64
import binascii
import gc
import itertools
import json
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import numpy as np

from builder.outcomes import (
    BatchResult,
    Document,
    Excluded,
    Invalid,
    Issue,
    LineCounts,
    Location,
    Paragraph,
    Processed,
    Reject,
)
from builder.text.sanitise import Sanitiser


class CorruptEntry(ValueError):
    """Cache data that does not decode to what this version of the builder writes."""


S, I, F, B, N, L, D = str, int, float, bool, type(None), list, dict  # noqa: E741  (one letter each: the shape tables read as rows)
_OPTIONAL_STR, _OPTIONAL_INT = (S, N), (I, N)


def _shapes(*columns: type | tuple[type, ...]) -> frozenset[tuple[type, ...]]:
    """Every allowed sequence of value types of a row (a column can allow several)."""
    return frozenset(itertools.product(*(c if isinstance(c, tuple) else (c,) for c in columns)))


# text, char_start, char_end, line, language, language_score, detected, annotator columns {name: value}
_PARAGRAPH = _shapes(S, I, I, I, S, F, B, D)
# kind, reason, message, path, line, source, doc_id, char_start, char_end, text, duplicate_of, language,
# language_score
_REJECT = _shapes(S, S, S, S, _OPTIONAL_INT, S, _OPTIONAL_STR, _OPTIONAL_INT, _OPTIONAL_INT, _OPTIONAL_STR,
                  _OPTIONAL_STR, _OPTIONAL_STR, (F, N))
# id, text, source, path, line, url, title, language, input_sha256, columns
_DOCUMENT = _shapes(S, S, S, S, _OPTIONAL_INT, _OPTIONAL_STR, _OPTIONAL_STR, _OPTIONAL_STR, _OPTIONAL_STR, D)
_COLUMN_VALUE = (S, I, F, B, N)  # what a per-document or annotator column holds
_ISSUE = _shapes(S, _OPTIONAL_INT, S, S, S)  # path, line, json_path, message, reason
_EXCLUDED = _shapes(S, _OPTIONAL_STR, S, _OPTIONAL_INT, S, L, B)  # tag, doc_id, path, line, source, keys, valid
# tag, document, doc_sha256, kept, dropped, doc_reject, bands, keys, pii counts of its rejects
_PROCESSED = _shapes(S, L, S, L, L, (L, N), L, L, D)
_INVALID = _shapes(S, L, L)  # tag, reject, issues
_MAX_KEY = 1 << 64
# e-mail and IP addresses: what is always replaced (phone numbers only with --pii-phones)
_SANITISER = Sanitiser(phones=False)


def _row(value: Any, shapes: frozenset[tuple[type, ...]]) -> list[Any]:
    if type(value) is not list or tuple(map(type, value)) not in shapes:
        raise CorruptEntry(f"unexpected value {str(value)[:80]!r}")
    return value


# --- encoding ---------------------------------------------------------------------------------------

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


def _uint64(array: np.ndarray) -> str:
    return base64.b64encode(np.ascontiguousarray(array, dtype="<u8").tobytes()).decode("ascii")


def encode_lines(result: LineCounts) -> bytes:
    return _dumps([_uint64(result.lines), _uint64(result.identities)])


def _reject(r: Reject) -> list[Any]:
    return [r.kind, r.reason, r.message, r.location.path, r.location.line, r.source, r.doc_id, r.char_start,
            r.char_end, r.text, r.duplicate_of, r.language, r.language_score]


def _paragraph(p: Paragraph) -> list[Any]:
    return [p.text, p.char_start, p.char_end, p.line, p.language, p.language_score, p.detected, p.columns]


def _document(d: Document) -> list[Any]:
    if d.metadata:  # work._prepare drops it: a document with metadata here is a bug, not data to lose
        raise ValueError(f"document {d.id!r}: metadata is not cached")
    return [d.id, d.text, d.source, d.location.path, d.location.line, d.url, d.title, d.language, d.input_sha256,
            d.columns]


def _outcome(o: Processed | Invalid | Excluded) -> list[Any]:
    if isinstance(o, Processed):
        return ["p", _document(o.doc), o.doc_sha256, [_paragraph(p) for p in o.kept], [_reject(r) for r in o.dropped],
                _reject(o.doc_reject) if o.doc_reject else None, [int(b) for b in o.bands],
                [k.hex() if k is not None else None for k in o.keys], dict(o.pii)]
    if isinstance(o, Invalid):
        return ["i", _reject(o.reject),
                [[i.location.path, i.location.line, i.json_path, i.message, i.reason] for i in o.issues]]
    return ["x", o.doc_id, o.location.path, o.location.line, o.source, list(o.keys), o.valid]


def encode_batch(result: BatchResult) -> bytes:
    with _no_gc():
        return _dumps([[_outcome(o) for o in result.outcomes], dict(result.pii)])


# --- decoding ---------------------------------------------------------------------------------------

def _loads(line: bytes) -> Any:
    try:
        return json.loads(line.decode("utf-8", "surrogatepass"))
    except (ValueError, RecursionError) as exc:  # not JSON, not UTF-8, nested too deep, huge numbers
        raise CorruptEntry(f"not a JSON line: {exc}") from None


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


def decode_lines(line: bytes) -> LineCounts:
    value = _loads(line)
    if type(value) is not list or len(value) != 2:
        raise CorruptEntry("expected [line keys, identity keys]")
    return LineCounts(_keys(value[0]), _keys(value[1]))


def _decode_reject(value: Any) -> Reject:
    kind, reason, message, path, line, source, doc_id, start, end, text, duplicate_of, lang, score = _row(
        value, _REJECT)
    return Reject(kind, reason, message, Location(path, line), source, doc_id, start, end, text, duplicate_of, lang,
                  score)


def _decode_paragraph(value: Any) -> Paragraph:
    row = _row(value, _PARAGRAPH)
    if any(type(name) is not str or type(v) not in _COLUMN_VALUE for name, v in row[7].items()):
        raise CorruptEntry("an annotator column that is not a name and a plain value")
    text, start, end, line, language, score, detected, columns = row
    return Paragraph(text, start, end, line, language, score, detected, columns)


def _decode_processed(row: list[Any]) -> Processed:
    _, document, sha, kept, dropped, doc_reject, bands, keys, pii = _row(row, _PROCESSED)
    doc_id, text, source, path, line, url, title, language, input_sha256, columns = _row(document, _DOCUMENT)
    if not all(type(v) in _COLUMN_VALUE for v in columns.values()):
        raise CorruptEntry("a document column value that is not a string, number, boolean or null")
    doc = Document(doc_id, text, source, Location(path, line), url, title, language, {}, input_sha256, columns)
    if not all(type(b) is int and 0 <= b < _MAX_KEY for b in bands):
        raise CorruptEntry("a MinHash band key that is not a 64-bit integer")
    return Processed(doc, sha, [_decode_paragraph(p) for p in kept], [_decode_reject(r) for r in dropped],
                     _decode_reject(doc_reject) if doc_reject is not None else None, bands,
                     [_paragraph_key(k) for k in keys], _counts(pii))


def _paragraph_key(value: Any) -> bytes | None:
    if value is None:
        return None
    if type(value) is not str or len(value) != 16:
        raise CorruptEntry("a paragraph key that is not 8 bytes of hex")
    try:
        return bytes.fromhex(value)
    except ValueError:
        raise CorruptEntry("a paragraph key that is not hex") from None


def _counts(value: dict[Any, Any]) -> Counter[str]:
    if not all(type(v) is int for v in value.values()):
        raise CorruptEntry("a PII count that is not an integer")
    return Counter(value)


def _decode_invalid(row: list[Any]) -> Invalid:
    _, reject, issues = _row(row, _INVALID)
    decoded = []
    for issue in issues:
        path, line, json_path, message, reason = _row(issue, _ISSUE)
        decoded.append(Issue(Location(path, line), json_path, message, reason))
    return Invalid(_decode_reject(reject), tuple(decoded))


def _decode_excluded(row: list[Any]) -> Excluded:
    _, doc_id, path, line, source, keys, valid = _row(row, _EXCLUDED)
    if not all(type(k) is str for k in keys):
        raise CorruptEntry("a takedown key that is not text")
    return Excluded(doc_id, Location(path, line), source, tuple(keys), valid)


_OUTCOMES: dict[str, Callable[[list[Any]], Processed | Invalid | Excluded]] = {
    "p": _decode_processed, "i": _decode_invalid, "x": _decode_excluded}


def decode_batch(line: bytes) -> BatchResult:
    with _no_gc():
        return _decode_batch(_loads(line))


def _decode_batch(value: Any) -> BatchResult:
    if type(value) is not list or len(value) != 2 or type(value[0]) is not list or type(value[1]) is not dict:
        raise CorruptEntry("expected [outcomes, pii counts]")
    outcomes, pii = value
    result = BatchResult([], _counts(pii))
    for row in outcomes:
        if type(row) is not list or not row or (decode := _OUTCOMES.get(row[0])) is None:
            raise CorruptEntry("an outcome of no known kind")
        result.outcomes.append(decode(row))
    texts = [p.text for outcome in result.outcomes if isinstance(outcome, Processed) for p in outcome.kept]
    if any(_SANITISER.changes(texts)):  # checked for the whole batch at once
        raise CorruptEntry("a paragraph with personal data in it, which this tool never caches")
    return result


@dataclass(frozen=True)
class Codec:
    """How one pass's results are written to and read from the cache."""

    encode: Callable[[Any], bytes]
    decode: Callable[[bytes], Any]


LINES = Codec(encode_lines, decode_lines)
BATCHES = Codec(encode_batch, decode_batch)
