"""The page's tail: what a web page puts after the article's last sentence, judged as one block.

Structure drops what follows the last prose line, but on a crawled page the last prose-shaped lines
are rarely the article's: reader comments ("Name / 19 November 2025 / the comment / Reply"), a
copyright or "Powered by" line, a "Was this page helpful?" question with its "Yes / No" buttons.
Each of them stops the footer trim above itself, and the whole block under the article stays.

So the article ends at its last prose line that is none of those, and the block below it is chrome
when every prose line in it is one of them (judged by shape and position, with a small cue set only
for the legal lines):

- a **comment**: a prose line with a short dated line (a date or time: a digit or "… ago" in a line
  of a few words) one or two lines above it and no prose line between, below the article's last
  other sentence. Comments as long as the prose above them, or with the rows under the first post
  repeated between them ("Reply / Quote / Report"), are a thread's posts
  (tests/fixtures/labelled_shapes/*-forum): there they are the page's content, and stay;
- a **legal line**: a prose line with a copyright or platform cue (`LEGAL`);
- a **question widget**: a short question answered by one-word lines below it ("Oui" / "Non"), not
  under a date (a forum post's question has "Reply / Quote" below it too).

The body runs on past its last prose line as Structure's does, on the same marks (`structure.run_on_marks`):
through short closing sentences ("Os esperamos."), the named values under it ("Cook Time: 40 minutes", "Servings:
8"; here on short lines only), a fact box and the article's own list under a lead-in.

A prose line in the block that is none of these (an author's bio, a closing sentence after a list, a
"Sources:" entry) is the article's, and the block starts below it; a block with no such chrome line
is left to Structure, as before.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

import numpy as np
import pyarrow as pa

from builder.rules import lexicon
from builder.rules.masks import document_slices, dropped_as, matching
from builder.rules.structure import FIELD, NAMED_FIGURE, extend_body, prose_lines, run_on_marks
from builder.steps import LineRule, array, undecided

# Copyright and platform lines, in the languages of the corpus and the web's largest (RE2): the sign, the rights
# reserved (`lexicon.RIGHTS_RESERVED`, the list credits.Rights reads too), a licence, the platform or the maker.
LEGAL = (r"(?i)©|\(c\) ?\d{4}|copyright|" + lexicon.RIGHTS_RESERVED + r"|sous licence|licensed under|bajo licencia|"
         r"unter der lizenz|creative commons|powered by|propulsé par|con la tecnología de|"
         r"betrieben mit|website by|site réalisé par|مدعوم من|يعمل بواسطة|على ووردبريس")
# A comment's date or time: a short line with a year, a clock time or a numeric date ("19 November 2025",
# "à 10:12", "03/03/2023"), or a relative time ("2 hours ago", "منذ ساعتين"); any number is not enough: a
# named value the article gives ("Nombre d'arches : 52") above its closing sentence is no comment's date (RE2).
DATED = (r"(?i)\b(?:1[89]|20)\d\d\b|\d{1,2}[:/.]\d{1,2}|"
         r"\bago\b|^\s*il y a\b|^\s*hace\b|^\s*vor\b|^\s*منذ|پیش\s*$|قبل\s*$")
QUESTION = r"[?؟]\s*$"
LEGAL_WORDS = 20  # a copyright line is short; an article's sentence may name a trademark ("manifesto™©")
DATED_WORDS = 8  # a comment's name-and-date line is this short
ANSWER_WORDS = 1  # a widget's answers are single words ("Yes", "Non", "نعم")
COMMENT_REACH = 2  # the dated line is at most this many lines above the comment
MIN_BODY = 2  # prose lines above the tail: a page with less is not an article with a tail


OTHER_STORIES = ["boilerplate_teaser", "boilerplate_cued_headline", "boilerplate_headlines", "boilerplate_box",
                 "boilerplate_ranking"]


@dataclass(frozen=True)
class PageTail(LineRule):
    """Everything below the article's last sentence when the prose-shaped lines there are all comments,
    legal lines or question widgets."""

    name = "page_tail"
    reasons: ClassVar[dict[str, str]] = {
        "boilerplate_tail": "the page's tail below the article: reader comments, share rows, legal lines, "
                            "feedback widgets and footer links after the article's last sentence",
    }

    def decide(self, lines: pa.Table) -> pa.Array[Any]:
        words, ends, clause = array(lines, "words"), array(lines, "ends_sentence"), array(lines, "ends_clause")
        length = array(lines, "length")
        candidate, nonempty = undecided(lines) & (length > 0), length > 0
        out: list[str | None] = [None] * len(lines)
        short = nonempty & (words <= DATED_WORDS)
        # earlier rules may have dropped a comment's date or a widget's answers: they still mark the shape. Not a date:
        # the article's named figures, a label, a colon and a space, then a value with a number ("Venta en línea: 31%
        # del total, frente al 24% de 2025": `NAMED_FIGURE`; a comment's "2 December 2025 at 8:41" has no such label),
        # and other stories' headlines a box rule took ("El Ayuntamiento de Toledo aprueba el presupuesto de 2027"):
        # the paragraph under them is the article going on, not a reader's comment
        headlines = dropped_as(lines, OTHER_STORIES)
        dated = matching(lines, DATED, among=short & ~ends & ~headlines)
        dated &= ~matching(lines, NAMED_FIGURE, among=dated)
        legal = matching(lines, LEGAL, among=candidate & (words <= LEGAL_WORDS))
        question = matching(lines, QUESTION, among=candidate & (words <= DATED_WORDS))
        answer = nonempty & (words <= ANSWER_WORDS) & ~ends
        keys = lines.column("key")
        is_prose = prose_lines(lines, candidate)
        # what carries the body on past its last prose line, as in Structure (named values counted on short lines)
        field, lead_in, named = run_on_marks(lines, candidate, is_prose, clause,
                                             matching(lines, FIELD, among=short))
        # chrome is a legal line, a question or a line under a date: a document without one keeps its tail
        for start, end in document_slices(lines, among=legal | question | dated):
            kept = candidate[start:end].nonzero()[0] + start
            if len(kept) < MIN_BODY + 1:
                continue
            page = nonempty[start:end].nonzero()[0] + start
            comments, other = set(), set()
            for q, row in enumerate(page.tolist()):
                if not is_prose[row]:
                    continue
                above, below = page[max(0, q - COMMENT_REACH):q], page[q + 1:q + 3]
                commented = bool(len(above)) and dated[above].any() and not is_prose[above].any()
                if legal[row] or (question[row] and not commented and len(below) == 2 and answer[below].all()):
                    other.add(row)
                elif commented:
                    comments.add(row)
            body = (is_prose[start:end].nonzero()[0] + start).tolist()
            # only the comments below the article's last other sentence count (a recipe's step under its list
            # of ingredients is the recipe's), and none on a thread's page
            end_of_article = max((r for r in body if r not in comments | other), default=-1)
            comments = {r for r in comments if r > end_of_article}
            if comments and _thread(sorted(comments), end_of_article, body, page, length, dated, keys):
                comments = set()
            chrome = comments | other
            article = [r for r in body if r not in chrome]
            if not chrome or len(article) < MIN_BODY or article[-1] > max(chrome):
                continue
            # the body runs on through the short closing sentences and named values after its last prose line,
            # as in Structure, up to the first chrome line
            part = slice(start, end)
            last = extend_body(words[part], clause[part], candidate[part], article[-1] - start, field[part],
                               lead_in[part], named[part]) + start
            last = min(last, min(r for r in chrome if r > article[-1]) - 1)
            for i in kept[kept > last].tolist():
                out[i] = "boilerplate_tail"
        return pa.array(out, pa.string())


def _thread(comments: list[int], end_of_article: int, body: list[int], page: np.ndarray, length: np.ndarray,
            dated: np.ndarray, keys: pa.ChunkedArray[Any]) -> bool:
    """Whether comment-shaped posts are a thread's replies, the page's content: together as long as the
    prose above them, or the rows under the first post (its author, "Reply / Quote / Report") come
    again between the replies, or the rows above the first reply came already between the posts above it
    (a thread's last reply, with no rows under it), where an article's share row and comment count do not."""
    if sum(length[comments]) >= sum(length[[r for r in body if r < comments[0]]]):
        return True
    under = page[(page > end_of_article) & (page < comments[0])]
    if dated[under].any():  # up to the first reply's date (or the comment count), the last date above the reply (a
        under = under[:len(under) - 1 - int(np.argmax(dated[under][::-1]))]  # post's "2.5mm" or "3:1" is no date)
    between = {keys[r].as_py() for r in page[page > comments[0]].tolist()}
    earlier = {keys[r].as_py() for r in page[(page > body[0]) & (page < end_of_article)].tolist()} if body else set()
    return any(keys[r].as_py() in between or keys[r].as_py() in earlier for r in under.tolist())
