"""The one column spec of a release, and what derives from it.

A column is its name, Arrow type, whether it can be null, the sentence the card shows, and the extra
JSON Schema constraints its values keep. From the lists below come the Parquet schema (with the
`datasets` Features in its metadata, as `datasets` writes them), the `datasets.Features`, the record
and reject JSON Schemas (schema/record.schema.json and schema/reject.schema.json are these, written
by `python -m builder.columns`; a test holds them equal), the card's field table, the manifest's
column list, the release checks and `diff`.

Adding a built-in output column touches this file and its producer only: a quality signal is a field
of `builder.text.quality.Signals`, a per-document column a field of the raw document (its type checked
by schema/document.schema.json), anything else a key of `builder.release.records.record_rows`. Then run
`python -m builder.columns` and regenerate the golden files (tests/test_columns.py holds every derived
artefact to this list).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import pyarrow as pa

if TYPE_CHECKING:
    import datasets

# `datasets` Value dtype -> Arrow type, for the types a column may have (user metadata fields and
# annotators too); the JSON Schema type of each
DTYPES: dict[str, pa.DataType] = {"string": pa.string(), "int32": pa.int32(), "int64": pa.int64(),
                                  "float32": pa.float32(), "float64": pa.float64(), "bool": pa.bool_()}
_JSON_TYPES = {"string": "string", "int32": "integer", "int64": "integer", "float32": "number", "float64": "number",
               "bool": "boolean"}
NAME_PATTERN = "^[A-Za-z_][A-Za-z0-9_]{0,63}$"  # a column name a user may declare (metadata fields, annotators)


@dataclass(frozen=True)
class Column:
    name: str
    type: pa.DataType
    description: str
    nullable: bool = False
    # JSON Schema keywords its values keep beyond their type (pattern, minimum, enum, …)
    constraints: Mapping[str, Any] = field(default_factory=dict, compare=False)
    # how a build makes its text safe to publish (builder.text.sanitise): free "text" has addresses
    # replaced, an "identifier" has them pseudonymised; validate checks a release did so
    sanitised: Literal["", "text", "identifier"] = ""

    @property
    def dtype(self) -> str:
        """The `datasets` Value dtype of the column."""
        return next(name for name, arrow in DTYPES.items() if arrow == self.type)

    def json_schema(self) -> dict[str, Any]:
        kind = _JSON_TYPES[self.dtype]
        return {"description": self.description, "type": [kind, "null"] if self.nullable else kind, **self.constraints}

    def to_dict(self) -> dict[str, Any]:
        """As the manifest lists it."""
        return {"name": self.name, "type": self.dtype, "nullable": self.nullable, "description": self.description}


def column(name: str, dtype: str, description: str, nullable: bool = True) -> Column:
    """A column given by its `datasets` dtype (as a config or a manifest names it)."""
    return Column(name, DTYPES[dtype], description, nullable)


_HEX32 = {"pattern": "^[0-9a-f]{32}$", "minLength": 32, "maxLength": 32}
_SHA256 = {"pattern": "^[0-9a-f]{64}$", "minLength": 64, "maxLength": 64}  # lengths: `$` also matches before "\n"
_SHARE = {"minimum": 0, "maximum": 1}
_COUNT = {"minimum": 0}

# Per-document columns: the raw document's field of the same name (schema/document.schema.json checks
# its type), the same on every row of the document; null when the document does not give it.
DOCUMENT_COLUMNS = [
    Column("title", pa.string(), "The document's headline or title, if its source gives one separately.", True,
           sanitised="text"),
    Column("author", pa.string(), "The document's author or authors, as its source gives them.", True,
           sanitised="text"),
    Column("date_published", pa.string(), "Publication date or date-time of the document, as its source gives it: "
           "ISO 8601 where the source or its reader writes it so (TREC RFC 2822 dates and Parquet timestamps are "
           "converted); not checked, other text is kept as written.", True, sanitised="text"),
    Column("license", pa.string(), "License of the document (SPDX identifier or free text), as its source gives it.",
           True, sanitised="text"),
]

# The quality signals (builder.text.quality.Signals, in its field order): the built-in annotator's columns.
SIGNALS = (
    Column("num_words", pa.int32(), "Words in `text` (tokens with a letter in them; Chinese and Japanese: "
           "one per two Han or kana characters).", constraints=_COUNT),
    Column("num_chars", pa.int32(), "Characters in `text`.", constraints={"minimum": 1}),
    Column("alpha_ratio", pa.float32(), "Share of characters that are letters.", constraints=_SHARE),
    Column("digit_ratio", pa.float32(), "Share of characters that are digits (any script).", constraints=_SHARE),
    Column("punct_ratio", pa.float32(), "Share of characters that are punctuation.", constraints=_SHARE),
    Column("script", pa.string(), "The script most letters are written in (`Arabic`, `Latin`, …; `None` without "
           "letters)."),
    Column("script_ratio", pa.float32(), "Share of letters written in `script`.", constraints=_SHARE),
    Column("ends_with_punct", pa.bool_(), "Whether `text` ends with sentence punctuation in any script (closing quotes "
           "allowed after it)."),
)

RECORD_COLUMNS = [
    Column("id", pa.string(), "Stable record id: the first 16 bytes of sha256(doc_id, paragraph_index), in hex.",
           constraints=_HEX32),
    Column("doc_id", pa.string(), "Id of the raw document the paragraph comes from.", constraints={"minLength": 1},
           sanitised="identifier"),
    Column("paragraph_index", pa.int32(), "0-based position of the paragraph among the document's kept paragraphs.",
           constraints=_COUNT),
    Column("text", pa.string(), "The cleaned paragraph, with e-mail and IP addresses replaced by `<email>` and `<ip>`.",
           constraints={"minLength": 1}, sanitised="text"),
    Column("source", pa.string(), "The input file the document was read from, relative to its source root.",
           constraints={"minLength": 1}),
    Column("url", pa.string(), "URL of the raw document, if known.", True, sanitised="identifier"),
    Column("char_start", pa.int64(), "Start offset (in characters) of the paragraph's span in the raw document text.",
           constraints=_COUNT),
    Column("char_end", pa.int64(), "End offset (exclusive): `raw_text[char_start:char_end]` is the span the paragraph "
           "was cleaned from.", constraints=_COUNT),
    Column("doc_sha256", pa.string(), "sha256 of the raw document text (UTF-8), hex.", constraints=_SHA256),
    Column("input_sha256", pa.string(), "sha256 of the input file the raw text was extracted from (an HTML page); null "
           "when the raw text is the input itself.", True, constraints=_SHA256),
    Column("language", pa.string(), "Detected language of the paragraph (ISO 639 code). The document is detected "
           "once; a paragraph that can differ (another script, other letters, an unsure document) is detected on "
           "its own, and takes the document's language otherwise, as lines under 20 characters and lines the "
           "detector confuses with the document's language (Persian, Urdu) do.", constraints={"minLength": 2}),
    Column("language_score", pa.float32(), "Detector confidence for `language`, 0 to 1 (the document's where the "
           "paragraph takes the document's language).", constraints=_SHARE),
    *SIGNALS,
    *DOCUMENT_COLUMNS,
]

REJECT_COLUMNS = [
    Column("kind", pa.string(), "What was dropped.", constraints={"enum": ["document", "line"]}),
    Column("reason", pa.string(), "The reason code (builder/reasons.py).",
           constraints={"pattern": "^[a-z][a-z0-9_]*$", "maxLength": 64}),
    Column("message", pa.string(), "What was wrong, for a person.", True, sanitised="text"),
    Column("source", pa.string(), "The input file, relative to its source root.", True),
    Column("line", pa.int64(), "1-based line (or row, or array item) of the input.", True, constraints={"minimum": 1}),
    Column("doc_id", pa.string(), "Id of the document, when it has one.", True, sanitised="identifier"),
    Column("char_start", pa.int64(), "Start of the dropped span in the raw document text (lines only).", True,
           constraints=_COUNT),
    Column("char_end", pa.int64(), "End (exclusive) of the dropped span.", True, constraints=_COUNT),
    Column("text", pa.string(), "The dropped line, or the start of the dropped document.", True, sanitised="text"),
    Column("duplicate_of", pa.string(), "For duplicates: the record or document id kept instead.", True,
           sanitised="identifier"),
    Column("language", pa.string(), "For what a document or paragraph filter dropped: its detected language (ISO "
           "639 code; a document's is the vote of its lines).", True, constraints={"minLength": 2}),
    Column("language_score", pa.float32(), "Detector confidence for `language`, 0 to 1.", True, constraints=_SHARE),
]

BUILT_IN = {c.name for c in RECORD_COLUMNS}


class ColumnClash(ValueError):
    """Two columns of a release would have the same name."""


def record_columns(extra: Iterable[Column] = ()) -> list[Column]:
    """The record columns of a build: the built-in ones, then its extra ones (declared metadata fields,
    annotators) in order. ColumnClash when a name is taken."""
    columns = list(RECORD_COLUMNS)
    for col in extra:
        if col.name in BUILT_IN:
            raise ColumnClash(f"column {col.name!r} is a built-in column of every release; choose another name")
        if any(c.name == col.name for c in columns):
            raise ColumnClash(f"column {col.name!r} is declared twice")
        columns.append(col)
    return columns


def metadata_columns(declared: Iterable[tuple[str, str]]) -> list[Column]:
    """The columns of the `metadata_columns` setting: key of the document's `metadata` -> dtype."""
    return [Column(name, DTYPES[dtype], f"The document's `metadata.{name}` ({dtype}; null when it does not give it).",
                   True, sanitised="text" if dtype == "string" else "") for name, dtype in declared]


