"""Bytes to text, the one way every reader does it: strict UTF-8, and a reject that points at the
first bad byte when it is not."""

from __future__ import annotations

from builder.outcomes import Location, Reject
from builder.read.inputs import InputFile, Limits


def decode_utf8(data: bytes, where: Location, source: str) -> str | Reject:
    """Strict UTF-8; on failure a Reject that points at the first bad byte (`where.line` is the line
    `data` starts on)."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return invalid_utf8(data, exc, where, source)


def invalid_utf8(data: bytes, exc: UnicodeDecodeError, where: Location, source: str) -> Reject:
    line = (where.line or 1) + data.count(b"\n", 0, exc.start)
    hint = ""
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        hint = " (it looks like UTF-16: convert it with `iconv -f UTF-16 -t UTF-8`)"
    message = f"invalid UTF-8 at byte {exc.start}: {exc.reason}{hint}"
    return Reject.document("invalid_utf8", Location(where.path, line), source, message=message)


def whole_file(file: InputFile, limits: Limits) -> bytes | Reject:
    """The bytes of a file that is one document (.txt, .html), refused unread when it is over
    max_document_bytes."""
    size = file.size()
    if size > limits.max_document_bytes:
        return Reject.document("too_large", Location(file.display), file.relative, message=f"{size} bytes, over the "
                               f"limit of {limits.max_document_bytes} (max_document_bytes)")
    with file.open() as f:
        data = f.read(limits.max_document_bytes + 1)  # bounded, should the file have grown since
    if len(data) > limits.max_document_bytes:
        return Reject.document("too_large", Location(file.display), file.relative, message=f"over the limit of "
                               f"{limits.max_document_bytes} bytes (max_document_bytes)")
    return data
