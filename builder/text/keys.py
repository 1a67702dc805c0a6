"""Words and matching keys: how the rules, dedup and the quality signals count words, tell a sentence
end, and compare lines up to spelling variants.

The foldings here (diacritics, alef/yeh/teh marbuta variants, digits) are for matching only and never
reach the output text.

Every one of these is a property of each character (see `builder.text.chars`): `_key_char` says what
a character becomes in a matching key, `_word_class` whether it starts or continues a word. The batch
functions (`line_keys`, `word_counts`, `sentence_ends`) apply them to every line of a batch at once;
the one-string functions give the same answers for one text.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from functools import lru_cache

import numpy as np

from builder.text.chars import CharMap, Chars, CharTable

TERMINAL = ".!?…؟۔؞؝।॥。！？．։።፧‼⁇⁈⁉"
CLOSERS = "\"'”’»›)]」』"  # closing quotes and brackets allowed after the full stop
LIST_PUNCTUATION = "،,;؛:"

_WORD_START = re.compile(r"[^\W\d_]")  # a word is a run of _WORD_PART characters with one of these in it
_WORD_PART = re.compile(r"[\w\u200c\u0640'’-]")  # (Unicode-aware)
_DIGITS = re.compile(r"\d")
_NOT_ALNUM = re.compile(r"[\W_]+")
_SPACES = re.compile(" +")
_KEY_FOLD = {"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ی": "ي", "ئ": "ي", "ة": "ه", "ۀ": "ه", "ک": "ك",
             "ؤ": "و", "ـ": "", "\u200c": "", "\u200d": ""}
# Combining marks that NFKD splits off, in the scripts of the corpus and their neighbours: Latin
# accents, Hebrew points, Arabic harakat and hamza above, Syriac, variation selectors. (The vowel signs and
# viramas of Devanagari, Bengali, Tamil … are not among them: they spell their words, see _key_char.)
_MARKS = re.compile("[\u0300-\u036f\u0483-\u0489\u0591-\u05c7\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed"
                    "\u0711\u0730-\u074a\u08d3-\u08ff\u1ab0-\u1aff\u1dc0-\u1dff"
                    "\u20d0-\u20ff\ufe00-\ufe0f\ufe20-\ufe2f]+")


def _key_char(char: str) -> str:
    """What one character becomes in a matching key: casefolded, decomposed (NFKD) without the marks
    above, folded, digits as 0, and a space for anything that is not a letter, a digit or another combining mark
    of a script written with spaces (a Bengali or Tamil vowel sign spells its word: "মৌসুমে" is one key word,
    not "ম স ম").

    Per character is the same as per text: casefolding and NFKD decomposition map each character on
    its own, and the only thing NFKD does across characters (reordering a run of combining marks)
    moves characters that all become nothing or a space."""
    text = _MARKS.sub("", unicodedata.normalize("NFKD", char.casefold()))
    text = _DIGITS.sub("0", "".join(_KEY_FOLD.get(c, c) for c in text))
    # (a vowel sign of Bengali, Tamil … spells its word: it stays in it)
    return _SPACES.sub(" ", "".join(c if _spaced_mark(c) else _NOT_ALNUM.sub(" ", c) for c in text))


class _KeyChars(dict[int, str]):
    """`_key_char` as a `str.translate` table, filled on first sight of each character."""

    def __missing__(self, code: int) -> str:
        self[code] = value = _key_char(chr(code))
        return value


_KEY_CHARS = _KeyChars()
_KEY_MAP = CharMap(_key_char)
_LINE_KEY_MAP = CharMap(lambda char: _key_char(char).replace(" ", ""))


def key_words(text: str) -> list[str]:
    """The words of `text` in matching form: no diacritics, folded alef/yeh/teh marbuta, digits as 0."""
    if len(text) > 512:  # a whole document (dedup's shingles): numpy wins over str.translate
        return _KEY_MAP.texts(Chars.of([text]))[0].split()
    return text.translate(_KEY_CHARS).split()


def batch_key_text(texts: Sequence[str]) -> tuple[str, np.ndarray]:
    """`key_words` of every text of a batch as one string, for dedup's shingles: each text's words and the
    texts themselves one space apart (a text without words is one empty word: two spaces in a row), and
    how many words each text has counted that way. One numpy pass over the batch and no string per word
    (splitting into words cost more than the mapping itself)."""
    chars = _KEY_MAP(Chars.of(texts))
    word = chars.codes != ord(" ")  # a key has letters, digits and spaces only (see _key_char)
    starts = word.copy()
    starts[1:] &= ~word[:-1]
    firsts = chars.offsets[:-1][chars.lengths > 0]
    starts[firsts] = word[firsts]
    at = np.flatnonzero(starts)
    text_of = np.searchsorted(chars.offsets, at, side="right") - 1
    inner = at[1:][text_of[1:] == text_of[:-1]]  # the words after a text's first take a space before them
    inner -= np.searchsorted(np.flatnonzero(~word), inner)  # ...at their place among the word characters
    kept = chars.count(word)
    between = np.cumsum(kept)[:-1]  # and every text but the last one after it
    codes = np.insert(chars.codes[word], np.concatenate((inner, between)), ord(" "))
    counts = np.maximum(np.bincount(text_of, minlength=len(chars)), 1)
    return codes.tobytes().decode("utf-32-le", "surrogatepass"), counts


TOPIC_WORD_CHARS = 3  # shorter words (articles, particles) say nothing of the topic


def topic_words(text: str, min_chars: int = TOPIC_WORD_CHARS) -> set[str]:
    """The key words of `text` long enough to say what it is about (two lines sharing one share a topic);
    a larger `min_chars` keeps only the words that name something."""
    return {w for w in key_words(text) if len(w) >= min_chars}


@lru_cache(maxsize=4096)  # a line's key is asked for by several rules; recent lines only, so memory stays flat
def line_key(text: str) -> str:
    """A normalised form of a line for matching: its key words, run together (no punctuation or spaces)."""
    return "".join(key_words(text))


def line_keys(chars: Chars) -> list[str]:
    """`line_key` of every text of a batch."""
    return _LINE_KEY_MAP.texts(chars)


def _word_class(char: str) -> int:
    """2: starts a word (a letter); 1: continues one (a digit, `_`, ZWNJ, tatweel, an apostrophe, a
    hyphen, a combining mark of a script written with spaces); 0: between words."""
    if _WORD_START.match(char):
        return 2
    return 1 if _WORD_PART.match(char) or _spaced_mark(char) else 0


# Scripts written without spaces between words, whose marks are left splitting a line as they did before marks
# joined words: Thai, Lao, Tibetan, Myanmar, Khmer (a run of them between spaces is a phrase, not a word)
_UNSPACED_MARKS = ((0x0E00, 0x0FFF), (0x1000, 0x109F), (0x1780, 0x17FF))


def _spaced_mark(char: str) -> bool:
    """A combining mark (a vowel sign, a virama, an Arabic haraka) on a letter of a script written with spaces: part
    of its word ("প্রণালী", "हिन्दी", "مُحَمَّد" are one word each)."""
    code = ord(char)
    return unicodedata.category(char).startswith("M") and not any(lo <= code <= hi for lo, hi in _UNSPACED_MARKS)


_WORD_CLASS = CharTable(_word_class)


def spaced_word_counts(chars: Chars) -> np.ndarray:
    """Per text of a batch, its runs of word characters that hold a letter: the words of a script
    written with spaces (a run of Chinese is one such word)."""
    classes = _WORD_CLASS(chars.codes)
    return chars.runs(classes > 0, classes == 2)


def _unspaced(char: str) -> int:
    """1 for a Han ideograph or a kana: scripts written without spaces between words."""
    code = ord(char)
    return int(0x3040 <= code <= 0x30FF or 0x3400 <= code <= 0x4DBF or 0x4E00 <= code <= 0x9FFF
               or 0xF900 <= code <= 0xFAFF or 0x20000 <= code <= 0x2FA1F)


_UNSPACED = CharTable(_unspaced)
UNSPACED_CHARS_PER_WORD = 2  # a Chinese word is one to three characters, most often two


def word_counts(chars: Chars) -> np.ndarray:
    """Words of every text of a batch, as the line rules, `num_words`, `min_words` and dedup count
    them: `spaced_word_counts`, except that Chinese and Japanese, written without spaces, count a word
    per two Han or kana characters (a run of them is one spaced word, so a 40-character sentence would
    be one word: a title or a menu item to the rules, too short to dedup, dropped by `--min-words 5`)."""
    unspaced = chars.count(_UNSPACED(chars.codes).astype(bool))
    extra = np.maximum(-(-unspaced // UNSPACED_CHARS_PER_WORD) - 1, 0)
    return np.asarray(spaced_word_counts(chars) + extra)


def _end_class(char: str) -> int:
    """1: closes a sentence (its terminal punctuation); 2: ends a clause; 3: may follow the end (a
    closing quote or bracket, a space); 0: anything else."""
    return 1 if char in TERMINAL else 2 if char in LIST_PUNCTUATION else 3 if char in CLOSERS + " " else 0


_END_CLASS = CharTable(_end_class)


def _last_classes(chars: Chars) -> np.ndarray:
    """Per text, the `_end_class` of its last character before closing quotes, brackets and spaces
    (3 when there is none)."""
    last = chars.last(lambda codes: _END_CLASS(codes) == 3)
    found = np.full(len(chars), 3, dtype=np.uint8)
    found[last >= 0] = _END_CLASS(chars.codes[last[last >= 0]])
    return found


def sentence_ends(chars: Chars) -> np.ndarray:
    """`ends_sentence` of every text of a batch."""
    return np.asarray(_last_classes(chars) == 1)


def clause_ends(chars: Chars) -> np.ndarray:
    """`ends_clause` of every text of a batch."""
    return np.isin(_last_classes(chars), (1, 2))


def ends_sentence(text: str) -> bool:
    stripped = text.rstrip(CLOSERS + " ")
    return bool(stripped) and stripped[-1] in TERMINAL


def ends_clause(text: str) -> bool:
    """Ends a sentence, or a list item / clause that the next line continues."""
    stripped = text.rstrip(CLOSERS + " ")
    return bool(stripped) and (stripped[-1] in TERMINAL or stripped[-1] in LIST_PUNCTUATION)
