"""The optional filters of a build: languages to keep (whole documents, then confidently foreign
paragraphs), and quality thresholds on paragraphs. Each is in the plan only when its setting is."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

import pyarrow as pa

from builder.steps import DocumentFilter, ParagraphFilter, values
from builder.text.chars import Chars
from builder.text.keys import word_counts
from builder.text.quality import signals

# A paragraph's own language decides only when the detector is this sure; otherwise the document's does.
LANGUAGE_CONFIDENT = 0.5
# ...and only in a paragraph this long: under it are headlines, captions and references, where lid.176
# is often wrong (Persian references labelled `ar`, Urdu headlines `pnb`) and a wrong drop loses content.
LANGUAGE_MIN_CHARS = 100


def _decide(reason: str, drop: list[bool]) -> pa.Array[Any]:
    return pa.array([reason if d else None for d in drop], pa.string())


@dataclass(frozen=True)
class LanguageDocuments(DocumentFilter):
    """Drops a document whose detected language (of its kept text) is not one the build keeps."""

    name = "language_documents"
    reasons: ClassVar[dict[str, str]] = {"language_filtered": "not in one of the languages the build keeps"}
    languages: frozenset[str] = frozenset()

    def decide(self, documents: pa.Table) -> pa.Array[Any]:
        return _decide("language_filtered", [lang not in self.languages
                                             for lang in values(documents, "language")])


@dataclass(frozen=True)
class LanguageParagraphs(ParagraphFilter):
    """Drops a paragraph confidently detected in another language and long enough to be sure (shorter
    ones, and lines mistaken for a relative of the document's language, took the document's)."""

    name = "language_paragraphs"
    reasons: ClassVar[dict[str, str]] = {
        "language_filtered": "a paragraph confidently detected in a language the build does not keep",
    }
    languages: frozenset[str] = frozenset()
    min_score: float = LANGUAGE_CONFIDENT
    min_chars: int = LANGUAGE_MIN_CHARS

    def decide(self, paragraphs: pa.Table) -> pa.Array[Any]:
        columns = ("language", "language_score", "detected", "text")
        rows = zip(*(values(paragraphs, c) for c in columns), strict=True)
        return _decide("language_filtered", [detected and score >= self.min_score and len(text) >= self.min_chars
                                             and lang not in self.languages
                                             for lang, score, detected, text in rows])


@dataclass(frozen=True)
class MinWords(ParagraphFilter):
    name = "min_words"
    reasons: ClassVar[dict[str, str]] = {"quality_too_short": "fewer words than the build's min_words"}
    min_words: int = 0

    def decide(self, paragraphs: pa.Table) -> pa.Array[Any]:
        counts = word_counts(Chars.of(values(paragraphs, "text")))
        return _decide("quality_too_short", (counts < self.min_words).tolist())


@dataclass(frozen=True)
class MinAlphaRatio(ParagraphFilter):
    name = "min_alpha_ratio"
    reasons: ClassVar[dict[str, str]] = {
        "quality_low_alpha": "a smaller share of letters than the build's min_alpha_ratio",
    }
    min_alpha_ratio: float = 0.0

    def decide(self, paragraphs: pa.Table) -> pa.Array[Any]:
        return _decide("quality_low_alpha", [signals(t).alpha_ratio < self.min_alpha_ratio
                                             for t in values(paragraphs, "text")])
