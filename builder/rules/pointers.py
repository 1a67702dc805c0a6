"""Lines that point the reader somewhere the text no longer goes: a lead-in to a video or photos that
the extraction left behind ("Watch the video:", "شاهد الصور لمعرفة بقية المبادرات:"), and a
continuation or end marker of a paper or an agency ("Continued on page 4", "تفاصيل ص19", "(يتبع)",
"انتهای پیام").

A lead-in opens with a verb of watching (or clicking) and names a medium; it ends with a colon, or is a
few words with nothing else in it, so a headline that opens with "Watch" ("شاهد بالفيديو.. الحريري ينتخب")
is not one. A marker is the whole line: a line that says "continued" inside a sentence is the article's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, ClassVar

import pyarrow as pa

from builder.rules.masks import matching, search
from builder.steps import LineRule, array, undecided, where

# Verbs that open a lead-in to a medium, and the media (Python regexes: \b and case folding over every script).
_WATCH = (r"شاهد|شاهدوا|شاهدي|تابع|تابعوا|اضغط|انقر|watch|see|view|click|regardez|voir|découvrez|mira|mire|vea|"
          r"sehen sie|schauen sie|ببینید|تماشا کنید|دیکھیے|دیکھیں|देखें")
_MEDIA = (r"فيديو|الفيديو|بالفيديو|فيديوهات|الصور|بالصور|صور|ألبوم|videos?|clip|photos?|pictures|gallery|slideshow|"
          r"vidéo|diaporama|galerie|vídeo|fotos|galería|bilder|bildergalerie|ویدئو|ویدیو|فیلم|تصاویر|ویڈیو|वीडियो|"
          r"तस्वीरें")
_LEAD_IN = re.compile(rf"^\W*(?:{_WATCH})\b.*\b(?:{_MEDIA})\b", re.IGNORECASE)
_MEDIA_LABEL = re.compile(rf"^\W*(?:{_MEDIA})\W*$", re.IGNORECASE)  # "(فيديو)", "VIDEO:" alone
LEAD_IN_WORDS = 12
BARE_WORDS = 4  # a lead-in without a colon is this short ("Watch the video")

# Continuation and end markers, as the whole line (a page number where they point to one).
_MARKER = re.compile(
    r"^\W*(?:يتبع|للحديث بقية|(?:ال)?تفاصيل\s*(?:ص|صفحة|صفحه)\s*\d+|(?:ال)?تتمة\s*(?:ص|صفحة|في)\s*\d*|انتهى|"
    r"انتهای پیام|پایان پیام|پایان خبر|ادامه دارد|جاری ہے|(?:to be )?continued(?: on page \d+)?|"
    r"continued from page \d+|suite (?:en |à la )?page \d+|à suivre|fortsetzung (?:auf seite \d+|folgt)|"
    r"continúa en (?:la )?página \d+|continuará)\W*$", re.IGNORECASE)
_HINT = r"(?i)\d|يتبع|بقية|انته|پایان|ادامه|جاری|continu|suivre|fortsetzung|" + _MEDIA
MARKER_WORDS = 6


@dataclass(frozen=True)
class Pointer(LineRule):
    name = "pointer"
    reasons: ClassVar[dict[str, str]] = {
        "boilerplate_media": "a lead-in to a video or photos the text does not carry (\"Watch the video:\", "
                             "\"شاهد الصور:\")",
        "boilerplate_continuation": "a continuation or end marker (\"Continued on page 4\", \"تفاصيل ص19\", "
                                    "\"(يتبع)\", \"انتهای پیام\")",
    }

    def decide(self, lines: pa.Table) -> pa.Array[Any]:
        words, ends = array(lines, "words"), array(lines, "ends_sentence")
        short = undecided(lines) & (words <= LEAD_IN_WORDS) & (array(lines, "length") > 0)
        maybe = matching(lines, _HINT, among=short)
        colon = matching(lines, r"[:：]\s*$", among=maybe)
        lead_in = search(_LEAD_IN.search, lines, maybe & ~ends & (colon | (words <= BARE_WORDS))) \
            | search(_MEDIA_LABEL.match, lines, maybe & (words <= 2))
        marker = search(_MARKER.match, lines, maybe & (words <= MARKER_WORDS))
        return where(lead_in, "boilerplate_media", where(marker, "boilerplate_continuation"))
