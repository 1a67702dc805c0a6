"""A site's sign-off: a labelled line that closes its articles, with a part that varies.

"رابط الخبر بصحيفة الوئام: <the story's headline>" ends every page of one site, glued to the last
paragraph after its full stop. Neither the exact-line nor the masked-shape count of `repeated` sees
it (the headline differs on every page), and dropping the line it is glued to would drop the article.
So its *label* (the words before the colon) is what the first pass counts, once per document, from the
document's last line; in the second pass a last line whose label recurs on enough of the site's pages
is split where the sign-off starts (`builder.rules.paragraphs.lines_table`), and the split-off row is
marked `closing` for `SignOff` to drop.

Only the document's last sentence is looked at, and only a label of 2 to 6 words without digits,
followed by a colon and a rest of at most MAX_REST_WORDS words with no full stop in it or at its end
(a headline, a name, a link): measured on the dev sites' 1,147 corpus documents, a label that
recurs at the start of a line is mostly the article's (a title's topic "كرة القدم: …", a quote's
"وأضاف: «…»", a dateline), and none of those close an article this way.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, ClassVar

import pyarrow as pa

from builder.steps import LineRule, array, undecided, where
from builder.text.keys import CLOSERS, TERMINAL, line_key

MIN_LABEL_WORDS, MAX_LABEL_WORDS = 2, 6
MAX_REST_WORDS = 25
TAIL_CHARS = 512  # a sign-off (label of 80 characters at most, rest of 25 words) lies within a line's last 512
_END = f"[{re.escape(TERMINAL)}][{re.escape(CLOSERS)}]*"
# The last sentence of a line when it reads "label: rest" (greedy: the last full stop the rest can follow)
_SIGN_OFF = re.compile(rf"(?:.*{_END}\s+|^)(?P<label>[^\W\d_][^\d:：{re.escape(TERMINAL)}]{{1,80}}?)\s*[:：]\s*"
                       rf"(?P<rest>\S.*)$", re.DOTALL)
_INNER_END = re.compile(rf"{_END}(?:\s|$)")


@dataclass(frozen=True)
class Closing:
    start: int  # where the sign-off starts in the line (0: the line is the sign-off)
    label: str  # its label's matching key


def sign_off(line: str) -> Closing | None:
    """The sign-off shape at the end of a (stripped) line: "… last sentence. Label words: rest"."""
    cut = max(0, len(line) - TAIL_CHARS)  # the regex backtracks through every full stop: only the tail is worth it
    tail = line[cut:]
    found = _SIGN_OFF.match(tail) if ":" in tail or "：" in tail else None
    if found is None or (cut and found.start("label") == 0):  # a start the cut made is not the line's
        return None
    label, rest = found.group("label").strip(), found.group("rest")
    if not MIN_LABEL_WORDS <= len(label.split()) <= MAX_LABEL_WORDS or len(rest.split()) > MAX_REST_WORDS:
        return None
    if _INNER_END.search(rest):  # a quote or a sentence after the colon is the article's
        return None
    return Closing(cut + found.start("label"), line_key(label))


def document_sign_off(lines: Sequence[str]) -> Closing | None:
    """The sign-off of a document given as its non-blank lines, at the end of its last line (a document that is
    nothing but a sign-off has none)."""
    closing = sign_off(lines[-1]) if lines else None
    return closing if closing is not None and (closing.start > 0 or len(lines) > 1) else None


@dataclass(frozen=True)
class SignOff(LineRule):
    """The labelled line (or the end of the last line) a site closes 6 or more of its articles with."""

    name = "signoff"
    reasons: ClassVar[dict[str, str]] = {
        "boilerplate_signoff": "a labelled sign-off (\"Story link at <site>: <headline>\") that closes 6 or more "
                               "documents of the same site with a varying rest; cut from the last line it is "
                               "glued to",
    }

    def decide(self, lines: pa.Table) -> pa.Array[Any]:
        return where(array(lines, "closing") & undecided(lines), "boilerplate_signoff")
