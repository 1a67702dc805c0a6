"""Where the article is on the page: the lines around and between its prose lines.

A "prose" line ends in terminal punctuation in any script (`. ! ? … ؟ ۔`, closing quotes allowed
after it) and has at least 4 words, or is long (15+ words; 8+ in documents that mostly do without
full stops, like Urdu news). Of the lines still kept by the rules before it, everything above the
first prose line is header (except one title), everything below the last (and the list items and
short closing sentences that run on from it) is footer, and a date or number alone between them
is an orphan ("Servings: 8", a named value, is not). A lead-in ending with a colon after the last prose line
carries the body on through the named items of its list ("Line-up:" over "Defence: NAME, NAME"). The title
is the line above the body that the lede vouches for (most of its words, two or more, open the article:
"Grey heron", a person's name), else the wordiest headline-like line above the body, one sharing a word
with the body first (a byline or a cookie line can be wordier), with its kicker when a colon joins them
("Open Journalism Project:" over the rest);
a salutation ending with a comma just above the first prose line ("Hallo zusammen,") starts the body.
A one-word line in the body is kept: on real pages it is a subheading ("Bonus", "Ingredients") or an
item of the article's list far more often than chrome, and the chrome words ("Share",
"Advertisement") are in the phrase list.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import pairwise
from typing import Any, ClassVar

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from builder.rules import lexicon
from builder.rules.masks import Hinted, document_slices, dropped_as, matching
from builder.steps import LineRule, array, undecided, values
from builder.text.keys import key_words, topic_words

PROSE_MIN_WORDS = 4
LONG_LINE_WORDS = 15  # a line this long is prose even without a full stop
UNPUNCTUATED_LONG_LINE_WORDS = 8
_TABLE_ROW = r"^\s*\|.*\|\s*$"
_LIST_ITEM = r"^\s*(?:[-–•*·▪]|\p{Nd}+[.)])\s"  # "1. Finland" is an item of the article's list, not a stray number
# "Servings: 8", "Hauteur : 48 m", "العيون: 312": a named value the article gives, not a stray number (RE2's \w is
# ASCII's: letters of any script spelled out)
FIELD = Hinted(r"^\s*[\pL\pN_][\pL\pN_ ]*:\s*\d", hint=r":\s*\d")
# "Label of up to four words: value" ("الدفاع: محمد هاني، ياسر إبراهيم"): under a lead-in ending with a colon, an item
# of the list the lead-in opens, with a number in it or not
# "Label of up to four words: ", with an aside in brackets ("Sector 1 (Satélite, Cortijo del Río): ")
NAMED_LABEL = r"^\W*(?:\S+\s+){0,3}[^\s:：]+(?:\s*\([^()]*\))?\s*[:：]\s+"
NAMED = Hinted(NAMED_LABEL + r"\S", hint="[:：]")
NAMED_FIGURE = Hinted(NAMED_LABEL + r".*\p{Nd}", hint=r"[:：].*\p{Nd}")  # ...with a number in the value
# named figures split by bars, a recipe card's "Prep: 15 min | Bake: 40 min | Serves: 6": every part names a figure
# (a ticker's "Rates: USD 17.40 | EUR 18.90" leaves one unnamed); neither a menu line nor a headline
NAMED_ROW = r"^[^|:]+:[^|]*\d[^|]*(?:\|[^|:]+:[^|]*\d[^|]*)+$"
LEAD_IN = r"[:：]\s*$"
ITEM_WORDS = 8  # an item of figures under a lead-in: a timetable's "صبح 5 بجے سے 9 بجے تک", a price list's line
PUNCTUATED_SHARE = 0.75  # less of the long lines than this ends a sentence: the document does without full stops
# A Chinese or Japanese line (a run of Han or kana) counts a word per two characters, so 15 words are 30
# characters: a related headline or a notice. In a document that ends its sentences with 。, such a line with
# no 。！？ anywhere in it is prose only at twice that (a sentence the extraction cut, 60 characters or more);
# one with a full stop inside is the article's sentences with a credit after them ("…上。（编译/林靖东）").
CJK_LONG_LINE_WORDS = 2 * LONG_LINE_WORDS
# the lede that vouches for a title: the first prose lines, two of them because a notice above the article
# ("This article needs additional citations …") is prose-shaped too
LEDE_LINES = 2
DECK_LINES = 2  # lines under the title that can be its deck: a headline under a section label, then the deck
DECK_STEM = 5  # letters that compare a deck's word with the body's: "Farmers" / "farmer", "المزارعون" / "المزارعين"
VOUCH_WORD_CHARS = 4  # shorter words ("the", "and", "من") are in every lede
LEDE_CHARS = 400  # of each: a title's words open the article (and a whole article on one line costs no more)
# parts of a line set apart by a spaced dash, bar, slash or arrow: a dateline ("Sfax - Agency"), a breadcrumb or a
# "site - place" label, whose words the lede repeats without vouching for them as the title
# what an earlier rule dropped as the site's menus and breadcrumb: the header that the article's title comes after
HEADER_REASONS = ["boilerplate_menu", "boilerplate_navigation", "boilerplate_breadcrumb"]
# The article's credit under its headline: the lines an earlier rule took for a byline, a correspondent's line or the
# story's date. What stands between the headline and them is the headline's deck.
CREDIT_REASONS = ["boilerplate_byline", "boilerplate_reporter", "boilerplate_dateline"]
_PARTS = re.compile(r"\s[-–—|/»>·•]\s")
_SPAN_DASH = re.compile(r"\s*[–—]\s*|\s+-\s+")
_YEAR = re.compile(r"(?<!\d)\d{4}(?!\d)")
SPAN_PART_WORDS = 3  # "June 4, 1938", "17. November 2025", "1938": a date, no more
_CJK_UNSTOPPED = r"^[^。！？]*[\p{Han}\p{Hiragana}\p{Katakana}]{6}[^。！？]*$"
_STOP_INSIDE = r"[。！？]."  # (a Latin ". " inside a line is as often "Dr. Smith" or "No. 5")


def prose(words: np.ndarray, ends_sentence: np.ndarray, long_line_words: int | np.ndarray = LONG_LINE_WORDS
          ) -> np.ndarray:
    """Which lines are prose, from their word counts and whether they end a sentence (`long_line_words`: how
    many words make a line prose without a sentence end, for all lines or per line)."""
    return np.asarray((words >= long_line_words) | ((words >= PROSE_MIN_WORDS) & ends_sentence))


def body_bounds(docs: np.ndarray, is_prose: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For each row, its document's first and last prose row (the number of rows and -1 in a document
    without prose, so no row is between them)."""
    rows = np.arange(len(docs))
    size = int(docs.max()) + 1 if len(docs) else 0
    first, last = np.full(size, len(docs)), np.full(size, -1)
    np.minimum.at(first, docs[is_prose], rows[is_prose])
    np.maximum.at(last, docs[is_prose], rows[is_prose])
    return first[docs], last[docs]


