"""Line rules judged on the line alone (and, for a teaser, the line before it): empty lines, rows of
symbols, bare links, picture captions, bylines, datelines, menus, and the phrase lists."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, ClassVar

import pyarrow as pa

from builder.rules import lexicon
from builder.steps import LineRule, values
from builder.text.keys import CLOSERS, ends_sentence, line_key, words


@dataclass(frozen=True)
class OneLine(LineRule):
    """A rule that looks at each still-kept line's cleaned text on its own."""

    def decide(self, lines: pa.Table) -> pa.Array[Any]:
        texts, reasons = values(lines, "text"), values(lines, "reason")
        decided = [self.judge(t) if r is None else None for t, r in zip(texts, reasons, strict=True)]
        return pa.array(decided, pa.string())

    def judge(self, text: str) -> str | None:
        raise NotImplementedError


@dataclass(frozen=True)
class EmptyLine(OneLine):
    name = "empty_line"
    reasons: ClassVar[dict[str, str]] = {"empty_after_clean": "nothing left after Unicode cleaning"}

    def judge(self, text: str) -> str | None:
        return None if text else "empty_after_clean"


_SEPARATOR = re.compile(r"^[\W_]{3,}$")  # rows of dashes, stars, bullets, box drawing
_LINK = re.compile(r"^(?:(?:https?://|www\.)\S+|\S+@\S+\.\w+|[#@]\w\S*|\s)+$", re.IGNORECASE)
_DATELINE = re.compile(r"\b\d{1,2}:\d{2}\b|GMT|UTC|آخر تحديث|Last updated|Updated|Mis à jour|Publié le", re.IGNORECASE)
_NAVIGATION = re.compile(r"\s[|»›>]\s|^[|»›>]|[|»›>]$")  # breadcrumbs, "Business | Energy", "Video | …"


@dataclass(frozen=True)
class Separator(OneLine):
    name = "separator"
    reasons: ClassVar[dict[str, str]] = {"boilerplate_separator": "a row of dashes, stars or other symbols"}

    def judge(self, text: str) -> str | None:
        return "boilerplate_separator" if _SEPARATOR.match(text) else None


@dataclass(frozen=True)
class Link(OneLine):
    name = "link"
    reasons: ClassVar[dict[str, str]] = {"boilerplate_link": "a bare URL, e-mail address, hashtag or handle"}

    def judge(self, text: str) -> str | None:
        return "boilerplate_link" if _LINK.match(text) else None


@dataclass(frozen=True)
class Image(OneLine):
    """Alt text and photo credits: a short line that starts by naming the picture."""

    name = "image"
    reasons: ClassVar[dict[str, str]] = {"boilerplate_image": "image alt text or a photo credit"}
    max_words: int = 12

    def judge(self, text: str) -> str | None:
        key = line_key(text)
        if words(text) <= self.max_words and any(key.startswith(p) for p in lexicon.IMAGE_PREFIXES) \
                and not ends_sentence(text):
            return "boilerplate_image"
        return None


@dataclass(frozen=True)
class Byline(OneLine):
    name = "byline"
    reasons: ClassVar[dict[str, str]] = {"boilerplate_byline": "an author line (\"By …\", \"Par …\", \"بقلم …\")"}
    max_words: int = 6

    def judge(self, text: str) -> str | None:
        if words(text) <= self.max_words and not ends_sentence(text) and len(text.split()) > 1 \
                and line_key(text.split(maxsplit=1)[0]) in lexicon.BYLINE_PREFIXES:
            return "boilerplate_byline"
        return None


@dataclass(frozen=True)
class Dateline(OneLine):
    name = "dateline"
    reasons: ClassVar[dict[str, str]] = {"boilerplate_dateline": "a date/time line of the page"}
    max_words: int = 12

    def judge(self, text: str) -> str | None:
        if words(text) <= self.max_words and _DATELINE.search(text) and not ends_sentence(text):
            return "boilerplate_dateline"
        return None


@dataclass(frozen=True)
class Navigation(OneLine):
    name = "navigation"
    reasons: ClassVar[dict[str, str]] = {
        "boilerplate_navigation": "a breadcrumb or menu line (segments split by | » › >)",
    }
    max_words: int = 12

    def judge(self, text: str) -> str | None:
        if words(text) <= self.max_words and _NAVIGATION.search(text) and not ends_sentence(text):
            return "boilerplate_navigation"
        return None


@dataclass(frozen=True)
class Phrase(OneLine):
    """Whole lines from the phrase list, lines that start with a listed prefix, and app promotions."""

    name = "phrase"
    reasons: ClassVar[dict[str, str]] = {
        "boilerplate_phrase":
            "site chrome from the phrase list (tags, related articles, comment forms, app promotions)",
    }
    max_chars: int = 200  # a prefix or an app promotion only marks a line this short

    def judge(self, text: str) -> str | None:
        key = line_key(text)
        if key in lexicon.CHROME_LINES:
            return "boilerplate_phrase"
        if len(text) <= self.max_chars and (key.startswith(lexicon.CHROME_PREFIXES) or _is_app_promo(key)):
            return "boilerplate_phrase"
        return None


def _is_app_promo(key: str) -> bool:
    return any(a in key for a in lexicon.APP_WORDS) and any(d in key for d in lexicon.DOWNLOAD_WORDS)


@dataclass(frozen=True)
class Teaser(LineRule):
    """Other articles' headlines under a "read also" label: the line after the label, and the run of
    headline-like lines (no full stop) that follows it up to the next sentence. A label without a
    colon only counts when a headline-like line follows it."""

    name = "teaser"
    reasons: ClassVar[dict[str, str]] = {
        "boilerplate_teaser": "the headline of another article, under a \"read also\" label",
    }
    max_chars: int = 200
    max_run: int = 8  # a related block lists a handful of headlines

    def decide(self, lines: pa.Table) -> pa.Array[Any]:
        docs, texts = values(lines, "doc"), values(lines, "text")
        reasons = values(lines, "reason")
        out: list[str | None] = [None] * len(texts)
        for i, text in enumerate(texts):
            if not _is_teaser_label(text):
                continue
            run = [j for j in range(i + 1, min(i + 1 + self.max_run, len(texts))) if docs[j] == docs[i]]
            for n, j in enumerate(run):
                headline = len(texts[j]) <= self.max_chars and not _ends_statement(texts[j])
                if _is_teaser_label(texts[j]):
                    break  # another label: its own block
                if not texts[j] or reasons[j] is not None:
                    continue
                if not (headline or (n == 0 and text.rstrip().endswith(":") and len(texts[j]) <= self.max_chars)):
                    break
                out[j] = "boilerplate_teaser"
        return pa.array(out, pa.string())


def _is_teaser_label(text: str) -> bool:
    return line_key(text) in lexicon.TEASER_LABELS


def _ends_statement(text: str) -> bool:
    """Ends a sentence with a full stop (a question or exclamation can be a headline)."""
    return ends_sentence(text) and text.rstrip(CLOSERS + " ")[-1] not in "?!؟！？"
