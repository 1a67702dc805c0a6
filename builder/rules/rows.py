"""A thread's rows: a short line the page repeats (a poster's name above each of their posts) next to lines
other rules dropped (their rank, join date, post count, the post's date and buttons).

A poster's name stands above the rows that describe the post, so the line under it was dropped too. A
name with only the line above it dropped and a kept line under it is a label of what follows: an
interview's speaker under a caption or an ad, above their answer. Only a count or a date ("12 comments",
"12/01/2024") is row data there too, whatever follows it.

On a Q&A page each post closes with a line crediting it ("answered 4 May by X (310 points)"), in one shape the
page repeats from post to post: `PostCredit` compares those shapes.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from itertools import combinations, groupby, takewhile
from typing import Any, ClassVar

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from builder.rules.comments import DatedComments, SignedComment, words_of
from builder.rules.line_features import _LIST_ITEM
from builder.rules.masks import document_slices, matching, re2
from builder.rules.patterns import says_when
from builder.rules.structure import prose, prose_lines
from builder.steps import LineRule, array, undecided, values


@dataclass(frozen=True)
class RepeatedRow(LineRule):
    max_words: int = 3  # a name, a handle, a rank
    name = "repeated_row"
    reasons: ClassVar[dict[str, str]] = {
        "boilerplate_row": "a short line the page repeats (a poster's name) above a thread's rows other rules "
                           "dropped (rank, join date, post count, buttons), or a count or date the page repeats "
                           "under them",
    }

    def decide(self, lines: pa.Table) -> pa.Array[Any]:
        kept, words = undecided(lines), array(lines, "words")
        nonblank = array(lines, "length") > 0
        short = kept & nonblank & (words <= self.max_words) & ~array(lines, "ends_sentence")
        out: list[str | None] = [None] * len(lines)
        if not short.any():
            return pa.array(out, pa.string())
        numbered = matching(lines, r"\d", among=short)
        keys = values(lines, "key")
        for start, end in document_slices(lines, among=short):  # a document without a short line has no row
            rows = (nonblank[start:end].nonzero()[0] + start).tolist()
            counts = Counter(keys[r] for r in rows)
            for p, r in enumerate(rows):
                if not short[r] or counts[keys[r]] < 2 or not keys[r]:
                    continue
                under = p + 1 < len(rows) and not kept[rows[p + 1]]
                over = p > 0 and not kept[rows[p - 1]]
                if under or (over and numbered[r]):
                    out[r] = "boilerplate_row"
        return pa.array(out, pa.string())


@dataclass(frozen=True)
class ThreadRows(LineRule):
    """The lines left between a thread's posts: a short kept line in a run of rows that other rules dropped
    around it, where the run holds two or more rows the page repeats once numbers are masked ("Reply", "Quote",
    "Posts: 14" / "Posts: 2 874", "#2" / "#3"): each post comes with the same set of rows, and the poster's
    name, rank, place or join date that no rule knows sits among them ("Gégé du Haut-Doubs", "Vélotafeur
    confirmé", "Localisation : Pontarlier"). Judged with the neighbours, never alone: the run must be mostly
    dropped lines (twice as many as the short lines it holds), and a sentence or a line ending with a comma
    ("Bonjour à tous,") ends it. An article's subheading between a caption and an advertisement stays: one
    repeated line ("Advertisement") is not a post's set of rows. A Q&A page has few posts and few rows to repeat,
    but two lines crediting a post or signing a comment (`PostCredit`, `SignedComment`) say it is a thread. A line
    of figures alone (a score, "12") is a row here though Structure drops it only later.

    On such a page a post's signature goes too: the line or two under a long divider ("__________", "ـــــــ", a
    separator the forum sets above every signature) up to the next dropped row, and, with no divider, a motto
    framed in tildes or quotes ("~ اللهم احفظ أطفالنا ~", '"Teaching is lighting a fire" - M. Salem') right over
    one of the rows the page repeats (the post's buttons). A quotation the post announces (a line ending with a
    colon above it) is the post's own, and so is a divider's run that goes on into the post's text (more than
    `signature_lines` lines, or a line as long as a paragraph)."""

    name = "thread_rows"
    reasons: ClassVar[dict[str, str]] = {
        "boilerplate_post_row": "a short line among a thread's post rows (a poster's name, rank, place or join "
                                "date) between rows the page repeats for every post",
        "boilerplate_signature": "a forum poster's signature at the end of a post: the lines under a long divider "
                                 "(\"__________\", \"ـــــــ\"), or a motto framed in tildes or quotes over the "
                                 "post's buttons",
    }
    max_words: int = 5
    min_repeats: int = 3  # a masked row this often on the page: one per post
    min_kinds: int = 2  # distinct repeated rows in one run: a post's set of rows, not one repeated line
    signature_lines: int = 2  # a signature under its divider
    signature_words: int = 25  # ...each line at most this long (a paragraph is the post's)

    def decide(self, lines: pa.Table) -> pa.Array[Any]:
        kept, words = undecided(lines), array(lines, "words")
        nonblank = array(lines, "length") > 0
        figures = kept & nonblank & (words == 0)  # a line of figures alone ("48.2k 4 51 119", "12"): a row too
        # a count with its unit ("4 votes", "310 نقاط", "۹ رأی"), a post's score: a row that bounds a run, never a
        # repeated row that makes a page a thread (an article's "3 comments" is not one)
        tallies = matching(lines, r"^\W*\pN[\pN.,٬٫]*[kK]?\s+\pL+(?:\s\pL+)?\s*$",
                           among=kept & nonblank & (words >= 1) & (words <= 2))
        dropped = (~kept & nonblank) | figures | tallies
        out: list[str | None] = [None] * len(lines)
        if dropped.sum() < self.min_repeats * self.min_kinds:
            return pa.array(out, pa.string())
        colon = matching(lines, r"[:：]\s*$", among=kept & nonblank & (words <= self.max_words))
        short = kept & nonblank & ~figures & ~tallies & (words <= self.max_words) \
            & (~array(lines, "ends_clause") | colon)
        # only pages with a short line left and rows enough to repeat are read line by line (a thread's page)
        docs = array(lines, "doc")
        size = int(docs.max()) + 1
        # a thread's page has rows enough to repeat; its post rows are read where a short line is left
        busy = np.bincount(docs[dropped], minlength=size) >= self.min_repeats * self.min_kinds
        pages = busy & (np.bincount(docs[short], minlength=size) > 0)
        if not busy.any():
            return pa.array(out, pa.string())
        rows_masked = np.flatnonzero(dropped & busy[docs]).tolist()
        keys = pc.replace_substring_regex(lines.column("key").take(rows_masked), re2(r"\d+"), "0").to_pylist()
        masked = {r: str(key or "") for r, key in zip(rows_masked, keys, strict=True)}
        reasons = values(lines, "reason")
        marks = {*PostCredit.reasons, *SignedComment.reasons}
        is_prose = kept & prose(words, array(lines, "ends_sentence"))
        counted = matching(lines, r"\d", among=short) | tallies
        asks = matching(lines, r"[?؟？]\W*$", among=is_prose)
        heads = kept & nonblank & ~figures & ~tallies & (words <= PostCredit.max_words) & ~array(lines, "ends_clause")
        on_pages = busy[docs]
        dividers = matching(lines, _DIVIDER, among=nonblank & on_pages & (words <= 1))
        framed = matching(lines, _FRAMED, among=kept & on_pages & (words <= self.signature_words))
        lead_ins = matching(lines, r"[:：]\s*$", among=kept & on_pages)
        for start, end in document_slices(lines):
            if not busy[docs[start]]:
                continue
            rows = (nonblank[start:end].nonzero()[0] + start).tolist()
            counts = Counter(masked[r] for r in rows if dropped[r] and masked[r] and not tallies[r])  # "#0", "reply"
            repeated = {key for key, n in counts.items() if n >= self.min_repeats}
            # a Q&A page's few posts repeat few rows, but their credits and signed comments say it is a thread
            credited = sum(reasons[r] in marks for r in rows) >= self.min_kinds
            if len(repeated) < self.min_kinds and not credited:
                continue
            self._signatures(rows, kept, masked, repeated, dividers, framed, lead_ins, words, out)
            if not pages[docs[start]]:
                continue
            title = next((r for r in rows if is_prose[r]), None)
            title = title if title is not None and asks[title] else None
            for _, group in groupby(rows, key=lambda r: bool(dropped[r] or short[r])):
                run = list(group)
                if not (dropped[run[0]] or short[run[0]]):
                    continue
                rows_dropped = [r for r in run if dropped[r]]
                if not rows_dropped:
                    continue
                # only between two dropped rows: a greeting or a thank-you at the edge opens or closes a post
                left = [r for r in run if (short[r] or tallies[r]) and rows_dropped[0] < r < rows_dropped[-1]]
                kinds = {masked[r] for r in rows_dropped} & repeated
                if left and (credited or len(kinds) >= self.min_kinds) and len(rows_dropped) >= len(left):
                    for r in left:
                        out[r] = out[r] or "boilerplate_post_row"  # a signature stays one
            # right under a Q&A page's title (its first prose line, a question), a line giving a figure in a run of
            # rows is the question's stats ("Viewed 18k times", "1.2 ألف زيارة"), at the run's edge too: no post has
            # begun there to greet or list anything; and so is a line of a credit's length above the last of those
            # rows or dropped ones (the asker: "سُئل منذ 3 أيام بواسطة X" over "2 إجابة"); a line below them all may
            # open the question ("Hello everyone")
            if credited and title is not None:
                head = list(takewhile(lambda r: bool(dropped[r] or heads[r]), rows[rows.index(title) + 1:]))
                edge = max((r for r in head if dropped[r] or counted[r]), default=-1)
                for r in head:
                    if counted[r] or (heads[r] and r < edge):
                        out[r] = out[r] or "boilerplate_post_row"
        return pa.array(out, pa.string())

    def _signatures(self, rows: list[int], kept: np.ndarray, masked: dict[int, str],
                    repeated: set[str], dividers: np.ndarray, framed: np.ndarray, lead_ins: np.ndarray,
                    words: np.ndarray, out: list[str | None]) -> None:
        """A thread page's signatures (see the class): marked in `out`."""
        for p, r in enumerate(rows):
            if dividers[r]:
                run = list(takewhile(lambda q: bool(kept[q]) and not dividers[q], rows[p + 1:]))
                after = p + 1 + len(run)
                if 0 < len(run) <= self.signature_lines and all(words[q] <= self.signature_words for q in run) \
                        and (after == len(rows) or not kept[rows[after]]):
                    for q in (r, *run) if kept[r] else run:
                        out[q] = "boilerplate_signature"
            elif framed[r] and p + 1 < len(rows) and masked.get(rows[p + 1], "") in repeated \
                    and not (p > 0 and lead_ins[rows[p - 1]]):
                out[r] = "boilerplate_signature"


