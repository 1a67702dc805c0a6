"""MinHash signatures and LSH band keys of texts, a batch at a time: word 5-grams hashed with numpy, the
signatures computed by rensa (Rust) for the whole batch at once.

A text's signature depends on its own words only, never on the batch it came in, so releases are
the same whatever the number of workers.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from rensa import RMinHash

from builder.text.keys import batch_key_text

SHINGLE_WORDS = 5
BANDS, ROWS = 14, 8  # FineWeb's setting: ~0.75 Jaccard similarity is caught with high probability
SEED = 1234567  # fixed: the same text always gives the same signature
# words hashed at once: about 40 bytes of temporaries a byte of them, so 64 k words of news (11 bytes a word) took
# 28 MB, a worker's highest point; 8 k words take 3.5 MB and as much CPU (a word's hash is the same in any chunk)
TOKEN_CHUNK = 1 << 13

_U64 = np.uint64
_BASE = _U64(0x100000001B3)  # FNV's 64-bit prime: odd, so it has an inverse modulo 2**64
_INVERSE = _U64(pow(0x100000001B3, -1, 1 << 64))
_SHINGLE = _U64(1_000_003)  # combines the word hashes of a shingle
_BAND_SEEDS = np.array([(0x9E3779B97F4A7C15 * (b + 1)) % (1 << 64) for b in range(BANDS)], dtype=_U64)


def _mix(x: np.ndarray) -> np.ndarray:
    """MurmurHash3's 64-bit finaliser, in place: every input bit reaches every output bit."""
    x ^= x >> _U64(33)
    x *= _U64(0xFF51AFD7ED558CCD)
    x ^= x >> _U64(33)
    x *= _U64(0xC4CEB9FE1A85EC53)
    x ^= x >> _U64(33)
    return x


def word_hashes(words: Sequence[str]) -> np.ndarray:
    """A 64-bit hash of each word (of its UTF-8 bytes; words have no spaces)."""
    if not words:
        return np.empty(0, dtype=_U64)
    return _joined_hashes(" ".join(words))


def _joined_hashes(joined: str) -> np.ndarray:
    """`word_hashes` of the words of `joined` (one space between words: two spaces in a row hold an empty
    word), with no Python work per word: the bytes of a chunk of words are weighted by powers of a base, so
    that a word's polynomial hash is a difference of prefix sums shifted back to its start; then mixed."""
    data = np.frombuffer(joined.encode("utf-8", "surrogatepass"), dtype=np.uint8)
    spaces = np.flatnonzero(data == 0x20)
    out = np.empty(len(spaces) + 1, dtype=_U64)
    for first in range(0, len(out), TOKEN_CHUNK):  # words first.. (the chunk's first starts after a space)
        last = min(first + TOKEN_CHUNK, len(out))  # ..last - 1, the last one ending at a space or the end
        start = int(spaces[first - 1]) + 1 if first else 0
        end = int(spaces[last - 1]) if last < len(out) else len(data)
        out[first:last] = _chunk_hashes(data[start:end], spaces[first : last - 1] - start)
    return out


def _chunk_hashes(data: np.ndarray, spaces: np.ndarray) -> np.ndarray:
    with np.errstate(over="ignore"):
        starts = np.concatenate(([0], spaces + 1))
        ends = np.concatenate((spaces, [len(data)]))
        powers = np.full(len(data) + 1, _BASE, dtype=_U64)
        powers[0] = 1
        powers = np.cumprod(powers)
        weighted = np.zeros(len(data) + 1, dtype=_U64)
        np.cumsum(data * powers[:-1], out=weighted[1:])
        powers[1:] = _INVERSE
        unshift = np.cumprod(powers)
        sums = (weighted[ends] - weighted[starts]) * unshift[starts]
        return _mix(sums + (ends - starts).astype(_U64))


def shingles(texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    """The hashes of the word 5-grams of each text (words in matching form; a text of fewer words is
    one shingle of them all), repeats included (a minimum does not change with them), run together:
    (hashes, offsets), text i's at hashes[offsets[i]:offsets[i + 1]]."""
    if not texts:
        return np.empty(0, dtype=_U64), np.zeros(1, dtype=_U64)
    joined, counts = batch_key_text(texts)
    hashes = _joined_hashes(joined)
    del joined  # a huge document's words are the largest thing here: free them before the next copies
    first = np.zeros(len(texts) + 1, dtype=np.int64)
    np.cumsum(counts, out=first[1:])
    padded = np.concatenate((hashes, np.zeros(SHINGLE_WORDS - 1, dtype=_U64)))
    combined = np.zeros(len(hashes), dtype=_U64)
    with np.errstate(over="ignore"):
        for j in range(SHINGLE_WORDS):  # shingle i: words i..i+4 (those past a text's end are cut below)
            combined = combined * _SHINGLE + padded[j : j + len(hashes)]
        per_text = np.maximum(counts - SHINGLE_WORDS + 1, 1)
        for t in np.flatnonzero(counts < SHINGLE_WORDS):  # few words: one shingle of them, combined as they are
            short = np.zeros(1, dtype=_U64)
            for h in hashes[first[t] : first[t + 1]]:
                short = short * _SHINGLE + h
            combined[first[t]] = short[0]
        index = np.arange(len(hashes)) - np.repeat(first[:-1], counts)
        keep = index < np.repeat(per_text, counts)
    offsets = np.zeros(len(texts) + 1, dtype=_U64)
    np.cumsum(per_text, out=offsets[1:])
    return combined[keep], offsets


def signatures(texts: Sequence[str]) -> np.ndarray:
    """The MinHash signature of each text (one row of BANDS * ROWS 32-bit values), all in one call."""
    flat, offsets = shingles(texts)
    matrix = RMinHash.digest_matrix_from_flat_token_hashes(flat, offsets, BANDS * ROWS, SEED)
    return np.array(matrix.to_rows(), dtype=np.uint32).reshape(len(texts), BANDS * ROWS)


def band_keys(texts: Sequence[str]) -> list[list[int]]:
    """The LSH keys of each text: one non-zero 64-bit key per band of its signature."""
    rows = signatures(texts).reshape(len(texts), BANDS, ROWS).astype(_U64)
    keys = np.broadcast_to(_BAND_SEEDS, (len(texts), BANDS)).copy()
    with np.errstate(over="ignore"):
        for r in range(ROWS):
            keys = _mix(keys * _SHINGLE + rows[:, :, r])
    return (keys | _U64(1)).tolist()  # type: ignore[no-any-return]
