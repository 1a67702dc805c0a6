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
- items that are mostly named values, a label, a colon and its value ("Heating: central", "Finish: deluxe"):
  a listing's fact table, whose values are words as often as figures (a link's text names a place to go);
- items that speak of what the text speaks of: a third of them or more share a word with the
  document's other kept lines that are not short items themselves ("Children are most often allergic
  to these foods." and the foods, named again in the next paragraphs; the ingredients the method
  uses), while a menu's sections and a share row's networks are not the article's words (the same
  "Reply / Quote / Report" row under every post of a forum thread names only its other copies).

Under a list label (`lexicon.LIST_LABELS`: "Tags", "Archivado en", "Jump to:", "Contents") two short lines or
more are its items whatever their words (a page's tags name the article's subjects), up to the first line
that repeats one of them (a table of contents is followed by its first section's heading; a numbered entry,
"1 Description", is repeated by its heading without the number).

In a run that has rows the page repeats (a thread's rows between posts), an item that touches a
sentence and occurs once is the post's own short first or last line ("Thanks all") and stays.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, ClassVar

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from builder.rules import lexicon
from builder.rules.masks import matching
from builder.rules.structure import FIELD, NAMED, prose
from builder.steps import LineRule, array, undecided
from builder.text.keys import line_key, topic_words

MIN_RUN = 4  # three short lines in a row are a heading and two items as often as a menu
MAX_WORDS = 3
MAX_CHARS = 40  # an item is a link's text
MIN_LABELLED = 2  # items under a list label
ENTRY_WORDS = 8  # ...or, longer, a contents entry the page repeats as a section's heading below it
COHESION = 1 / 3  # this share of items naming the text's words: the article's own list
_NUMBERED = r"^\s*(?:[-–•*·▪]\s*)?(?:\d+|[a-z])[.)]\s"  # "1. Mix", "- 2) Bake"
_LOWER_START = r"^[^\pL]*\p{Ll}"
_ENTRY_NUMBER = re.compile(r"^\W*\d+(?:[.)]\d+)*[.)]?\s+")  # a table of contents' "1 ", "2.1 ", "3) "


@dataclass(frozen=True)
class Menu(LineRule):
    name = "menu"
    reasons: ClassVar[dict[str, str]] = {
        "boilerplate_menu": "a menu, section list, tag list or share row: four or more short link-text lines in "
                            "a row (one to three words, no sentence or clause end, not numbered, not introduced "
                            "by a colon), or two or more under a list label (tags, contents, \"Jump to:\")",
    }
    min_run: int = MIN_RUN

    def decide(self, lines: pa.Table) -> pa.Array[Any]:
        kept = undecided(lines) & (array(lines, "length") > 0)
        short = (array(lines, "words") >= 1) & (array(lines, "words") <= MAX_WORDS) \
            & (array(lines, "length") <= MAX_CHARS)
        # a named value ("Attendance: 1,842", "Servings: 8") is the article's, not a link's text
        item = kept & short & ~array(lines, "ends_clause") & ~matching(lines, FIELD, among=kept & short)
        taken = short & ~undecided(lines)  # the row's items other rules took: "Reply", a rank, "Posts: 87"
        out: list[str | None] = [None] * len(lines)
        labelled = _labelled(lines, item)
        for i in np.flatnonzero(labelled).tolist():
            out[i] = "boilerplate_menu"
        # a label's items are its own: a run of short lines further down does not borrow their words (a page's tags
        # name the article's subjects, and made a comment form's fields under them look like the article's list)
        item &= ~labelled
        if (item | taken).sum() < self.min_run:
            return pa.array(out, pa.string())
        # runs of items, through lines other rules dropped, within a document (numpy: most runs are short)
        docs, member = array(lines, "doc"), item | ~undecided(lines)
        starts = member.copy()
        starts[1:] &= ~(member[:-1] & (docs[1:] == docs[:-1]))
        run = np.cumsum(starts) - 1
        counts = np.bincount(run[item | taken], minlength=int(starts.sum()))
        long_runs = np.flatnonzero(counts >= self.min_run)
        if not len(long_runs):
            return pa.array(out, pa.string())
        candidates = item & np.isin(run, long_runs) & member
        numbered, digits = matching(lines, _NUMBERED, among=candidates), matching(lines, r"\d", among=candidates)
        lower = matching(lines, _LOWER_START, among=candidates)
        named = matching(lines, NAMED, among=candidates)
        texts, first_rows = lines.column("text"), np.flatnonzero(starts)
        words, ends = array(lines, "words"), array(lines, "ends_sentence")
        sentence = kept & prose(words, ends)
        found = np.flatnonzero(candidates)
        for rows_of_run in np.split(found, np.flatnonzero(np.diff(run[found])) + 1) if len(found) else []:
            rows = rows_of_run.tolist()
            first = int(first_rows[run[rows[0]]])
            before = first - 1 if first > 0 and docs[first - 1] == docs[first] else None  # the kept line above
            doc = np.flatnonzero(docs == docs[first])
            start, end = int(doc[0]), int(doc[-1]) + 1
            if len(rows) < self.min_run:
                # long only with the items other rules took (a post's buttons, its author's rank): what is left of
                # it counts between two of them, not at its ends (a subheading under a share row stays), and a
                # username may be lower-case
                members = start + np.flatnonzero((run[start:end] == run[rows[0]]) & member[start:end])
                rows = [i for i in rows if members[0] < i < members[-1]]
                if not rows:
                    continue
            elif lower[rows].all():
                continue
            if (before is not None and texts[before].as_py().rstrip().endswith(":")) or numbered[rows].any() \
                    or digits[rows].sum() * 2 >= len(rows) or named[rows].sum() * 2 > len(rows):
                continue
            page = texts.slice(start, end - start).to_pylist()
            repeats = [page.count(page[i - start]) > 1 for i in rows]
            if any(repeats):
                # rows the page repeats ("Reply", a rank under every post) are a thread's chrome between posts;
                # an item of such a run that touches a sentence and occurs once is that post's short opening or
                # closing line ("Thanks all", "Enjoy!")
                if rows[0] == first and before is not None and sentence[before] and not repeats[0]:
                    rows, repeats = rows[1:], repeats[1:]
                if rows and rows[-1] + 1 < end and sentence[rows[-1] + 1] and not repeats[-1]:
                    rows = rows[:-1]
            if not rows:
                continue
            others = [str(t) for i, t in enumerate(page, start) if kept[i] and not item[i] and not labelled[i]]
            if _cohesive([texts[i].as_py() for i in rows], others):
                continue
            for j in rows:
                out[j] = "boilerplate_menu"
        return pa.array(out, pa.string())


def _labelled(lines: pa.Table, item: np.ndarray) -> np.ndarray:
    """List labels with MIN_LABELLED items or more right under them, and those items (up to the first that
    repeats an earlier one)."""
    found = np.zeros(len(lines), dtype=bool)
    listed = pa.array(sorted(lexicon.LIST_LABELS), pa.string())  # made here: the driver imports this module
    labels = np.flatnonzero(pc.is_in(lines.column("key"), listed).to_numpy(zero_copy_only=False))
    if not len(labels):
        return found
    docs, texts = array(lines, "doc"), lines.column("text")
    heading = undecided(lines) & (array(lines, "words") <= ENTRY_WORDS) & ~array(lines, "ends_sentence")
    keys = lines.column("key")
    for label in labels.tolist():
        rows, seen = [], set()
        row = label + 1
        while row < len(lines) and docs[row] == docs[label] \
                and (entry := line_key(_ENTRY_NUMBER.sub("", str(texts[row].as_py())))) not in seen \
                and (item[row] or (heading[row] and _named_below(entry, row, docs, keys))):
            seen.add(entry)
            rows.append(row)
            row += 1
        if len(rows) >= MIN_LABELLED:
            found[[label, *rows]] = True
    return found


def _named_below(entry: str, row: int, docs: np.ndarray, keys: pa.ChunkedArray[Any]) -> bool:
    """Whether a line of the document below `row` is `entry` (a line's key): a contents entry as long as a heading
    ("Shared and secondary calendars") is that section's heading, further down the page."""
    end = row + 1 + int(np.argmax(docs[row + 1:] != docs[row])) if (docs[row + 1:] != docs[row]).any() else len(docs)
    return entry in keys.slice(row + 1, end - row - 1).to_pylist()


_ENTRY_SPLIT = re.compile(r"\s*[·•|]\s*")


def contents(texts: list[str], reasons: list[str | None]) -> set[str]:
    """The sections a page's table of contents names (their line keys): the lines Menu took right under a list
    label ("In this article" / "What DeskBuddy can see" / …), and the entries of a contents line ("On this page:
    Before you start · Steps · Key states")."""
    found: set[str] = set()
    under = False
    for text, reason in zip(texts, reasons, strict=True):
        label, colon, rest = text.partition(":")
        if colon and line_key(label) in lexicon.LIST_LABELS:
            found |= {line_key(part) for part in _ENTRY_SPLIT.split(rest) if part.strip()}
        if under and reason == "boilerplate_menu":
            found.add(line_key(_ENTRY_NUMBER.sub("", text)))
        else:
            under = line_key(text) in lexicon.LIST_LABELS
    return found


def _cohesive(items: list[str], others: list[str]) -> bool:
    """Whether COHESION of the items or more share a word with the document's other kept lines."""
    words = set().union(*(topic_words(text) for text in others))
    return sum(bool(topic_words(text) & words) for text in items) >= COHESION * len(items)
