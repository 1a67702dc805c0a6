"""Which reader reads which file, and reading a file with it: the checks every input passes first
(a UTF-8 name, a regular file inside its source root), the field map, and the errors of reading
turned into located rejects.

`Readers.default()` holds the built-in formats; `Readers.default().with_(MyCsvReader())` adds a
user's reader (its suffixes become inputs for discovery too). A file goes to the reader with the
longest matching suffix; on a tie the reader added last wins, so a user's reader can replace a
built-in one.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

import zstandard

from builder.outcomes import Location, RawDocument, Reject
from builder.read.html import Extraction, HtmlReader
from builder.read.inputs import DecompressionLimit, InputFile, Limits, LocalFile, reasons
from builder.read.json_array import JsonArrayReader
from builder.read.jsonl import JsonlReader
from builder.read.parquet import ParquetReader
from builder.read.plain_text import TextReader
from builder.schemas import document_fields
from builder.steps import Reader

# What any input can be refused for before (or while) its reader reads it.
REASONS = reasons("invalid_file_name", "unsupported_format", "unreadable_source", "outside_source_root",
                  "linked_folder", "decompression_limit")

# Truncated archives, I/O errors and corrupt Parquet surface as these while reading.
_READ_ERRORS = (OSError, EOFError, ValueError, zstandard.ZstdError)


@dataclass(frozen=True)
class Readers:
    """The readers of a build, in the order they were added."""

    readers: tuple[Reader, ...]

    @classmethod
    def default(cls, html_extraction: Extraction = "precision") -> Readers:
        return cls((TextReader(), JsonlReader(), JsonArrayReader(), ParquetReader(), HtmlReader(html_extraction)))

    def with_(self, *extra: Reader) -> Readers:
        for reader in extra:
            if not isinstance(reader, Reader) or not reader.suffixes:
                raise TypeError(f"{reader!r} is not a Reader with suffixes")
        return Readers(self.readers + extra)

    @property
    def suffixes(self) -> tuple[str, ...]:
        """Every file ending some reader takes, once each, in the order the readers were added."""
        return tuple(dict.fromkeys(s for reader in self.readers for s in reader.suffixes))

    def reader_for(self, file: InputFile) -> Reader | None:
        name = file.name.lower()
        matches = [(len(s), i) for i, reader in enumerate(self.readers) for s in reader.suffixes
                   if name.endswith(s.lower())]
        return self.readers[max(matches)[1]] if matches else None


@dataclass(frozen=True)
class ReadOptions:
    field_map: tuple[tuple[str, str], ...] = ()  # (document field, input key); a field's first key a record has
    max_document_bytes: int = Limits.max_document_bytes
    max_decompression_ratio: int = Limits.max_decompression_ratio
    readers: Readers = field(default_factory=Readers.default)

    @property
    def limits(self) -> Limits:
        return Limits(self.max_document_bytes, self.max_decompression_ratio)


def read(files: Iterable[InputFile], options: ReadOptions) -> Iterator[RawDocument | Reject]:
    """Every document of every file, in order; a file or record that cannot be read becomes a Reject."""
    for file in files:
        yield from read_file(file, options)


def read_file(file: InputFile, options: ReadOptions) -> Iterator[RawDocument | Reject]:
    where = Location(file.display)
    reader = options.readers.reader_for(file)
    problem = _check_file(file, reader, options.readers)
    if problem or reader is None:
        reason, message = problem or ("unsupported_format", "")
        yield Reject.document(reason, where, file.relative, message=message)
        return
    try:
        for item in reader.read(file, options.limits):
            if isinstance(item, RawDocument) and reader.maps_fields:
                item = RawDocument(item.location, item.source, _map_fields(item.fields, options.field_map),
                                   item.input_sha256)
            yield item
    except AttributeError as exc:  # a user's reader that opens file.path, given an object in storage
        if isinstance(file, LocalFile) or exc.name != "path":
            raise
        yield Reject.document("unreadable_source", where, file.relative, message=f"{type(reader).__name__} reads "
                              "file.path, which an input in storage does not have: read it with file.open()")
    except DecompressionLimit as exc:
        yield Reject.document("decompression_limit", where, file.relative, message=str(exc))
    except _READ_ERRORS as exc:
        yield Reject.document("unreadable_source", where, file.relative, message=f"reading stopped: {exc}")


def _check_file(file: InputFile, reader: Reader | None, readers: Readers) -> tuple[str, str] | None:
    if file.relative != file.relative.encode("utf-8", "surrogateescape").decode("utf-8", "replace"):
        return "invalid_file_name", "the file name is not valid UTF-8; rename the file"
    if isinstance(file, LocalFile) and file.path.is_symlink() and file.path.is_dir():  # discovery._walk lists them
        problem = file.problem()
        if problem and problem[0] == "outside_source_root":
            return problem
        return "linked_folder", ("a symlink to a folder, not followed; its files were not read (give the folder it "
                                 "points to as a SOURCE of its own)")
    if reader is None:
        if isinstance(file, LocalFile) and file.path.is_dir():  # discovery._walk
            return "unreadable_source", "a folder that could not be listed (permissions?); its files were not read"
        return "unsupported_format", f"not a supported input (use {', '.join(readers.suffixes)})"
    return file.problem()


def _map_fields(fields: Any, field_map: tuple[tuple[str, str], ...]) -> Any:
    """A record's fields under the schema's names. A mapped field takes the value of the first of its keys
    the record has (`--field id=url --field id=link`), and one key may feed several fields (`--field
    id=url` keeps the url as `url` too); a key mapped away is dropped unless it is itself a document
    field, so that a mapped text is not carried twice. A `text` that is a list of strings (a record's
    paragraphs) is one text, a paragraph a line."""
    if not isinstance(fields, dict):
        return fields
    mapped = fields
    if field_map:  # without a mapping a record is passed on as it is, not copied
        own, sources = document_fields(), {key for _, key in field_map}
        mapped = {key: value for key, value in fields.items() if key in own or key not in sources}
        mapped.update((target, fields[key]) for target, key in reversed(field_map) if key in fields)  # the first wins
    text = mapped.get("text")
    if isinstance(text, list) and text and all(isinstance(paragraph, str) for paragraph in text):
        mapped = {**mapped, "text": "\n".join(text)}
    return mapped
