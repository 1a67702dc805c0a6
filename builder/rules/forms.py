"""A web form's fields: "Commentaire *", "Nom *", "Email*", "Comente*" with the labels and button around them
("Site web", "Post Comment").

A form marks the fields a visitor must fill with an asterisk after the label, in any language, and extraction
keeps the labels as lines of their own: a line of one to three words ending with that mark, no digit in it (a
footnote's "£10 *" or "Total 2 *" is the article's), is a field, and the short unended lines right next to it
(other fields' labels, the submit button) go with it. No word list: the mark is the cue. A list item written
with a leading asterisk ("* flour") is not a field.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

import numpy as np
import pyarrow as pa

from builder.rules.masks import Hinted, document_slices, matching
from builder.steps import LineRule, array, undecided

_REQUIRED = Hinted(r"^[^\d*]*[^\s\d*]\s?\*\s*$", hint=r"\*")  # a label, then the required mark: "Nom *", "Email*"


@dataclass(frozen=True)
class FormFields(LineRule):
    """A required field's label (1-3 words ending with " *", no digit), and the short unended kept lines right
    above and below it, up to `reach` on each side (the form's other labels and its button)."""

    name = "form_fields"
    reasons: ClassVar[dict[str, str]] = {
        "boilerplate_form": "a web form's field labels (a label ending with the required-field mark \"*\") and "
                            "the short labels and button next to them",
    }
    max_words: int = 3
    reach: int = 3

    def decide(self, lines: pa.Table) -> pa.Array[Any]:
        words, length = array(lines, "words"), array(lines, "length")
        kept = undecided(lines) & (length > 0)
        label = kept & (words >= 1) & (words <= self.max_words) & ~array(lines, "ends_sentence")
        field = matching(lines, _REQUIRED, among=label)
        out: list[str | None] = [None] * len(lines)
        if not field.any():
            return pa.array(out, pa.string())
        nonblank = length > 0
        for start, end in document_slices(lines):
            rows = (np.flatnonzero(nonblank[start:end]) + start).tolist()
            for p, r in enumerate(rows):
                if not field[r]:
                    continue
                out[r] = "boilerplate_form"
                for step in (-1, 1):  # the labels next to it, up to a line that is no label (or was dropped)
                    for q in range(p + step, p + step * (self.reach + 1), step):
                        if not 0 <= q < len(rows) or not label[rows[q]]:
                            break
                        out[rows[q]] = "boilerplate_form"
        return pa.array(out, pa.string())
