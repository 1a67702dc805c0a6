"""Near-duplicate detection by MinHash/LSH: precision, recall and speed, before (numpy, until issue 12)
and now (word hashes with numpy, signatures by rensa, a batch at a time).

Pairs: distinct paragraphs of ../shared/corpus with 40 to 400 words (the bases), each paired with an
edited copy at several edit rates (word insertions, deletions and substitutions, words drawn from the
corpus), and every other pair the LSH puts in one bucket (bases against bases and against other bases'
copies: the true non-duplicates, and the corpus's own near-duplicates). Every pair is judged by the
exact Jaccard similarity of its word 5-gram sets (words in matching form, as the build shingles them):
a near-duplicate is J >= 0.75, what 14 bands of 8 rows aim at. Prints, for each implementation:
precision and recall of near-duplicate pairs, how often a pair is caught by its Jaccard (the S-curve,
with the theoretical 1 - (1 - J^8)^14), and the seconds for the band keys of 10,000 paragraphs.

Run:  .venv/bin/python -m benchmarks.minhash_quality [--bases 3000] [--corpus DIR]
"""

from __future__ import annotations

import argparse
import hashlib
import random
import time
import zlib
from collections import defaultdict
from collections.abc import Callable, Sequence
from itertools import combinations
from pathlib import Path

import numpy as np

from benchmarks.corpus_to_jsonl import DEFAULT_CORPUS, documents, missing
from builder.dedup import minhash
from builder.text.keys import key_words

THRESHOLD = 0.75
RATES = (0.005, 0.01, 0.02, 0.03, 0.05, 0.08, 0.12, 0.2)  # share of words edited (at least one edit)
BUCKETS = (0.0, 0.5, 0.6, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95, 1.01)
BATCH = 256  # texts per call of the new code, as a build's batch of documents


class Before:
    """The signature and band keys as they were computed until issue 12 (builder/dedup/selection.py at
    c7b8547), kept here to compare with: crc32 of each word in Python, (a*x + b) mod (2**61 - 1) over
    numpy arrays, blake2b of each band."""

    prime = np.uint64((1 << 61) - 1)
    rng = np.random.default_rng(1234567)
    a = rng.integers(1, (1 << 61) - 1, size=112, dtype=np.uint64)
    b = rng.integers(0, (1 << 61) - 1, size=112, dtype=np.uint64)

    @classmethod
    def shingles(cls, text: str) -> np.ndarray:
        tokens = key_words(text) or [""]
        hashes = np.fromiter((zlib.crc32(t.encode("utf-8", "surrogatepass")) for t in tokens), dtype=np.uint64,
                             count=len(tokens))
        n = max(1, len(hashes) - 4)
        combined = np.zeros(n, dtype=np.uint64)
        with np.errstate(over="ignore"):
            for j in range(min(5, len(hashes))):
                combined = combined * np.uint64(1_000_003) + hashes[j : j + n]
        return np.unique(combined)

    @classmethod
    def band_keys(cls, text: str) -> list[int]:
        values = cls.shingles(text)
        sig = np.full(112, np.iinfo(np.uint64).max, dtype=np.uint64)
        with np.errstate(over="ignore"):
            for start in range(0, len(values), 8192):
                part = values[start : start + 8192, None] * cls.a
                part += cls.b
                part %= cls.prime
                part &= np.uint64(0xFFFFFFFF)
                np.minimum(sig, part.min(axis=0), out=sig)
        return [int.from_bytes(hashlib.blake2b(sig[i * 8 : (i + 1) * 8].tobytes(), digest_size=8,
                                               person=bytes([i])).digest(), "little") | 1 for i in range(14)]


def before(texts: Sequence[str]) -> list[list[int]]:
    return [Before.band_keys(t) for t in texts]


def now(texts: Sequence[str]) -> list[list[int]]:
    return [keys for start in range(0, len(texts), BATCH) for keys in minhash.band_keys(texts[start : start + BATCH])]


def shingle_set(text: str) -> frozenset[tuple[str, ...]]:
    words = key_words(text) or [""]
    n = max(1, len(words) - 4)
    return frozenset(tuple(words[i : i + 5]) for i in range(n))


def jaccard(a: frozenset[tuple[str, ...]], b: frozenset[tuple[str, ...]]) -> float:
    return len(a & b) / len(a | b)


def bases(corpus: Path, count: int, rng: random.Random) -> list[str]:
    seen: set[str] = set()
    found = []
    for doc in documents(corpus):
        for paragraph in doc["text"].splitlines():
            words = paragraph.split()
            key = " ".join(key_words(paragraph))
            if 40 <= len(words) <= 400 and key not in seen:
                seen.add(key)
                found.append(" ".join(words))
    rng.shuffle(found)
    return found[:count]


