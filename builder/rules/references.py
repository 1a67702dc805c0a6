"""Reference lists and a paper's apparatus: the citations, bibliography and link lists under an
article (Wikipedia, journals, blogs), and the acknowledgements, funding, disclosure and author-address
notes a journal prints after it.

A citation is recognised by its shape, not by who is cited: a DOI, PMID or ISBN, "Retrieved …" and
"Archived from the original", Wikipedia's back-link caret, a year in brackets or before a volume
("2013;31:5339-48"), page ranges, "et al", authors as "Surname AB" or "Surname, A.". One line with
such marks can be a sentence that cites a study, so only a *run* of them is a list: three or more
citation lines close together. A reference-section label (`SECTION_LABELS`) just above such a run,
or above a run of list items (external links, further reading), goes with it.

The apparatus is a line that opens with one of `APPARATUS_LABELS` and a colon ("Grant Support: …"),
and the "Label: value" lines that follow it (the author-contribution and address lines); and the
publisher's note that closes a press release or a partner's article: a short "About X" label (`ABOUT`)
after the body, followed by at most `ABOUT_LINES` lines up to the end of the text. A longer note (a company's
four paragraphs under "About the Huawei consumer business group", then its contacts) goes too when each of
its lines names the label's subject and no prose follows them: an article's own closing section under "About
the project" moves on to other things.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import takewhile
from typing import Any, ClassVar

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from builder.rules.masks import Hinted, close_runs, document_slices, matching
from builder.rules.structure import prose
from builder.steps import LineRule, array, undecided, values
from builder.text.keys import line_key, topic_words

# Marks that make a line a citation on their own (each counts twice), and marks that only add up: RE2
# patterns, matched over the whole batch at once (\\b is ASCII there; names take \\pL).
_STRONG = (r"(?i)\bdoi\s*[:.]?\s*10\.\d|\bPMID\b|\bPMC\d|\bISBN\b|\bISSN\b|\barXiv\b|\bS2CID\b|\bOCLC\b|\bJSTOR\b"
           r"|\bBibcode\b|Archived from the original|\bRetrieved (?:on )?\S+ \S+|\bRetrieved \d|Crossref|Google Scholar"
           r"|^\s*(?:[-*•]\s*)?\^")
_WEAK = (
    r"\((?:1[5-9]|20)\d\d[a-z]?\)",  # (2010), (1998b)
    r"(?:1[5-9]|20)\d\d\s*[;:]\s*\d",  # 2013;31:5339
    r"\b\d+\s*\(\d+\)\s*:\s*\d|\b\d+:\d+[-–]\d+",  # 12(3): 45, 31:5339-48
    r"\bpp?\.\s*\d|\bS\.\s*\d+[-–]\d+",  # p. 12, pp. 4–9, S. 3-7
    r"\bet\.? al\b",
    r"(?i)\b(?:vol|no|ed|eds|éd|Hrsg)\.\s",
    r"^[\s\-*•\d.\[\]]*[A-Z][\pL'’-]+(?: [A-Z][\pL'’-]+)? [A-Z]{1,3}(?: Jr)?\s*[,.]",  # Peasah SK ,
    r"^[\s\-*•\d.\[\]]*[A-Z][\pL'’-]+, (?:[A-Z]\.|[A-Z][a-z]+)",  # Smith, J. / Smith, John
    r"(?i)Accessed|Consulté le|Consultado el|Abgerufen am|تاريخ الوصول|بازبینی‌شده",
    r"^\s*(?:[-*•]\s*)?(?:\[\d+\]|\d+\.)\s",  # numbered entry
)
_LIST_ITEM = re.compile(r"^\s*(?:[-–•*·▪]|\d+[.)]|\[\d+\])\s")
_LABEL_COLON = re.compile(r"^([^:!?]{2,80}):\s")  # "Dr. Dobkin: …", "Drafting of the article: …"

# "About Acme Corp", "À propos de l'université", "Acerca de", "Über uns", "حول بيت.كوم", "درباره ما" (RE2)
_ABOUT_WORD = r"(?i)^\W*(?:about|à propos d|a propos d|acerca de|über|حول|درباره)"
_ABOUT = _ABOUT_WORD + r"\s*\S"
_LABEL_WORD = re.compile(_ABOUT_WORD)  # what is left of the label names its subject
ABOUT_WORDS = 5  # the label: "About" and a name
ABOUT_LINES = 3  # the note under it: a paragraph or two and a contact line
ABOUT_AFTER = 3  # prose lines of the body above the label
NAMED_ABOUT_WORDS = 8  # a label and note this long need every line of the note to name the label's subject
NAMED_ABOUT_LINES = 6  # (the contact lines under them are left to the footer trim)
SUBJECT_CHARS = 4  # a word of the label this long names its subject

CITATION_SCORE = 2
MIN_RUN = 3  # citation lines in a run; fewer are sentences that cite
MAX_GAP = 2  # other kept lines allowed between two citations of one list
LABEL_REACH = 2  # a section label this many kept lines above the list names it

# Headings of reference and link sections, in the languages of the corpus and of Wikipedia's largest
# editions (matched as the whole line's key).
SECTION_LABELS = frozenset(line_key(label) for label in """References|Reference|Notes|Footnotes|Citations|Sources|
Bibliography|Works cited|Further reading|External links|Notes and references|Literature|Références|Notes et références|
Bibliographie|Liens externes|Sources et références|Referencias|Bibliografía|Enlaces externos|Notas|Einzelnachweise|
Literatur|Weblinks|Quellen|Anmerkungen|Riferimenti|Note|Collegamenti esterni|参考文献|脚注|外部リンク|注释|
المراجع|مراجع|المصادر|مصادر|هوامش|الهوامش|وصلات خارجية|منابع|پانویس|جستارهای وابسته|پیوند به بیرون|حوالہ جات|
بیرونی روابط""".replace("\n", "").split("|"))

# Headings of a journal article's apparatus, as they open a line before a colon.
APPARATUS_LABELS = frozenset(line_key(label) for label in """Acknowledgment|Acknowledgments|Acknowledgement|
Acknowledgements|Grant Support|Funding|Financial support|Disclosure|Disclosures|Editors' Disclosures|
Conflict of interest|Conflicts of interest|Competing interests|Corresponding Author|Current Author Addresses|
Author Contributions|Reproducible Research Statement|Data availability|Disclaimer|Role of the funding source|
Remerciements|Financement|Conflits d'intérêts""".replace("\n", "").split("|"))


