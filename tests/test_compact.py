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


def test_sorted_runs_answer_as_a_dict_does_batch_after_batch() -> None:
    """Looked up and added a batch at a time, merged as they grow: every key keeps the value it was added with."""
    import random

    import numpy as np

    from builder.run.compact import SortedRuns

    index, reference = SortedRuns(values=np.uint32), {}
    rng = random.Random(11)
    for _ in range(300):
        batch = [rng.choice(list(reference)) if reference and rng.random() < 0.4 else rng.getrandbits(64) | 1
                 for _ in range(rng.randrange(0, 40))]
        found, values = index.get_many(np.array(batch, dtype=np.uint64))
        assert found.tolist() == [key in reference for key in batch]
        hits = [int(value) for value, hit in zip(values, found, strict=True) if hit]
        assert hits == [reference[k] for k in batch if k in reference]
        new = list(dict.fromkeys(key for key in batch if key not in reference))
        for key in new:
            reference[key] = rng.getrandbits(32)
        index.add_many(np.array(new, dtype=np.uint64), np.array([reference[k] for k in new], dtype=np.uint64))
    assert index.size == len(reference)
    assert len(index.runs) <= 2 * len(reference).bit_length()  # merged as it grew, not one run per batch
    assert all(np.all(keys[1:] > keys[:-1]) for keys, _ in index.runs)
