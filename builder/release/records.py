"""The only place that knows the output columns: record and reject schemas, and row construction."""

from __future__ import annotations

import json
from typing import Any


import pyarrow as pa

from builder.outcomes import Document, Paragraph, Reject
from builder.text.ids import record_id
from builder.text.quality import signals
from builder.text.sanitise import identifier, path

# column -> `datasets` Value dtype. The Parquet schema and the datasets Features in its metadata are
# derived from these (tests/test_records.py holds them equal to what `datasets` itself produces; not
# importing datasets here keeps 80 MB out of every build process).
RECORD_COLUMNS = {
    "id": "string", "doc_id": "string", "paragraph_index": "int32", "text": "string", "source": "string",
    "url": "string", "char_start": "int64", "char_end": "int64", "doc_sha256": "string", "input_sha256": "string",
    "language": "string", "language_score": "float32", "num_words": "int32", "num_chars": "int32",
    "alpha_ratio": "float32", "digit_ratio": "float32", "punct_ratio": "float32", "script": "string",
    "script_ratio": "float32", "ends_with_punct": "bool",
}
REJECT_COLUMNS = {
    "kind": "string", "reason": "string", "message": "string", "source": "string", "line": "int64",
    "doc_id": "string", "char_start": "int64", "char_end": "int64", "text": "string", "duplicate_of": "string",
}
_ARROW = {"string": pa.string(), "int32": pa.int32(), "int64": pa.int64(), "float32": pa.float32(), "bool": pa.bool_()}


def arrow_schema(columns: dict[str, str], not_null: set[str]) -> pa.Schema:
    """The Parquet schema, with the datasets Features stored under `huggingface` as datasets does."""
    features = {name: {"dtype": dtype, "_type": "Value"} for name, dtype in columns.items()}
    return pa.schema([pa.field(name, _ARROW[dtype], nullable=name not in not_null) for name, dtype in columns.items()],
                     metadata={"huggingface": json.dumps({"info": {"features": features}})})


def features(columns: dict[str, str]):  # type: ignore[no-untyped-def]
    """The `datasets.Features` of these columns (imports datasets: for checks and cards, not builds)."""
    import datasets

    return datasets.Features({name: datasets.Value(dtype) for name, dtype in columns.items()})


# Records are never null but where the data can be missing; rejects are nullable throughout.
RECORD_SCHEMA = arrow_schema(RECORD_COLUMNS, not_null=set(RECORD_COLUMNS) - {"url", "input_sha256"})
REJECT_SCHEMA = arrow_schema(REJECT_COLUMNS, not_null=set())


def record_rows(doc: Document, paragraphs: list[Paragraph], doc_sha: str) -> list[dict[str, Any]]:
    """The rows of a kept document. Paragraph texts are already redacted; the id and url are
    identifiers and the source a path (builder.text.sanitise); the record id derives from the id as published."""
    doc_id, url, source = identifier(doc.id), identifier(doc.url), path(doc.source)
    return [
        {
            "id": record_id(doc.id, index),
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
            **vars(p.signals or signals(p.text)),
        }
        for index, p in enumerate(paragraphs)
    ]


def encodable(text: str | None) -> str | None:
    """Rejected input may hold lone surrogates, which Parquet (UTF-8) cannot store."""
    return None if text is None else text.encode("utf-8", "replace").decode("utf-8")


def reject_row(reject: Reject) -> dict[str, Any]:
    """A reject as a row; it has been through builder.text.sanitise already (pipeline._reject)."""
    return {
        "kind": reject.kind,
        "reason": reject.reason,
        "message": encodable(reject.message),
        "source": encodable(reject.source),
        "line": reject.location.line,
        "doc_id": encodable(reject.doc_id),
        "char_start": reject.char_start,
        "char_end": reject.char_end,
        "text": encodable(reject.text),
        "duplicate_of": encodable(reject.duplicate_of),
    }