# A line that may open the apparatus (RE2, to find the few documents worth reading line by line).
_APPARATUS_START = "(?i)^(?:" + "|".join(re.escape(label) for label in """acknowledg|grant support|funding|financial
support|disclosure|editors' disclosure|conflict|competing interest|corresponding author|current author address|
author contribution|reproducible research|data availability|disclaimer|role of the funding|remerciements|
financement|conflits""".replace("\n", " ").split("|")) + ")"


def _hinted(mark: str) -> str | Hinted:
    """A mark that spells a name's letters [\\pL'’-] behind the same mark with \\S, which takes every
    letter: a Unicode class costs more to compile than a batch costs to scan."""
    cheap = mark.replace("[\\pL'’-]", "\\S")
    return mark if cheap == mark else Hinted(mark, hint=cheap)


_MARKS = tuple(_hinted(mark) for mark in (_STRONG, *_WEAK))
# Every line with a mark (and a few more), in one pass: the marks then run on these lines only
_ANY_MARK = "|".join(f"(?:{mark.hint if isinstance(mark, Hinted) else mark})" for mark in _MARKS)


def citation_scores(lines: pa.Table) -> np.ndarray:
    """How strongly each line looks like a bibliographic reference (0: not at all)."""
    marked = matching(lines, _ANY_MARK)
    strong, *weak = (matching(lines, mark, among=marked) for mark in _MARKS)
    scores = 2 * strong.astype(np.int32)
    for found in weak:
        scores += found
    return np.asarray(scores)


