"""`.jsonl` (plain, .gz, .zst): one document object per line, each located by its line number."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, BinaryIO, ClassVar

from builder.outcomes import Location, RawDocument, Reject
from builder.read.compressed import open_data
from builder.read.decode import decode_utf8, utf16_hint
from builder.read.inputs import InputFile, Limits, reasons
from builder.read.validate import BINARY_CONTROL_SHARE, BINARY_MIN_CONTROLS, CONTROL_BYTES
from builder.steps import Reader


class DuplicateKey(ValueError):
    """An object names a key twice. JSON readers disagree on which value wins (Python's takes the
    last, others the first or fail), so the document means different things to different tools."""

    def __init__(self, key: str) -> None:
        super().__init__(f"duplicate key {key!r} in one object: readers disagree on which value counts; "
                         "keep one of them")


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    obj = dict(pairs)
    if len(obj) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise DuplicateKey(key)
            seen.add(key)
    return obj


_STRICT = json.JSONDecoder(object_pairs_hook=_unique_keys)


@dataclass(frozen=True)
class JsonlReader(Reader):
    name: ClassVar[str] = "jsonl"
    reasons: ClassVar[dict[str, str]] = reasons("invalid_utf8", "malformed_json", "schema_invalid", "too_large",
                                                "decompression_limit")
    suffixes: ClassVar[tuple[str, ...]] = (".jsonl", ".jsonl.gz", ".jsonl.zst")

    def read(self, file: InputFile, limits: Limits) -> Iterator[RawDocument | Reject]:
        display = file.display  # once: a file of blank lines is millions of lines
        with open_data(file, limits) as stream:
            if (binary := _binary(stream)) is not None:
                yield Reject.document("binary_content", Location(display), file.relative, message=binary)
                return
            for number, data in _lines(stream, limits.max_document_bytes):
                yield _document(data, Location(display, number), file.relative, limits)


BINARY_HEAD = 4096


def _binary(stream: BinaryIO) -> str | None:
    """What to say when the file's first BINARY_HEAD bytes are not text (ux29: 3 MB of random bytes named .jsonl gave
    11,745 rejects, one per newline byte, each "invalid UTF-8" or "not valid JSON"): one reject for the file. Judged as
    a document's text is (builder.read.validate: 16 control bytes or more, over 1% of them), on raw bytes, so a file
    with a stray control character in one line is read line by line as before. UTF-16 is named when it is that."""
    peek = getattr(stream, "peek", None)
    if peek is None:
        return None
    head = peek(BINARY_HEAD)[:BINARY_HEAD]
    controls = len(head) - len(head.translate(None, CONTROL_BYTES))
    if controls < BINARY_MIN_CONTROLS or controls <= BINARY_CONTROL_SHARE * len(head):
        return None
    return (f"the file's first {len(head):,} bytes hold {controls:,} control bytes (NUL and the like): a binary file, "
            "not JSON Lines; nothing of it was read" + utf16_hint(head.decode("latin-1")))


def _document(data: bytes | None, where: Location, source: str, limits: Limits) -> RawDocument | Reject:
    if data is None:
        return Reject.document("too_large", where, source,
                               message=f"line longer than {limits.max_document_bytes} bytes (max_document_bytes)")
    if where.line == 1:
        data = data.removeprefix(b"\xef\xbb\xbf")
    line = decode_utf8(data.rstrip(b"\r\n"), where, source)
    if isinstance(line, Reject):
        return line
    try:
        return RawDocument(where, source, _STRICT.decode(line))
    except json.JSONDecodeError as exc:
        if line.startswith("\ufeff"):  # files saved with a BOM, then joined (trial21): say what is at column 1
            return Reject.document("malformed_json", where, source, text=line,
                                   message="not valid JSON: the line starts with a byte order mark (U+FEFF), as a "
                                           "file saved with one and joined to another has; remove it (only the "
                                           "file's first line may have one)")
        return Reject.document("malformed_json", where, source, text=line,
                               message=f"not valid JSON: {exc.msg} (column {exc.colno})")
    except RecursionError:
        return Reject.document("malformed_json", where, source, message="not valid JSON: nested too deeply")
    except DuplicateKey as exc:
        return Reject.document("schema_invalid", where, source, text=line, message=str(exc))


def _lines(stream: BinaryIO, limit: int) -> Iterator[tuple[int, bytes | None]]:
    """The numbered non-blank lines of a binary stream; a line over `limit` bytes is skipped in chunks
    (never held whole) and given as None, so a 50 MB line costs no more memory than the limit."""
    number = 0
    while True:
        number += _skip_blank_lines(stream)
        line = stream.readline(limit + 1)
        if not line:
            return
        number += 1
        if len(line) <= limit or line.endswith(b"\n"):
            if not line.isspace():  # the last line, blank without its newline
                yield number, line
            continue
        while line and not line.endswith(b"\n"):
            line = stream.readline(1 << 20)
        yield number, None


_BLANK = b" \t\r\n\x0b\x0c"  # what bytes.isspace() counts as space


def _skip_blank_lines(stream: BinaryIO) -> int:
    """Reads past the blank lines at the front of the stream's buffer in one go and says how many
    there were: a file of millions of newlines (16 MiB of them is a 2 KB .zst) costs a scan, not a
    readline each."""
    peek = getattr(stream, "peek", None)
    skipped = 0
    while peek is not None:
        ahead = peek(1 << 16)
        blank = len(ahead) - len(ahead.lstrip(_BLANK))
        end = ahead.rfind(b"\n", 0, blank) + 1  # whole lines only
        if not end:
            return skipped
        skipped += ahead.count(b"\n", 0, end)
        stream.read(end)
    return skipped
