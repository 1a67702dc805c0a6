"""The Parquet schemas we derive by hand equal what `datasets` itself derives from the same Features."""

from __future__ import annotations

import datasets

from builder.records import RECORD_COLUMNS, RECORD_SCHEMA, REJECT_COLUMNS, REJECT_SCHEMA, features


def test_schemas_and_features_metadata_match_datasets() -> None:
    for columns, schema in ((RECORD_COLUMNS, RECORD_SCHEMA), (REJECT_COLUMNS, REJECT_SCHEMA)):
        reference = datasets.Features({n: datasets.Value(d) for n, d in columns.items()}).arrow_schema
        assert schema.metadata == reference.metadata
        assert [(f.name, f.type) for f in schema] == [(f.name, f.type) for f in reference]
        assert datasets.Features.from_arrow_schema(schema) == features(columns)
    assert [f.name for f in RECORD_SCHEMA if f.nullable] == ["url", "input_sha256"]
    assert all(f.nullable for f in REJECT_SCHEMA)
