"""The types that flow through the build: where things come from, documents, paragraphs, rejects,
and what the per-document work sends back for each input document."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from builder.reasons import explain

SNIPPET = 1000  # characters of a dropped line or document kept in its reject


@dataclass(frozen=True, order=True)
class Location:
    """A place in the input: a file, and the line (or row, or array item) inside it."""

    path: str
    line: int | None = None
    # the file's line where the document's text starts, when its lines are the file's own (a TREC
    # <TEXT> body); not part of where the document is, so not compared or printed
    text_line: int | None = field(default=None, compare=False, repr=False)

    def __str__(self) -> str:
        return self.path if self.line is None else f"{self.path}:{self.line}"

    def inner_line(self, line: int) -> Location:
        """Where line `line` of a document found here is: a line of a .txt file is a line of the file, and
        so is a line of a text that starts at `text_line`; inside a JSON record, the record's own line is
        the best we can say."""
        if self.text_line is not None:
            return Location(self.path, self.text_line + line - 1)
        return Location(self.path, line) if self.line is None else self


@dataclass(frozen=True)
class RawDocument:
    """One input document after reading and field mapping, before validation."""

    location: Location
    source: str  # the input file, relative to its source root
    fields: dict[str, Any]  # the document object as read (keys already mapped)
    input_sha256: str | None = None  # when the text was extracted (HTML): the hash of what it came from


@dataclass(frozen=True)
class Document:
    """A validated raw document."""

    id: str
    text: str
    source: str
    location: Location
    url: str | None = None
    title: str | None = None
    language: str | None = None
    metadata: dict[str, Any] = field(default_factory=dict)
    input_sha256: str | None = None
    # its values of the release's per-document columns (builder.columns.DOCUMENT_COLUMNS, then the
    # declared metadata fields), in that order: every record of the document carries them
    columns: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Paragraph:
    """A cleaned paragraph and the span of the raw text it was cleaned from."""

    text: str
    char_start: int
    char_end: int
    line: int  # 1-based line of the raw text
    language: str = "und"
    language_score: float = 0.0
    detected: bool = False  # False when the line was too short and took the document's language
    columns: dict[str, Any] = field(default_factory=dict)  # the annotators' columns: name -> value

    def with_columns(self, columns: dict[str, Any]) -> Paragraph:
        """`dataclasses.replace(self, columns=columns)` at a fifth of its cost (a batch makes one a paragraph:
        replace lists the fields and calls __init__, which sets each through object.__setattr__): the fields
        copied as they are (a frozen dataclass without __post_init__ or slots), `columns` set."""
        new = object.__new__(Paragraph)
        new.__dict__.update(self.__dict__, columns=columns)
        return new


@dataclass(frozen=True)
class Reject:
    """Something that did not make it into the dataset, with a stable reason code and its location."""

    kind: str  # "document" or "line"
    reason: str
    message: str
    location: Location
    source: str
    doc_id: str | None = None
    char_start: int | None = None
    char_end: int | None = None
    text: str | None = None  # the dropped line, or the start of the dropped document
    duplicate_of: str | None = None  # for duplicates: the record or document id kept instead
    # what the detector said of the dropped text, when a filter dropped it after detection
    language: str | None = None
    language_score: float | None = None

    @classmethod
    def document(cls, reason: str, location: Location, source: str, *, doc_id: str | None = None,
                 text: str | None = None, message: str | None = None, duplicate_of: str | None = None,
                 language: tuple[str, float] | None = None) -> Reject:
        """A dropped document; `text` (the document's) is cut to SNIPPET, `message` defaults to the reason's
        explanation, `language` is the detected (language, score)."""
        message = explain(reason, "document") if message is None else message
        return cls("document", reason, message, location, source, doc_id, None, None,
                   None if text is None else text[:SNIPPET], duplicate_of, *(language or (None, None)))

    @classmethod
    def line(cls, reason: str, location: Location, source: str, *, doc_id: str | None = None,
             char_start: int | None = None, char_end: int | None = None, text: str | None = None,
             message: str | None = None, duplicate_of: str | None = None,
             language: tuple[str, float] | None = None) -> Reject:
        """A dropped line or paragraph with its span in the raw text; `text` is cut to SNIPPET, `language`
        is the detected (language, score) when the line got that far."""
        message = explain(reason, "line") if message is None else message
        return cls("line", reason, message, location, source, doc_id, char_start, char_end,
                   None if text is None else text[:SNIPPET], duplicate_of, *(language or (None, None)))


@dataclass(frozen=True)
class Issue:
    """One problem with one document: where it is, which field, what is wrong."""

    location: Location
    json_path: str
    message: str
    reason: str = "schema_invalid"

    def __str__(self) -> str:
        return f"{self.location}: {self.json_path}: {self.message}"

    def to_dict(self) -> dict[str, Any]:
        return {"file": self.location.path, "line": self.location.line, "json_path": self.json_path,
                "reason": self.reason, "message": self.message}


@dataclass(frozen=True)
class Invalid:
    """A document that will not be built: the reject to record and the issues to report."""

    reject: Reject
    issues: tuple[Issue, ...]


@dataclass
class LineCounts:
    """First pass over one batch."""

    lines: np.ndarray  # the hashed (site, short line) keys of each valid document, once per document
    # hashed takedown match keys (ids, URLs) of every document: the cache uses them to redo exactly
    # the files a changed takedown list touches
    identities: np.ndarray


@dataclass
class Processed:
    """A valid document after all the work that needs only the document itself: kept paragraphs,
    dropped lines, filters, and the hashes the cross-document decisions will look up."""

    doc: Document  # its text cut to a snippet: the full text stays where the work was done
    doc_sha256: str
    kept: list[Paragraph]
    dropped: list[Reject]
    doc_reject: Reject | None = None  # filtered out, or nothing left
    bands: list[int] = field(default_factory=list)  # MinHash LSH keys of the kept text
    keys: list[bytes | None] = field(default_factory=list)  # exact-duplicate key per kept paragraph
    # what sanitising its rejects (dropped, doc_reject: done where the work ran) replaced, counted when
    # they are written (a document found to repeat an earlier id writes none of them)
    pii: Counter[str] = field(default_factory=Counter)


@dataclass(frozen=True)
class Excluded:
    """A document on the takedown list: where it was and what matched, none of its text."""

    doc_id: str | None
    location: Location
    source: str
    keys: tuple[str, ...]  # the takedown's match keys it matched
    valid: bool  # a valid document still takes its id (as it did before it was excluded)


@dataclass
class BatchResult:
    outcomes: list[Processed | Invalid | Excluded]
    pii: Counter[str] = field(default_factory=Counter)
