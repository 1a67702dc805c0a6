"""Unicode cleaning of one line of text: pure `str -> str` functions, composed by `clean_line`.

The language is kept as written: no dediacritisation, no alef/hamza or ى/ي, ة/ه folding, no digit
conversion, no quote uncurling (those belong in matching keys only, see `boilerplate.line_key`).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable, Sequence
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

# A UTF-8 lead byte read as Latin-1/cp1252, followed by a continuation byte read the same way:
# the fingerprint of mojibake. Only text that has it pays for ftfy.
_MOJIBAKE_HINT = re.compile(
    "[\u00c2-\u00c3\u00c5\u00ce-\u00d9\u00e0-\u00ef]"
    "[\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013-\u203a\u20ac\u2122]"
)

# Invisible characters with no linguistic content: BOM, zero-width space, word joiner, soft hyphen,
# bidi marks and embeddings/isolates, C0/C1 controls. ZWNJ (U+200C) and ZWJ (U+200D) are kept:
# Persian and Urdu spelling needs ZWNJ.
_INVISIBLE = re.compile(
    "[\ufeff\u200b\u2060\u00ad\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069"
    "\u0000-\u0008\u000b-\u001f\u007f-\u009f\ud800-\udfff]"  # lone surrogates: invalid Unicode
)
# A terminal's control sequence (ECMA-48 CSI: ESC `[` or the C1 CSI, parameters, intermediates, one final byte), as
# colour codes pasted from a terminal carry it (`\x1b[31m`): removing ESC alone as invisible left `[31m` (trial20)
_CONTROL_SEQUENCE = re.compile("(?:\x1b\\[|\x9b)[0-?]*[ -/]*[@-~]")
_ODD_SPACES = re.compile("[\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
_SPACE_RUNS = re.compile(" {2,}")
# Arabic presentation forms (legacy/PDF text); U+FDF0-FDFF are whole-word ligatures (ﷲ ﷺ ﷽) kept as written.
_PRESENTATION_FORMS = re.compile("[\ufb50-\ufdef\ufe70-\ufefe]")
# ...between two letters: before a digit or a Latin letter a tatweel is how a prefix is written (بـ43, الـCNN)
_TATWEEL_INSIDE_WORD = re.compile(r"(?<=\w)\u0640+(?=[^\W\d_A-Za-z])")
_TATWEEL_RUN = re.compile("\u0640{2,}")


def has_mojibake(text: str) -> bool:
    return _MOJIBAKE_HINT.search(text) is not None


@functools.cache
def _ftfy() -> tuple[Callable[..., str], Any]:
    """ftfy's fix_text and its config, made once a process: datatrove's conservative settings (repair the
    encoding, touch nothing else). ftfy (a tenth of a second to import) is imported only here."""
    import ftfy

    config = ftfy.TextFixerConfig(unescape_html=False, uncurl_quotes=False, fix_character_width=False,
                                  fix_latin_ligatures=False, fix_line_breaks=False, normalization=None, explain=False)
    return ftfy.fix_text, config


def fix_encoding(text: str) -> str:
    """Repair mojibake (UTF-8 read as Latin-1/cp1252) where the cheap check finds it. Only then is ftfy
    imported: a build's driver, and a rebuild the cache answers, never need it."""
    if not has_mojibake(text):
        return text
    fix_text, config = _ftfy()
    return fix_text(text, config)


def _fold_presentation_form(match: re.Match[str]) -> str:
    return unicodedata.normalize("NFKC", match.group()).lstrip(" ")


def fold_presentation_forms(text: str) -> str:
    return _PRESENTATION_FORMS.sub(_fold_presentation_form, text)


def remove_invisible(text: str) -> str:
    if "\x1b" in text or "\x9b" in text:
        text = _CONTROL_SEQUENCE.sub("", text)
    return _INVISIBLE.sub("", text)


def normalize_spaces(text: str) -> str:
    return _SPACE_RUNS.sub(" ", _ODD_SPACES.sub(" ", text)).strip(" ")