def arrow_schema(columns: Sequence[Column]) -> pa.Schema:
    """The Parquet schema, with the datasets Features stored under `huggingface` as datasets does
    (not importing datasets here keeps 80 MB out of every build process)."""
    features = {c.name: {"dtype": c.dtype, "_type": "Value"} for c in columns}
    return pa.schema([pa.field(c.name, c.type, nullable=c.nullable) for c in columns],
                     metadata={"huggingface": json.dumps({"info": {"features": features}})})


def features(columns: Sequence[Column]) -> datasets.Features:
    """The `datasets.Features` of these columns (imports datasets: for checks and cards, not builds)."""
    import datasets

    return datasets.Features({c.name: datasets.Value(c.dtype) for c in columns})


SCHEMA_VERSION = "2.0.0"
SCHEMAS = {
    "record": (RECORD_COLUMNS, "Paragraph record", (
        "One output row: a cleaned paragraph with the provenance needed to trace it to its raw document, and its "
        "document's own fields. A release may add columns (declared metadata fields, annotators; listed in its "
        "manifest.json): validate checks the built-in ones here.")),
    "reject": (REJECT_COLUMNS, "Reject row", (
        "One row of the rejects config: a document or line that did not make it into the dataset, with its reason code "
        "and location. validate also checks that the reason is a known code and that the offsets are a span.")),
}


def json_schema(name: str) -> dict[str, Any]:
    """schema/{name}.schema.json as derived from the columns."""
    columns, title, description = SCHEMAS[name]
    return {"$schema": "https://json-schema.org/draft/2020-12/schema",
            "$id": f"https://dataset-builder.dev/schema/{name}/{SCHEMA_VERSION}", "version": SCHEMA_VERSION,
            "title": title, "description": description, "type": "object", "required": [c.name for c in columns],
            "additionalProperties": False, "properties": {c.name: c.json_schema() for c in columns}}


def schema_text(name: str) -> str:
    return json.dumps(json_schema(name), indent=2, ensure_ascii=False) + "\n"


def main(argv: Sequence[str] = ()) -> int:
    """`python -m builder.columns [SCHEMA_DIR]`: rewrite the record and reject schemas from the columns."""
    from builder.schemas import SCHEMA_DIR

    folder = Path(argv[0]) if argv else SCHEMA_DIR
    for name in SCHEMAS:
        path = folder / f"{name}.schema.json"
        text = schema_text(name)
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
