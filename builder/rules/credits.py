"""Captions and credits at any length: a picture's caption with its credit glued on, a report's
contributor line, and a shop or teaser line under an all-capitals label ("ADD TO CART: …").

The Image rule takes short lines that start by naming the picture; a caption that describes the photo
in a sentence is longer, and its mark may come first ("Image caption …", "تصویر کے کاپی رائٹ Getty
Images Image caption …") or last ("… Photograph: Jane Doe/Reuters", "… © AFP"). The marks are
caption words followed by what they mark, so an article sentence about photography does not match.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, ClassVar

import numpy as np
import pyarrow as pa

from builder.rules.masks import matching, search
from builder.steps import LineRule, array, undecided, where

MAX_WORDS = 80  # a caption is a sentence or two; a longer line is the article's
# A caption mark at the start of the line, or "Image caption" among its first words (RE2 patterns, matched
# over the whole batch; \\b is ASCII there, so the non-Latin marks go without it).
_OPENS = (r"(?i)^[^\pL\pN]*(?:Image caption|Image copyright|Photo caption|Picture caption|Caption\s*:|Photo credit|"
          r"Crédits? photos?\b|Légende\s*:|Bildunterschrift|Pie de foto|تصویر کے کاپی رائٹ|تصویر کا کیپشن|حقوق الصورة|"
          r"مصدر الصورة|(?:ال)?تعليق على الصورة)|^.{0,80}\bImage caption\b")
# A credit at the end of the line: "Photograph: Jane Doe/Reuters", "© AFP", "(Photo: AP)".
_CLOSES = (r"(?:\b(?:Photograph|Photo|Foto|Picture|Illustration|Crédit(?: photo)?|Credit)\s*:\s*[^.!?:]{2,60}"
           r"|©\s*[^.!?©]{2,40}|\((?:Photo|Foto|AFP|Reuters|AP|EPA|Getty Images)\b[^()]{0,40}\))\s*$")
# A line that credits the reporters and editors of the story.
_CONTRIBUTORS = (r"(?i)\bcontributed (?:reporting )?to this (?:report|story|article)\b|^[^\pL\pN]*(?:Additional )?"
                 r"reporting by\b|\bEditing by\b|\bWriting by\b|ساهم في (?:إعداد|تغطية) (?:هذا|هذه)|"
                 r"شارك في إعداد (?:هذا|هذه)")


def _matching(pattern: str, lines: pa.Table, among: np.ndarray) -> np.ndarray:
    return np.asarray(matching(lines, pattern) & among)


@dataclass(frozen=True)
class Caption(LineRule):
    name = "caption"
    reasons: ClassVar[dict[str, str]] = {
        "boilerplate_caption": "a picture's caption with its credit (\"Image caption …\", \"… Photograph: X/Reuters\")",
    }

    def decide(self, lines: pa.Table) -> pa.Array[Any]:
        among = undecided(lines) & (array(lines, "words") <= MAX_WORDS)
        opens = _matching(_OPENS, lines, among)
        return where(opens | _matching(_CLOSES, lines, among & ~opens), "boilerplate_caption")


@dataclass(frozen=True)
class Credit(LineRule):
    name = "credit"
    reasons: ClassVar[dict[str, str]] = {
        "boilerplate_credit":
            "a line that credits the story's reporters and editors (\"… contributed to this report\")",
    }
    max_words: int = 40

    def decide(self, lines: pa.Table) -> pa.Array[Any]:
        among = undecided(lines) & (array(lines, "words") <= self.max_words)
        return where(_matching(_CONTRIBUTORS, lines, among), "boilerplate_credit")


# "ADD TO CART: …", "VIEW PRICE: …", "READ MORE: …": a label of two to four words in capitals, one of them
# a word rather than an acronym (four letters or more: "IMF: …", "GPS: …" and "MSM MIA: …" are not labels),
# a colon, and no sentence end ("WASHINGTON: The council …" opens a sentence and ends with a full stop).
_CAPS_LABEL = re.compile(r"^\W*(?=[A-Z ]*[A-Z]{4})[A-Z]{2,}(?: [A-Z]{2,}){1,3}\s*:\s+\S")


@dataclass(frozen=True)
class CapsLabel(LineRule):
    name = "caps_label"
    reasons: ClassVar[dict[str, str]] = {
        "boilerplate_promo": "a shop or teaser link under a label in capitals (\"ADD TO CART: …\", \"READ MORE: …\")",
    }
    max_words: int = 16

    def decide(self, lines: pa.Table) -> pa.Array[Any]:
        among = undecided(lines) & (array(lines, "words") <= self.max_words) & ~array(lines, "ends_sentence")
        return where(search(_CAPS_LABEL.match, lines, _matching(r"^[^\pL]*[A-Z]{2}", lines, among)),
                     "boilerplate_promo")
