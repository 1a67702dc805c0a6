"""Memory stays bounded: per document (MinHash of a huge document) and per build (what the main
process keeps for each document it has seen)."""

from __future__ import annotations

import random
import subprocess
import sys
import textwrap

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from builder import dedup
from tests.conftest import ROOT, VOCABULARY


def reference_minhash(shingles: np.ndarray) -> np.ndarray:
    """The signature as it was computed before chunking: every shingle against every permutation at once."""
    with np.errstate(over="ignore"):
        return (((np.outer(shingles, dedup._A) + dedup._B) % dedup._PRIME) & dedup._MAX_HASH).min(axis=0)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(0, 2**64 - 1), min_size=1, max_size=300, unique=True), st.integers(1, 64))
def test_chunked_minhash_equals_the_whole_outer_product(values: list[int], chunk: int) -> None:
    shingles = np.array(sorted(values), dtype=np.uint64)
    assert np.array_equal(dedup.minhash(shingles, chunk), reference_minhash(shingles))


@settings(max_examples=50, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("abc ءاب\n0.")), max_size=400))
def test_signature_of_a_text_is_unchanged(text: str) -> None:
    assert np.array_equal(dedup.signature(text), reference_minhash(dedup.shingles(text)))


def test_signature_of_a_text_longer_than_a_chunk_is_unchanged() -> None:
    rng = random.Random(7)
    text = " ".join(rng.choice(VOCABULARY) for _ in range(3 * dedup.MINHASH_CHUNK + 123))
    assert len(dedup.shingles(text)) > 2 * dedup.MINHASH_CHUNK
    assert np.array_equal(dedup.signature(text), reference_minhash(dedup.shingles(text)))


PEAK_OF_SIGNATURE = textwrap.dedent("""
    import random, resource, sys
    from tests.conftest import VOCABULARY
    rng = random.Random(3)
    words = [rng.choice(VOCABULARY) for _ in range(2_100_000)]
    text = " ".join(words)  # about 15 MB, ASCII: under the 16 MiB document limit
    del words
    assert 14e6 < len(text) < 16 * 2**20, len(text)
    import builder.dedup
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    builder.dedup.signature(text)
    after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print((after - before) * 1024)
""")


def test_signature_of_a_15_mb_document_stays_within_a_bounded_memory() -> None:
    """A 15 MB document (2.1M words) took 4 GB here: 2.1M shingles x 112 permutations as uint64, twice.
    What is left is the words and their hashes, a small multiple of the text."""
    done = subprocess.run([sys.executable, "-c", PEAK_OF_SIGNATURE], cwd=ROOT, capture_output=True, text=True,
                          timeout=600)
    assert done.returncode == 0, done.stderr
    grew = int(done.stdout.split()[-1])
    assert grew < 400 * 2**20, f"signature() of a 15 MB text raised the peak RSS by {grew / 2**20:.0f} MiB"
