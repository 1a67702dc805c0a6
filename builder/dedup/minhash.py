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
# A text longer than HUGE_TEXT characters (a document of one huge paragraph) is hashed in pieces of about
# PIECE_CHARS characters cut at a space or newline, which no word crosses, and its shingles taken
# SHINGLES_AT_ONCE at a time (each window with the 4 words after it): a MinHash signature is the minimum over
# its shingles, so the minimum of the windows' signatures is the whole text's. In one go a text cost about 22
# bytes of temporaries a character (a 10 MB paragraph: 223 MB above the build's other peaks); in pieces it is
# the 8 bytes of a word's hash a word and a piece's temporaries.
HUGE_TEXT = 1 << 20
PIECE_CHARS = 1 << 18
SHINGLES_AT_ONCE = 1 << 16

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
    return _shingled(hashes, counts)


def _shingled(hashes: np.ndarray, counts: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """`shingles` of texts given as their words' hashes, run together, and each text's count of words."""
    first = np.zeros(len(counts) + 1, dtype=np.int64)
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
    offsets = np.zeros(len(counts) + 1, dtype=_U64)
    np.cumsum(per_text, out=offsets[1:])
    return combined[keep], offsets


def _huge_word_hashes(text: str) -> np.ndarray:
    """The hashes of a long text's words in matching form, as `shingles` finds them, a piece at a time: each
    piece ends at a space or newline (a space in matching form too, so no word is cut); a piece without words
    adds none (the whole text without any is one empty word, as `batch_key_text` counts it)."""
    found = []
    start = 0
    while start < len(text):
        end = len(text)
        if start + PIECE_CHARS < len(text):
            cut = max(text.rfind(" ", start, start + PIECE_CHARS), text.rfind("\n", start, start + PIECE_CHARS))
            if cut <= start:  # no space in the piece: up to the next one
                after = [at for at in (text.find(" ", start + PIECE_CHARS), text.find("\n", start + PIECE_CHARS))
                         if at >= 0]
                cut = min(after) if after else len(text)
            end = cut
        joined, _ = batch_key_text([text[start:end]])
        if joined:
            found.append(_joined_hashes(joined))
        start = end + 1 if end < len(text) else end
    return np.concatenate(found) if found else _joined_hashes("")


def _digests(flat: np.ndarray, offsets: np.ndarray) -> np.ndarray:
    matrix = RMinHash.digest_matrix_from_flat_token_hashes(flat, offsets, BANDS * ROWS, SEED)
    return np.array(matrix.to_rows(), dtype=np.uint32).reshape(len(offsets) - 1, BANDS * ROWS)


def _huge_signature(text: str) -> np.ndarray:
    """`signatures` of one long text (see HUGE_TEXT): the minimum of its windows of shingles' signatures."""
    hashes = _huge_word_hashes(text)
    if len(hashes) < SHINGLE_WORDS + SHINGLES_AT_ONCE:
        return _digests(*_shingled(hashes, np.array([len(hashes)]))).reshape(-1)
    signature = np.full(BANDS * ROWS, np.iinfo(np.uint32).max, dtype=np.uint32)
    for first in range(0, len(hashes) - SHINGLE_WORDS + 1, SHINGLES_AT_ONCE):  # shingles first.. of this window
        window = hashes[first : first + SHINGLES_AT_ONCE + SHINGLE_WORDS - 1]
        np.minimum(signature, _digests(*_shingled(window, np.array([len(window)])))[0], out=signature)
    return signature


def signatures(texts: Sequence[str]) -> np.ndarray:
    """The MinHash signature of each text (one row of BANDS * ROWS 32-bit values), all in one call."""
    huge = [i for i, text in enumerate(texts) if len(text) > HUGE_TEXT]
    if not huge:
        return _digests(*shingles(texts))
    rows = np.empty((len(texts), BANDS * ROWS), dtype=np.uint32)
    if small := [i for i, text in enumerate(texts) if len(text) <= HUGE_TEXT]:
        rows[small] = _digests(*shingles([texts[i] for i in small]))
    for i in huge:
        rows[i] = _huge_signature(texts[i])
    return rows


def band_keys(texts: Sequence[str]) -> list[list[int]]:
    """The LSH keys of each text: one non-zero 64-bit key per band of its signature."""
    rows = signatures(texts).reshape(len(texts), BANDS, ROWS).astype(_U64)
    keys = np.broadcast_to(_BAND_SEEDS, (len(texts), BANDS)).copy()
    with np.errstate(over="ignore"):
        for r in range(ROWS):
            keys = _mix(keys * _SHINGLE + rows[:, :, r])
    return (keys | _U64(1)).tolist()  # type: ignore[no-any-return]
