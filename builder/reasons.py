"""Every reason code a document or line can be dropped for, with the sentence that explains it.

The reasons of reading, validation, the takedown list and dedup are the core ones, here; every
other code is declared by the step that gives it (`Step.reasons`), and a build's table is the core
plus the declarations of the steps in its plan (`Reasons.of`). The same codes appear in rejects/,
in manifest.json counts and in the card.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from builder.read.inputs import REASONS as READING

# What a document can be refused for besides what the readers declare (builder/read/inputs.py holds
# the sentences of the codes readers share).
CORE_DOCUMENT = {
    **READING,
    "duplicate_id": "another document with the same id came first",
    "binary_content": "the text is mostly control bytes: a binary file, not text",
    "empty_after_clean": "no paragraph left after cleaning and boilerplate removal",
    "near_duplicate": "most of its text is in an earlier document (MinHash, word 5-grams); see duplicate_of",
    "excluded": "on the takedown list given with --exclude (by id or URL); nothing of it is kept",
}

CORE_LINE = {
    "duplicate_paragraph": "the same paragraph (up to spelling variants) was kept earlier; see duplicate_of",
}


class ReasonConflict(ValueError):
    """Two steps of a plan (or a step and the core) give one code different meanings."""


@dataclass(frozen=True)
class Reasons:
    """Reason code -> explanation, for documents and for lines (a code may be both, with its own
    sentence at each level: `empty_after_clean`, `language_filtered`)."""

    document: dict[str, str] = field(default_factory=lambda: dict(CORE_DOCUMENT))
    line: dict[str, str] = field(default_factory=lambda: dict(CORE_LINE))

    @classmethod
    def of(cls, steps: Iterable[Any]) -> Reasons:
        """The core reasons and those the steps (classes or instances) declare, at their `level`."""
        table = cls()
        for step in steps:
            level = table.document if step.level == "document" else table.line
            for code, explanation in step.reasons.items():
                if level.setdefault(code, explanation) != explanation:
                    raise ReasonConflict(f"{type(step).__name__ if not isinstance(step, type) else step.__name__}: "
                                         f"reason {code!r} is already declared as {level[code]!r}")
        return table

    def explain(self, code: str, level: str = "line") -> str:
        """The sentence for `code` at `level`, else at the other level, else the code itself."""
        first, second = (self.document, self.line) if level == "document" else (self.line, self.document)
        return first.get(code) or second.get(code) or code

    def codes(self) -> set[str]:
        return {*self.document, *self.line}


CORE = Reasons()


def explain(code: str, level: str = "line") -> str:
    """A core reason's sentence (a step's reasons are in its plan's table: `Plan.reasons`)."""
    return CORE.explain(code, level)
