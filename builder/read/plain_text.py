"""`.txt`: one document per file, its id the path relative to the source root; a TREC-wrapped file
(`<DOC>` first, see builder.read.trec) is read by its fields, one document per `<DOC>` element."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import ClassVar

from builder.outcomes import Location, RawDocument, Reject
from builder.read.decode import decode_utf8, whole_file
from builder.read.inputs import InputFile, Limits, reasons
from builder.read.trec import TrecDocument, TrecProblem, is_trec, trec_documents
from builder.steps import Reader


@dataclass(frozen=True)
class TextReader(Reader):
    name: ClassVar[str] = "text"
    reasons: ClassVar[dict[str, str]] = reasons("invalid_utf8", "too_large", "malformed_trec")
    suffixes: ClassVar[tuple[str, ...]] = (".txt",)
    maps_fields: ClassVar[bool] = False
    ids_from_path: ClassVar[bool] = True

    def read(self, file: InputFile, limits: Limits) -> Iterator[RawDocument | Reject]:
        data = whole_file(file, limits)
        if isinstance(data, Reject):
            yield data
            return
        where = Location(file.display)
        text = decode_utf8(data, where, file.relative, guess_encoding=True)
        if isinstance(text, Reject):
            yield text
            return
        doc_id = file.path_id
        if is_trec(text):
            # a TREC document's raw text is extracted from the file, as an HTML page's: the rows name the file
            # by its sha256, which `validate` holds to the manifest's (builder.release.tally)
            yield from _trec(text, doc_id, file, hashlib.sha256(data).hexdigest())
            return
        yield RawDocument(where, file.relative, {"id": doc_id, "text": text})


def _trec(text: str, doc_id: str, file: InputFile, input_sha256: str) -> Iterator[RawDocument | Reject]:
    """A TREC file's documents: one is the file (its id the path's, as a plain .txt); of several, each is the
    path plus its own DOCNO, or plus its place (1, 2 …) when it has none. A document's id never depends on
    the others': one added without a DOCNO renames no other, and a repeated DOCNO is a repeated id, whose
    second document is a duplicate_id reject as in any other input."""
    items = trec_documents(text)
    several = sum(isinstance(item, TrecDocument) for item in items) > 1
    n = 0
    for item in items:
        if isinstance(item, TrecProblem):
            yield Reject.document("malformed_trec", Location(file.display, item.line), file.relative,
                                  message=item.message)
            continue
        n += 1
        own_id = f"{doc_id}/{item.docno or n}" if several else doc_id
        where = Location(file.display, item.line, item.text_line)
        yield RawDocument(where, file.relative, {"id": own_id, **item.fields}, input_sha256)
