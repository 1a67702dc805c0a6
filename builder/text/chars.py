"""Per-character tables applied to a whole batch of texts at once.

The line features (words, sentence ends, matching keys, quality signals) are all a property of each
character, combined per text. Here each property is computed once per code point by a plain Python
function, with Python's own Unicode data and regexes (so a batch gives exactly what the per-string
code gives), and then looked up for every character of the batch with numpy. The tables fill lazily:
only code points a build meets are ever classified, and untouched pages of the tables cost no memory
(`_untouched`).
"""

from __future__ import annotations

import mmap
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import pairwise

import numpy as np

_CODE_POINTS = 0x110000


@dataclass(frozen=True)
class Chars:
    """The characters of a batch of texts: `codes` (uint32 code points, all texts run together) and
    `offsets` (text i is codes[offsets[i]:offsets[i + 1]])."""

    codes: np.ndarray
    offsets: np.ndarray

    @classmethod
    def of(cls, texts: Sequence[str]) -> Chars:
        # surrogatepass: raw lines of undecodable input hold lone surrogates, one code point each
        codes = np.frombuffer("".join(texts).encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
        offsets = np.zeros(len(texts) + 1, dtype=np.int64)
        np.cumsum(np.fromiter(map(len, texts), dtype=np.int64, count=len(texts)), out=offsets[1:])
        return cls(codes, offsets)

    def __len__(self) -> int:
        return len(self.offsets) - 1

    @property
    def lengths(self) -> np.ndarray:
        return np.diff(self.offsets)

    def count(self, mask: np.ndarray) -> np.ndarray:
        """How many characters of each text `mask` (one bool per character) marks: the marked (or, when
        most are, the unmarked) positions placed among the texts' bounds, a few times faster than a
        running sum over every character of the batch."""
        if 2 * np.count_nonzero(mask) > len(mask):
            return np.asarray(self.lengths - np.diff(np.searchsorted(np.flatnonzero(~mask), self.offsets)))
        return np.asarray(np.diff(np.searchsorted(np.flatnonzero(mask), self.offsets)))

    def last(self, skip: Callable[[np.ndarray], np.ndarray]) -> np.ndarray:
        """The position (in `codes`) of each text's last character that `skip` (code points -> bools)
        does not mark, -1 for none: a walk back from the ends, as many steps as the longest tail."""
        found = self.offsets[1:] - 1
        pending = np.flatnonzero(found >= self.offsets[:-1])
        while len(pending):
            pending = pending[skip(self.codes[found[pending]])]
            found[pending] -= 1
            pending = pending[found[pending] >= self.offsets[:-1][pending]]
        found[found < self.offsets[:-1]] = -1
        return found

    def runs(self, member: np.ndarray, counted: np.ndarray) -> np.ndarray:
        """Per text, how many maximal runs of `member` characters contain at least one `counted` one
        (a run never crosses from one text into the next)."""
        starts = member.copy()
        starts[1:] &= ~member[:-1]
        starts[self.offsets[:-1][self.lengths > 0]] = member[self.offsets[:-1][self.lengths > 0]]
        first = np.flatnonzero(starts)
        if not len(first):
            return np.zeros(len(self), dtype=np.int64)
        # from one run's start to the next's is the run and the non-members after it: whether any of it is a
        # counted member is whether the run holds one (no running count over every character of the batch)
        hit = np.logical_or.reduceat(counted & member, first)
        text_of = np.searchsorted(self.offsets, first[hit], side="right") - 1
        return np.bincount(text_of, minlength=len(self))


def _untouched(dtype: type) -> np.ndarray:
    """A table of zeros, one per code point, in a private mapping of its own whose pages hold no memory until
    written. A table filled with a marker (np.full) held all of its pages: 5.5 MB in every process for the four
    CharTables; np.zeros clears its pages itself when glibc gives it freed heap, as it does in the middle of a
    build (the two CharMaps' 8.9 MB)."""
    private = {"flags": mmap.MAP_PRIVATE} if hasattr(mmap, "MAP_PRIVATE") else {}  # not shared with a forked child
    return np.frombuffer(mmap.mmap(-1, _CODE_POINTS * np.dtype(dtype).itemsize, **private), dtype=dtype)


def distinct(codes: np.ndarray) -> list[int]:
    """The distinct code points among `codes`, in order (a scatter into a bitmap: a sort of a
    million characters takes longer)."""
    seen = np.zeros(_CODE_POINTS, dtype=bool)
    seen[codes] = True
    return list(np.flatnonzero(seen).tolist())


class CharTable:
    """Code point -> a small integer, from `classify(char)`, filled on first sight of each character."""

    def __init__(self, classify: Callable[[str], int], dtype: type = np.uint8) -> None:
        self._classify = classify
        self._dtype = dtype
        # each code point's value + 1, 0 for one not yet classified (one lookup finds both), in untouched zeros:
        # a table full of a marker would hold every page of it
        self._values: np.ndarray | None = None

    def __call__(self, codes: np.ndarray) -> np.ndarray:
        if self._values is None:
            self._values = _untouched(self._dtype)
        found = self._values.take(codes)
        unknown = found == 0
        if unknown.any():
            for code in distinct(codes[unknown]):
                value = self._classify(chr(code))
                assert 0 <= value < np.iinfo(self._dtype).max
                self._values[code] = value + 1
            found = self._values.take(codes)
        found -= 1
        return np.asarray(found)


class CharMap:
    """Code point -> a replacement string (empty, one character or several), from `replace(char)`:
    `str.translate` over a whole batch, with numpy."""

    _UNKNOWN, _DROPPED, _SEVERAL = 0, 0xFFFFFFFF, 0xFFFFFFFE  # replace() never gives U+0000

    def __init__(self, replace: Callable[[str], str]) -> None:
        self._replace = replace
        self._single: np.ndarray | None = None  # the one character a code point becomes, or a marker
        self._several: dict[int, list[int]] = {}

    def _fill(self, single: np.ndarray, codes: np.ndarray) -> None:
        for code in distinct(codes):
            replaced = [ord(c) for c in self._replace(chr(code))]
            assert self._UNKNOWN not in replaced
            if len(replaced) > 1:
                self._several[code] = replaced
            single[code] = replaced[0] if len(replaced) == 1 else self._DROPPED if not replaced else self._SEVERAL

    def __call__(self, chars: Chars) -> Chars:
        if self._single is None:
            self._single = _untouched(np.uint32)
        mapped = self._single.take(chars.codes)
        unknown = mapped == self._UNKNOWN
        if unknown.any():
            self._fill(self._single, chars.codes[unknown])
            mapped = self._single.take(chars.codes)
        kept = mapped != self._DROPPED
        offsets = np.zeros(len(chars) + 1, dtype=np.int64)
        np.cumsum(chars.count(kept), out=offsets[1:])
        replaced = Chars(mapped[kept], offsets)
        several = mapped == self._SEVERAL
        if several.any():  # a ligature, a compatibility character: a few in a batch
            return self._expand(replaced, chars.codes[several].tolist())
        return replaced

    def _expand(self, replaced: Chars, origins: list[int]) -> Chars:
        """`replaced` with its markers of several characters spelled out (`origins`: the code points they
        stand for, in order): the first character in the marker's place, the others inserted after it (one
        copy of the batch, not a running sum over every character)."""
        at = np.flatnonzero(replaced.codes == self._SEVERAL)
        pieces = [self._several[code] for code in origins]
        codes = replaced.codes
        codes[at] = [piece[0] for piece in pieces]
        extra = [len(piece) - 1 for piece in pieces]
        codes = np.insert(codes, np.repeat(at + 1, extra), [code for piece in pieces for code in piece[1:]])
        text_of = np.searchsorted(replaced.offsets, at, side="right") - 1
        grown = np.bincount(np.repeat(text_of, extra), minlength=len(replaced))
        offsets = replaced.offsets.copy()
        np.cumsum(grown, out=grown)
        offsets[1:] += grown
        return Chars(codes, offsets)

    def texts(self, chars: Chars) -> list[str]:
        """The replaced texts, as strings."""
        mapped = self(chars)
        joined = mapped.codes.tobytes().decode("utf-32-le", "surrogatepass")
        bounds = mapped.offsets.tolist()
        return [joined[a:b] for a, b in pairwise(bounds)]