# A signature's divider: a long line of underscores, tatweels, dashes or equals signs ("__________", "ــــــــ"), and
# a motto framed in tildes or in quotes, an attribution after the closing quote ('"…" - M. Salem', "~ … ~").
_DIVIDER = r"^\s*(?:[_\-=~*]{8,}|\x{0640}+)\s*$"  # a run of tatweels is one in a line's cleaned text
_FRAMED = r'^\s*(?:~+[^~]+~+|["“«][^"“”«»]{8,}["”»](?:\s*[-–—]\s*\S.{0,40})?)\s*$'
_DIGITS = re.compile(r"\d+")


def _skeleton(text: str) -> tuple[str, ...]:
    """A line's words with their edge punctuation cut and every number masked ("(45" and "(310" are "0")."""
    return tuple(_DIGITS.sub("0", word) for word in words_of(text))


def _shared(a: tuple[str, ...], b: tuple[str, ...]) -> int:
    """How many words two skeletons share in the same order (their longest common subsequence): a credit's
    verb, preposition, date and unit come in one order in every post's; a timeline's items share words in any."""
    row = [0] * (len(b) + 1)
    for word in a:
        diagonal = 0
        for j, other in enumerate(b, 1):
            diagonal, row[j] = row[j], diagonal + 1 if word == other else max(row[j], row[j - 1])
    return row[-1]


