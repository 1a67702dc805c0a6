"""Decide, line by line, what is article text and what is site chrome."""

from __future__ import annotations

from collections.abc import Sequence

from builder.reasons import LINE_REASONS as REASONS


class RepeatedLines:
    """Placeholder for cross-document line statistics."""


def classify(texts: Sequence[str], source: str, repeated: RepeatedLines | None = None) -> list[str | None]:
    """A drop reason for each line, or None to keep it."""
    return ["empty_after_clean" if not t else None for t in texts]
