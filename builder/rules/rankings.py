"""Most-read boxes: a short label and other stories' headlines under it, numbered from one ("1. …", "۱ ـ …").

A box of headlines under a label is `blocks.LabelledBox`'s, but it leaves runs with numbers in them alone (a
ranking or a table the article gives), and a numbered line is no headline there. A site's "Most read" / "پربازدیدترین‌ها"
/ "Mafi karantuwa" box numbers its headlines, so it stayed. Here a run is such a box when its items are numbered
1, 2, 3 … in order, each a headline after its number (BOX_HEADLINE_WORDS words or more, no sentence end, no named
value), under a short label that is no lead-in (no colon, names nothing the article's prose names), no paragraph of
the article right below it, and fewer than half of its items name what the article's prose names. A league table
("۱. پتروشیمی ـ ۲۶ امتیاز": short rows), the article's numbered steps (sentences) or its own ranked list under a
heading that names its subject stay.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, ClassVar

import numpy as np
import pyarrow as pa

from builder.rules.blocks import BOX_HEADLINE_WORDS, PARAGRAPH_WORDS, named_values
from builder.rules.masks import document_slices, matching
from builder.rules.structure import VOUCH_WORD_CHARS, names_subject, prose
from builder.steps import LineRule, array, undecided

# an item's number and its mark: "1. ", "2) ", "۱ ـ ", "3 - ", "4 – "
_INDEX = re.compile(r"^\s*(\d{1,2})\s*(?:[.)\-–—ـ]\s*|\s+)(?=\S)")
_INDEX_RE2 = r"^\s*\d{1,2}\s*(?:[.)\-–—ـ]|\s)"
# a most-read label's cue, in the languages of the web's news sites: with one, the items may name the article's place
# or subject (a local site's most-read stories share its town's name); without one, fewer than half of them may
_MOST_READ = re.compile(r"most (?:read|viewed|popular|shared)|popular|trending|les plus (?:lus|populaires)|"
                        r"más (?:leíd|vist)|mais (?:lidas|vistas)|più lett|meistgelesen|meistgesehen|en çok okunan|"
                        r"самое (?:читаемое|популярное)|paling (?:popular|banyak dibaca)|"
                        r"mafi karantuwa|zilizosomwa zaidi|habari maarufu|"
                        r"الأكثر (?:قراءة|مشاهدة|تداولا|تداولاً)|الاكثر (?:قراءة|مشاهدة)|الأكثر شعبية|"
                        r"پربازدیدترین|پربیننده‌?ترین|پرخواننده‌?ترین|پربحث‌?ترین|"
                        r"سب سے زیادہ (?:پڑھی|دیکھی)|مقبول ترین|مقبول‌ترین|ډېر لوستل|ډېر کتل", re.IGNORECASE)
MIN_ITEMS = 3
MAX_ITEMS = 10
LABEL_MAX_WORDS = 6  # "سب سے زیادہ دیکھی گئی خبریں", "Mafi karantuwa a wannan mako"


@dataclass(frozen=True)
class RankedBox(LineRule):
    name = "ranked_box"
    reasons: ClassVar[dict[str, str]] = {
        "boilerplate_ranking": "a most-read box: a short label over other stories' headlines numbered 1, 2, 3 …",
    }

    def decide(self, lines: pa.Table) -> pa.Array[Any]:
        length, words, ends = array(lines, "length"), array(lines, "words"), array(lines, "ends_sentence")
        kept = undecided(lines) & (length > 0)
        numbered = matching(lines, _INDEX_RE2, among=kept & ~ends)
        out: list[str | None] = [None] * len(lines)
        if numbered.sum() < MIN_ITEMS:
            return pa.array(out, pa.string())
        docs, texts = array(lines, "doc"), lines.column("text")
        counts = np.bincount(docs[numbered], minlength=int(docs.max(initial=0)) + 1)
        is_prose = kept & prose(words, ends)
        for start, end in document_slices(lines, among=(counts >= MIN_ITEMS)[docs]):
            rows = [i for i in range(start, end) if length[i] > 0]  # the page's lines, blank ones aside
            prose_texts = [str(texts[i].as_py()) for i in range(start, end) if is_prose[i]]
            at = 0
            while at < len(rows):
                run = self._run(rows, at, numbered, texts)
                if len(run) < MIN_ITEMS:
                    at += max(len(run), 1)
                    continue
                label = rows[at - 1] if at else None  # the run starts at rows[at]
                at += len(run)
                below = [i for i in rows[at:] if kept[i]][:2]
                items = [_INDEX.sub("", str(texts[i].as_py()), count=1) for i in run]
                if label is None or not self._label(label, words, ends, texts, prose_texts) \
                        or any(words[i] - 1 < BOX_HEADLINE_WORDS for i in run) or named_values(lines, run) \
                        or any(words[i] >= PARAGRAPH_WORDS and ends[i] for i in below):
                    continue
                if not _MOST_READ.search(str(texts[label].as_py())) and 2 * sum(
                        names_subject(item, prose_texts, VOUCH_WORD_CHARS + 1) for item in items) >= len(items):
                    continue  # the article's own ranked list, under a heading of its own
                for i in ([label] if kept[label] else []) + run:
                    out[i] = "boilerplate_ranking"
        return pa.array(out, pa.string())

    @staticmethod
    def _run(rows: list[int], at: int, numbered: np.ndarray, texts: pa.ChunkedArray[Any]) -> list[int]:
        """The numbered lines from rows[at] on that count 1, 2, 3 … in order (empty when rows[at] is no item 1)."""
        run: list[int] = []
        for i in rows[at:at + MAX_ITEMS]:
            found = _INDEX.match(str(texts[i].as_py())) if numbered[i] else None
            if found is None or int(found.group(1)) != len(run) + 1:
                break
            run.append(i)
        return run

    @staticmethod
    def _label(label: int, words: np.ndarray, ends: np.ndarray, texts: pa.ChunkedArray[Any],
               prose_texts: list[str]) -> bool:
        """A box's label: a short line with no sentence end, no lead-in's colon, and a most-read cue or naming nothing
        of the article (a heading that names its subject, "جدول بالای لیگ آزادگان", is over the article's own table;
        "Mafi karantuwa a wannan mako", most read this week, shares "wannan", this, with any Hausa article)."""
        text = str(texts[label].as_py()).rstrip()
        return 1 <= words[label] <= LABEL_MAX_WORDS and not ends[label] and not text.endswith((":", "：")) \
            and (bool(_MOST_READ.search(text)) or not names_subject(text, prose_texts))