# A Q&A credit's verb opening its line, in the languages of the corpus and the web's largest (RE2, then re)
_ROLE_VERBS = (r"سأل|سألت|سُئل|سئل|أجاب|أجابت|أُجيب|أجيب|Asked|Answered|Demandé|Répondu|Gefragt|Beantwortet|"
               r"Preguntado|Respondido|Respondida|Perguntado|پرسیده شده|پاسخ داده شده|پوچھا گیا|جواب دیا گیا")
_ROLE = rf"(?i)^\W*(?:{_ROLE_VERBS})(?:\s|:)"
_ROLE_LABEL = re.compile(rf"(?i)^\W*(?:{_ROLE_VERBS})\s*:")
_ENDS = re.compile(r"[.?!؟。]\s*$")


@dataclass(frozen=True)
class PostCredit(LineRule):
    """The line that credits each post of a Q&A page or a thread ("asked 14 July by X (45 points)", "answered
    15 July by Y (310 points)", "پاسخ داده شده ۱۲ آذر توسط Z", "Share Improve this answer Follow"): a short line
    that is not a sentence, whose words (numbers masked, in order) the page repeats in another such line credited
    to another post, that is, with a post's text between the two, and text below one of them (the next post's).
    Only the skeleton is compared, never a list of words: the verb, the preposition, the month and the points'
    unit are what the two share, the name and the figures are what differ.

    What else shares a skeleton stays: parallel subheadings ("Day 1 in Salalah" / "Day 2 in Salalah") each
    stand above their section's text, and a line the next line's prose follows is a heading; a lead-in ends
    with a colon; the headline above the body and its copy in a list at the foot have no text between them and
    under them; a line the page repeats word for word is not a post's credit, which names a different poster,
    unless each copy stands over a row an earlier rule dropped (the post's date): that is the post's button row
    ("Share Improve this answer Follow" over "answered Mar 3, 2024 at 15:44"), where a refrain or a repeated
    subheading has the text going on under it. Once the page's credits are found, a line in their shape over a
    dropped row is one too wherever it stands (the question's "Share Improve this question Follow" under its tags).
    A page may credit each post at its head instead, over its text ("سُئل منذ 3 أيام بواسطة X" over the question,
    "أُجيب منذ يومين بواسطة Y" over an answer, a title or the stats between): such a line tells when (a time ago, a
    clock time), which a subheading over its section does not. A credit that opens with the Q&A verb itself
    (`_ROLE`: asked, answered) is one alone when the verb is a label (a colon after it: "سأل: أم جود · …",
    "أجاب: م. نايف العتيبي") or the line tells when ("Asked 2 days ago · Modified today", "أُجيب منذ يومين"), and it
    ends no sentence: a report's "Asked about the delay, the minister said …" runs on."""

    name = "post_credit"
    reasons: ClassVar[dict[str, str]] = {
        "boilerplate_post_credit": "a post's credit or button row (asked or answered, when, by whom, their points), "
                                   "in a shape the page repeats for another post, with a post's text between",
    }
    max_words: int = 12
    min_shared: int = 3  # words the two lines share in order, numbers masked: a verb, a preposition, a unit...
    min_share: float = 0.5  # ... and at least this much of the shorter line
    reach: int = 3  # a credit heading a post: the post's text within this many lines under it

    def decide(self, lines: pa.Table) -> pa.Array[Any]:
        kept, words = undecided(lines), array(lines, "words")
        nonblank = array(lines, "length") > 0
        short = kept & nonblank & (words >= self.min_shared) & (words <= self.max_words) \
            & ~array(lines, "ends_clause")
        out: list[str | None] = [None] * len(lines)
        texts = lines.column("text")
        for r in np.flatnonzero(matching(lines, _ROLE, among=kept & nonblank & (words <= self.max_words))).tolist():
            text = str(texts[r].as_py())
            if not _ENDS.search(text) and (_ROLE_LABEL.match(text) or says_when(text)):
                out[r] = "boilerplate_post_credit"
        docs = array(lines, "doc")
        size = int(docs.max()) + 1 if len(docs) else 0
        pages = np.bincount(docs[short], minlength=size) >= 2  # two short lines at least: two credits to compare
        if not pages.any():
            return pa.array(out, pa.string())
        is_prose = prose_lines(lines, kept)
        # a post's text, counted strictly (a sentence, or a long line): a long headline or deck is not a post
        text = kept & prose(words, array(lines, "ends_sentence"))
        for start, end in document_slices(lines):
            if not pages[docs[start]]:
                continue
            rows = (nonblank[start:end].nonzero()[0] + start).tolist()
            # a line's section: how many lines of text stand above it
            section = np.cumsum(text[start:end])
            below = int(section[-1]) if len(section) else 0
            unders = {r: under for r, over, under in zip(rows, [None, *rows], [*rows[1:], None], strict=False)
                      if short[r] and over is not None and text[over] and self._closes(texts, r, under, is_prose)}
            # a credit at a post's head, over its text (a few rows between: the answerer's title, the stats), tells
            # when the post was written, which a subheading over its section does not
            for p, r in enumerate(rows[:-1]):
                if short[r] and r not in unders and any(text[q] for q in rows[p + 1:p + 1 + self.reach]) \
                        and says_when(str(texts[r].as_py())):
                    unders[r] = rows[p + 1]
            if len(unders) < 2:
                continue
            credits = list(unders)
            shapes = {r: _skeleton(str(texts[r].as_py())) for r in credits}
            # a button row, the same words under every post, names no poster: each copy over a row dropped already
            buttons = {r for r, under in unders.items() if under is not None and not kept[under]}
            for a, b in combinations(credits, 2):
                if section[a - start] == section[b - start] or section[a - start] == below \
                        or (shapes[a] == shapes[b] and not {a, b} <= buttons):  # a, the upper, has a post under it
                    continue
                if self._alike(shapes[a], shapes[b]):
                    out[a] = out[b] = "boilerplate_post_credit"
            # a row in a credited shape over a row dropped already, where no post's text is right above it (the
            # question's row under its tags): the page's own credit row too
            taken = [r for r in credits if out[r]]
            for r, under in zip(rows, [*rows[1:], None], strict=True):
                if taken and short[r] and not out[r] and under is not None and not kept[under]:
                    shape = _skeleton(str(texts[r].as_py()))
                    if any(self._alike(shape, shapes[c]) for c in taken):
                        out[r] = "boilerplate_post_credit"
        return pa.array(out, pa.string())

    def _alike(self, a: tuple[str, ...], b: tuple[str, ...]) -> bool:
        """Whether two skeletons share `min_shared` words in order, and `min_share` of the shorter one."""
        shared = _shared(a, b)
        return shared >= self.min_shared and shared >= self.min_share * min(len(a), len(b))

    @staticmethod
    def _closes(texts: pa.ChunkedArray[Any], row: int, under: int | None, is_prose: np.ndarray) -> bool:
        """Whether a line right under a post's text closes the post rather than opens what follows: no list item
        itself, and neither prose (a heading's section) nor a list item (a heading's list) under it."""
        if _LIST_ITEM.match(str(texts[row].as_py())):
            return False
        return under is None or not (is_prose[under] or _LIST_ITEM.match(str(texts[under].as_py())))


