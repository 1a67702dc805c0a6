"""Rows of the release: a kept document's records and a reject's row, with the columns of builder.columns."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, overload

import pyarrow as pa

from builder.columns import RECORD_COLUMNS, REJECT_COLUMNS, arrow_schema
from builder.outcomes import Document, Paragraph, Reject
from builder.text.ids import as_published, record_ids
from builder.text.quality import signals
from builder.text.sanitise import Sanitiser, identifier, path
from builder.text.visible import visible

RECORD_SCHEMA = arrow_schema(RECORD_COLUMNS)
REJECT_SCHEMA = arrow_schema(REJECT_COLUMNS)


def record_rows(doc: Document, paragraphs: list[Paragraph], doc_sha: str, sanitiser: Sanitiser | None = None,
                written: tuple[str | None, str | None] | None = None, document: Mapping[str, Any] | None = None,
                ) -> list[dict[str, Any]]:
    """The rows of a kept document. Paragraph texts are already redacted; the id and url are
    identifiers and the source a path (builder.text.sanitise); the record id derives from the id as published.
    The document's own columns (title, …, declared metadata fields) and the strings annotators give
    (a user's annotator may copy anything from the text) are free text, redacted here by `sanitiser`
    (which counts what it replaces). `written`: the id and url as `identifier` gives them, when the caller has
    them (builder.run.rows: as they are where Sanitiser.may_change picks neither, the others in one batch);
    `document`: the document's own columns as `sanitiser` gives them, when the caller has them (builder.run.rows:
    only those may_change picks were given to it)."""
    doc_id, url = written or (identifier(doc.id), identifier(doc.url))
    # the record ids derive from pseudonymise(doc.id), which identifier gave as doc_id where the id holds no
    # invisible character: taken from it, not pseudonymised a second time (28 us an id whose date looks like a
    # card number's start, as most of the corpus's do: twice for each document a worker makes records of)
    published = as_published(doc.id, doc_id)
    source, ids = path(doc.source), record_ids(published or doc.id, len(paragraphs), published is not None)
    free = sanitiser or Sanitiser()
    if document is None:
        document = {name: free.text(value) if isinstance(value, str) else value for name, value in doc.columns.items()}
    return [
        {
            "id": record,
            "doc_id": doc_id,
            "paragraph_index": index,
            "text": p.text,
            "source": source,
            "url": url,
            "char_start": p.char_start,
            "char_end": p.char_end,
            "doc_sha256": doc_sha,
            "input_sha256": doc.input_sha256,
            "language": p.language,
            "language_score": p.language_score,
            **_free(p.columns or vars(signals(p.text)), free),
            **document,
        }
        for index, (p, record) in enumerate(zip(paragraphs, ids, strict=True))
    ]


def _free(values: Mapping[str, Any], sanitiser: Sanitiser) -> dict[str, Any]:
    return {name: sanitiser.text(value) if isinstance(value, str) else value for name, value in values.items()}


@overload
def encodable(text: str) -> str: ...
@overload
def encodable(text: None) -> None: ...
def encodable(text: str | None) -> str | None:
    """Rejected input may hold lone surrogates, which Parquet (UTF-8) cannot store."""
    return None if text is None else text.encode("utf-8", "replace").decode("utf-8")


def encodable_array(values: list[str | None]) -> pa.Array[Any]:
    """`encodable` of each value, as an Arrow string array: Arrow refuses a lone surrogate, so the values go
    to it as they are, and only a batch that has one is made encodable value by value."""
    try:
        return pa.array(values, pa.string())
    except UnicodeEncodeError:
        return pa.array([encodable(value) for value in values], pa.string())


def reject_row(reject: Reject) -> dict[str, Any]:
    """A reject as a row; it has been through builder.text.sanitise already (where it was made), but for its
    source, the file's name as read, written here as every path (sanitise.path). Its doc_id is shown as its message
    shows it (builder.text.visible): a document schema refuses an id with controls or bidi overrides, so such an id
    is only ever a reject's, and raw it reordered what a viewer showed or drove a terminal (trial20)."""
    return {
        "kind": reject.kind,
        "reason": reject.reason,
        "message": encodable(reject.message),
        "source": path(reject.source),
        "line": reject.location.line,
        "doc_id": None if reject.doc_id is None else visible(encodable(reject.doc_id)),
        "char_start": reject.char_start,
        "char_end": reject.char_end,
        "text": encodable(reject.text),
        "duplicate_of": encodable(reject.duplicate_of),
        "language": reject.language,
        "language_score": reject.language_score,
    }
