"""Optional paragraph and document filters: languages to keep, quality thresholds."""

from __future__ import annotations

from dataclasses import dataclass

from builder.outcomes import Paragraph
from builder.text.quality import signals

# A paragraph's own language decides only when the detector is this sure; otherwise the document's does.
LANGUAGE_CONFIDENT = 0.5


@dataclass(frozen=True)
class Filters:
    languages: frozenset[str] = frozenset()  # empty: keep every language
    min_words: int = 0
    min_alpha_ratio: float = 0.0

    def document_reason(self, language: str) -> str | None:
        if self.languages and language not in self.languages:
            return "language_filtered"
        return None

    def paragraph_reason(self, p: Paragraph) -> str | None:
        if (self.languages and p.detected and p.language_score >= LANGUAGE_CONFIDENT
                and p.language not in self.languages):
            return "language_filtered"
        if self.min_words or self.min_alpha_ratio:
            s = signals(p.text)
            if s.num_words < self.min_words:
                return "quality_too_short"
            if s.alpha_ratio < self.min_alpha_ratio:
                return "quality_low_alpha"
        return None
