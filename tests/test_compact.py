"""The compact hash index the release checks and the build use."""

from __future__ import annotations


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