def edit(text: str, rate: float, vocabulary: Sequence[str], rng: random.Random) -> str:
    words = text.split()
    for _ in range(max(1, round(rate * len(words)))):
        kind = rng.choice(("insert", "delete", "substitute"))
        at = rng.randrange(len(words))
        if kind == "insert":
            words.insert(at, rng.choice(vocabulary))
        elif kind == "delete" and len(words) > 1:
            del words[at]
        else:
            words[at] = rng.choice(vocabulary)
    return " ".join(words)


def candidates(keys: list[list[int]]) -> set[tuple[int, int]]:
    buckets: dict[tuple[int, int], list[int]] = defaultdict(list)
    for i, text_keys in enumerate(keys):
        for band, key in enumerate(text_keys):
            buckets[band, key].append(i)
    return {pair for members in buckets.values() if len(members) > 1 for pair in combinations(sorted(members), 2)}


def evaluate(name: str, band_keys: Callable[[Sequence[str]], list[list[int]]], texts: list[str], group: list[int],
             truth: dict[tuple[int, int], float], shingled: list[frozenset[tuple[str, ...]]]) -> None:
    start = time.process_time()
    keys = band_keys(texts[:10_000])
    seconds = (time.process_time() - start) * 10_000 / min(10_000, len(texts))
    keys += band_keys(texts[10_000:])
    found = candidates(keys)
    # every candidate pair is judged; pairs of copies of one base are left out (neither base nor truth)
    judged = dict(truth)
    for i, j in found:
        if (i, j) not in judged and group[i] != group[j]:
            judged[i, j] = jaccard(shingled[i], shingled[j])
    considered = [pair for pair in found if pair in judged]
    tp = sum(judged[p] >= THRESHOLD for p in considered)
    positives = [p for p, j in truth.items() if j >= THRESHOLD]
    caught = sum(p in found for p in positives)
    print(f"{name}: precision {tp / max(len(considered), 1):.4f} ({tp} of {len(considered)} candidate pairs), "
          f"recall {caught / max(len(positives), 1):.4f} ({caught} of {len(positives)} edited pairs with "
          f"J >= {THRESHOLD}); band keys {seconds:.2f} s CPU per 10,000 paragraphs")
    by_bucket: dict[int, list[bool]] = defaultdict(list)
    for pair, j in truth.items():
        by_bucket[int(np.searchsorted(BUCKETS, j, side="right")) - 1].append(pair in found)
    cells = []
    for b in sorted(by_bucket):
        low, high = BUCKETS[b], min(BUCKETS[b + 1], 1.0)
        mid = (low + high) / 2
        cells.append(f"[{low:.2f}, {high:.2f}) {np.mean(by_bucket[b]):.3f} of {len(by_bucket[b])} "
                     f"(theory at {mid:.3f}: {1 - (1 - mid ** 8) ** 14:.3f})")
    print("  caught by Jaccard: " + "; ".join(cells))
    false = [(judged[p], texts[p[0]][:80], texts[p[1]][:80]) for p in considered if judged[p] < THRESHOLD
             and group[p[0]] != group[p[1]]]
    print(f"  candidate pairs of different bases under the threshold: {len(false)}"
          + "".join(f"\n    J={j:.2f}: {a!r} / {b!r}" for j, a, b in sorted(false, reverse=True)[:5]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--bases", type=int, default=3000)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--seed", type=int, default=20261129)
    args = parser.parse_args()
    if not (args.corpus / "MANIFEST.tsv").is_file():
        raise SystemExit(missing(args.corpus))
    rng = random.Random(args.seed)
    base = bases(args.corpus, args.bases, rng)
    vocabulary = sorted({w for text in base for w in text.split()})
    texts, group = list(base), list(range(len(base)))
    for g, text in enumerate(base):
        for rate in RATES:
            texts.append(edit(text, rate, vocabulary, rng))
            group.append(g)
    rng.shuffle(order := list(range(len(texts))))  # bases and copies mixed, as in a build
    texts, group = [texts[i] for i in order], [group[i] for i in order]
    shingled = [shingle_set(t) for t in texts]
    first = {}
    for i, g in enumerate(group):
        if texts[i] == base[g]:
            first[g] = i
    truth = {}
    for i, g in enumerate(group):
        if i != first[g]:
            pair = (min(i, first[g]), max(i, first[g]))
            truth[pair] = jaccard(shingled[i], shingled[first[g]])
    start = time.process_time()
    for text in texts[:10_000]:
        key_words(text)
    words_seconds = (time.process_time() - start) * 10_000 / min(10_000, len(texts))
    print(f"{len(base)} paragraphs of the corpus ({np.mean([len(t.split()) for t in base]):.0f} words on average), "
          f"{len(truth)} edited copies ({sum(j >= THRESHOLD for j in truth.values())} with J >= {THRESHOLD}), "
          f"{len(texts)} texts in all; their words in matching form (key_words, part of both below) take "
          f"{words_seconds:.2f} s CPU per 10,000\n")
    evaluate("before (numpy, crc32 words, blake2b bands)", before, texts, group, truth, shingled)
    evaluate("now (numpy word hashes, rensa signatures)", now, texts, group, truth, shingled)


if __name__ == "__main__":
    main()