def punctuated(words: np.ndarray, ends_sentence: np.ndarray, share: float = PUNCTUATED_SHARE,
               chars: np.ndarray | None = None) -> bool:
    """Whether at least `share` of a document's long lines end a sentence (weighed by their `chars` when given:
    a page's headlines and captions are many long lines without a full stop, and counted line by line they
    outvote the few long paragraphs that end theirs)."""
    long_lines = words >= UNPUNCTUATED_LONG_LINE_WORDS
    weight = np.ones(len(words)) if chars is None else chars.astype(np.float64)
    return not long_lines.any() or bool(weight[long_lines & ends_sentence].sum() >= share * weight[long_lines].sum())


def long_line_words(words: np.ndarray, ends_sentence: np.ndarray) -> int:
    """How many words make an unpunctuated line prose, given how much the document punctuates."""
    return LONG_LINE_WORDS if punctuated(words, ends_sentence) else UNPUNCTUATED_LONG_LINE_WORDS


def prose_lines(lines: pa.Table, kept: np.ndarray) -> np.ndarray:
    """Which of the `kept` lines are prose, each document judged on its kept lines: whether it punctuates
    (a Chinese or Japanese full stop inside a line counts) sets how long an unpunctuated line must be, and
    in one that does, a Chinese or Japanese line with no 。！？ needs twice that. Whether it punctuates is
    weighed in characters: a web page's headlines, menus and teasers are many long lines without a full
    stop, and counted line by line they outvote a few long paragraphs that end theirs (then every 8-word
    headline is "prose" and stretches the body over the page); an Urdu story's paragraphs are long and
    unpunctuated either way. The long lines that end a sentence count wherever they stand, kept or dropped by an
    earlier rule (readers' comments, a notice: the page's sentences end with full stops there too), the long
    unpunctuated ones only while kept: so an earlier rule that drops more of a page can only make it look more
    punctuated, never less, and no drop turns its headlines into prose (a comment thread dropped under an Urdu
    story made its 8-word headlines "prose" and kept the header). Structure and PageTail both decide on this
    mask, so the article's sentences are the same lines for both."""
    return prose_masks(lines, kept)[0]


