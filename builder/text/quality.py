"""Per-paragraph quality signals, stored as columns so training code can filter without rebuilding.

`QualitySignals` is the built-in annotator that adds them to the records."""

from __future__ import annotations

import unicodedata
from collections import Counter
from dataclasses import astuple, dataclass
from functools import cache
from typing import Any, ClassVar

import pyarrow as pa

from builder.columns import SIGNALS, Column
from builder.steps import Annotator, values
from builder.text.keys import ends_sentence, words


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


@cache
def _kind(char: str) -> tuple[str, str | None]:
    """(Unicode category, script of a letter): the script is the first word of the character's name."""
    category = unicodedata.category(char)
    if not category.startswith("L"):
        return category, None
    name = unicodedata.name(char, "")
    return category, name.split(" ", 1)[0].capitalize() if name else "Unknown"


def signals(text: str) -> Signals:
    n = len(text) or 1
    letters = digits = punct = 0
    scripts: Counter[str] = Counter()
    for char, count in Counter(text).items():  # distinct characters only: a paragraph has few
        category, script = _kind(char)
        if script:
            letters += count
            scripts[script] += count
        elif category == "Nd":
            digits += count
        elif category.startswith("P"):
            punct += count
    script, in_script = max(sorted(scripts.items()), key=lambda kv: kv[1], default=("None", 0))
    return Signals(
        num_words=words(text),
        num_chars=len(text),
        alpha_ratio=round(letters / n, 4),
        digit_ratio=round(digits / n, 4),
        punct_ratio=round(punct / n, 4),
        script=script,
        script_ratio=round(in_script / letters, 4) if letters else 0.0,
        ends_with_punct=ends_sentence(text),
    )


@dataclass(frozen=True)
class QualitySignals(Annotator):
    name = "quality_signals"
    columns: ClassVar[tuple[Column, ...]] = SIGNALS

    def annotate(self, paragraphs: pa.Table) -> list[pa.Array[Any]]:
        rows = [astuple(signals(text)) for text in values(paragraphs, "text")]
        return [pa.array([row[i] for row in rows], column.type) for i, column in enumerate(self.columns)]
