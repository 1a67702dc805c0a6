"""The compact hash index the release checks and the build use."""

from __future__ import annotations

import pytest


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


@pytest.mark.parametrize("chunk", [None, 1, 3, 16])
def test_sorted_runs_answer_as_a_dict_does_batch_after_batch(chunk: int | None) -> None:
    """Looked up and added a batch at a time, merged as they grow (in chunks of every size, down to one
    key): every key keeps the value it was added with."""
    import random

    import numpy as np

    from builder.run.compact import SortedRuns

    index, reference = SortedRuns(values=np.uint32), {}
    if chunk:
        index.CHUNK = chunk
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
    for run in index.runs:  # each run sorted across its chunks, each chunk no larger than CHUNK
        keys = np.concatenate([keys for keys, _ in run.chunks])
        assert np.all(keys[1:] > keys[:-1]) and all(0 < len(k) <= index.CHUNK for k, _ in run.chunks)


def test_growing_sorted_runs_needs_a_few_chunks_beyond_the_keys_not_a_second_copy() -> None:
    """A merge goes a chunk at a time and lets go of what it merged: adding a batch never needs much more
    than the index itself (merging the two largest runs whole needed them and their merge at once)."""
    import tracemalloc

    import numpy as np

    from builder.run.compact import SortedRuns

    index, rng = SortedRuns(values=np.uint32), np.random.default_rng(5)
    index.CHUNK = 4096
    worst = 0
    tracemalloc.start()
    try:
        for _ in range(200):
            keys = np.unique(rng.integers(1, 2**64, 1500, dtype=np.uint64))
            values = np.arange(len(keys), dtype=np.uint64)
            before = tracemalloc.get_traced_memory()[0]
            tracemalloc.reset_peak()
            index.add_many(keys, values)
            worst = max(worst, tracemalloc.get_traced_memory()[1] - before)
    finally:
        tracemalloc.stop()
    assert index.size > 250_000  # 12 bytes a key: about 3 MB
    assert worst < 20 * index.CHUNK * 12  # the batch and a few chunks, not the largest runs again (~3 MB)
