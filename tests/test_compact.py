"""The compact hash index the release checks and the build use."""

from __future__ import annotations

from pathlib import Path

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


@pytest.mark.parametrize("compact", [False, True])
@pytest.mark.parametrize("spill", [None, 1, 50])
@pytest.mark.parametrize("chunk", [None, 1, 3, 16])
def test_sorted_runs_answer_as_a_dict_does_batch_after_batch(chunk: int | None, spill: int | None, compact: bool,
                                                             tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Looked up and added a batch at a time, merged as they grow (in chunks of every size, down to one
    key), held in memory or written to disk from `spill` keys a run (the keys' top bits whole, or split
    as a big run's are): every key keeps the value it was added with."""
    import random

    import numpy as np

    from builder.run.compact import SortedRuns, _TopBits

    if compact:
        monkeypatch.setattr(_TopBits, "COMPACT", 1)
    index, reference = SortedRuns(values=np.uint32, folder=tmp_path if spill else None), {}
    if chunk:
        index.CHUNK = chunk
    if spill:
        index.SPILL = spill
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
    if spill:
        assert any(run.file is not None for run in index.runs)
    for run in index.runs:  # each run sorted across its chunks, each chunk no larger than CHUNK
        chunks = list(run.take())
        keys = np.concatenate([keys for keys, _ in chunks])
        assert np.all(keys[1:] > keys[:-1]) and all(0 < len(k) <= index.CHUNK for k, _ in chunks)


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


@pytest.mark.parametrize("compact", [False, True])
def test_keys_on_disk_that_share_their_top_bits_are_told_apart(compact: bool, tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """On disk only a key's top 32 bits are held (whole, or split as a big run's are): keys that share them
    (and keys that are not in but share them with some that are, or their upper 16 bits) get exactly their
    own answer, read from the full keys."""
    import numpy as np

    from builder.run.compact import SortedRuns, _TopBits

    if compact:
        monkeypatch.setattr(_TopBits, "COMPACT", 1)
    index = SortedRuns(values=np.uint32, folder=tmp_path)
    index.SPILL, index.CHUNK = 1, 4
    top = np.uint64(0xDEADBEEF) << np.uint64(32)
    keys = top | np.arange(1, 41, 2, dtype=np.uint64)  # 20 keys, one top, across 5 chunks
    near = np.array([0xDEADBEEE, 0xDEADBEF0, 0xDEADFFFF, 0xDEAE0000, 0xDEAC0000], dtype=np.uint64) << np.uint64(32)
    index.add_many(keys[:10], np.arange(10, dtype=np.uint64) + 100)
    index.add_many(keys[10:], np.arange(10, 20, dtype=np.uint64) + 100)
    index.add_many(near | np.uint64(7), np.arange(5, dtype=np.uint64) + 200)
    assert all(run.file is not None for run in index.runs)
    assert all(run.tops.compact == compact for run in index.runs)
    asked = np.concatenate([keys, near | np.uint64(7), keys + np.uint64(1), near | np.uint64(8),
                            np.array([1, 2**64 - 1], dtype=np.uint64)])
    found, values = index.get_many(asked)
    assert found.tolist() == [True] * 25 + [False] * 27
    assert values[:25].tolist() == [*range(100, 120), *range(200, 205)] and not values[25:].any()


def test_a_big_index_on_disk_holds_about_two_bytes_a_key(tmp_path: Path) -> None:
    """The band index of 200,000 documents (2.8 million keys): in a run that big, a key's top 32 bits take
    about 2 bytes (their lower 16 bits, and where each value of the upper 16 starts), not 4; every key is found."""
    import tracemalloc

    import numpy as np

    from builder.run.compact import SortedRuns

    keys = np.unique(np.random.default_rng(5).integers(1, 2**64, 600_000, dtype=np.uint64))
    tracemalloc.start()
    try:
        index = SortedRuns(values=np.uint32, folder=tmp_path)
        before = tracemalloc.get_traced_memory()[0]
        index.add_many(keys, np.arange(len(keys), dtype=np.uint64))
        held = tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()
    assert len(index.runs) == 1 and index.runs[0].file is not None
    assert held < 2.6 * len(keys)  # 2 bytes a key and 256 KB of starts (4 bytes a key before)
    found, values = index.get_many(keys[::7])
    assert found.all() and values.tolist() == list(range(0, len(keys), 7))
    found, _ = index.get_many(keys[::7] + np.uint64(1))
    assert not found.any()
    index.close()


def test_an_index_on_disk_holds_four_bytes_a_key(tmp_path: Path) -> None:
    """The band and paragraph indexes of a big build: on disk, a key costs its top 32 bits in memory
    (12 to 16 bytes held in memory, keys and values, before)."""
    import tracemalloc

    import numpy as np

    from builder.run.compact import SortedRuns

    rng = np.random.default_rng(3)
    tracemalloc.start()
    try:
        index = SortedRuns(values=np.uint32, folder=tmp_path)
        index.SPILL = 5_000  # every run, as a big build's runs are
        for _ in range(40):
            keys = np.unique(rng.integers(1, 2**64, 10_000, dtype=np.uint64))
            index.add_many(keys, np.arange(len(keys), dtype=np.uint64))
        held = tracemalloc.get_traced_memory()[0]
    finally:
        tracemalloc.stop()
    assert index.size > 390_000
    assert held < 4.5 * index.size  # 4 bytes a key, the last batch and the chunks' few bytes
    found, _ = index.get_many(keys)
    assert found.all()
    index.close()


@pytest.mark.parametrize(("chunk", "every"), [(1, 1), (3, 7), (16, 50), (1 << 16, 1 << 19)])
def test_key_counter_counts_as_a_counter_does(chunk: int, every: int) -> None:
    """Counted in a chunk at a time, chunks split as they grow (down to one key each): the same counts as
    collections.Counter, whatever the order and the batches."""
    import random
    from collections import Counter

    import numpy as np

    from builder.run.compact import KeyCounter

    counter, reference, rng = KeyCounter(), Counter[int](), random.Random(13)
    counter.CHUNK, counter.COMPACT_EVERY = chunk, every
    pool = [rng.getrandbits(64) for _ in range(300)]
    for _ in range(60):
        keys = [rng.choice(pool) for _ in range(rng.randrange(0, 30))]
        counter.add(np.array(keys, dtype=np.uint64))
        reference.update(keys)
        n = rng.randrange(1, 6)
        assert counter.at_least(n).tolist() == sorted(k for k, c in reference.items() if c >= n)
    assert all(0 < len(keys) <= chunk for keys, _ in counter.chunks)


def test_counting_in_needs_a_chunk_not_a_second_copy_of_every_key() -> None:
    """The first pass's line counter of a big build: counting a batch in re-sorted every key with it (twice
    the counter and more for a moment); now each chunk the batch falls in is rebuilt on its own."""
    import tracemalloc

    import numpy as np

    from builder.run.compact import KeyCounter

    counter, rng = KeyCounter(), np.random.default_rng(9)
    counter.COMPACT_EVERY = 20_000
    tracemalloc.start()  # before the counter is filled: what a merge frees is counted too
    try:
        for _ in range(50):
            counter.add(rng.integers(1, 2**64, 20_000, dtype=np.uint64))
        before = tracemalloc.get_traced_memory()[0]
        tracemalloc.reset_peak()
        counter.add(rng.integers(1, 2**64, 20_000, dtype=np.uint64))
        peak = tracemalloc.get_traced_memory()[1] - before
    finally:
        tracemalloc.stop()
    assert sum(len(keys) for keys, _ in counter.chunks) > 1_000_000  # 12 MB
    assert peak < 4 * 2**20, peak  # the batch sorted, a chunk or two rebuilt (was about 40 MB)