@dataclass(frozen=True)
class RelatedQuestions(LineRule):
    """A box of other threads' questions at a Q&A page's or a forum thread's foot ("Related questions",
    "أسئلة ذات صلة", "پرسش‌های مرتبط", "Discussions similaires"): a short label that is not a sentence, with a
    dropped line above it (the answer form, a share row), over two or more short kept lines (one question or
    headline each, <= 15 words), most of which end with a question mark, on a page that other rules found to be a
    thread (two lines or more taken for a post's credit, row or comment). The label may be dropped already (a
    phrase); it is dropped with the questions when it is kept.

    The shape, not the label's words: an answer's own questions under its subheading ("Things to check first")
    have a kept line above the subheading and the answer's prose, or the next post's credit, below them; an
    article's open questions under a subheading are on no thread's page. Below the box, at most one kept prose line
    (the site's disclaimer) and no post's row."""

    name = "related_questions"
    reasons: ClassVar[dict[str, str]] = {
        "boilerplate_related_questions": "a box of other threads' questions under a short label at a Q&A page's or "
                                         "a forum thread's foot",
    }
    max_words: int = 15  # a question's or headline's length
    label_words: int = 5
    min_questions: int = 2
    min_marks: int = 2  # a thread's credits, rows or comments

    def decide(self, lines: pa.Table) -> pa.Array[Any]:
        kept, words = undecided(lines), array(lines, "words")
        out: list[str | None] = [None] * len(lines)
        nonblank = array(lines, "length") > 0
        asks = matching(lines, r"[?؟？]\W*$", among=kept & nonblank & (words <= self.max_words))
        docs = array(lines, "doc")
        if not len(docs) or asks.sum() < self.min_questions:
            return pa.array(out, pa.string())
        pages = np.bincount(docs[asks], minlength=int(docs.max()) + 1) >= self.min_questions
        ends = array(lines, "ends_sentence").astype(bool)
        reasons = values(lines, "reason")
        marks = {*PostCredit.reasons, *ThreadRows.reasons, *RepeatedRow.reasons, *SignedComment.reasons,
                 *DatedComments.reasons}
        is_prose = kept & prose(words, ends)
        label = nonblank & (words >= 1) & (words <= self.label_words) & ~ends & ~asks
        item = kept & nonblank & (words >= 1) & (words <= self.max_words) & (asks | ~ends)
        for start, end in document_slices(lines):
            if not pages[docs[start]]:
                continue
            rows = (nonblank[start:end].nonzero()[0] + start).tolist()
            marked = [r for r in rows if reasons[r] in marks]
            if len(marked) < self.min_marks:
                continue
            for i in range(1, len(rows) - self.min_questions):
                head = rows[i]
                if not label[head] or kept[rows[i - 1]] or out[head]:
                    continue
                run = list(takewhile(lambda r: bool(item[r]), rows[i + 1:]))
                questions = sum(bool(asks[r]) for r in run)
                if questions < self.min_questions or 2 * questions < len(run):
                    continue
                below = [r for r in rows if r > run[-1]]
                if sum(bool(is_prose[r]) for r in below) > 1 or any(r > run[-1] for r in marked):
                    continue
                for r in [head, *run] if kept[head] else run:
                    out[r] = "boilerplate_related_questions"
        return pa.array(out, pa.string())


