"""One column of the release: its name, Arrow type, whether it can be null, and the sentence the card
shows. The record and reject columns, their JSON Schemas, the Parquet schema, the `datasets` Features,
the card's field table, the release checks and `diff` are all derived from lists of these."""

from __future__ import annotations

from dataclasses import dataclass

import pyarrow as pa


@dataclass(frozen=True)
class Column:
    name: str
    type: pa.DataType
    description: str
    nullable: bool = False
