"""A forum post or a comment that quotes an earlier one: the quote's header ("spokesman42 said:",
"jardinier_du_sud a écrit :", "X a dit :", "X نے کہا:", "X گفت:", "اقتباس: المشاركة الأصلية كتبت بواسطة أم سارة",
"Originally Posted by X", a header in two lines ("Quote:" over "Originally Posted by X"), or a
handle alone, "spokewrench_sarah:")
and, under it, the lines that repeat lines of the page above it (or their start: a quote may be an
excerpt; a numbered item is quoted without its number). The repeated lines are the earlier post's, already
kept once where they were written; the header only introduces them.

A header alone decides nothing: "He said:" over a quotation is an article's lead-in, and stays unless
what follows it repeats the page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, ClassVar

import numpy as np
import pyarrow as pa

from builder.rules.masks import document_slices, matching, search
from builder.steps import LineRule, array, undecided, values
from builder.text.keys import line_key

# The verbs a quote's header closes with, in the languages of the corpus and the web's largest ("X said:", "X a dit :",
# "X نے کہا:", "X گفت:", "X يقول:"), and the openers of vBulletin's header with the poster's name after it ("Originally
# Posted by X", "المشاركة الأصلية كتبت بواسطة X", "پیام اصلی توسط X"): a kind's words, whichever forum.
SAID = (r"said|wrote|says|writes|a écrit|a dit|écrit|schrieb|sagte|escribió|escreveu|dijo|ha scritto|ha detto|disse|"
         r"написал|написала|yazdı|menulis|schreef|كتب|كتبت|قال|قالت|يقول|تقول|نوشت|گفت|نے لکھا|نے کہا")
_POSTED_BY = (r"Originally Posted by|Quote from|Quoting|Zitat von|Ursprünglich geschrieben von|Cita de|Citation de|"
              r"Mensaje original de|Message d'origine de|Publicado originalmente por|Messaggio originale di|"
              r"المشاركة الأصلية(?: كتبت| كتبه)? بواسطة|مشاركة أصلية بواسطة|پیام اصلی توسط|ارسال اصلی توسط|"
              r"اصل پیغام منجانب|اصل پیغام از")
_HEADER = re.compile(
    r"^\W*(?:(?:[اأ]قتباس|Quote|Zitat|Cita|Citation|Citazione|نقل قول)\b.*|"
    rf"(?:{_POSTED_BY})\b.*|"
    rf"\S+(?:\s\S+){{0,3}}\s+(?:{SAID})\s*(?:[:：]|…|\.\.\.)|"
    r"@?[\w.-]+\s*:)\s*$", re.IGNORECASE)  # a handle alone (Discourse's "spokewrench_sarah:"): the repeat decides
_HINT = (r"(?i)^\S+\s*:\s*$|اقتباس|أقتباس|quot|zitat|cita|نقل قول|posted by|said|wrote|says|writes|écrit|dit|schrieb|"
         r"sagte|escribió|escreveu|dijo|scritto|detto|disse|написал|yazdı|menulis|schreef|كتب|قال|يقول|تقول|نوشت|گفت|"
         r"لکھا|کہا|الأصلية|اصلی|اصل پیغام|origin|ursprünglich")
HEADER_WORDS = 10
EXCERPT_CHARS = 20  # a quote may give the start of a line: this much of its key is enough to know it
SENTENCE_CHARS = 10  # ...or one of its sentences whole ("کیا کرنا چاہیے؟" from the end of a post's paragraph)
_SENTENCE_END = re.compile(r"(?<=[.!?؟۔。])\s+")


def _repeats(key: str, above: set[str]) -> bool:
    """Whether a line is a line of the page above, or the start of one: `above` holds the page's keys with their
    list numbers cut too ("3- هل الطريق آمن؟" is quoted as "هل الطريق آمن؟"; a key's figures are 0s)."""
    key = key.lstrip("0") or key
    return key in above or (len(key) >= EXCERPT_CHARS and any(line.startswith(key) for line in above))


def _sentences(texts: list[str]) -> set[str]:
    """The keys of the sentences of the lines above that hold more than one: a quote may give one sentence of a
    paragraph, its last as well as its first."""
    return {key for text in texts for part in _SENTENCE_END.split(text)[1:]
            if len(key := line_key(part)) >= SENTENCE_CHARS}


@dataclass(frozen=True)
class QuotedRepeat(LineRule):
    name = "quoted_repeat"
    reasons: ClassVar[dict[str, str]] = {
        "boilerplate_quote": "a post's quote of an earlier post: its \"X said:\" header and the lines it repeats "
                             "from above",
    }

    def decide(self, lines: pa.Table) -> pa.Array[Any]:
        kept = undecided(lines) & (array(lines, "length") > 0)
        short = kept & (array(lines, "words") <= HEADER_WORDS)
        header = search(_HEADER.match, lines, matching(lines, _HINT, among=short))
        out: list[str | None] = [None] * len(lines)
        if not header.any():
            return pa.array(out, pa.string())
        keys, texts = values(lines, "key"), values(lines, "text")
        for start, end in document_slices(lines):
            for i in (start + np.flatnonzero(header[start:end])).tolist():
                above = {k for j in range(start, i) if keys[j] for k in (keys[j], keys[j].lstrip("0")) if k}
                above |= _sentences(texts[start:i])
                chain: list[int] = []
                repeats: list[int] = []
                for j in range(i + 1, end):
                    if not kept[j]:
                        continue
                    if header[j] and not repeats:  # a header in two lines ("Quote:" over "Originally Posted by X")
                        chain.append(j)
                        continue
                    if not _repeats(keys[j], above):
                        break
                    repeats.append(j)
                if repeats:
                    for j in (i, *chain, *repeats):
                        out[j] = "boilerplate_quote"
        return pa.array(out, pa.string())
