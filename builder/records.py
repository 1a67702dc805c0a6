"""The only place that knows the output columns: record and reject schemas, and row construction."""

from __future__ import annotations

from typing import Any

import datasets
import pyarrow as pa

from builder.document import Document, Paragraph, Reject
from builder.ids import record_id
from builder.quality import signals

RECORD_FEATURES = datasets.Features({
    "id": datasets.Value("string"),
    "doc_id": datasets.Value("string"),
    "paragraph_index": datasets.Value("int32"),
    "text": datasets.Value("string"),
    "source": datasets.Value("string"),
    "url": datasets.Value("string"),
    "char_start": datasets.Value("int64"),
    "char_end": datasets.Value("int64"),
    "doc_sha256": datasets.Value("string"),
    "input_sha256": datasets.Value("string"),
    "language": datasets.Value("string"),
    "language_score": datasets.Value("float32"),
    "num_words": datasets.Value("int32"),
    "num_chars": datasets.Value("int32"),
    "alpha_ratio": datasets.Value("float32"),
    "digit_ratio": datasets.Value("float32"),
    "punct_ratio": datasets.Value("float32"),
    "script": datasets.Value("string"),
    "script_ratio": datasets.Value("float32"),
    "ends_with_punct": datasets.Value("bool"),
})

REJECT_FEATURES = datasets.Features({
    "kind": datasets.Value("string"),
    "reason": datasets.Value("string"),
    "message": datasets.Value("string"),
    "source": datasets.Value("string"),
    "line": datasets.Value("int64"),
    "doc_id": datasets.Value("string"),
    "char_start": datasets.Value("int64"),
    "char_end": datasets.Value("int64"),
    "text": datasets.Value("string"),
    "duplicate_of": datasets.Value("string"),
})

# Nullable only where the data can be missing; the Features ride along in the schema metadata.
_NULLABLE = {"url", "input_sha256"}
RECORD_SCHEMA: pa.Schema = pa.schema(
    [pa.field(f.name, f.type, nullable=f.name in _NULLABLE) for f in RECORD_FEATURES.arrow_schema],
    metadata=RECORD_FEATURES.arrow_schema.metadata,
)
REJECT_SCHEMA: pa.Schema = REJECT_FEATURES.arrow_schema


def record_rows(doc: Document, paragraphs: list[Paragraph], doc_sha: str) -> list[dict[str, Any]]:
    return [
        {
            "id": record_id(doc.id, index),
            "doc_id": doc.id,
            "paragraph_index": index,
            "text": p.text,
            "source": doc.source,
            "url": doc.url,
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


def _encodable(text: str | None) -> str | None:
    """Rejected input may hold lone surrogates, which Parquet (UTF-8) cannot store."""
    return None if text is None else text.encode("utf-8", "replace").decode("utf-8")


def reject_row(reject: Reject) -> dict[str, Any]:
    return {
        "kind": reject.kind,
        "reason": reject.reason,
        "message": _encodable(reject.message),
        "source": _encodable(reject.source),
        "line": reject.location.line,
        "doc_id": _encodable(reject.doc_id),
        "char_start": reject.char_start,
        "char_end": reject.char_end,
        "text": _encodable(reject.text),
        "duplicate_of": _encodable(reject.duplicate_of),
    }
