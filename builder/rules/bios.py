"""The author's bio under an article: "Max Blumenthal is an award-winning journalist and the author of…",
"Lucía Benítez es periodista y escritora." It is a full sentence, the last of the page's prose, so the footer
trim stops at it and keeps it.

Its shape: the article's last prose line opens with a person's name (two or three capitalised words) and a
copula ("is", "es", "est", "ist"…), and that name is nobody the article speaks of: none of the article's other
lines names them (the byline, which other rules drop, may). An article's own closing sentence about a person
("Ortega is survived by his wife.") names someone the article has already named, and stays; so does a last line
whose copula is followed by a verb form ("Human Rights Watch is calling on…"): news about a new voice, not a bio.

Where the site heads the bio ("About the author", "عن الكاتبة", "مصنف کے بارے میں": `lexicon.ABOUT_AUTHOR`, the whole
line), the heading and the line right under it are the author's box in any script, when the article's prose stands
above them (MIN_BODY lines) and none of its sentences below: a name without capitals, or a bio that says what its
author covers, needs no copula.

With no heading, a line that gives a reporter's beat and how to reach them ("Dana Whitfield covers town government.
Reach her at …@…") is the bio wherever it stands under the article (`BEAT`, `_CONTACT`): readers' comments below
it may be the page's last prose. A name the article gives above it is someone the story speaks of, and stays.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, ClassVar

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from builder.rules import lexicon
from builder.rules.masks import Hinted, document_slices, matching
from builder.rules.structure import PROSE_MIN_WORDS, prose_lines
from builder.steps import LineRule, array, undecided, values
from builder.text.keys import topic_words

# A name of two or three capitalised words, then a copula, in the Latin-script languages of the web's largest
# (RE2). Scripts without capitals give no name shape to go on, and the rule leaves them alone.
_COPULA = r" (?:is|was|es|fue|est|était|ist|war|è|é|era|jest|je|är|er)\s"
# (behind the copula alone, a literal scan: the Unicode classes cost more to compile than a batch to scan)
NAMED = Hinted(r"^\p{Lu}[\pL'’.-]+(?: \p{Lu}[\pL'’.-]+){1,2}" + _COPULA, hint=_COPULA)
# After the copula a bio says who the person is ("a reporter", "periodista", "the author", "based in"); a verb form
# there is the article's own news about someone new in its last line ("Human Rights Watch is calling on…",
# "… was arrested", "… was not available for comment"), which stays.
_NEWS = re.compile(_COPULA + r"(?:not|also|now|still|due|set|(?!based\b)\w+(?:ing|ed))\b")
# A reporter's beat and how to reach them, wherever under the article it stands (readers' comments below may be the
# page's last prose): the name, a verb of covering, and an e-mail address or "reach/contact/email him, her, them"
# ("Dana Whitfield covers town government. Reach her at dwhitfield@…", "Ana Ruiz cubre la alcaldía. Escríbale a …").
_BEAT_VERB = r" (?:covers|writes about|reports on|couvre|cubre|berichtet über)\s"
BEAT = Hinted(r"^\p{Lu}[\pL'’.-]+(?: \p{Lu}[\pL'’.-]+){1,2}" + _BEAT_VERB, hint=_BEAT_VERB)
# (the address is looked for from its word's start, at the word's first "@" after its first character: tried at every
# "@", a line of 100 KB of "a@a@…" took 8 CPU-s; the first "@" finds whatever a later one in the word would)
_CONTACT = re.compile(r"(?:^|(?<=\s))\S[^\s@]*@\S+\.\w|\b(?:reach|contact|email|e-mail|write to)\s+(?:him|her|them)\b|"
                      r"\b(?:joindre|escríbale|escribirle|erreichen sie)\b", re.IGNORECASE)
MIN_BODY = 3  # prose lines of the article above the bio
NAME_CHARS = 4  # a name's words this long are looked for in the article (not "The", "Li")


@dataclass(frozen=True)
class AuthorBio(LineRule):
    """The article's last prose line when it introduces someone the article never names: its author's bio."""

    name = "author_bio"
    reasons: ClassVar[dict[str, str]] = {
        "boilerplate_author_bio": "the author's bio after the article: its last sentence introduces, by name, "
                                  "someone the article itself never names (\"X is a journalist and the author "
                                  "of…\")",
    }

    def decide(self, lines: pa.Table) -> pa.Array[Any]:
        kept = undecided(lines)
        out: list[str | None] = [None] * len(lines)
        # the headings' array made here, not at import: pyarrow imports pandas with its first array, and a process
        # that holds pandas spawns its workers instead of forking them (builder.run.executors.start_method)
        about = pa.array(sorted(lexicon.ABOUT_AUTHOR), pa.string())
        headed = kept & pc.is_in(lines.column("key"), about).to_numpy(zero_copy_only=False)
        if headed.any():
            for row in _headed_bios(lines, kept, headed):
                out[row] = "boilerplate_author_bio"
        beat = matching(lines, BEAT, among=kept & (array(lines, "words") >= PROSE_MIN_WORDS))
        if beat.any():
            for row in _beat_bios(lines, kept, beat):
                out[row] = "boilerplate_author_bio"
        named = matching(lines, NAMED, among=kept & (array(lines, "words") >= PROSE_MIN_WORDS))
        if not named.any():
            return pa.array(out, pa.string())  # most batches: the prose mask is not needed
        is_prose = prose_lines(lines, kept)
        texts = values(lines, "text")
        for start, end in document_slices(lines):
            if not named[start:end].any():
                continue
            body = np.flatnonzero(is_prose[start:end]) + start
            if len(body) <= MIN_BODY or not named[body[-1]]:
                continue
            last = int(body[-1])
            if _NEWS.search(texts[last]):
                continue
            name = texts[last].split(" ")[:3]
            words = set().union(*(topic_words(w, NAME_CHARS) for w in name if w[:1].isupper()))
            article = (i for i in range(int(body[0]), last) if kept[i])  # the body: a byline above it may name them
            if words and not any(words & topic_words(texts[i], NAME_CHARS) for i in article):
                out[last] = "boilerplate_author_bio"
        return pa.array(out, pa.string())


def _beat_bios(lines: pa.Table, kept: np.ndarray, beat: np.ndarray) -> list[int]:
    """Each line that gives a reporter's beat (`beat`) and how to reach them (`_CONTACT`), below MIN_BODY prose lines of
    its document, whose name none of the article's kept lines above it names: the author's bio, not a sentence about
    someone the story quotes ("Mayor Ann Cole covers the cost, reach her office at …" names her above)."""
    is_prose = prose_lines(lines, kept)
    texts, docs = values(lines, "text"), array(lines, "doc")
    found: list[int] = []
    for start, end in document_slices(lines, beat):
        for row in (np.flatnonzero(beat[start:end]) + start).tolist():
            if int(is_prose[start:row].sum()) < MIN_BODY or not _CONTACT.search(texts[row]):
                continue
            name = texts[row].split(" ")[:3]
            words = set().union(*(topic_words(w, NAME_CHARS) for w in name if w[:1].isupper()))
            if words and not any(words & topic_words(texts[i], NAME_CHARS) for i in range(start, row)
                                 if kept[i] and docs[i] == docs[row]):
                found.append(row)
    return found


def _headed_bios(lines: pa.Table, kept: np.ndarray, headed: np.ndarray) -> list[int]:
    """Each "About the author" heading (`headed`) with MIN_BODY prose lines of its document above it and no sentence
    of it below its bio, and the kept line right under it when it is a sentence's length (the bio)."""
    is_prose = prose_lines(lines, kept & ~headed)
    words, docs = array(lines, "words"), array(lines, "doc")
    # below the box, only the article's sentences count: a newsletter's or a box's long unpunctuated lines under it
    # are chrome the later rules take
    sentences = is_prose & array(lines, "ends_sentence")
    found: list[int] = []
    for start, end in document_slices(lines):
        for heading in (np.flatnonzero(headed[start:end]) + start).tolist():
            if int(is_prose[start:heading].sum()) < MIN_BODY:
                continue
            below = heading + 1
            while below < end and kept[below] and words[below] == 0:
                below += 1  # a blank line between
            bio = below < end and docs[below] == docs[heading] and kept[below] and words[below] >= PROSE_MIN_WORDS
            if sentences[below + 1 if bio else heading + 1:end].any():
                continue  # the article goes on under it: a section of its own ("About the author" in a review)
            found.extend([heading, below] if bio else [heading])
    return found
