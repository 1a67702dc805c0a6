"""Words and matching keys: how the rules, dedup and the quality signals count words, tell a sentence
end, and compare lines up to spelling variants.

The foldings here (diacritics, alef/yeh/teh marbuta variants, digits) are for matching only and never
reach the output text.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

TERMINAL = ".!?…؟۔؞؝।॥。！？．։።፧‼⁇⁈⁉"
CLOSERS = "\"'”’»›)]」』"  # closing quotes and brackets allowed after the full stop
LIST_PUNCTUATION = "،,;؛:"

_WORD = re.compile(r"[^\W\d_][\w\u200c\u0640'’-]*")  # a token with a letter in it (Unicode-aware)
_DIGITS = re.compile(r"\d")
_NOT_ALNUM = re.compile(r"[\W_]+")
_KEY_FOLD = {"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ی": "ي", "ئ": "ي", "ة": "ه", "ۀ": "ه", "ک": "ك",
             "ؤ": "و", "ـ": "", "\u200c": "", "\u200d": ""}
# Combining marks that NFKD splits off, in the scripts of the corpus and their neighbours: Latin
# accents, Hebrew points, Arabic harakat and hamza above, Syriac, Devanagari, variation selectors.
# (A regex of these blocks is 4x faster than a table of every mark in Unicode.)
_MARKS = re.compile("[\u0300-\u036f\u0483-\u0489\u0591-\u05c7\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed"
                    "\u0711\u0730-\u074a\u08d3-\u08ff\u0900-\u0903\u093a-\u094f\u1ab0-\u1aff\u1dc0-\u1dff"
                    "\u20d0-\u20ff\ufe00-\ufe0f\ufe20-\ufe2f]+")
_FOLDS = tuple(_KEY_FOLD.items())


def key_words(text: str) -> list[str]:
    """The words of `text` in matching form: no diacritics, folded alef/yeh/teh marbuta, digits as 0."""
    text = _MARKS.sub("", unicodedata.normalize("NFKD", text.casefold()))
    for variant, base in _FOLDS:
        text = text.replace(variant, base)
    return _NOT_ALNUM.sub(" ", _DIGITS.sub("0", text)).split()


@lru_cache(maxsize=4096)  # a line's key is asked for by several rules; recent lines only, so memory stays flat
def line_key(text: str) -> str:
    """A normalised form of a line for matching: its key words, run together (no punctuation or spaces)."""
    return "".join(key_words(text))


@lru_cache(maxsize=4096)
def words(text: str) -> int:
    return len(_WORD.findall(text))


def ends_sentence(text: str) -> bool:
    stripped = text.rstrip(CLOSERS + " ")
    return bool(stripped) and stripped[-1] in TERMINAL


def ends_clause(text: str) -> bool:
    """Ends a sentence, or a list item / clause that the next line continues."""
    stripped = text.rstrip(CLOSERS + " ")
    return bool(stripped) and (stripped[-1] in TERMINAL or stripped[-1] in LIST_PUNCTUATION)
