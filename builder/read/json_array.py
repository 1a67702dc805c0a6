"""`.json`: one array of document objects, parsed as a stream (ijson), so an array of any size is
read in the memory of one item.

ijson is handed the file a line at a time, so the events it gives come from a known line: each item
is located on the line it starts on, as a JSONL line is. Objects are assembled here from ijson's
events rather than by ijson itself, to refuse duplicate keys (ijson keeps the last value, as Python
does) and to stop holding an item once it is over max_document_bytes.
"""

from __future__ import annotations

import codecs
import contextlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, ClassVar

import ijson

from builder.outcomes import Location, RawDocument, Reject
from builder.read.compressed import open_data
from builder.read.decode import invalid_utf8
from builder.read.inputs import InputFile, Limits, reasons
from builder.read.jsonl import DuplicateKey
from builder.steps import Reader

MAX_NESTING = 512  # arrays and objects inside one item (Python's json stops near 1000, a recursion limit)
LINE_CHUNK = 1 << 16  # a longer line (a minified array) is handed over in pieces of this size
# ijson's pure-Python parser: its strings and numbers are Python's json's (a lone surrogate escape
# kept as it is, integers of any size), as they are for .jsonl. The C one (yajl) turns a lone
# "\ud800" into "?" silently, fails on "\udc00" and on integers past 64 bits. It is faster (an 80 MB
# array of 60,000 documents: 2.7 s against 6.8 s here), but both are linear and bounded.
_PARSER = ijson.get_backend("python")


class _Problem(ValueError):
    """Why the rest of the file cannot be read: a Reject's reason and message."""

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason


@dataclass(frozen=True)
class JsonArrayReader(Reader):
    """Items are read until the first syntax error: the items before it are kept, the error is a
    located malformed_json reject, and the rest of the file is skipped (JSON cannot be resynchronised)."""

    name: ClassVar[str] = "json"
    reasons: ClassVar[dict[str, str]] = reasons("invalid_utf8", "malformed_json", "schema_invalid", "too_large")
    suffixes: ClassVar[tuple[str, ...]] = (".json",)

    def read(self, file: InputFile, limits: Limits) -> Iterator[RawDocument | Reject]:
        with open_data(file, limits) as raw:
            stream = _LineFeed(raw)
            events = _PARSER.basic_parse(stream, use_float=True)
            try:
                yield from _items(events, stream, file, limits)
            except _Problem as exc:
                yield _reject(exc.reason, str(exc), file, stream.chunk_line)
            except ijson.JSONError as exc:
                if not stream.invalid:
                    detail = str(exc).strip().splitlines()[0] if str(exc).strip() else "incomplete"
                    yield _reject("malformed_json", f"not valid JSON: {detail} (the rest of the file is skipped)",
                                  file, stream.chunk_line)
            finally:
                with contextlib.suppress(ijson.JSONError):  # closing a parser mid-array complains of the rest
                    events.close()
            if stream.invalid:  # after the array too: nothing of the file is passed over silently
                yield invalid_utf8(stream.chunk, stream.invalid, Location(file.display, stream.chunk_line),
                                   file.relative)


def _reject(reason: str, message: str, file: InputFile, line: int) -> Reject:
    return Reject.document(reason, Location(file.display, line), file.relative, message=message)


def _items(events: Iterator[tuple[str, Any]], stream: _LineFeed, file: InputFile,
           limits: Limits) -> Iterator[RawDocument | Reject]:
    first = next(events, ("", None))[0]
    if first != "start_array":
        raise _Problem("malformed_json", "a .json input must be an array of document objects")
    for event, value in events:
        if event == "end_array":
            for _ in events:  # ijson refuses anything but white space after the array
                pass
            return
        line = stream.chunk_line
        obj, size, duplicate = _item(event, value, events, limits.max_document_bytes)
        if size > limits.max_document_bytes:
            yield _reject("too_large", f"over the limit of {limits.max_document_bytes} bytes of keys and strings "
                          "(max_document_bytes)", file, line)
        elif duplicate is not None:
            yield _reject("schema_invalid", str(duplicate), file, line)
        else:
            yield RawDocument(Location(file.display, line), file.relative, obj)


def _item(event: str, value: Any, events: Iterator[tuple[str, Any]],
          limit: int) -> tuple[Any, int, DuplicateKey | None]:
    """One array item from its first event: the value, the UTF-8 bytes of its keys and strings, and
    its first duplicate key. Past `limit` bytes nothing more is kept (the item is only counted)."""
    open_: list[dict[str, Any] | list[Any]] = []  # the objects and arrays being filled, innermost last
    keys: list[str] = []  # the key each open object is waiting for the value of
    size = 0
    duplicate: DuplicateKey | None = None
    while True:
        if event == "map_key":
            size += len(value.encode("utf-8", "surrogatepass"))
            if duplicate is None and value in open_[-1]:
                duplicate = DuplicateKey(value)
            keys[-1] = value
        elif event in ("start_map", "start_array"):
            open_.append({} if event == "start_map" else [])
            keys.append("")
            if len(open_) > MAX_NESTING:
                raise _Problem("malformed_json", "not valid JSON: nested too deeply (the rest of the file is skipped)")
        else:
            if event in ("end_map", "end_array"):
                value = open_.pop()
                keys.pop()
            elif event == "string":
                size += len(value.encode("utf-8", "surrogatepass"))
            if not open_:
                return value, size, duplicate
            if size <= limit:
                parent = open_[-1]
                if isinstance(parent, list):
                    parent.append(value)
                else:
                    parent[keys[-1]] = value
        event, value = next(events)


class _LineFeed:
    """The file for ijson, a line (or LINE_CHUNK bytes of one) per read, checked to be UTF-8 as it
    goes: ijson parses what it is given before it reads more, so its events come from `chunk`. Bytes
    that are not UTF-8 end the data (an error raised here would leave ijson's parser unclosed)."""

    def __init__(self, raw: Any) -> None:
        self.raw = raw
        self.chunk = b""
        self.chunk_line = 1  # the line `chunk` starts on
        self.decoder = codecs.getincrementaldecoder("utf-8")()
        self.invalid: UnicodeDecodeError | None = None
        self.started = False

    def read(self, size: int = -1) -> bytes:
        if size == 0 or self.invalid:
            return b""
        data: bytes = self.raw.readline(LINE_CHUNK)
        if data:
            self.chunk_line += self.chunk.count(b"\n")
            if not self.started:
                data, self.started = data.removeprefix(b"\xef\xbb\xbf"), True
            self.chunk = data
        try:
            self.decoder.decode(data, final=not data)
        except UnicodeDecodeError as exc:  # the parser then finds the array cut short here
            self.invalid = exc
            return b""
        return data
