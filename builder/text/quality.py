"""Per-paragraph quality signals, stored as columns so training code can filter without rebuilding.

`QualitySignals` is the built-in annotator that adds them to the records. The signals of a batch are
counted with per-character tables (`builder.text.chars`): each character is a letter of some
script, a digit, punctuation or something else, looked up once per code point."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, ClassVar

import numpy as np
import pyarrow as pa

from builder.columns import SIGNALS, Column
from builder.steps import Annotator, values
from builder.text.chars import Chars, CharTable
from builder.text.keys import sentence_ends, word_counts


@dataclass(frozen=True)
class Signals:
    num_words: int
    num_chars: int
    alpha_ratio: float  # letters / characters
    digit_ratio: float
    punct_ratio: float
    script: str  # the script most letters are in: Arabic, Latin, Cyrillic, …
    script_ratio: float  # share of letters in that script
    ends_with_punct: bool


_OTHER, _DIGIT, _PUNCT = 0, 1, 2
_SCRIPTS: list[str] = []  # the scripts met so far: a letter's class is 3 + its script's index here


def _class(char: str) -> int:
    """Digit (Unicode category Nd), punctuation (P*), a letter (L*) of the script that is the first
    word of its name, or other."""
    category = unicodedata.category(char)
    if category.startswith("L"):
        name = unicodedata.name(char, "")
        script = name.split(" ", 1)[0].capitalize() if name else "Unknown"
        if script not in _SCRIPTS:
            _SCRIPTS.append(script)
        return 3 + _SCRIPTS.index(script)
    return _DIGIT if category == "Nd" else _PUNCT if category.startswith("P") else _OTHER


_CLASS = CharTable(_class, np.uint16)


COUNTED_AT_ONCE = 1 << 16  # characters counted in one bincount (it makes an int64 copy of what it counts)


def _top_scripts(chars: Chars, classes: np.ndarray) -> tuple[list[str], list[int]]:
    """Per text, the script most of its letters are in (of equal counts, the name first in order)
    and how many letters it has; ("None", 0) without letters.

    A batch has letters of a few scripts: each one's are counted per text from a mask of the batch (a byte a
    character), where a text index and a column per letter took about 40 bytes a character at once, the
    highest point of a worker's batch."""
    width = 3 + len(_SCRIPTS)
    totals = np.zeros(width, dtype=np.int64)
    for first in range(0, len(classes), COUNTED_AT_ONCE):
        totals += np.bincount(classes[first : first + COUNTED_AT_ONCE], minlength=width)
    present = sorted((_SCRIPTS[c - 3], c) for c in np.flatnonzero(totals).tolist() if c >= 3)
    if not present:
        return ["None"] * len(chars), [0] * len(chars)
    grid = np.stack([chars.count(classes == c) for _, c in present], axis=1)
    top, counts = grid.argmax(axis=1), grid.max(axis=1)
    names = [name for name, _ in present]
    return [names[t] if n else "None" for t, n in zip(top.tolist(), counts.tolist(), strict=True)], counts.tolist()


def signal_columns(texts: Sequence[str]) -> dict[str, list[Any]]:
    """The signals of every text of a batch, by column."""
    chars = Chars.of(texts)
    classes = _CLASS(chars.codes)
    lengths = [n or 1 for n in chars.lengths.tolist()]
    letters = chars.count(classes >= 3).tolist()
    script, in_script = _top_scripts(chars, classes)

    def share(counts: list[int], of: list[int]) -> list[float]:
        return [round(c / n, 4) if n else 0.0 for c, n in zip(counts, of, strict=True)]

    digits, punct = chars.count(classes == _DIGIT).tolist(), chars.count(classes == _PUNCT).tolist()
    return {"num_words": word_counts(chars).tolist(), "num_chars": chars.lengths.tolist(),
            "alpha_ratio": share(letters, lengths), "digit_ratio": share(digits, lengths),
            "punct_ratio": share(punct, lengths), "script": script,
            "script_ratio": share(in_script, letters), "ends_with_punct": sentence_ends(chars).tolist()}


def signals(text: str) -> Signals:
    return Signals(**{name: column[0] for name, column in signal_columns([text]).items()})


@dataclass(frozen=True)
class QualitySignals(Annotator):
    name = "quality_signals"
    columns: ClassVar[tuple[Column, ...]] = SIGNALS

    def annotate(self, paragraphs: pa.Table) -> list[pa.Array[Any]]:
        found = signal_columns(values(paragraphs, "text"))
        return [pa.array(found[column.name], column.type) for column in self.columns]
