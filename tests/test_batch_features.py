"""The per-line features computed over whole batches (builder.text.chars, keys, quality, rules/repeated)
give exactly what the per-string definitions they replaced give.

The references below are those definitions as they were before the batch code (commit c7b8547):
regexes and `unicodedata` over one string at a time. A batch must agree with them on every text,
whatever its characters: the rules' decisions, the dedup keys and the quality columns depend on it.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from itertools import pairwise

import numpy as np
import pyarrow as pa
from hypothesis import given, settings, strategies as st

from builder.rules.paragraphs import BASE_SCHEMA, with_features
from builder.rules.patterns import _LINK, Link, Separator
from builder.rules.repeated import MONTH_KEYS, NUMBER, RepeatedLines, shapes
from builder.rules.structure import LONG_LINE_WORDS, PROSE_MIN_WORDS
from builder.text.chars import Chars
from builder.text.keys import (
    CLOSERS,
    LIST_PUNCTUATION,
    TERMINAL,
    batch_key_text,
    clause_ends,
    key_words,
    line_keys,
    sentence_ends,
    spaced_word_counts,
    word_counts,
)
from builder.text.quality import signal_columns, signals

# --- the per-string definitions -------------------------------------------------------------------
_WORD = re.compile(r"[^\W\d_][\w\u200c\u0640'’-]*")
_DIGITS = re.compile(r"\d")
_NOT_ALNUM = re.compile(r"[\W_]+")
_FOLDS = {"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ی": "ي", "ئ": "ي", "ة": "ه", "ۀ": "ه", "ک": "ك",
          "ؤ": "و", "ـ": "", "\u200c": "", "\u200d": ""}
_MARKS = re.compile("[\u0300-\u036f\u0483-\u0489\u0591-\u05c7\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed"
                    "\u0711\u0730-\u074a\u08d3-\u08ff\u1ab0-\u1aff\u1dc0-\u1dff"
                    "\u20d0-\u20ff\ufe00-\ufe0f\ufe20-\ufe2f]+")
_VARIABLE = re.compile(r"(?:https?://|www\.)\S+|\S+@\S+\.\w+|[@#]\w+", re.IGNORECASE)


def _unspaced(char: str) -> bool:
    code = ord(char)
    return 0x0E00 <= code <= 0x0FFF or 0x1000 <= code <= 0x109F or 0x1780 <= code <= 0x17FF


def reference_key_words(text: str) -> list[str]:
    """Key words: the listed marks gone from every script; any other mark of a script written with spaces a letter
    of its word (a Bengali vowel sign), one of Thai, Lao, Tibetan, Myanmar, Khmer a break."""
    text = _MARKS.sub("", unicodedata.normalize("NFKD", text.casefold()))
    for variant, base in _FOLDS.items():
        text = text.replace(variant, base)
    spelled = "".join("a" if unicodedata.category(c).startswith("M") and not _unspaced(c) else c for c in text)
    kept = "".join(c if s.isalnum() else " " for c, s in zip(_DIGITS.sub("0", text), _DIGITS.sub("0", spelled),
                                                               strict=True))
    return kept.split()


def reference_spaced_words(text: str) -> int:
    """Words as `_WORD` finds them, where a combining mark (but one of Thai, Lao, Tibetan, Myanmar or Khmer, written
    without spaces) continues a word as a letter of it would."""
    def lettered(char: str) -> str:
        return "_" if unicodedata.category(char).startswith("M") and not _unspaced(char) else char
    return len(_WORD.findall("".join(map(lettered, text))))


def reference_end(text: str, marks: str) -> bool:
    stripped = text.rstrip(CLOSERS + " ")
    return bool(stripped) and stripped[-1] in marks


def reference_shape(text: str) -> str:
    key = "".join(reference_key_words(_VARIABLE.sub(" \x00 ", text).replace("\x00", "link")))
    return re.sub(NUMBER, "0", re.sub("|".join(map(re.escape, MONTH_KEYS)), "month", key))


def reference_words(text: str) -> int:
    """Words as the builder counts them: Chinese and Japanese (Han, kana) one per two characters."""
    unspaced = sum(0x3040 <= ord(c) <= 0x30FF or 0x3400 <= ord(c) <= 0x4DBF or 0x4E00 <= ord(c) <= 0x9FFF
                   or 0xF900 <= ord(c) <= 0xFAFF or 0x20000 <= ord(c) <= 0x2FA1F for c in text)
    return reference_spaced_words(text) + max(-(-unspaced // 2) - 1, 0)


def reference_is_sentence(text: str) -> bool:
    n = reference_words(text)
    return len(text) > 200 or n >= LONG_LINE_WORDS or (n >= PROSE_MIN_WORDS and reference_end(text, TERMINAL))


def reference_signals(text: str) -> dict[str, object]:
    n = len(text) or 1
    letters = digits = punct = 0
    scripts: Counter[str] = Counter()
    for char, count in Counter(text).items():
        category = unicodedata.category(char)
        if category.startswith("L"):
            name = unicodedata.name(char, "")
            letters += count
            scripts[name.split(" ", 1)[0].capitalize() if name else "Unknown"] += count
        elif category == "Nd":
            digits += count
        elif category.startswith("P"):
            punct += count
    script, in_script = max(sorted(scripts.items()), key=lambda kv: kv[1], default=("None", 0))
    return {"num_words": reference_words(text), "num_chars": len(text), "alpha_ratio": round(letters / n, 4),
            "digit_ratio": round(digits / n, 4), "punct_ratio": round(punct / n, 4), "script": script,
            "script_ratio": round(in_script / letters, 4) if letters else 0.0,
            "ends_with_punct": reference_end(text, TERMINAL)}


# --- texts that exercise them ---------------------------------------------------------------------
# Characters where a per-character table could go wrong: case folds that expand (ß, ŉ) or differ from
# lowercase (ς, ſ, K, İ), NFKD expansions (ﻻ ﷺ ℡ ½ ﬁ), marks inside and outside the removed blocks,
# the folded Arabic letters, ZWNJ/ZWJ/tatweel, digits of several scripts, closers and sentence ends,
# and characters of many scripts.
TRICKY = ("ßẞŉςſKİıﬁﻻﷺ℡½①ǅব\u09be\u09cdত\u0301\u0654\u064b\u0670\u0951\u0e31\u200c\u200d\u0640أإآٱىیئةۀکؤ"
          "0١۲٣९_'’-\"”»)]」 .!?…؟۔।。:،,;؛@#\x00 http://a.b www.x a@b.c") + TERMINAL + CLOSERS + LIST_PUNCTUATION
texts = st.text(alphabet=st.one_of(st.sampled_from(TRICKY), st.characters(blacklist_categories=("Cs",))), max_size=40)
raw_texts = st.text(alphabet=st.one_of(st.sampled_from(TRICKY), st.characters()), max_size=40)  # lone surrogates too


@settings(max_examples=150, deadline=None)
@given(st.lists(raw_texts, max_size=12))
def test_matching_keys_of_a_batch_are_the_per_string_keys(batch: list[str]) -> None:
    expected = [reference_key_words(t) for t in batch]
    assert [key_words(t) for t in batch] == expected
    assert line_keys(Chars.of(batch)) == ["".join(k) for k in expected]
    assert key_words(" ".join(batch) * 20) == reference_key_words(" ".join(batch) * 20)  # the long-text path
    joined, counts = batch_key_text(batch)
    assert joined == " ".join(" ".join(words) for words in expected)  # a text without words: one empty word
    assert counts.tolist() == [max(len(words), 1) for words in expected]


@settings(max_examples=150, deadline=None)
@given(st.lists(raw_texts, max_size=12))
def test_words_and_sentence_ends_of_a_batch_are_the_per_string_ones(batch: list[str]) -> None:
    chars = Chars.of(batch)
    assert spaced_word_counts(chars).tolist() == [reference_spaced_words(t) for t in batch]
    assert word_counts(chars).tolist() == [reference_words(t) for t in batch]
    assert sentence_ends(chars).tolist() == [reference_end(t, TERMINAL) for t in batch]
    assert clause_ends(chars).tolist() == [reference_end(t, TERMINAL + LIST_PUNCTUATION) for t in batch]


@settings(max_examples=100, deadline=None)
@given(st.lists(raw_texts, max_size=12))
def test_repeated_line_shapes_and_kinds_are_the_per_string_ones(batch: list[str]) -> None:
    assert shapes(batch) == [reference_shape(t) for t in batch]
    keys = RepeatedLines.line_keys(["example.org"] * len(batch), batch).tolist()
    for text, key in zip(batch, keys, strict=True):
        assert (key == 0) == (reference_shape(text) == "")
        assert key == 0 or bool(key >> 63) == reference_is_sentence(text)


@settings(max_examples=150, deadline=None)
@given(st.lists(texts, max_size=12))
def test_quality_signals_of_a_batch_are_the_per_string_ones(batch: list[str]) -> None:
    columns = signal_columns(batch)
    assert [dict(zip(columns, row, strict=True)) for row in zip(*columns.values(), strict=True)] \
        == [reference_signals(t) for t in batch]
    assert [vars(signals(t)) for t in batch] == [reference_signals(t) for t in batch]


def test_a_script_tie_goes_to_the_name_first_in_order_and_no_letters_is_none() -> None:
    assert signal_columns(["ab بت", "بت ab", "123 !", ""])["script"] == ["Arabic", "Arabic", "None", "None"]


def lines(texts: list[str]) -> pa.Table:
    n = len(texts)
    return with_features(pa.table({"doc": [0] * n, "line": list(range(1, n + 1)), "char_start": [0] * n,
                                   "char_end": [0] * n, "raw": texts, "text": texts, "site": ["x"] * n,
                                   "repeated": [False] * n, "elsewhere": [False] * n, "block": [False] * n,
                                   "closing": [False] * n, "reason": [None] * n},
                                  schema=BASE_SCHEMA))


@settings(max_examples=100, deadline=None)
@given(st.lists(st.one_of(texts, st.text(alphabet=st.sampled_from("-*=·•#@_ ℡™/:.wWhHtTpP"), max_size=12)),
                max_size=12))
def test_rules_that_prefilter_before_their_regex_miss_no_line(batch: list[str]) -> None:
    """Separator and Link run Python's regex only on the lines a cheap test leaves; over any text the
    answer is the regex's on every line."""
    separator = re.compile(r"^[\W_]{3,}$")
    link = _LINK  # the rule's own pattern, not a copy that drifts from it
    table = lines(batch)
    assert Separator().matches(table).tolist() == [separator.match(t) is not None for t in batch]
    assert Link().matches(table).tolist() == [link.match(t) is not None for t in batch]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(max_size=6), max_size=10), st.data())
