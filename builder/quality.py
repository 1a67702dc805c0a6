"""Per-paragraph quality signals, stored as columns so training code can filter without rebuilding."""

from __future__ import annotations

import unicodedata
from collections import Counter
from dataclasses import dataclass

from builder.boilerplate import ends_sentence, words


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


def _script(char: str) -> str:
    name = unicodedata.name(char, "")
    return name.split(" ", 1)[0].capitalize() if name else "Unknown"


def signals(text: str) -> Signals:
    n = len(text) or 1
    letters = [c for c in text if c.isalpha()]
    scripts = Counter(_script(c) for c in letters)
    script, in_script = max(sorted(scripts.items()), key=lambda kv: kv[1], default=("None", 0))
    return Signals(
        num_words=words(text),
        num_chars=len(text),
        alpha_ratio=round(len(letters) / n, 4),
        digit_ratio=round(sum(c.isdigit() for c in text) / n, 4),
        punct_ratio=round(sum(unicodedata.category(c).startswith("P") for c in text) / n, 4),
        script=script,
        script_ratio=round(in_script / len(letters), 4) if letters else 0.0,
        ends_with_punct=ends_sentence(text),
    )
