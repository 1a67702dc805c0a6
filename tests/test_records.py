"""The Parquet schemas we derive by hand equal what `datasets` itself derives from the same Features."""

from __future__ import annotations

import datasets

from builder.release.records import RECORD_COLUMNS, RECORD_SCHEMA, REJECT_COLUMNS, REJECT_SCHEMA, features


def test_schemas_and_features_metadata_match_datasets() -> None:
    for columns, schema in ((RECORD_COLUMNS, RECORD_SCHEMA), (REJECT_COLUMNS, REJECT_SCHEMA)):
        reference = datasets.Features({n: datasets.Value(d) for n, d in columns.items()}).arrow_schema
        assert schema.metadata == reference.metadata
        assert [(f.name, f.type) for f in schema] == [(f.name, f.type) for f in reference]
        assert datasets.Features.from_arrow_schema(schema) == features(columns)
    assert [f.name for f in RECORD_SCHEMA if f.nullable] == ["url", "input_sha256"]
    assert all(f.nullable for f in REJECT_SCHEMA)


def test_hash_index_behaves_like_a_dict() -> None:
    import random

    from builder.run.compact import HashIndex, KeyCounter

    table, reference = HashIndex(capacity=4), {}
    rng = random.Random(7)
    for _ in range(5000):
        key = rng.choice(list(reference)) if reference and rng.random() < 0.3 else rng.getrandbits(64) | 1
        assert table.get(key) == reference.get(key)
        assert table.setdefault(key, rng.getrandbits(63)) == reference.get(key)
        reference.setdefault(key, table.get(key))
    assert table.size == len(reference)

    import numpy as np

    counter = KeyCounter()
    counter.COMPACT_EVERY = 50
    seen: list[int] = []
    for _ in range(40):
        keys = [rng.randrange(1, 100) for _ in range(30)]
        counter.add(np.array(keys, dtype=np.uint64))
        seen += keys
    assert counter.at_least(15).tolist() == sorted(k for k in set(seen) if seen.count(k) >= 15)