@dataclass(frozen=True)
class References(LineRule):
    """Runs of citations (with their section label), link lists under a reference-section label,
    and the apparatus notes of a paper."""

    name = "references"
    reasons: ClassVar[dict[str, str]] = {
        "boilerplate_references": "a reference list, bibliography or link list under the article "
                                  "(three or more citations close together, or the list under a "
                                  "References / External links label)",
        "boilerplate_apparatus": "a paper's apparatus: acknowledgements, funding, disclosures, author "
                                 "addresses and contributions; a publisher's \"About X\" note at the end",
    }

    def decide(self, lines: pa.Table) -> pa.Array[Any]:
        candidate = undecided(lines) & (array(lines, "length") > 0)
        cited = citation_scores(lines) >= CITATION_SCORE
        labelled = pc.is_in(lines.column("key"), pa.array(sorted(SECTION_LABELS), pa.string())).to_numpy()
        apparatus = pc.match_substring_regex(lines.column("text"), _APPARATUS_START).to_numpy(zero_copy_only=False)
        words, ends = array(lines, "words"), array(lines, "ends_sentence")
        about = matching(lines, _ABOUT, among=candidate & (words <= NAMED_ABOUT_WORDS) & ~ends)
        is_prose = prose(words, ends) & candidate
        out: list[str | None] = [None] * len(lines)
        texts: list[str] | None = None
        for start, end in document_slices(lines):
            if about[start:end].any():
                self._about(candidate[start:end].nonzero()[0] + start, about, is_prose, words, lines, out)
            lists = cited[start:end].sum() >= MIN_RUN or labelled[start:end].any()
            if not (lists or apparatus[start:end].any()):
                continue  # most documents: nothing to look at row by row
            texts = texts or values(lines, "text")
            keys = values(lines.slice(start, end - start), "key")
            kept = [i for i in range(start, end) if candidate[i]]
            if lists:
                self._lists(kept, cited.tolist(), texts, keys, start, out)
            if apparatus[start:end].any():
                self._apparatus(kept, texts, out)
        return pa.array(out, pa.string())

    @staticmethod
    def _lists(kept: list[int], citation: list[bool], texts: list[str], keys: list[str], start: int,
               out: list[str | None]) -> None:
        """A document's citation runs and labelled lists (`keys`: the document's, from row `start`)."""
        for run in close_runs((p for p, i in enumerate(kept) if citation[i]), MAX_GAP):
            if len(run) < MIN_RUN:
                continue
            for p in range(run[0], run[-1] + 1):  # the list items between its citations are entries too
                if citation[kept[p]] or _LIST_ITEM.match(texts[kept[p]]):
                    out[kept[p]] = "boilerplate_references"
            for p in range(max(0, run[0] - LABEL_REACH), run[0]):
                if keys[kept[p] - start] in SECTION_LABELS:
                    out[kept[p]] = "boilerplate_references"
        for p, i in enumerate(kept):  # a section label over a list of links or further reading
            if keys[i - start] not in SECTION_LABELS or out[i] is not None:
                continue
            items = list(takewhile(lambda j: bool(_LIST_ITEM.match(texts[j]) or out[j]), kept[p + 1:]))
            if len(items) >= 2:
                for j in (i, *items):
                    out[j] = out[j] or "boilerplate_references"

    @staticmethod
    def _about(kept: np.ndarray, about: np.ndarray, is_prose: np.ndarray, words: np.ndarray, lines: pa.Table,
               out: list[str | None]) -> None:
        """An "About X" label near the end, below the body, and the few lines under it to the end; or, under a
        longer label, the lines under it that each name its subject, with no prose after them."""
        for p, i in enumerate(kept.tolist()):
            if not about[i] or is_prose[kept[:p]].sum() < ABOUT_AFTER:
                continue
            rest = kept[p + 1:].tolist()
            if words[i] <= ABOUT_WORDS and 1 <= len(rest) <= ABOUT_LINES:
                note = rest
            else:
                texts = lines.column("text")  # the rows read one by one: the batch is not made Python strings
                subject = topic_words(_LABEL_WORD.sub("", texts[i].as_py()), SUBJECT_CHARS)
                naming = [bool(subject & topic_words(texts[j].as_py(), SUBJECT_CHARS))
                          for j in rest[:NAMED_ABOUT_LINES + 1]]
                note = rest[:naming.index(False) if False in naming else len(naming)]
                if not note or len(note) > NAMED_ABOUT_LINES or is_prose[rest[len(note):]].any():
                    continue
            for j in (i, *note):
                out[j] = "boilerplate_apparatus"
            return

    @staticmethod
    def _apparatus(kept: list[int], texts: list[str], out: list[str | None]) -> None:
        inside = False
        for i in kept:
            label = _LABEL_COLON.match(texts[i])
            if label and line_key(label.group(1)) in APPARATUS_LABELS:
                inside = True
            elif not (inside and label):
                inside = False
            if inside and out[i] is None:
                out[i] = "boilerplate_apparatus"