def remove_elongation(text: str) -> str:
    """Drop tatweel inside words (جـــمـيـل → جميل); keep one before a space, mark, digit or Latin letter
    (لـ “تحرير”, 1440هـ, بـ43, الـCNN)."""
    return _TATWEEL_RUN.sub("\u0640", _TATWEEL_INSIDE_WORD.sub("", text))


def _clean_once(text: str) -> str:
    text = fix_encoding(text)
    text = fold_presentation_forms(text)
    text = remove_invisible(text)
    text = unicodedata.normalize("NFC", text)
    text = remove_elongation(text)
    return normalize_spaces(text)


def clean_line(text: str) -> str:
    """The cleaned form of one line of raw text (no line breaks inside); cleaning it again changes
    nothing. Mojibake that its neighbours hid from ftfy (a no-break space before "çœ“") shows once the
    other steps have removed them, so a line that still looks like mojibake is cleaned again, a few
    times at most."""
    cleaned = _clean_once(text)
    for _ in range(3):
        if not has_mojibake(cleaned):
            break
        again = _clean_once(cleaned)
        if again == cleaned:
            break
        cleaned = again
    return cleaned


def _re2_class(pattern: str) -> str:
    """A character class of Python's `re` (characters and ranges in brackets) written for RE2, each
    character as an escape, so controls and NUL survive; lone surrogates, which no Arrow string holds,
    become U+FFFD, as utf8_safe writes them."""
    body = pattern[1:-1].replace("\ud800-\udfff", "\ufffd")
    assert pattern[0] == "[" and pattern[-1] == "]" and "\\" not in body
    return "[" + "".join(c if c == "-" else f"\\x{{{ord(c):x}}}" for c in body) + "]"


# What remove_invisible removes, in RE2 (a lone surrogate as U+FFFD, as search_all searches it): a text
# search_all finds no match of it in is one remove_invisible leaves as it is
MAY_BE_INVISIBLE = _re2_class(_INVISIBLE.pattern)


# What a line `clean_line` changes holds, apart from a form other than NFC: a character some step
# replaces (a mojibake lead, a presentation form, an invisible character, tatweel, an odd space),
# two spaces, or a space at either end. A line without any is already clean.
_MAY_CHANGE = "|".join([*map(_re2_class, (_MOJIBAKE_HINT.pattern.split("]")[0] + "]", _PRESENTATION_FORMS.pattern,
                                           _INVISIBLE.pattern, _ODD_SPACES.pattern)), "\\x{640}", "  ", "^ ", " $"])


def clean_lines(texts: Sequence[str]) -> list[str]:
    """`clean_line` of every text of a batch: most lines are clean already, and one RE2 pass (with
    Python's own NFC check) finds the few that are not."""
    return [clean_line(text) if may or not unicodedata.is_normalized("NFC", text) else text
            for text, may in zip(texts, search_all(texts, _MAY_CHANGE), strict=True)]


_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def utf8_safe(text: str) -> str:
    """`text` as an Arrow string can hold it: lone surrogates (from undecodable input or file names)
    become U+FFFD. Only for the tables steps see; the output is made from the cleaned text, which
    has none."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return _LONE_SURROGATE.sub("\ufffd", text)
    return text


def search_all(texts: Sequence[str] | pa.Array[Any] | pa.ChunkedArray[Any], pattern: str) -> list[bool]:
    """Whether each text holds a match of `pattern` (RE2 syntax), for a whole batch in one Arrow call:
    several times faster than `re` one text at a time, so a cheap test can tell which few texts need
    the real work. Lone surrogates are searched as U+FFFD (utf8_safe)."""
    if isinstance(texts, pa.Array | pa.ChunkedArray):
        column = texts
    else:
        try:  # texts without lone surrogates (nearly all) go to Arrow as they are, not encoded twice
            column = pa.array(texts, pa.string())
        except UnicodeEncodeError:
            column = pa.array([utf8_safe(t) for t in texts], pa.string())
    return [bool(found) for found in pc.match_substring_regex(column, pattern).to_pylist()]