def test_counting_marked_characters_per_text_is_summing_each_texts_marks(batch: list[str], data: st.DataObject) -> None:
    """Chars.count, by the marked (or the unmarked) positions among the texts' bounds, is each text's own sum,
    for masks of every density, empty texts included."""
    chars = Chars.of(batch)
    density = data.draw(st.sampled_from([0.0, 0.1, 0.5, 0.9, 1.0]))
    mask = np.array([data.draw(st.floats(0, 1)) < density for _ in range(len(chars.codes))], dtype=bool)
    bounds = chars.offsets.tolist()
    assert chars.count(mask).tolist() == [int(mask[a:b].sum()) for a, b in pairwise(bounds)]


def _nfkd(words: list[str]) -> list[str]:
    return [unicodedata.normalize("NFKD", word) for word in words]  # keys are decomposed (ৌ as ে and ৗ)


def test_a_vowel_sign_of_a_script_written_with_spaces_is_part_of_its_key_word() -> None:
    """Bengali's vowel signs split its words into letters before (`মৌসুমে` -> `ম স ম`), so a Bengali line had no
    topic word and its near-duplicates no shared shingle; Tamil and Gurmukhi the same, and Devanagari lost its
    signs (`हिन्दी` -> `हनद`). Thai, written without spaces, keeps its marks as breaks."""
    assert key_words("মৌসুমে বৃষ্টি হয়েছে") == _nfkd(["মৌসুমে", "বৃষ্টি", "হয়েছে"])
    assert key_words("தமிழ் செய்தி") == _nfkd(["தமிழ்", "செய்தி"])
    assert key_words("ਪੰਜਾਬੀ ਖ਼ਬਰ") == _nfkd(["ਪੰਜਾਬੀ", "ਖ਼ਬਰ"])
    assert key_words("हिन्दी समाचार") == _nfkd(["हिन्दी", "समाचार"])
    assert key_words("مُحَمَّد café") == ["محمد", "cafe"]  # (harakat and accents still go)
    assert key_words("กั้นน้ำ") == ["ก", "นน", "า"]
