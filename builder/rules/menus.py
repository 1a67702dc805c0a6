"""Menus, section lists, tag lists and share rows: runs of short link-text lines.

HTML extraction gives a page's navigation one line per link ("World", "Business", "Sport" …). Above
the article the header trim takes it and below it the footer trim, but a menu between two parts of
the text (a section list after the lead, tags before a sidebar, a share row, a widget's items after
the body and before a form's sentence) stays. A run of `MIN_RUN` or more lines of one to three words,
none ending a sentence or a clause, with no other kept line between them (lines other rules dropped
may be), is such a list unless it has the shape of the article's own list:

- a lead-in just above it that ends with a colon ("The winners were:", "You will need:");
- numbered items, or numbers in half the items or more (ingredients, results, a table's cells);
- items that start with a lower-case letter (a list of things; link text is capitalised);
- items that speak of what the text speaks of: a third of them or more share a word with the
  document's other kept lines ("Children are most often allergic to these foods." and the foods, named
  again in the next paragraphs; the ingredients the method uses), while a menu's sections and a share
  row's networks are not the article's words.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

import numpy as np
import pyarrow as pa

from builder.rules.blocks import document_slices
from builder.rules.masks import matching
from builder.steps import LineRule, array, undecided, values
from builder.text.keys import key_words

MIN_RUN = 4  # three short lines in a row are a heading and two items as often as a menu
MAX_WORDS = 3
MAX_CHARS = 40  # an item is a link's text
COHESION = 1 / 3  # this share of items naming the text's words: the article's own list
MIN_WORD_CHARS = 3  # shorter words (articles, particles) say nothing of the topic
_NUMBERED = r"^\s*(?:[-–•*·▪]\s*)?(?:\d+|[a-z])[.)]\s"  # "1. Mix", "- 2) Bake"
_LOWER_START = r"^[^\pL]*\p{Ll}"


@dataclass(frozen=True)
class Menu(LineRule):
    name = "menu"
    reasons: ClassVar[dict[str, str]] = {
        "boilerplate_menu": "a menu, section list, tag list or share row: four or more short link-text lines in "
                            "a row (one to three words, no sentence or clause end, not numbered, not introduced "
                            "by a colon)",
    }
    min_run: int = MIN_RUN

    def decide(self, lines: pa.Table) -> pa.Array[Any]:
        kept = undecided(lines) & (array(lines, "length") > 0)
        item = kept & (array(lines, "words") >= 1) & (array(lines, "words") <= MAX_WORDS) \
            & (array(lines, "length") <= MAX_CHARS) & ~array(lines, "ends_clause")
        out: list[str | None] = [None] * len(lines)
        if item.sum() < self.min_run:
            return pa.array(out, pa.string())
        numbered, digits = matching(lines, _NUMBERED, among=item), matching(lines, r"\d", among=item)
        lower = matching(lines, _LOWER_START, among=item)
        lead_in = matching(lines, r":\s*$", among=kept & array(lines, "ends_clause"))
        dropped = ~undecided(lines)
        texts: list[str] | None = None
        for start, end in document_slices(lines):
            if item[start:end].sum() < self.min_run:
                continue
            texts = texts or values(lines, "text")
            run: list[int] = []
            before: int | None = None  # the kept line above the run
            for i in [*range(start, end), -1]:
                if i >= 0 and (item[i] or (dropped[i] and run)):
                    run.append(i)
                    continue
                rows = [j for j in run if item[j]]
                if len(rows) >= self.min_run and not (before is not None and lead_in[before]) \
                        and not numbered[rows].any() and digits[rows].sum() * 2 < len(rows) \
                        and not lower[rows].all() and not _cohesive(texts, rows, range(start, end), kept):
                    for j in rows:
                        out[j] = "boilerplate_menu"
                run = []
                if i >= 0 and kept[i]:
                    before = i
        return pa.array(out, pa.string())


def _topic_words(text: str) -> set[str]:
    return {w for w in key_words(text) if len(w) >= MIN_WORD_CHARS}


def _cohesive(texts: list[str], rows: list[int], document: range, kept: np.ndarray) -> bool:
    """Whether COHESION of the items or more share a word with the document's other kept lines."""
    inside = set(rows)
    words = set().union(*(_topic_words(texts[i]) for i in document if kept[i] and i not in inside))
    return sum(bool(_topic_words(texts[i]) & words) for i in rows) >= COHESION * len(rows)
