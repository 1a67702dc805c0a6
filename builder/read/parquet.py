"""`.parquet`: one document per row, under the same limits as every other format."""

from __future__ import annotations

import datetime
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from builder.outcomes import Location, RawDocument, Reject
from builder.read.inputs import DecompressionLimit, InputFile, Limits, reasons
from builder.steps import Reader

PARQUET_BATCH_ROWS = 1024
PARQUET_BATCH_BYTES = 32 * 1024 * 1024  # decoded Arrow data per batch, as far as the metadata tells


@dataclass(frozen=True)
class ParquetReader(Reader):
    """Parquet is compressed, so the file's metadata (uncompressed sizes) is held to
    max_decompression_ratio before anything is decoded, and so is the decoded data as it comes; a
    row over max_document_bytes is too_large. Batches are sized from the metadata, so a file of big
    rows is not decoded 1024 rows at a time."""

    name: ClassVar[str] = "parquet"
    reasons: ClassVar[dict[str, str]] = reasons("too_large", "decompression_limit", "schema_invalid")
    suffixes: ClassVar[tuple[str, ...]] = (".parquet",)

    def read(self, file: InputFile, limits: Limits) -> Iterator[RawDocument | Reject]:
        with file.open() as handle:
            yield from self._read(pq.ParquetFile(handle), file, limits)

    def _read(self, parquet: pq.ParquetFile, file: InputFile, limits: Limits) -> Iterator[RawDocument | Reject]:
        if twice := _named_twice(parquet.schema_arrow):  # every row means different things to different tools
            for row in range(parquet.metadata.num_rows):
                yield Reject.document("schema_invalid", Location(file.display, row + 1), file.relative, message=twice)
            return
        size = file.size()
        budget = limits.budget(size)
        ratio = limits.max_decompression_ratio
        declared = sum(parquet.metadata.row_group(i).total_byte_size for i in range(parquet.metadata.num_row_groups))
        if declared > budget:
            raise DecompressionLimit(f"its metadata declares {declared} bytes of data in {size} bytes of file, over "
                                     f"{ratio}x (a decompression bomb?); nothing was decoded; raise "
                                     "max_decompression_ratio if not")
        row = decoded = 0
        for batch in parquet.iter_batches(batch_size=parquet_batch_rows(parquet)):
            decoded += batch.nbytes
            if decoded > budget:
                raise DecompressionLimit(f"stopped at row {row + 1}: {decoded} bytes decoded from {size}, over "
                                         f"{ratio}x (a decompression bomb?); raise max_decompression_ratio if not")
            sizes = _row_sizes(batch)
            big = [n > limits.max_document_bytes for n in sizes]
            rows = iter(_python_rows(batch.filter(pa.array([not b for b in big])) if any(big) else batch))
            if _has_dates(batch.schema):
                rows = (_iso_dates(r) for r in rows)
            for n, too_large in zip(sizes, big, strict=True):
                row += 1
                where = Location(file.display, row)
                if too_large:
                    yield Reject.document("too_large", where, file.relative, message=f"row of {n} bytes, over the "
                                          f"limit of {limits.max_document_bytes} (max_document_bytes)")
                elif isinstance(values := next(rows), _Unrepresentable):
                    yield Reject.document("schema_invalid", where, file.relative, message=values.message)
                else:
                    yield RawDocument(where, file.relative, values)


def _named_twice(kind: pa.Schema | pa.DataType, path: str = "$") -> str | None:
    """A column, or a struct's field at any depth, named twice: as with a JSON object naming a key twice
    (jsonl.DuplicateKey), readers disagree on which value counts (a row as a dict keeps the last; pyarrow
    refuses a struct's), so every row of the file is schema_invalid, and nothing is decoded."""
    fields = list(kind) if isinstance(kind, pa.Schema) else \
        [kind.field(i) for i in range(kind.num_fields)] if pa.types.is_nested(kind) else []
    named = isinstance(kind, pa.Schema) or pa.types.is_struct(kind)  # a list's or a map's fields are no keys
    seen: set[str] = set()
    for field in fields if named else ():
        if field.name in seen:
            what = "column" if isinstance(kind, pa.Schema) else "field"
            return f"{path}: names the {what} {field.name!r} twice: readers disagree on which value counts; keep one"
        seen.add(field.name)
    for field in fields:
        if found := _named_twice(field.type, f"{path}.{field.name}" if named else f"{path}[]"):
            return found
    return None


@dataclass(frozen=True)
class _Unrepresentable:
    """A row holding a value Python has no object for, and what it is."""

    message: str


def _python_rows(batch: pa.RecordBatch) -> Sequence[dict[str, Any] | _Unrepresentable]:
    """The batch's rows as Python values. A timestamp or date outside Python's years 1 to 9999 (Parquet stores
    64-bit microseconds or days: a year of -1200 or 300000 is a valid value there) has no Python object: its row
    is a located schema_invalid reject naming the column, where it stopped the build with OverflowError (exit 3)."""
    try:
        return batch.to_pylist()
    except (OverflowError, ValueError):  # pyarrow's ArrowInvalid is a ValueError
        return [_python_row(batch, index) for index in range(batch.num_rows)]


def _python_row(batch: pa.RecordBatch, index: int) -> dict[str, Any] | _Unrepresentable:
    row: dict[str, Any] = {}
    for name, column in zip(batch.schema.names, batch.columns, strict=True):
        try:
            row[name] = column[index].as_py()
        except (OverflowError, ValueError) as exc:
            return _Unrepresentable(f"$.{name}: a value with no Python equivalent ({exc}); a date or time must be "
                                    "within years 1 to 9999")
    return row


def _has_dates(schema: pa.Schema) -> bool:
    return any(_is_temporal(field.type) for field in schema)


def _is_temporal(kind: pa.DataType) -> bool:
    if pa.types.is_timestamp(kind) or pa.types.is_date(kind) or pa.types.is_time(kind):
        return True
    fields = [kind.field(i).type for i in range(kind.num_fields)] if pa.types.is_nested(kind) else []
    return any(_is_temporal(field) for field in fields)


def _iso_dates(value: Any) -> Any:
    """A row with its timestamps, dates and times as ISO 8601 strings, as a document in JSON has them (the
    schema's fields are strings): a timestamp with a time zone keeps its offset (UTC: +00:00), one without
    stays without, as Parquet stores it (a local time)."""
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, dict):
        return {key: _iso_dates(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_iso_dates(item) for item in value]
    return value


def parquet_batch_rows(parquet: pq.ParquetFile) -> int:
    """Rows per batch: PARQUET_BATCH_ROWS, fewer where the metadata's bytes per row say a batch
    would be over PARQUET_BATCH_BYTES."""
    meta = parquet.metadata
    widest = max((meta.row_group(i).total_byte_size / max(1, meta.row_group(i).num_rows)
                  for i in range(meta.num_row_groups)), default=0)
    return max(1, min(PARQUET_BATCH_ROWS, int(PARQUET_BATCH_BYTES // max(1.0, widest))))


def _row_sizes(batch: pa.RecordBatch) -> list[int]:
    """Bytes of text (string and binary columns) in each row: what max_document_bytes limits."""
    total = np.zeros(batch.num_rows, np.int64)
    for column in batch.columns:
        if pa.types.is_string(column.type) or pa.types.is_large_string(column.type) \
                or pa.types.is_binary(column.type) or pa.types.is_large_binary(column.type):
            lengths = pc.binary_length(column)  # type: ignore[call-overload]  # the stubs want a typed array
            total += lengths.fill_null(0).to_numpy(zero_copy_only=False)
    return [int(n) for n in total]