# A file attached to a post: its name with an extension, then its size ("greenhouse1.jpg (148.2 KB, 64 views)",
# "IMG_2041.JPG (45.3 KiB) Viewed 1234 times", "صوبة1.jpg (148.2 كيلوبايت, 64 مشاهدات)"), at the line's start.
_ATTACHED = (r"(?i)^\W*\S+\.(?:jpe?g|png|gif|webp|bmp|heic|pdf|zip|rar|7z|docx?|xlsx?|pptx?|txt|mp3|mp4|mov)"
             r"\s*[(\[·–-]?\s*\d[\d.,٫]*\s*\S+")


@dataclass(frozen=True)
class Attachment(LineRule):
    """A forum post's attached files, one line each: a file's name at the line's start with its size after it
    (and its views), as forum software prints it; and the short label right over them ("Attached Images", "الصور
    المرفقة"), a line of a few words with no sentence end. A sentence that names a file starts with its own
    words, and a file name alone has no size."""

    name = "attachment"
    reasons: ClassVar[dict[str, str]] = {
        "boilerplate_attachment": "a forum post's attached file (its name with its size and views) and the label "
                                  "over the attachments",
    }
    max_words: int = 12
    label_words: int = 3

    def decide(self, lines: pa.Table) -> pa.Array[Any]:
        kept, words = undecided(lines), array(lines, "words")
        nonblank = array(lines, "length") > 0
        attached = matching(lines, _ATTACHED, among=kept & nonblank & (words <= self.max_words))
        out: list[str | None] = [None] * len(lines)
        if not attached.any():
            return pa.array(out, pa.string())
        label = kept & nonblank & (words >= 1) & (words <= self.label_words) & ~array(lines, "ends_sentence")
        for start, end in document_slices(lines):
            rows = (np.flatnonzero(nonblank[start:end]) + start).tolist()
            for p, r in enumerate(rows):
                if attached[r]:
                    out[r] = "boilerplate_attachment"
                    if p > 0 and label[rows[p - 1]] and not attached[rows[p - 1]]:
                        out[rows[p - 1]] = "boilerplate_attachment"
        return pa.array(out, pa.string())