def prose_masks(lines: pa.Table, kept: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """`prose_lines`, and the prose lines as the `kept` lines alone say whether the page punctuates (the sentences an
    earlier rule dropped not counted: what the page's own lines look like, for `Structure._head`)."""
    words, sentence = array(lines, "words"), array(lines, "ends_sentence")
    long_lines = words >= UNPUNCTUATED_LONG_LINE_WORDS
    unended = ~sentence & (array(lines, "length") > 0)
    # the patterns only matter for unended lines long enough to count: the rest of the batch skips them
    cjk = matching(lines, _CJK_UNSTOPPED, among=kept & unended & (words >= LONG_LINE_WORDS))
    stopped = sentence | matching(lines, _STOP_INSIDE, among=unended & long_lines)
    # a named figure ("منطقه دو (مرکز شهر و بازار): ۲۴ تا ۶ صبح") is an item of the article's list, which ends no
    # sentence on any page: it says nothing of whether the page's own sentences end with full stops
    long_lines = long_lines & ~matching(lines, NAMED_FIGURE, among=unended & long_lines & kept)
    # each document's share of long lines' characters in lines that end a sentence, for the whole batch at once
    docs = array(lines, "doc")
    size = int(docs.max()) + 1 if len(docs) else 0
    chars = array(lines, "length").astype(np.float64)
    masks = []
    for counted in (long_lines & (stopped | kept), long_lines & kept):
        n_long = np.bincount(docs[counted], weights=chars[counted], minlength=size)
        n_stopped = np.bincount(docs[counted & stopped], weights=chars[counted & stopped], minlength=size)
        punctuated_doc = (n_long == 0) | (n_stopped >= PUNCTUATED_SHARE * n_long)
        per_line = np.where(punctuated_doc[docs], np.where(cjk, CJK_LONG_LINE_WORDS, LONG_LINE_WORDS),
                            UNPUNCTUATED_LONG_LINE_WORDS)
        masks.append(np.asarray(kept & prose(words, sentence, per_line)))
    return masks[0], masks[1]


TABLE_MIN_ROWS = 3  # a header and two rows
TABLE_MIN_FIGURES = 2  # rows that hold a digit: a table gives figures, a menu's lines are words
TABLE_MAX_CHARS = 300  # longer lines are no row (and neither rule that asks is after them): not scanned


def table_rows(lines: pa.Table, pages: np.ndarray) -> np.ndarray:
    """Rows of a table written without its outer bars ("Zahlé | 80 $ | 39 c", a league table's "1 | Club | 14 | 31"):
    a run of TABLE_MIN_ROWS or more consecutive lines of a document with the same number of bars (one or more),
    TABLE_MIN_FIGURES of them holding a digit. A breadcrumb or a menu is one such line, or lines of words alone.
    Only the rows `pages` marks are read (the documents a rule asks about: counting bars is a scan of the text)."""
    bars = np.zeros(len(lines), dtype=np.int64)
    rows = np.flatnonzero(pages & (array(lines, "length") <= TABLE_MAX_CHARS))
    bars[rows] = pc.count_substring(lines.column("text").take(rows), "|").to_numpy()
    if not bars.any():
        return bars > 0
    doc = array(lines, "doc")
    start = np.r_[True, (bars[1:] != bars[:-1]) | (doc[1:] != doc[:-1])]
    run = np.cumsum(start) - 1
    rows = np.bincount(run)[run]
    figures = np.bincount(run, weights=matching(lines, r"\d", among=bars > 0))[run]
    return np.asarray((bars > 0) & (rows >= TABLE_MIN_ROWS) & (figures >= TABLE_MIN_FIGURES))


@dataclass(frozen=True)
class Structure(LineRule):
    """Header, footer, orphan labels, and documents without any prose; the title stays."""

    name = "structure"
    reasons: ClassVar[dict[str, str]] = {
        "boilerplate_header": "page chrome above the article (before the first prose line, other than the title)",
        "boilerplate_footer": "page chrome below the article (after the last prose line)",
        "boilerplate_short_line": "an orphan date or number inside the article (at most one word, no punctuation)",
        "boilerplate_no_prose": "the document has no prose line, so none of its lines is article text",
    }
    orphan_max_words: int = 1
    title_min_words: int = 4
    title_max_chars: int = 200

    def decide(self, lines: pa.Table) -> pa.Array[Any]:
        words, sentence, clause = array(lines, "words"), array(lines, "ends_sentence"), array(lines, "ends_clause")
        chars, kept = values(lines, "length"), undecided(lines)
        texts = lines.column("text")
        is_prose, kept_prose = prose_masks(lines, kept)
        # a table row ends with "|", not a full stop, and a rule row has no word: the body runs on through a table
        table = matching(lines, _TABLE_ROW) \
            | table_rows(lines, kept & matching(lines, r"\|"))  # and one written without its outer bars
        words, clause = np.where(table, np.maximum(words, 2), words), clause | table
        field, lead_in, named = run_on_marks(lines, kept, is_prose, clause, matching(lines, FIELD))
        numbered = matching(lines, r"\p{Nd}") & ~matching(lines, _LIST_ITEM) & ~field
        # the rows of a fact box: named values, and which of them give a figure
        named_row = matching(lines, NAMED, among=kept & ~sentence)
        box = (named_row, matching(lines, r"[\d٠-٩۰-۹]", among=named_row))
        header = dropped_as(lines, HEADER_REASONS)
        # a row of a post's date and counts split by bars ("By X | 2 December 2026 | 7 comments") that Navigation took
        # is the article's byline under its title, not the site's menus above it
        bars = dropped_as(lines, ["boilerplate_navigation"])
        header &= ~matching(lines, r"[\d٠-٩۰-۹]", among=header & bars)
        credit = dropped_as(lines, CREDIT_REASONS)
        out: list[str | None] = []
        for start, end in document_slices(lines):
            part = slice(start, end)
            out += self._document(words[part], sentence[part], clause[part], chars[part], kept[part], numbered[part],
                                  (field[part], lead_in[part], named[part]), texts.slice(start, end - start),
                                  is_prose[part], (header[part], credit[part]), (box[0][part], box[1][part]),
                                  kept_prose[part])
        return pa.array(out, pa.string())

    def _document(self, words: np.ndarray, sentence: np.ndarray, clause: np.ndarray, chars: list[int],
                  kept: np.ndarray, numbered: np.ndarray, fields: tuple[np.ndarray, np.ndarray, np.ndarray],
                  texts: pa.ChunkedArray[Any], is_prose: np.ndarray, dropped: tuple[np.ndarray, np.ndarray],
                  box: tuple[np.ndarray, np.ndarray], kept_prose: np.ndarray) -> list[str | None]:
        """The reasons of one document's still-kept lines (None for the others, and for what stays; `dropped`: the
        lines an earlier rule dropped as a menu or a breadcrumb, and as the article's credit (`CREDIT_REASONS`);
        `box`: the named values, and those with a figure)."""
        if not is_prose.any():
            return [None if k else "boilerplate_no_prose" for k in (~kept).tolist()]
        found = is_prose.nonzero()[0]
        first = _greeting(words, clause, kept, texts, int(found[0]), np.asarray(chars) > 0)
        first = _announced(words, kept, fields[1], fields[2], first)
        first = _fact_box(words, clause, sentence, kept, *box, first)
        last = extend_body(words, clause, kept, int(found[-1]), *fields)
        header, credit = dropped
        titles = self._titles(words, sentence, chars, kept, first, texts, found.tolist(),
                              _menu_end(header[:first], np.asarray(chars[:first]) > 0, words[:first]), credit)
        if titles:
            titles |= self._head(titles, first, chars, kept_prose, words, texts, found.tolist())
        # a named value is no orphan, whatever its figure opens with ("Deposit: £1,000")
        orphan = ((words <= self.orphan_max_words) & ~clause & numbered & ~box[0]).tolist()
        out: list[str | None] = [None] * len(words)
        for i in kept.nonzero()[0].tolist():
            if i in titles:
                continue
            if i < first:
                out[i] = "boilerplate_header"
            elif i > last:
                out[i] = "boilerplate_footer"
            elif orphan[i] and i < found[-1]:  # not an item of a list under a lead-in ("Corners: 8 – 2")
                out[i] = "boilerplate_short_line"
        return out

    def _titles(self, words: np.ndarray, sentence: np.ndarray, chars: list[int], kept: np.ndarray,
                first: int, texts: pa.ChunkedArray[Any], body: list[int], menu: int = -1,
                credit: np.ndarray | None = None) -> set[int]:
        """The headline's lines above the body: the one the lede vouches for, else the wordiest that looks like
        one; with a kicker, a line ending with a colon just above it or the headline itself ending with one
        ("Tanz in der Lokremise:" over "Mit allen Wassern gewaschen"); with the deck under it (`_deck`), up to
        DECK_LINES of them when the lede vouched for a section label above the headline, and with the headline
        above it when the lede vouched for the deck (a line above it that `_deck` would take for one); and a line as
        wordy as a title between the headline (or its deck) and the article's credit (`credit`: a byline, a
        correspondent's line, the date an earlier rule took), whatever its words: a deck that tells what the body
        does not ("The bridge will link five villages …" over a lede on its opening). A tagline or a ticker stands
        above the headline, not between it and the credit."""
        above = [i for i in kept[:first].nonzero()[0].tolist()
                 if chars[i] <= self.title_max_chars and not sentence[i]]
        if not above:
            return set()
        if len(above) == 1 and words[above[0]] >= self.title_min_words:
            return set(above)  # one headline above the body (most documents): nothing to weigh
        lede = [str(texts[i].as_py())[:LEDE_CHARS] for i in body[:LEDE_LINES]]
        named = [i for i in above if words[i] >= 2 and not _PARTS.search(str(texts[i].as_py()))
                 and vouched(str(texts[i].as_py()), lede)]
        # a headline printed twice (a forum's thread title, then the first post's) is the post's, nearest the body
        last_of = {str(texts[i].as_py()).strip(): i for i in above if self.title_min_words <= words[i]}
        title = named[-1] if named else self._wordiest(words, sorted(last_of.values()), texts, body, menu)
        if title is None:
            return set()
        lines = {title}
        if title - 1 in above and _kicker(str(texts[title - 1].as_py())) and words[title - 1] >= 2:
            lines.add(title - 1)
        if title + 1 in above and _kicker(str(texts[title].as_py())) and words[title + 1] >= 2:
            lines.add(title + 1)
        if title - 1 in above and self._deck(title - 1, words, texts, body):
            lines.add(title - 1)  # the lede vouched for the deck: the headline is the line above it
        deck = title
        while deck + 1 in above and deck - title < DECK_LINES and self._deck(deck + 1, words, texts, body):
            deck += 1  # a deck, and a deck under the headline under a section label the lede vouched for
            lines.add(deck)
        if credit is not None and deck + 1 in above and words[deck + 1] >= self.title_min_words \
                and not _PARTS.search(str(texts[deck + 1].as_py())):
            under = next((i for i in range(deck + 2, len(chars)) if chars[i]), None)
            if under is not None and credit[under]:
                deck += 1
                lines.add(deck)
        if deck + 1 in above and span(str(texts[deck + 1].as_py())):
            lines.add(deck + 1)  # a life under the name: "Margaret Ann Kowalski" / "June 4, 1938 – November 17, 2025"
        named_by = " ".join([*(str(texts[i].as_py()) for i in lines), *lede])
        for line in (min(lines) - 1, max(lines) + 1):
            if line in above and result(str(texts[line].as_py()), named_by):
                lines.add(line)
        return lines

    def _head(self, titles: set[int], first: int, chars: list[int], kept_prose: np.ndarray, words: np.ndarray,
              texts: pa.ChunkedArray[Any], body: list[int]) -> set[int]:
        """The headline's other lines: the kept lines next to the title's (above and below it, none an earlier rule
        dropped between) that are prose on the page's kept lines alone (`kept_prose`) and on the body's topic as a
        deck is (`_deck`). A page whose kept lines do without full stops reads its 8-word headline lines as prose;
        when the sentences an earlier rule dropped (readers' comments, a notice) make it punctuated, the title and
        its two deck lines are all the head keeps, and a third highlight line, or the headline above a deck the lede
        vouched for, went as header. A ticker above the title is on no topic of the body's; a caption under the
        byline and the date has dropped lines between."""
        head: set[int] = set()
        for step, line in ((-1, min(titles) - 1), (1, max(titles) + 1)):
            while 0 <= line < first and (chars[line] == 0 or (
                    kept_prose[line] and self._deck(line, words, texts, body))):
                if chars[line]:
                    head.add(line)
                line += step
        return head

    def _deck(self, line: int, words: np.ndarray, texts: pa.ChunkedArray[Any], body: list[int]) -> bool:
        """A headline's second line right under it, a deck that the sentences do not end ("Vegetable prices fall
        as the season opens.. tomatoes most sought"): as wordy as a title, no parts set apart ("Doha - Site"),
        and on the body's topic: a word of 4 letters or more in its sentences, a longer word than DECK_STEM letters
        compared on its first DECK_STEM ("Farmers" / "farmer"; a tagline, a byline or a shipping offer under the
        title shares none, and a tagline's "south" is not the body's "southern")."""
        text = str(texts[line].as_py())
        if words[line] < self.title_min_words or _PARTS.search(text):
            return False
        body_words = {_stem(w) for i in body for w in topic_words(str(texts[i].as_py()), VOUCH_WORD_CHARS)}
        return bool({_stem(w) for w in topic_words(text, VOUCH_WORD_CHARS)} & body_words)

    def _wordiest(self, words: np.ndarray, candidates: list[int], texts: pa.ChunkedArray[Any],
                  body: list[int], menu: int = -1) -> int | None:
        """The wordiest candidate, preferring one that shares a word with the body's prose (a byline, a cookie
        notice or a shipping offer can be wordier), and of those one below the page's last menu or breadcrumb line
        above the body (`menu`): the site's tagline under its name tops the page, over the menus, and shares a
        place or a word with many of its stories ("Independent news for Ashgrove and the Tamsin Valley"), where
        the article's headline comes after the header."""
        if len(candidates) < 2:
            return candidates[0] if candidates else None
        body_words = set().union(*(topic_words(str(texts[i].as_py())) for i in body))
        on_topic = {i: bool(topic_words(str(texts[i].as_py())) & body_words) for i in candidates}
        return max(candidates, key=lambda i: (on_topic[i], on_topic[i] and i > menu, words[i], -i))


MENU_WORDS_RUN = 3  # one-word lines in a row above the body that are a menu an earlier rule left (Home, About, …)


def _menu_end(menu: np.ndarray, nonblank: np.ndarray, words: np.ndarray) -> int:
    """The last line of the page's menus above the body (-1 if none): a line an earlier rule dropped as a menu or a
    breadcrumb (`menu`), or the last of MENU_WORDS_RUN one-word lines in a row on the page (`nonblank`), a menu no rule
    took ("Home", "About", "Walks", "Poems" on a blog), counted whether an earlier rule dropped some of them or none:
    a drop inside the menu must not end it, which made the site's tagline over it the title."""
    end = int(np.flatnonzero(menu)[-1]) if menu.any() else -1
    rows = np.flatnonzero(nonblank)
    single = words[rows] == 1
    for k in range(len(rows) - MENU_WORDS_RUN, -1, -1):
        if rows[k + MENU_WORDS_RUN - 1] <= end:
            break
        if single[k:k + MENU_WORDS_RUN].all():
            return int(rows[k + MENU_WORDS_RUN - 1])
    return end


def span(text: str) -> bool:
    """Whether a line is a span of years, two dates split by a dash, the second in a later year: a life ("June 4,
    1938 – November 17, 2025" under an obituary's name, "1770–1827") or a period. A page stamps itself with one date
    (and its update on the same or the next day), so this is the article's, under its title."""
    parts = _SPAN_DASH.split(text.strip())
    if len(parts) != 2 or any(len(part.split()) > SPAN_PART_WORDS for part in parts):
        return False
    years = [_YEAR.findall(part) for part in parts]
    return all(len(found) == 1 for found in years) and int(years[0][0]) < int(years[1][0])


# Arabic's article and the particles written onto it ("المحصول", "والمحصول", "بالمحصول" are "محصول"), cut when a word
# of VOUCH_WORD_CHARS letters or more is left
_ARTICLE = re.compile(r"^(?:[وفبكل]?ال|لل)(?=\w{4})")


def _stem(word: str) -> str:
    """A word as a deck and the body are compared: its first DECK_STEM letters when it is longer (an inflected
    form's ending cut off, marked so that a shorter word, "south", is not "southern"), else the whole word; an
    Arabic word without its article first (`_ARTICLE`: a deck's "محصول" is the body's "المحصول")."""
    word = _ARTICLE.sub("", word)
    return word[:DECK_STEM] + "…" if len(word) > DECK_STEM else word


# a match's result: a side's name, its score, a dash or a colon, the other's score and name ("آذرخش ۲ - ۱ سهند")
_RESULT = re.compile(r"^\s*(?P<home>[^\W\d][^|/•·\d]*?)\s+\d{1,3}\s*[-–:]\s*\d{1,3}\s+(?P<away>[^\W\d][^|/•·\d]*?)\s*$")
RESULT_SIDE_WORDS = 4


def result(text: str, headline: str) -> bool:
    """Whether a line is the result of the match the headline (and the lede) report: two sides of at most
    RESULT_SIDE_WORDS words each, scores between them, one side named in `headline`. A ticker's results are of
    other matches, or come several to a line split by bars."""
    found = _RESULT.match(text)
    if not found:
        return False
    sides = [found[side].split() for side in ("home", "away")]
    named = set(key_words(headline))
    return all(len(side) <= RESULT_SIDE_WORDS for side in sides) and any(
        set(key_words(" ".join(side))) <= named for side in sides)


def _kicker(text: str) -> bool:
    """A headline's first line that the next one completes ("Open Journalism Project:")."""
    return text.rstrip().endswith((":", "："))


def vouched(line: str, below: list[str], stem: int | None = None) -> bool:
    """Whether the text below a short line vouches for it as the article's own heading: two of its words of 4
    letters or more, and most of them, are in the text, two of them next to each other there as in the line
    (counting only such words). Above the body, the lede (the first prose lines) vouches for the title ("Grey
    heron" over "The grey heron (Ardea cinerea) is …", an obituary's name over "Margaret Ann Kowalski, 87, of
    …"). A site's tagline shares a place name or two with a story, not most of its words, and a subscription
    offer's "from … a week" is not a phrase of the article's. With `stem`, words are compared on their first `stem`
    letters: a language that inflects says the title's "sera üreticileri" as the lede's "sera üreticilerini"."""
    words = _named(line, stem)
    text = [_named(t, stem) for t in below]
    found = _echoed(words, text)
    if not found:
        return False
    pairs = {pair for ws in text for pair in pairwise(ws)}
    return any(pair in pairs for pair in pairwise(words) if pair[0] in found and pair[1] in found)


def echoes(line: str, texts: Iterable[str], stem: int | None = None) -> bool:
    """Whether `texts` name most of a short line's words of 4 letters or more, two of them at least (anywhere, in
    any order: `vouched` without its side-by-side pair), compared on their first `stem` letters."""
    return bool(_echoed(_named(line, stem), [_named(t, stem) for t in texts]))


def _echoed(words: list[str], texts: list[list[str]]) -> set[str]:
    """The line's `words` that `texts` hold, when they are two or more and most of its words; else none."""
    found = set().union(*texts) & set(words)
    return found if len(found) >= 2 and 2 * len(found) > len(set(words)) else set()


def _named(text: str, stem: int | None = None) -> list[str]:
    """The words of `text` that can name something (4 letters or more), in order, in matching form (their first
    `stem` letters)."""
    return [w[:stem] for w in key_words(text) if len(w) >= VOUCH_WORD_CHARS]


def _greeting(words: np.ndarray, clause: np.ndarray, kept: np.ndarray, texts: pa.ChunkedArray[Any],
              first: int, nonblank: np.ndarray) -> int:
    """The body starts one line early at a salutation that runs into it ("Hallo zusammen,", "Bonjour à
    tous,", "السلام عليكم،"): a short kept line right above the first prose line on the page (`nonblank`: no line
    between them, kept or dropped by an earlier rule, so a drop cannot bring a line above it next to the body) that
    ends with a comma, or that opens with a greeting's words (lexicon.SALUTATIONS) and ends no sentence ("السلام
    عليكم يا جماعة" over a forum post, under the poster's rows)."""
    above = nonblank[:first].nonzero()[0][-1:]
    if not len(above) or not kept[above[-1]] or words[above[-1]] < 2:
        return first
    text = str(texts[above[-1]].as_py()).rstrip()
    if clause[above[-1]] and text.endswith((",", "،")):
        return int(above[-1])
    if words[above[-1]] <= GREETING_WORDS and not clause[above[-1]]:
        opening = tuple(key_words(text)[:3])
        if any(opening[:n] in lexicon.SALUTATIONS for n in range(1, len(opening) + 1)):
            return int(above[-1])
    return first


GREETING_WORDS = 6  # "السلام عليكم ورحمة الله وبركاته"


ANNOUNCING_WORDS = UNPUNCTUATED_LONG_LINE_WORDS  # a lead-in this long is a sentence, not a label


def _announced(words: np.ndarray, kept: np.ndarray, lead_in: np.ndarray, named: np.ndarray, first: int) -> int:
    """The body starts early at a sentence ending with a colon (ANNOUNCING_WORDS or more: "The ministry set this
    month's fuel prices as follows:") over the named items it announces, right above the first prose line: the
    article opens with its list. A label's colon ("Markets:" over a ticker) is too short to announce."""
    above = np.flatnonzero(kept[:first])[::-1][:PRESENTED_MAX + 1].tolist()
    items = 0
    while items < len(above) and named[above[items]] and not lead_in[above[items]]:
        items += 1
    if items >= 2 and items < len(above) and lead_in[above[items]] and words[above[items]] >= ANNOUNCING_WORDS:
        return int(above[items])
    return first


BOX_HEADING_WORDS = 4  # "Key details", "Fiche du joueur", "Description": a fact box's heading, not a sentence
BOX_ROWS_MAX = 12  # a listing's card: rooms, area, floor, age, finish, heating, view...
BOX_FIGURED = 1 / 3  # ...a third of them figures at least (an article's meta rows give none)


def _fact_box(words: np.ndarray, clause: np.ndarray, sentence: np.ndarray, kept: np.ndarray, named_row: np.ndarray,
              figured: np.ndarray, first: int) -> int:
    """The body starts early at a fact box above it: a short heading ("Key details", "Fiche du joueur") over
    NAMED_RUN to BOX_ROWS_MAX named values, a third of them figures or more ("Bedrooms: 2", "Floor area: 68 m²",
    "Furnishing: Part furnished"; a flat's card names its finish, heating and view in words as often as its rooms
    and area in figures), right above the first prose line or above one more short heading ("Description"). A
    listing, a player's or a product's card gives its facts there, between the title and the text; an article's meta
    rows ("Author: …", "Section: …") give no figures, and a forum's member panel has no heading over it."""
    def heading(i: int) -> bool:
        return 0 < words[i] <= BOX_HEADING_WORDS and not clause[i] and not sentence[i] and not named_row[i]

    above = np.flatnonzero(kept[:first])[::-1].tolist()  # the kept lines above the body, nearest first
    top = 1 if above and heading(above[0]) else 0
    end = top
    while end < len(above) and named_row[above[end]] and end - top < BOX_ROWS_MAX:
        end += 1
    rows = above[top:end]
    if len(rows) < NAMED_RUN or int(figured[rows].sum()) < BOX_FIGURED * len(rows) or end == len(above) \
            or not heading(above[end]):
        return first
    return int(above[end])


NAMED_RUN = 3  # named figures in a row that make a fact box or a timeline
NAMED_RUN_MAX = 8  # ...of a handful of lines: a long dated list at the foot is an archive or a press list


def figure_list(lines: pa.Table, among: np.ndarray) -> np.ndarray:
    """Among the rows `among` marks, the lines of a run of NAMED_RUN to NAMED_RUN_MAX named figures in a row (a label, a
    colon and a value, a number in either: "Brebis : environ 38 000", "2019: hourly, Sunday service reduced")
    and the heading right above it ("Les chiffres de la saison"): the article's fact box or timeline, at the
    foot of the article or under a "read also" box, not a footer or another story's headline."""
    figure = matching(lines, NAMED, among=among)
    figure &= matching(lines, r"\d", among=figure)
    found = np.zeros(len(lines), dtype=bool)
    if figure.sum() < NAMED_RUN:
        return found
    # in a row on the page: a line an earlier rule dropped (a paywall notice, "Most read") ends the run; the runs
    # are found on the few figure rows alone, by their places among the page's non-empty rows
    docs, rows = array(lines, "doc"), np.flatnonzero(array(lines, "length") > 0)
    place = np.searchsorted(rows, np.flatnonzero(figure))  # each figure row's index among the non-empty rows
    breaks = np.flatnonzero((np.diff(place) != 1) | (np.diff(docs[rows[place]]) != 0)) + 1
    for run in np.split(place, breaks):
        if NAMED_RUN <= len(run) <= NAMED_RUN_MAX:
            found[rows[run]] = True
            heading = int(rows[run[0] - 1]) if run[0] else -1
            if heading >= 0 and among[heading] and docs[heading] == docs[rows[run[0]]]:
                found[heading] = True
    return found


def list_items(lines: pa.Table, among: np.ndarray) -> np.ndarray:
    """Among the rows `among` marks, those that may be items of a list under a lead-in ending with a colon: named
    items ("Defence: NAME, NAME") and short lines that give a figure (a timetable's hours, a price list's lines)."""
    short = among & (array(lines, "words") <= ITEM_WORDS)
    return np.asarray(matching(lines, NAMED, among=among) | matching(lines, r"[\d٠-٩۰-۹]", among=short))


def run_on_marks(lines: pa.Table, kept: np.ndarray, is_prose: np.ndarray, clause: np.ndarray, field: np.ndarray
                 ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """What carries the body on past its last prose line among the `kept` lines, as `extend_body` takes it: the named
    values (`field`, as the caller finds them), with a fact box or timeline (`figure_list`) and the article's own list
    under a lead-in naming its subject (`presented_list`), which run on like a named value; the lead-ins, a clause
    ending with a colon that ends no sentence (a list item under it need not end a clause); and the items of the
    list a lead-in opens (`list_items`). `clause` says which lines end a clause. Structure and PageTail both extend
    the body with these, so it runs on through the same lines for both."""
    kept = kept & (array(lines, "length") > 0)
    field = field | figure_list(lines, kept) | presented_list(lines, kept, is_prose)
    lead_in = matching(lines, LEAD_IN, among=kept & clause & ~array(lines, "ends_sentence"))
    return field, lead_in, list_items(lines, kept & ~clause)


def extend_body(words: np.ndarray, clause: np.ndarray, kept: np.ndarray, last: int, field: np.ndarray,
                lead_in: np.ndarray, named: np.ndarray) -> int:
    """The body runs on past its last prose line through list items, table rows, short closing sentences,
    named values ("Cook Time: 40 minutes", "Servings: 8": `field`) and, under a lead-in ending with a colon,
    the items of the list it opens (`list_items`: a match report's "Line-up:" over "Defence: NAME, NAME, NAME", a
    timetable's hours under "Supply hours:"):
    the lead-in says the article goes on, where a footer's lines do not open with one."""
    listing = False
    for i in (last + 1 + kept[last + 1:].nonzero()[0]).tolist():
        item = listing and bool(named[i])
        if not field[i] and not item and (words[i] < 2 or not clause[i]):
            break
        last, listing = i, bool(lead_in[i]) or item
    return last


_DIGIT = re.compile(r"\d")
NAMING_CHARS = 5  # a word this long that a lead-in shares with the prose names the article's subject
HEADED_ITEMS = 3  # items under a heading with no colon that make the article's closing list
HEADING_WORDS = 5  # ...and that heading: "نصائح السلطات للسكان", "What to do in a flood"
PRESENTED_MAX = 8  # the items of a list a lead-in presents at the foot: a handful, as a fact box's


def names_subject(lead: str, prose_texts: Iterable[str], chars: int = NAMING_CHARS) -> bool:
    """Whether a lead-in names what the article's prose is about: a word of NAMING_CHARS letters or more of both
    ("يقول المتنبي:" in a post about al-Mutanabbi, "مراحل اجرای طرح:" under a story about the project). A box's or a
    footer's label ("More from our coverage:", "Follow us:") names nothing of it."""
    named = topic_words(lead, chars)
    return bool(named) and any(named & topic_words(text, chars) for text in prose_texts)


STEM_CHARS = 6  # a word's first letters that name its stem in another form ("مزارعي" in "المزارعين")


def names_stem(lead: str, prose_texts: Iterable[str]) -> bool:
    """Whether a heading names what the article's prose is about in another form of a word: one word holds the other's
    first STEM_CHARS letters ("مطالب المزارعين" over prose of "مزارعي البقاع", "فیستیڤاڵدا" / "فیستیڤاڵی"), or the two
    are one word of NAMING_CHARS letters or more (`names_subject`). Suffixes and a prefixed article change a word's
    ends, not its stem."""
    named = topic_words(lead, NAMING_CHARS)
    stems = {word[:STEM_CHARS] for word in named if len(word) >= STEM_CHARS}
    for text in prose_texts:
        told = topic_words(text, NAMING_CHARS)
        if named & told or any(word[:STEM_CHARS] in name or stem in word for word in told if len(word) >= STEM_CHARS
                               for name in named for stem in stems):
            return True
    return False


def presented_list(lines: pa.Table, kept: np.ndarray, is_prose: np.ndarray) -> np.ndarray:
    """The items of the lists that lead-ins naming the article's subject open (`names_subject`): the kept lines
    right under such a lead-in ending with a colon, up to PRESENTED_MAX of them, a sentence, the next lead-in, a
    one-word line ("Contact"), a line an earlier rule dropped or the page's end, when half of them or more give a
    figure or share a word of VOUCH_WORD_CHARS letters or more with the prose. What the article lists at its
    foot ("Le champignon de Paris du Saumurois en chiffres :" over "12 exploitations en activité") need not be
    named values. The lead-in is a list's label, not prose: a paragraph ending with a colon points somewhere
    else as often ("… follow us here:" over links). A short heading with no colon that names the subject ("نصائح
    السلطات للسكان") opens the article's closing list too, and runs on with it, when HEADED_ITEMS or more short
    items (ITEM_WORDS at most, no sentence end) follow it up to a dropped line or the page's end: advice need not
    repeat the prose's words, and a footer's heading ("Popular right now") names nothing of the article."""
    length, words = array(lines, "length"), array(lines, "words")
    clause, sentence = array(lines, "ends_clause"), array(lines, "ends_sentence")
    lead = matching(lines, LEAD_IN, among=kept & ~is_prose & (length > 0) & clause & ~sentence)
    # ...or a short heading with no mark at its end over the list the page's foot closes with ("نصائح السلطات
    # للسكان" over three pieces of advice, then a caption or the comments): the list runs to a dropped line or the end
    heading = kept & ~is_prose & ~clause & ~sentence & (words >= 2) & (words <= HEADING_WORDS)
    found = np.zeros(len(lines), dtype=bool)
    if not (lead | heading).any():
        return found
    texts = lines.column("text")
    bounds = document_slices(lines)
    starts = np.array([start for start, _ in bounds])
    page_prose: dict[int, list[str]] = {}  # each page's prose, read once however many lead-ins it has
    for i in np.flatnonzero(lead | heading).tolist():
        start, end = bounds[int(np.searchsorted(starts, i, side="right")) - 1]  # the lead-in's page, not the batch
        if start not in page_prose:
            page_prose[start] = [str(texts[r].as_py()) for r in (start + is_prose[start:end].nonzero()[0]).tolist()]
        prose_texts = page_prose[start]
        if not names_subject(str(texts[i].as_py()), prose_texts):
            continue
        items: list[int] = []
        closed = True  # the list runs to a dropped line or the page's end
        for j in (i + 1 + np.flatnonzero(length[i + 1:end] > 0)).tolist():
            if not kept[j] or is_prose[j] or lead[j] or words[j] < 2 or len(items) == PRESENTED_MAX:
                closed = not kept[j]
                break  # a dropped line or a menu's word ends the list; a sentence says the lead-in was a subheading
            items.append(j)
        if not lead[i]:
            # under a heading with no colon, naming the subject (above): a closed list of short unpunctuated items
            if closed and len(items) >= HEADED_ITEMS and not sentence[items].any() \
                    and (words[items] <= ITEM_WORDS).all():
                found[[i, *items]] = True  # the heading runs on as its items do
        elif tell_article([str(texts[j].as_py()) for j in items], prose_texts):
            found[items] = True
    return found


def tell_article(items: list[str], prose_texts: list[str]) -> bool:
    """Whether the lines of a list tell the article whose prose is `prose_texts`: half of them or more give a figure
    or share a word of VOUCH_WORD_CHARS letters or more with the prose (as a deck does). Footer links ("About us",
    "Privacy policy") do neither, nor do other stories' headlines, which share a word of it at most."""
    told = [_DIGIT.search(text) or names_subject(text, prose_texts, VOUCH_WORD_CHARS) for text in items]
    return bool(items) and 2 * sum(map(bool, told)) >= len(items)
