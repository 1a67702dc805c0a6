"""Line rules judged on the line alone (and, for a teaser, the line before it): empty lines, rows of
symbols, bare links, picture captions, bylines, datelines, menus, and the phrase lists."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, ClassVar

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from builder.rules import lexicon
from builder.rules.masks import literals, matching, search as _search
from builder.rules.structure import (
    NAMED,
    NAMED_ROW,
    PROSE_MIN_WORDS,
    body_bounds,
    echoes,
    figure_list,
    prose,
    span,
    table_rows,
    vouched,
)
from builder.steps import LineRule, array, undecided, values, where
from builder.text.keys import CLOSERS, ends_sentence, key_words, line_key


@dataclass(frozen=True)
class OneLine(LineRule):
    """A rule that looks at each still-kept line on its own: `matches` says which lines of the batch
    it drops, from the lines table's features (and its own regex on the few lines they leave)."""

    def decide(self, lines: pa.Table) -> pa.Array[Any]:
        (reason,) = self.reasons
        return where(self.matches(lines) & undecided(lines), reason)

    def matches(self, lines: pa.Table) -> np.ndarray:
        raise NotImplementedError


def _short(lines: pa.Table, max_words: int) -> np.ndarray:
    """Lines of at most `max_words` words that do not end a sentence."""
    return np.asarray((array(lines, "words") <= max_words) & ~array(lines, "ends_sentence"))


# The phrase lists as RE2 patterns over the lines' keys: one pass over the batch for each list
_CHROME_PREFIXES = literals((*lexicon.CHROME_PREFIXES, *lexicon.FORUM_PREFIXES), anchored=True)
# "Page 1 of 2", "صفحة 1 من 2" as line_key writes it ("page0of0"): a pager's whole line
_PAGER = "^(?:" + literals(lexicon.PAGE_WORDS) + ")0+(?:" + literals(lexicon.PAGE_OF) + ")0+$"
_IMAGE_PREFIXES = literals(lexicon.IMAGE_PREFIXES, anchored=True)
_STAFF_OPENERS = literals(lexicon.STAFF_OPENERS, anchored=True)
_APP_WORDS, _DOWNLOAD_WORDS = literals(lexicon.APP_WORDS), literals(lexicon.DOWNLOAD_WORDS)


@dataclass(frozen=True)
class EmptyLine(OneLine):
    name = "empty_line"
    reasons: ClassVar[dict[str, str]] = {"empty_after_clean": "nothing left after Unicode cleaning"}

    def matches(self, lines: pa.Table) -> np.ndarray:
        return np.asarray(array(lines, "length") == 0)


# A line of at least REPETITIVE_MIN_WORDS words made of at most REPETITIVE_MAX_DISTINCT distinct ones (fix20: a
# 300 KB line of "x dot x dot …" was kept as a paragraph). The first REPETITIVE_MIN_WORDS words decide for nearly
# every line (a sentence has more than 4 distinct words among its first 16); only a line they leave is read whole.
REPETITIVE_MIN_WORDS = 16
REPETITIVE_MAX_DISTINCT = 4
_WORD_EDGES = ".,;:!?…،؛؟\"'()[]«»“”"


def _distinct_words(words: list[str], most: int) -> bool:
    """Whether `words` hold at most `most` distinct words (case and the punctuation around them aside)."""
    distinct: set[str] = set()
    for word in words:
        distinct.add(word.strip(_WORD_EDGES).lower())
        if len(distinct) > most:
            return False
    return True


def _repetitive(text: str) -> bool:
    first = text.split(None, REPETITIVE_MIN_WORDS)[:REPETITIVE_MIN_WORDS]
    return (len(first) == REPETITIVE_MIN_WORDS and _distinct_words(first, REPETITIVE_MAX_DISTINCT)
            and _distinct_words(text.split(), REPETITIVE_MAX_DISTINCT))


@dataclass(frozen=True)
class RepetitiveLine(OneLine):
    """A line of one word or a few said over and over (`x dot x dot …`, `ha ha ha …`, a row of the same tag): no
    text, however long, and a paragraph of its own if kept. Words split at spaces, so a line of Chinese or Japanese
    (no spaces) is never one; a sentence that repeats a word ("no, no, no, no …: the council said …") has more
    than 4 distinct words and stays."""

    name = "repetitive_line"
    reasons: ClassVar[dict[str, str]] = {
        "repetitive_line": f"a line of {REPETITIVE_MIN_WORDS} words or more made of at most {REPETITIVE_MAX_DISTINCT} "
                           "distinct words over and over (`x dot x dot …`, `ha ha ha …`): no text",
    }

    def matches(self, lines: pa.Table) -> np.ndarray:
        found = np.zeros(len(lines), dtype=bool)
        rows = np.flatnonzero((array(lines, "words") >= REPETITIVE_MIN_WORDS) & undecided(lines))
        if rows.size:
            found[rows] = [_repetitive(text or "") for text in lines.column("text").take(rows).to_pylist()]
        return found


_SEPARATOR = re.compile(r"^[\W_]{3,}$")  # rows of dashes, stars, bullets, box drawing
_TABLE_RULE = re.compile(r"^\s*\|(?:\s*:?-+:?\s*\|)+\s*$")  # a table's header rule, part of the table
# a URL (with or without its scheme: "example.org/blog/2015/08/a-post/"), an address, a hashtag or a handle. Each
# piece is atomic (?>…) and an address has one @: "#a#a#a… !" could otherwise be split into pieces in 2^n ways
# before failing (40 characters took minutes), and "@@@…" be tried from every @ to every other
_LINK = re.compile(r"^(?>(?:https?://|www\.)\S+|[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}/\S*|[^\s@]+@[^\s@]+\.\w+|[#@]\w\S*"
                   r"|\s)+$", re.IGNORECASE)
_DATELINE = re.compile(r"\b\d{1,2}:\d{2}\b|GMT|UTC|آخر تحديث|Last updated|Updated|Mis à jour|Publié le|"
                       r"\d{1,2}月\d{1,2}日(?:电|電|讯|訊|报道|報道|消息)", re.IGNORECASE)
# ...but a schedule the article gives is no stamp of the page: a time range ("de 10:00 a 13:00", "9:30–17:00") or
# a time with what happens then in brackets ("a las 18:00 (sesión informativa para todas las etapas)")
_SCHEDULE = re.compile(r"\d{1,2}[:.h]\d{2}\s*(?:-|–|—|to|until|till|à|a|au|bis|hasta|al|إلى|حتى|تا)\s*"
                       r"\d{1,2}[:.h]\d{2}|\(\w+(?:\s+\w+)+\)", re.IGNORECASE)
_NAVIGATION = re.compile(r"\s[|»›>]\s|^[|»›>]|[|»›>]$")  # breadcrumbs, "Business | Energy", "Video | …"
# ...but not a French quotation's » (« … »), a row of a table ("| a | b |", "|---|---|") nor a row of named figures
_NOT_NAVIGATION = re.compile(rf"«.*»|^\s*\|.*\|.*\|\s*$|{NAMED_ROW}")
# A row of short parts split by spaced middle dots: a post's buttons ("Like · Quote · Reply"), a rank and its points,
# a date and a reading time, footer links. Every part a few words and no sentence; a named value in each part is a
# recipe card's ("Prep: 10 min · Cook: 25 min"), kept as with bars; bullets inside a line mark a how-to's steps.
_DOTS = re.compile(r"\s·\s")
_DOT_NAMED_ROW = re.compile(r"^[^·:]+:[^·]*\d[^·]*(?:·[^·:]+:[^·]*\d[^·]*)+$")
DOT_PART_WORDS = 5


@dataclass(frozen=True)
class Separator(OneLine):
    name = "separator"
    reasons: ClassVar[dict[str, str]] = {"boilerplate_separator": "a row of dashes, stars or other symbols"}

    def matches(self, lines: pa.Table) -> np.ndarray:
        # a row of symbols has no letter, so no word
        symbols = (array(lines, "length") >= 3) & (array(lines, "words") == 0)
        return _search(lambda text: None if _TABLE_RULE.match(text) else _SEPARATOR.match(text), lines, symbols)


@dataclass(frozen=True)
class Link(OneLine):
    name = "link"
    reasons: ClassVar[dict[str, str]] = {"boilerplate_link": "a bare URL, e-mail address, hashtag or handle"}

    def matches(self, lines: pa.Table) -> np.ndarray:
        # a link, an address or a handle has one of these (RE2, over the batch); a line of only spaces has no word
        maybe = pc.match_substring_regex(lines.column("text"), r"(?i)http|www\.|[@#]|\.[a-z]{2,}/").to_numpy()
        return _search(_LINK.match, lines, maybe | (array(lines, "words") == 0))


ITEM_MAX_WORDS = 14  # a list's item is no longer than a headline


@dataclass(frozen=True)
class Image(OneLine):
    """Alt text and photo credits: a short line that starts by naming the picture. Left alone: an item of the
    article's list that names a picture the page asks for or shows ("صورة جواز السفر", "a photo of my mother on her
    graduation day") among other items (`_listed`)."""

    name = "image"
    reasons: ClassVar[dict[str, str]] = {"boilerplate_image": "image alt text or a photo credit"}
    max_words: int = 12

    def matches(self, lines: pa.Table) -> np.ndarray:
        cued = matching(lines, _IMAGE_PREFIXES, "key", among=_short(lines, self.max_words))
        return cued & ~_listed(lines, cued) if cued.any() else cued


def _listed(lines: pa.Table, cued: np.ndarray) -> np.ndarray:
    """Which of the `cued` lines are items of a list the article gives: the line sits in a run of short lines that
    end no sentence (ITEM_MAX_WORDS, blank lines aside) right under a paragraph of the article, with a line of that
    run naming no picture above it and another below it (the list's heading and its next item: "المستندات اللازمة" /
    "صورة جواز السفر" / "شهادة راتب ولي الأمر"). Alt text stands alone between paragraphs ("صورة أرشيفية") or in a
    gallery of pictures; a credit gives its source after a colon or a bar ("Photo: Reuters", "Photo by X | The
    Gazette") or closes the list above the picture ("تصویر کے کاپی رائٹ Getty Images" under a list of foods); a
    menu's "عكس" sits among one-word lines above the article, under no paragraph."""
    words, ends, length, docs = array(lines, "words"), array(lines, "ends_sentence"), array(lines, "length"), \
        array(lines, "doc")
    item = (words >= 1) & (words <= ITEM_MAX_WORDS) & ~ends
    is_prose = prose(words, ends)
    nonblank = np.flatnonzero(length > 0)
    where_in = np.full(len(lines), -1)
    where_in[nonblank] = np.arange(len(nonblank))
    texts = lines.column("text")
    found = np.zeros(len(lines), dtype=bool)
    for row in np.flatnonzero(cued).tolist():
        if re.search(r"[:：|]", str(texts[row].as_py())):
            continue  # a credit: "Photo: Reuters", "الصورة: …"
        top = bottom = int(where_in[row])
        while top > 0 and docs[nonblank[top - 1]] == docs[row] and item[nonblank[top - 1]]:
            top -= 1
        while bottom + 1 < len(nonblank) and docs[nonblank[bottom + 1]] == docs[row] and item[nonblank[bottom + 1]]:
            bottom += 1
        above = nonblank[top - 1] if top > 0 else -1
        if above < 0 or docs[above] != docs[row] or not is_prose[above]:
            continue
        here = int(where_in[row])
        found[row] = bool((~cued[nonblank[top:here]]).any() and (~cued[nonblank[here + 1:bottom + 1]]).any())
    return found


BYLINE_VALUE_WORDS = 4  # the name or date under a byline label set on its own line
STAFF_WORDS = 4  # a newsroom's credit: its title and the desk or place ("نمائندہ اخبار ملتان")
STAFF_NAMED_WORDS = 6  # ...with the reporter's name after a comma ("نمائندہ مردان خبر، طارق خان")


@dataclass(frozen=True)
class Byline(OneLine):
    name = "byline"
    reasons: ClassVar[dict[str, str]] = {
        "boilerplate_byline":
            "an author line (\"By …\", \"Par …\", \"بقلم …\"), a newsroom credited instead (\"Web Desk\", "
            "\"Redacción Deportes\"), or a forum author's stats (\"Posts: 87\")",
    }
    max_words: int = 6

    def matches(self, lines: pa.Table) -> np.ndarray:
        texts = lines.column("text")
        found = np.zeros(len(lines), dtype=bool)
        for i in np.flatnonzero(_short(lines, self.max_words)).tolist():
            parts = texts[i].as_py().split()
            # "By Jane Miller", or a two-word opener: "Publicado por Dirección", "بدء بواسطة abu_yousef"
            found[i] = (len(parts) > 1 and line_key(parts[0]) in lexicon.BYLINE_PREFIXES) \
                or (len(parts) > 1 and parts[0].endswith((",", "،"))
                    and line_key(parts[0]) in lexicon.COMMA_BYLINE_LABELS) \
                or (len(parts) > 2 and line_key(" ".join(parts[:2])) in lexicon.BYLINE_PREFIXES) \
                or (len(parts) > 3 and line_key(" ".join(parts[:3])) in lexicon.BYLINE_PREFIXES) \
                or (len(parts) > 1 and line_key(parts[0]) in lexicon.NAME_PREFIXES
                    and _name(" ".join(parts[1:])))
        staff = _short(lines, STAFF_WORDS) | matching(lines, "[,،]", among=_short(lines, STAFF_NAMED_WORDS))
        found |= matching(lines, _STAFF_OPENERS, "key", among=staff & (array(lines, "length") > 0))
        # a page that sets the label and the name (or date) apart: "Article by" / "Kareem Smith"
        label = pc.is_in(lines.column("key"), pa.array(sorted(lexicon.BYLINE_LABELS), pa.string())).to_numpy()
        docs, value = array(lines, "doc"), _short(lines, BYLINE_VALUE_WORDS) & (array(lines, "length") > 0)
        for i in np.flatnonzero(label[:-1] & value[1:] & (docs[1:] == docs[:-1])).tolist():
            if _name_or_date(texts[i + 1].as_py()):
                found[i] = found[i + 1] = True
        # "Author: Jane Miller", "Autori:Anna Ūdre(LTV … redaktore)", "Reporter: … | Editor: …": the label, a colon
        # and a name on one line, which may end with an initial's full stop ("Editor: Bambang S.")
        labelled = matching(lines, _COLON_BYLINE_HINT, among=(array(lines, "words") <= COLON_BYLINE_WORDS) & ~found)
        found |= _search(_colon_byline, lines, labelled)
        member = _search(_MEMBER_STAT.match, lines, _short(lines, BYLINE_VALUE_WORDS + 2) & ~found)
        # the author's panel goes on under a stat with a field of its own, a label and a word or three ("محل سکونت:
        # ملایر", "مقام: پشاور", "Location: Leeds"): a field right under a stat is the panel's too
        nonblank = array(lines, "length") > 0
        field = _search(_PANEL_FIELD.match, lines,
                        matching(lines, "[:：]", among=_short(lines, BYLINE_VALUE_WORDS + 2) & ~found & ~member))
        for i in np.flatnonzero(field).tolist():
            above = [k for k in range(max(i - 2, 0), i) if nonblank[k] and docs[k] == docs[i]]
            field[i] = bool(above) and bool(member[above[-1]])
        return np.asarray(found | member | field)


# A forum post's author stats ("تاريخ التسجيل: مارس 2019", "Posts: 1,234", "Messages : 87"): a stat's label, a colon
# and a number or a date
_MEMBER_STAT = re.compile(
    r"^\W*(?:تاريخ التسجيل|تاريخ الانضمام|المشاركات|مشاركات|عدد المشاركات|Joined|Join date|Registered|Member since|"
    r"Posts|Messages|Reputation|Inscrit(?: le| depuis)?|Beiträge|Registriert seit|Dabei seit|Mitglied seit|Mensajes|"
    r"Registrado|Publicaciones|تاریخ عضویت|ارسال‌ها|پست‌ها|پیغامات|مراسلات|تاریخ شمولیت|شمولیت|رکنیت"
    r")\s*[:：]\s*(?=\S*\d|\w+ \d)[\w ,.'/-]{1,30}$", re.IGNORECASE)
# ...and a field of the same panel: a label of a few words, a colon, a value of a word or three (Byline reads it
# only right under a stat)
_PANEL_FIELD = re.compile(r"^\W*[^\W\d][^:：]{0,24}[:：]\s*[^\s:：]+(?:\s+[^\s:：]+){0,2}\s*$")


# A post's or a page's likes row: a count of members, bloggers or others (a forum's, a blog platform's words for
# them) and the like verb closing the line ("38 bloggers like this.", "Anna and 4 others liked this", "4 ممبرز نے
# اسے پسند کیا", "5 Mitgliedern gefällt das", "3 personnes aiment ça"), or the label of a list of who liked it
# ("آپ کو یہ پیغام پسند آیا: …", "Like this: …"). "People" only in the widget's own "N people like this": an
# article's "12 people liked the post before …" goes on past the verb.
_DIGIT = r"[\d٠-٩۰-۹]"
_LIKES = re.compile(
    rf"(?:^|\s){_DIGIT}[\d٠-٩۰-۹,.٬]*\s+(?:(?:bloggers|members|others|other members|users)\s+(?:like|likes|liked)"
    r"(?:\s+(?:this|it|that|your post))?|people like this|(?:personnes|autres|membres)\s+(?:aiment|ont aimé)"
    r"(?:\s+(?:ça|ceci|cela))?|(?:Mitgliedern|Personen|anderen)\s+gefällt das|(?:personas|otros) les gusta esto|"
    r"(?:ممبرز|ممبران|اراکین|صارفین|دیگر)\s+نے\s+(?:اسے\s+|یہ\s+)?پسند کیا|(?:أعضاء|عضو|آخرين)\s+(?:أعجبهم|أعجبه)"
    r"(?:\s+(?:هذا|هذه المشاركة))?|(?:کاربر|نفر)\s+(?:این را\s+)?پسندیدند)\W*$|"
    r"^\W*(?:آپ کو یہ (?:پیغام|پوسٹ) پسند آیا|Like this)\s*[:：]", re.IGNORECASE)
REACTION_WORDS = 20


@dataclass(frozen=True)
class Reactions(OneLine):
    name = "reactions"
    reasons: ClassVar[dict[str, str]] = {
        "boilerplate_reactions": "a post's or a page's likes row (\"38 bloggers like this\", \"4 ممبرز نے اسے پسند "
                                 "کیا\") or the label of the list of who liked it",
    }

    def matches(self, lines: pa.Table) -> np.ndarray:
        among = (array(lines, "words") <= REACTION_WORDS) & (array(lines, "length") > 0)
        return _search(_LIKES.search, lines, among)


_COLON_BYLINE = re.compile(rf"^\W*(?:{'|'.join(lexicon.COLON_BYLINE_LABELS)})\s*[:：]\s*(?P<name>[^\W\d_][^:：()\d]*?)"
                           r"\s*(?:\([^()]*\))?\W*$", re.IGNORECASE)
_COLON_BYLINE_HINT = "(?i)^\\W*(?:" + "|".join(lexicon.COLON_BYLINE_LABELS) + ")\\s*[:：]"
COLON_BYLINE_WORDS = 16
COLON_NAME_WORDS = 4


def _colon_byline(text: str) -> bool:
    """Each part of the line (split by bars) a byline label, a colon and a name of COLON_NAME_WORDS words at most (a
    role in brackets may follow it): "Author: the committee said …" is a sentence."""
    for part in text.split("|"):
        found = _COLON_BYLINE.match(part.strip())
        if not found or not 0 < len(found["name"].split()) <= COLON_NAME_WORDS or not _name(found["name"]):
            return False
    return True


def _name_or_date(text: str) -> bool:
    """What a byline label's own line is followed by: a date (it has a number) or a name."""
    return any(c.isdigit() for c in text) or _name(text)


def _name(text: str) -> bool:
    """Each word capitalised, or of a script without case."""
    return all(not w[0].isalpha() or w[0].isupper() or not w[0].islower() for w in text.split())


@dataclass(frozen=True)
class Dateline(OneLine):
    name = "dateline"
    reasons: ClassVar[dict[str, str]] = {
        "boilerplate_dateline": "a date/time line of the page (a publication date or time, \"3 hours ago\", the "
                                "story's number, its reading time, its view count)",
    }
    max_words: int = 12

    def matches(self, lines: pa.Table) -> np.ndarray:
        found = _search(dated, lines, _short(lines, self.max_words))
        # a publisher line may end with a full stop
        maybe = matching(lines, _PUBLISH_HINT, among=(array(lines, "words") <= self.max_words) & ~found)
        # ...and so may a reading time ("Lesezeit: 3 Min.")
        reading = matching(lines, _READING_HINT, among=array(lines, "words") <= READING_WORDS)
        found |= _search(_READING.match, lines, reading)
        # ...and a view count ("عدد المشاهدات: 3,517", "Dibaca 1.873 kali")
        views = matching(lines, _VIEWS_HINT, among=matching(lines, r"[\d۰-۹٠-٩]", among=_short(lines, VIEWS_WORDS)))
        found |= _search(_VIEWED.match, lines, views)
        # ...and a post's date with its reading time or its view count, split by a middle dot or a bar ("December 1,
        # 2026 · 6 min read", "۱۳ آذر ۱۴۰۵ | بازدید: ۱۲۴۰")
        split = matching(lines, r"\s[·•|]\s", among=_short(lines, self.max_words) & ~found)
        found |= _search(_date_and_count, lines, split)
        return np.asarray((found & ~timed_list(lines, found) & ~timetable(lines, found))
                          | _search(_published, lines, maybe))


def dated(text: str) -> bool:
    """Whether a short text is a date or time as a page prints it on its own line (Dateline's test of one line,
    before its lists and publisher lines): "November 2, 2025 at 1:17 pm", "3 days ago", "hace 2 horas". A span of
    years (`structure.span`: "June 4, 1938 – November 17, 2025") is the article's."""
    return bool((_DATELINE.search(text) and not _SCHEDULE.search(text)) or _date_only(text) or _RELATIVE.match(text)
                or _PAGE_FIELD.match(text)) and not span(text)


TIMETABLE_MIN = 2
_DAY_TIME = r"(?:^|\D)\d{1,2}[:.]\d{2}(?:\D|$)"  # "5:50", "22.10": a time of the day
_STAMP_YEAR = r"(?:^|\D)\d{4}(?:\D|$)"  # a stamp dates itself ("Published: 3 December 2026, 10:40")


def timetable(lines: pa.Table, among: np.ndarray) -> np.ndarray:
    """Among the rows `among` marks, the rows of a timetable the article gives between its paragraphs: TIMETABLE_MIN
    or more named times of the day, no year, in a row ("First tram from town: 5:50" / "Last tram: 22:10",
    "پیر اور بدھ: روانگی صبح 7:40"), after the body's first prose line and before its last. A page's stamps
    stand above or below the article ("Published: 3 December 2026, 10:40" over "Updated: 11:15"), or one named
    time at a time."""
    named = matching(lines, NAMED, among=among)
    named &= matching(lines, _DAY_TIME, among=named) & ~matching(lines, _STAMP_YEAR, among=named)
    found = np.zeros(len(lines), dtype=bool)
    if named.sum() < TIMETABLE_MIN:
        return found
    docs, rows = array(lines, "doc"), np.flatnonzero(array(lines, "length") > 0)
    first, last = body_bounds(docs, prose(array(lines, "words"), array(lines, "ends_sentence")))
    place = np.searchsorted(rows, np.flatnonzero(named))  # each named time's index among the non-empty rows
    breaks = np.flatnonzero((np.diff(place) != 1) | (np.diff(docs[rows[place]]) != 0)) + 1
    for run in np.split(place, breaks):
        inside = rows[run]
        if len(run) >= TIMETABLE_MIN and (first[inside] < inside).all() and (inside < last[inside]).all():
            found[inside] = True
    return found


_TIME_CODE = r"^\s*(?:\d{1,2}:)?\d{1,2}:\d{2}\s+\pL"  # "03:40 How the books survived", "1:02:15 Questions"
TIMED_LIST_MIN = 3


def timed_list(lines: pa.Table, among: np.ndarray) -> np.ndarray:
    """Among the rows `among` marks, the items of a list the page gives by time: TIMED_LIST_MIN or more lines in a
    row that each open with a time code and say what happens then, the times rising ("00:00 Introduction", "03:40
    How the books survived …": a podcast's chapters, a day's programme). A page's stamps are one line, and a
    ticker of the latest news lists its times falling, newest first."""
    coded = matching(lines, _TIME_CODE, among=among)
    found = np.zeros(len(lines), dtype=bool)
    if coded.sum() < TIMED_LIST_MIN:
        return found
    texts, docs, rows = lines.column("text"), array(lines, "doc"), np.flatnonzero(array(lines, "length") > 0)
    coded_rows = np.flatnonzero(coded)
    # each coded line's next non-empty row, to find the runs of coded lines with nothing between them
    after = np.searchsorted(rows, coded_rows, side="right")
    following = dict(zip(coded_rows.tolist(), np.where(after < len(rows), rows[np.minimum(after, len(rows) - 1)],
                                                       -1).tolist(), strict=True))
    run: list[int] = []
    for i in [*coded_rows.tolist(), -1]:
        if run and (i < 0 or following[run[-1]] != i or docs[i] != docs[run[-1]]
                    or _seconds(texts[i].as_py()) <= _seconds(texts[run[-1]].as_py())):
            if len(run) >= TIMED_LIST_MIN:
                found[run] = True
            run = []
        if i >= 0:
            run.append(i)
    return found


def _seconds(text: str) -> int:
    """The time code that opens a line, in seconds."""
    seconds = 0
    for part in text.split()[0].split(":"):
        seconds = 60 * seconds + int(part)
    return seconds


# Who published (or updated) the page and when, as the page says it: "cnnurdu نے Monday، 23 July 2018 کو شائع کیا.",
# "Published on Monday 23 July 2018 by …", "Article mis à jour le 7 janvier 2020." (the rest is a date: _date_only)
_PUBLISHED = re.compile(r"^\W*(?:\S+(?: \S+)?\s+نے\s+(?P<ur>.+?)\s+کو\s+شائع\s+(?:کیا|کی|ہوا)|"
                        r"(?:Published|Posted|First published|Publié|Publiée|Veröffentlicht|Publicado|نشر|نُشر|"
                        r"(?:Article |Page )?(?:Last updated|Updated|Mis à jour|Modifié|Aktualisiert|Actualizado)|"
                        r"تم التحديث|آخر تحديث|اپ ?ڈیٹ(?: کی گئی| کیا گیا)?|به[‌ ]?روز ?رسانی|به[‌ ]?روز ?شده)"
                        r"(?: on| le| am| el| في)?\s+(?P<on>.+?)(?:\s+(?:by|par|von|por)\s+\S+(?: \S+)?)?)\W*$",
                        re.IGNORECASE)


_PUBLISH_HINT = (r"(?i)شائع|publi|posted|veröffentlicht|نشر|نُشر|updated|mis à jour|modifié|aktualisiert|actualizado|"
                 r"تحديث|ڈیٹ|روز")


def _published(text: str) -> bool:
    """A publisher or update line whose rest is a date, or a time told relative to now ("Updated 3 hours ago",
    "اپ ڈیٹ کی گئی 3 گھنٹے قبل")."""
    found = _PUBLISHED.match(text)
    when = (found.group("ur") or found.group("on") or "") if found else ""
    return bool(when) and bool(_date_only(when) or _RELATIVE.match(when))


# The page's own record of the story: its publication date or its number, as a labelled field ("تاریخ انتشار:
# ۱۳۹۷/۰۵/۱۲", "کد خبر: 13970512000123", "Published: 3 May 2018", "تاريخ النشر: 2018-05-03", "نشر في: 5 ديسمبر
# 2026", "خپرېدو نېټه: ۱۳ لیندۍ ۱۴۰۵")
_PAGE_FIELD = re.compile(
    r"^\W*(?:کد خبر|شناسه خبر|رقم الخبر|News ID|Article ID|تاریخ انتشار|زمان انتشار|تاريخ النشر|تاريخ الإضافة|"
    r"Date de publication|Publication date|Published|Posted|Date|Datum|Fecha|نشر في|نشر بتاريخ|خپرېدو نېټه|"
    r"د خپرېدو نېټه|تاریخ اشاعت)\s*[:：]\s*(?=.*[\d۰-۹])"
    r"[\w\s,./:۰-۹-]{1,40}$", re.IGNORECASE)


# A post's or comment's time, told relative to now, alone on its line ("منذ 3 أسابيع", "2 hours ago", "il y a
# un jour", "3h ago", "vor 3 Tagen", "hace 2 días", "۳ روز پیش", "2 گھنٹے پہلے", "saa 3 zilizopita", "2 jam yang lalu",
# "3 giorni fa", "há 2 horas", "Yesterday at 14:05")
_AGO = (
    r"(?:(?:منذ|قبل)\s+(?:\d+\s+)?(?:ثانية|ثوان|ثواني|دقيقة|دقيقتين|دقائق|ساعة|ساعتين|ساعات|يوم|يومين|أيام|"
    r"ايام|أسبوع|اسبوع|أسبوعين|اسبوعين|أسابيع|اسابيع|شهر|شهرين|أشهر|اشهر|شهور|سنة|سنتين|سنوات|عام|عامين|أعوام)|"
    r"(?:\d+|an?|one)\s+(?:second|sec|minute|min|hour|hr|day|week|month|year)s?\s+ago|"
    r"\d+\s?(?:s|m|h|d|w|mo|y|yr|hr|min)\s+ago|"  # a feed's short units: "3h ago", "5m ago", "2d ago"
    r"il y a\s+(?:\d+|une?)\s+(?:seconde|minute|heure|jour|semaine|mois|an)s?|"
    r"vor\s+(?:\d+|einer?|einem)\s+(?:Sekunden?|Minuten?|Stunden?|Tag(?:en)?|Wochen?|Monat(?:en)?|Jahr(?:en)?)|"
    r"hace\s+(?:\d+|una?)\s+(?:segundos?|minutos?|horas?|días?|semanas?|mes(?:es)?|años?)|"
    r"(?:\d+|یک|دو|سه)\s+(?:ثانیه|دقیقه|ساعت|روز|هفته|ماه|سال)\s+(?:پیش|قبل)|"
    r"\d+\s+(?:سیکنڈ|منٹ|گھنٹے|گھنٹہ|دن|ہفتے|ہفتہ|مہینے|سال)\s+(?:پہلے|قبل)|"
    r"(?:sekunde|dakika|saa|siku|wiki|mwezi|miezi|mwaka|miaka)\s+\d+\s+(?:zilizopita|iliyopita|uliopita|iliopita)|"
    r"\d+\s+(?:detik|saat|menit|minit|jam|hari|minggu|bulan|tahun)\s+(?:yang\s+)?lalu|"
    r"(?:\d+|un|una)\s+(?:secondi|secondo|minuti|minuto|ore|ora|giorni|giorno|settimane|settimana|mesi|mese|anni|anno)"
    r"\s+fa|"
    r"há\s+(?:\d+|uma?)\s+(?:segundos?|minutos?|horas?|dias?|semanas?|mês|meses|anos?)|"
    r"(?:yesterday|today|hier|aujourd'hui|gestern|heute|ayer|hoy|أمس|الأمس|اليوم|دیروز|امروز)"
    r"\s*(?:at|à|um|a las|الساعة|ساعت)?\s*\d{1,2}[:.h]\d{2})")
_RELATIVE = re.compile(rf"^\W*{_AGO}\W*$", re.IGNORECASE)
# the same inside a line, as a word of its own ("asked 3 days ago by lina_m", "سُئل منذ 3 أيام بواسطة أم ريان")
_AGO_WITHIN = re.compile(rf"(?<!\w){_AGO}(?!\w)", re.IGNORECASE)


_CLOCK = re.compile(r"\b\d{1,2}:\d{2}\b")


def says_when(text: str) -> bool:
    """Whether a line tells a time relative to now, or a clock time, anywhere in it: a post's credit does."""
    return bool(_AGO_WITHIN.search(text) or _CLOCK.search(text))


# A page's reading-time stamp: a number of minutes, with a word before it or after it that says it is reading time
# ("5 min read", "Lesezeit: 3 Min.", "Lecture 3 min.", "وقت القراءة: 3 دقائق", "زمان مطالعه: ۴ دقیقه"); minutes
# alone are a recipe's or a timetable's
_MINUTES = r"[\d۰-۹٠-٩]+\s*(?:min|mins|minutes?|minuten|minutos|minuti|دقائق|دقيقة|دقیقه|منٹ)\.?"
READING_WORDS = 6  # "Temps de lecture : 5 min"
_READING_HINT = r"(?i)[\d۰-۹٠-٩]\s*(?:min|دق|منٹ)"  # the few lines worth _READING (RE2)
_READING = re.compile(
    r"^\W*(?:(?:reading time|read time|lesezeit|lesedauer|lecture|temps de lecture|tiempo de lectura|"
    r"tempo di lettura|وقت القراءة|مدة القراءة|زمن القراءة|زمان مطالعه|زمان تقریبی مطالعه|مطالعه|"
    rf"پڑھنے کا وقت)\s*[:：]?\s*{_MINUTES}|{_MINUTES}\s*(?:read|de lecture|lesen|lesezeit|de lectura|di lettura|"
    r"قراءة|للقراءة|مطالعه))\W*$", re.IGNORECASE)

# A page's count of its views or reads, alone on its line: a label and the figure ("عدد المشاهدات: 3,517", "Views:
# 1,204"), the figure and the word ("1,284 مشاهدة", "3 456 vues", "۸۹۰ بازدید"), or the verb of reading or viewing
# with how many times ("Dibaca 1.873 kali", "Read 412 times", "Lu 87 fois", "۱,۲۰۴ ځله لوستل شوی", "2,310 ڀيرا پڙهيو
# ويو", "540 بار پڑھا گیا", "312 kez okundu").
_COUNT = r"[\d۰-۹٠-٩][\d۰-۹٠-٩,.٬ ]*"
_VIEWS_HINT = (r"(?i)view|read|hits|vues|lu |lectur|aufruf|gelesen|visita|visualiza|lettur|مشاهد|زيار|قراء|قرئ|شوهد|"
               r"بازد[یي]د|خوانده|مشاہد|ویوز|پڑھا|دیکھا|لوستل|کتل شو[یي]|پڙهيو|dibaca|dilihat|okun|görüntülen|imesomwa")
_VIEWED = re.compile(
    r"^\W*(?:(?:views|page views|reads|hits|vues|lectures|aufrufe|visitas|lecturas|visualizações|visualizzazioni|"
    r"letture|عدد المشاهدات|عدد الزيارات|عدد القراءات|القراءات|قراءات|المشاهدات|الزيارات|مشاهدات|بازد[یي]د|"
    r"تعداد بازد[یي]د|مشاہدات|"
    r"ویوز|dilihat|dibaca|görüntülenme)\s*[:：]\s*" + _COUNT
    + r"|" + _COUNT + r"\s*(?:views?|reads|hits|vues|lectures|aufrufe|visitas|lecturas|visualizações|visualizzazioni|"
    r"letture|مشاهدة|مشاهدات|زيارة|قراءة|بازد[یي]د|مشاہدات|ویوز|görüntülenme|(?:kez|defa) okundu|kali dibaca|"
    r"kali dilihat|(?:بار|مرتبہ|مرتبه) (?:پڑھا گیا|دیکھا گیا|خوانده شده|بازدید شده)|ځله لوستل شوی|ڀيرا پڙهيو ويو)"
    r"|(?:read|viewed|lu|gelesen|visto|leído|lido|letto|dibaca|dilihat|imesomwa mara|قرئ|قرئت|شوهد|"
    r"کتل شو[یي]\s*[:：]?)\s+" + _COUNT + r"\s*(?:times|fois|mal|veces|vezes|volte|kali|مرة|مرات|ځله)?)\W*$",
    re.IGNORECASE)
VIEWS_WORDS = 6
_PARTS = re.compile(r"(?<!\s)\s+[·•|]\s+")  # (from a spaces run's start: tried inside it, quadratic, 10 KB 0.46 s)


def _date_and_count(text: str) -> bool:
    """Two or three parts split by a middle dot or a bar, a date and a reading time or a view count, each alone as
    Dateline takes it on a line of its own."""
    parts = [part for part in _PARTS.split(text.strip()) if part]
    return 2 <= len(parts) <= 3 and any(dated(part) for part in parts) \
        and all(dated(part) or _READING.match(part) or _VIEWED.match(part) for part in parts) \
        and not all(dated(part) for part in parts)


# Weekday and month names, with the small words a written date takes ("11 de septiembre de 2019", "the 3rd of
# May"), and the times a date line gives ("14h30", French blogs' "à 8 h 12 min"), in the languages of the corpus and
# the web's largest
_DATE_WORDS = re.compile(
    r"\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)\b\.?|"
    r"\b(?:january|february|march|april|june|july|august|september|october|november|december)\b|"
    r"\b(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|janvier|février|mars|avril|mai|juin|juillet|août|"
    r"septembre|octobre|novembre|décembre|lunes|martes|miércoles|jueves|viernes|sábado|domingo|enero|febrero|marzo|"
    r"abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre|montag|dienstag|mittwoch|donnerstag|"
    r"freitag|samstag|sonntag|januar|februar|märz|juni|juli|oktober|dezember)\b|"
    r"الاثنين|الإثنين|الثلاثاء|الأربعاء|الخميس|الجمعة|السبت|الأحد|يناير|فبراير|مارس|أبريل|إبريل|مايو|يونيو|يوليو|"
    r"أغسطس|سبتمبر|أكتوبر|نوفمبر|ديسمبر|يوليوز|غشت|شتنبر|نونبر|دجنبر|ماي|جانفي|فيفري|أفريل|جوان|جويلية|أوت|"
    r"كانون الثاني|كانون الأول|شباط|آذار|نيسان|أيار|حزيران|تموز|آب|أيلول|تشرين الأول|تشرين الثاني|"
    r"شنبه|یکشنبه|دوشنبه|سه‌شنبه|چهارشنبه|پنجشنبه|جمعه|فروردین|اردیبهشت|خرداد|"
    r"مرداد|شهریور|آبان|بهمن|اسفند|جنوری|فروری|اپریل|جولائی|اگست|ستمبر|اکتوبر|نومبر|دسمبر|"
    r"(?<!\d)\d+(?:st|nd|rd|th|er|e)\b|\b\d{1,2}h\d{2}\b|\b\d{1,2} h \d{2}(?: min)?\b|"
    r"\b(?:de|del|le|the|of|on|am|den|à|في|،)\b", re.IGNORECASE)
_LETTER = re.compile(r"[^\W\d_]")


def _date_only(text: str) -> re.Match[str] | None:
    """A date alone on its line ("mercredi 11 septembre 2019", "April 21, 2022"): a number, a weekday or
    month name, and nothing else that is a word."""
    if not any(c.isdigit() for c in text) or not _DATE_WORDS.search(text):
        return None
    return None if _LETTER.search(_DATE_WORDS.sub(" ", text)) else _DATE_WORDS.search(text)


@dataclass(frozen=True)
class Navigation(OneLine):
    name = "navigation"
    reasons: ClassVar[dict[str, str]] = {
        "boilerplate_navigation": "a breadcrumb or menu line (segments split by | » › >, or short ones by ·)",
    }
    max_words: int = 12

    def matches(self, lines: pa.Table) -> np.ndarray:
        found = _search(lambda text: None if _NOT_NAVIGATION.search(text) else _NAVIGATION.search(text), lines,
                        _short(lines, self.max_words))
        found |= _search(lambda text: _dot_row(text) or None, lines,
                         matching(lines, r"\s·\s", among=_short(lines, self.max_words) & ~found))
        if not found.any():
            return found
        docs = array(lines, "doc")
        return np.asarray(found & ~table_rows(lines, np.isin(docs, docs[found])))


def _dot_row(text: str) -> bool:
    """Parts of DOT_PART_WORDS words or fewer split by spaced middle dots, none a sentence, not named values, and
    none a date or a time: a row that says when ("Sarah K. · Verified buyer · 12 October 2026", "Dave_K · 3 days
    ago") is a post's credit, which the comment rules read with the post under it."""
    if "|" in text or _DOT_NAMED_ROW.match(text):
        return False
    parts = _DOTS.split(text)
    return len(parts) >= 2 and all(0 < len(part.split()) <= DOT_PART_WORDS and not ends_sentence(part)
                                   and not dated(part) and not says_when(part) for part in parts)


_SLASH = re.compile(r"\s+/\s+")
CRUMB_PARTS = 3
CRUMB_PART_WORDS = 3


@dataclass(frozen=True)
class SlashCrumbs(OneLine):
    """A breadcrumb written with slashes ("الرئيسية / أخبار / أخبار مصر", "Forums / Maintenance / Toyota"), which
    Navigation's separators miss: three parts or more, each a word or three, in a short line. One slash is not
    enough ("Cairo / agencies" is a credit's, "and/or" a sentence's), nor a part as long as a clause."""

    name = "slash_crumbs"
    reasons: ClassVar[dict[str, str]] = {"boilerplate_breadcrumb": "a breadcrumb written with slashes, three parts "
                                                                   "or more of a few words (\"Home / News / Egypt\")"}
    max_words: int = 12

    def matches(self, lines: pa.Table) -> np.ndarray:
        return _search(_crumbs, lines, matching(lines, r"\s/\s", among=_short(lines, self.max_words)))


def _crumbs(text: str) -> bool:
    parts = _SLASH.split(text.strip())
    return len(parts) >= CRUMB_PARTS and all(1 <= len(part.split()) <= CRUMB_PART_WORDS for part in parts)


@dataclass(frozen=True)
class Phrase(OneLine):
    """Whole lines from the phrase list, lines that start with a listed prefix, app promotions, a list label over its
    tags and a call to share over its networks' buttons."""

    name = "phrase"
    reasons: ClassVar[dict[str, str]] = {
        "boilerplate_phrase":
            "site chrome from the phrase list (tags, related articles, comment forms, a forum's buttons and ranks, "
            "app promotions)",
    }
    max_chars: int = 200  # a prefix or an app promotion only marks a line this short
    # an app promotion is a call ("Download our app", "حمل تطبيق العربية الآن"); a longer line naming an app and a
    # download is a sentence of an article about apps (how a hacker gets you to download one)
    app_promo_words: int = 20

    def matches(self, lines: pa.Table) -> np.ndarray:
        listed = pc.is_in(lines.column("key"), pa.array(sorted(lexicon.CHROME_LINES | lexicon.FORUM_LINES),
                                                        pa.string())).to_numpy()
        short = array(lines, "length") <= self.max_chars
        call = short & (array(lines, "words") <= self.app_promo_words)
        app_promo = matching(lines, _DOWNLOAD_WORDS, "key", among=matching(lines, _APP_WORDS, "key", among=call))
        labelled = _search(_labelled_list, lines, matching(lines, r"[:：]", among=short))
        labelled |= _search(_share_row, lines, matching(lines, r"[:：].*[|·•]", among=short & (array(lines, "words")
                                                                                             <= SHARE_ROW_WORDS)))
        pager = matching(lines, _PAGER, "key", among=short & (array(lines, "words") <= 4))
        return np.asarray(listed | matching(lines, _CHROME_PREFIXES, "key", among=short) | app_promo | labelled | pager)


LIST_ITEM_WORDS = 3  # a tag is a word or a few
SHARE_ROW_WORDS = 24  # a call to share and its buttons: "If you liked this piece, share it with friends: …"


def _share_row(text: str) -> bool:
    """A call to share and its buttons on one line, after its colon: two or more networks split by bars or dots
    ("… دوستوں سے شیئر کریں: فیس بک | واٹس ایپ | ٹوئٹر", "Send this column to friends: WhatsApp · Facebook · X"), one
    part at most not a listed network (a letter for X)."""
    tail = re.split(r"[:：]", text)[-1]
    parts = [line_key(part) for part in re.split(r"[|·•]", tail)]
    named = sum(part in lexicon.CHROME_LINES for part in parts)
    return len(parts) >= 2 and named >= 2 and named >= len(parts) - 1


_HASHTAGS = re.compile(r"^\s*#\w+(?:\s+#\w+)*\s*$")


def _labelled_list(text: str) -> bool:
    """A listed chrome line or a list label as a label, a colon and a list of tags ("Tags: gas, boiler, saving",
    "كلمات مفتاحية: …، …", "Tag: #Samarinda #Banjir"): two or more items of a few words each, separated by commas or
    bars, or hashtags, none ending a sentence; under a list label a few words without a figure and no comma are one
    too, tags a space splits ("برچسب‌ها: انگور هرس زمستان"; one word alone, "Tags: boiler", stays)."""
    head, _, tail = re.split(r"([:：])", text, maxsplit=1) if re.search(r"[:：]", text) else (text, "", "")
    label = line_key(head)
    if label not in lexicon.CHROME_LINES and label not in lexicon.LIST_LABELS:
        return False
    if ends_sentence(tail):
        return False
    if _HASHTAGS.match(tail):
        return True
    items = [item.strip() for item in re.split(r"[,،、|]", tail)]
    if len(items) == 1 and label in lexicon.LIST_LABELS:
        return 2 <= len(items[0].split()) <= LIST_ITEM_WORDS and not re.search(r"\d", items[0])
    return len(items) >= 2 and all(0 < len(item.split()) <= LIST_ITEM_WORDS for item in items)


LABEL_MAX_WORDS = 10  # a label shaped like one ("… کے بارے میں جاننے کے لیے مزید پڑھیے") is a phrase, not a sentence
HEADLINE_MIN_WORDS = 3  # a shorter line under the headlines is the article's next subheading
_READ_WORDS = literals({words[0] for words in lexicon.READ_OPENERS}, anchored=True) + "|" \
    + "(?:" + literals({words[-1] for words in lexicon.READ_CLOSERS}) + ")$"


def read_labels(lines: pa.Table) -> np.ndarray:
    """Short lines shaped like a related box's label: they open with one of lexicon.READ_OPENERS or close
    with one of lexicon.READ_CLOSERS (whole words)."""
    maybe = matching(lines, _READ_WORDS, "key", among=_short(lines, LABEL_MAX_WORDS) & (array(lines, "length") > 0))
    return _search(reads, lines, maybe)


def reads(text: str) -> bool:
    """Whether `text` opens with one of lexicon.READ_OPENERS or closes with one of lexicon.READ_CLOSERS."""
    words = tuple(key_words(text))
    return any(words[:n] in lexicon.READ_OPENERS or words[-n:] in lexicon.READ_CLOSERS
               for n in range(1, min(3, len(words)) + 1))


@dataclass(frozen=True)
class Teaser(LineRule):
    """Other articles' headlines under a "read also" label: the line after the label, and the run of
    headline-like lines (no full stop, three words or more) that follows it up to the next sentence, with
    the label itself. A label is a listed one, or a short line that opens or closes with "read"
    (`read_labels`); one without a colon only counts when a headline-like line follows it. The run stops at
    the article's own lines that look like headlines: a lead-in ending with a colon (the list it opens is
    the article's: "The first phase has seven stations:"), in an interview, the interviewer's next
    question (a question answered by a sentence right below it, on a page that asks three or more so),
    a table's rows (`table_rows`: a label above a table is its caption, "Así va la tabla"), and a subheading
    the sentence or lead-in below it vouches for (`vouched`: "Parents' demands" over "Parents' demands were sent
    to …"): another story's headline shares a word with the paragraph after the box at most, not most
    of its words."""

    name = "teaser"
    reasons: ClassVar[dict[str, str]] = {
        "boilerplate_teaser": "the headline of another article, under a \"read also\" label (and the label)",
    }
    max_chars: int = 200
    max_run: int = 8  # a related block lists a handful of headlines
    interview_questions: int = 3  # answered questions that make a page an interview

    def decide(self, lines: pa.Table) -> pa.Array[Any]:
        docs, texts, reasons = values(lines, "doc"), lines.column("text"), values(lines, "reason")
        label = pc.is_in(lines.column("key"), pa.array(sorted(lexicon.TEASER_LABELS), pa.string())).to_numpy() \
            | read_labels(lines)
        length, words = array(lines, "length"), array(lines, "words")
        if not label.any():
            return pa.nulls(len(lines), pa.string())
        # only the lines a box's run can reach, and the pages that have a box, are worth the patterns
        docs_array, near = array(lines, "doc"), np.zeros(len(lines), dtype=bool)
        for i in np.flatnonzero(label).tolist():
            near[i + 1:i + 1 + self.max_run] = True
        near &= length > 0
        boxed = np.isin(docs_array, docs_array[label])  # the pages with a box
        lead_in = matching(lines, _LEAD_IN, among=near)
        own = lead_in | _asked(lines, self.interview_questions, boxed, label, self.max_run)
        rank = matching(lines, r"^\s*\d{1,2}\s*$", among=near & (length <= 3))
        table = table_rows(lines, boxed) | figure_list(lines, boxed & (length > 0) & undecided(lines))
        clause = array(lines, "ends_clause")
        article = undecided(lines) & (words >= PROSE_MIN_WORDS)  # the title, the deck and the prose
        out: list[str | None] = [None] * len(lines)
        for i in np.flatnonzero(label).tolist():
            text = texts[i].as_py()
            run = [j for j in range(i + 1, min(i + 1 + self.max_run, len(lines))) if docs[j] == docs[i]]
            above = int(words[i])  # the label's words, then the last headline's
            inline = bool(_INLINE.search(text))  # "Read also: HEADLINE": a lead-in right under it is the article's
            page = [str(texts[k].as_py()) for k in np.flatnonzero(article & (docs_array == docs[i])).tolist()
                    if k not in run]
            foot = [j for j in run if length[j]]
            ends_page = bool(foot) and (run[-1] + 1 >= len(lines) or docs[run[-1] + 1] != docs[i])
            if ends_page and all(reasons[j] is None and _CUED_ITEM.match(str(texts[j].as_py())) for j in foot):
                for j in foot:  # the page's last lines, each a source's name, a colon, a title and its summary
                    out[j] = out[i] = "boilerplate_teaser"
                continue
            for n, j in enumerate(run):
                if label[j] or (n and own[j]) or (inline and lead_in[j]) or table[j] \
                        or _heading(j, docs, texts, words, clause) or _over_list(j, docs, texts) \
                        or _over_items(j, docs, texts, words, page) \
                        or _section(j, above, docs, texts, words, clause, table, page):
                    break  # another label (its own block), the article's own lead-in, question, table or heading
                if not length[j] or reasons[j] is not None:
                    continue
                if rank[j]:  # a "most read" box numbers its headlines on lines of their own
                    out[j] = "boilerplate_teaser"
                    continue
                headline = length[j] <= self.max_chars and words[j] >= HEADLINE_MIN_WORDS \
                    and not _ends_statement(texts[j].as_py())
                if not (headline or (n == 0 and text.rstrip().endswith(":") and length[j] <= self.max_chars)):
                    break
                out[j] = out[i] = "boilerplate_teaser"
                above = int(words[j])
        return pa.array(out, pa.string())


# A box at the page's foot whose items each give their source or section before a colon, then the title and its
# summary ("Revue Esprit : Quand le langage travaille. Là où …", "Podcast : …"): every line from the label to the
# page's end has that shape, so no paragraph of the article follows the label. (A run that stops short of the page's
# end is the box of `Teaser`'s headlines; an item's summary ends a sentence, so it is no headline.)
_CUED_ITEM = re.compile(r"^\W*[^\W\d_][^:：.!?؟]{1,60}?\s*[:：]\s+\S.{10,}$")
SECTION_MAX_WORDS = 5  # a subheading's size ("What the numbers show", "کاشتکاروں کی تشویش")
SECTION_SHORTER = 2  # ...and this many words shorter than the headline above it: a box's headlines vary less
ECHO_STEM = 5  # letters that compare a subheading's word with the article's (Turkish, French inflect)
_LIST_MARKER = re.compile(r"\s*(?:[-–•*·▪]|\d+[.)])\s")  # "3. School choir wins …": a most-read box's next item


def _section(j: int, above: int, docs: list[int], texts: pa.ChunkedArray[Any], words: np.ndarray, clause: np.ndarray,
             table: np.ndarray, article: list[str]) -> bool:
    """Whether line `j`, under a box's headlines, opens the article's next section: a line of a subheading's size,
    right above a sentence, a lead-in, a table or a list's first short item, and clearly shorter than the line above
    it (the box's last headline, or a label that holds one) or named by the `article`'s prose outside the box
    (`echoes`: most of its words, compared on their first ECHO_STEM letters; "Le pari des variétés anciennes" under a
    deck that says "les variétés anciennes", "Üreticilerin aldığı önlemler" in a story of "üreticileri" taking
    "önlem"). Another story's headline is about as wordy as the box's others ("Ten years of spin at Dubai" / "What is
    the fourth-innings ghost?") and shares a word or so with the article; a short one first under a bare label ("Read
    also"), or one numbered as a list's item, is still the box's."""
    below = j + 1
    if not 0 < words[j] <= SECTION_MAX_WORDS or below >= len(docs) or docs[below] != docs[j] \
            or _LIST_MARKER.match(str(texts[j].as_py())):
        return False
    shorter = words[j] + SECTION_SHORTER <= above
    if not shorter and not echoes(str(texts[j].as_py()), article, ECHO_STEM):
        return False
    # ...or right above its own list's first two items, lines of a subheading's size with no mark ("Fountains in the
    # programme" over "Bab El Okla fountain", "Ghersa fountain" …): headlines do not shrink to a list's items
    def item(k: int) -> bool:
        return k < len(docs) and docs[k] == docs[j] and 0 < words[k] <= SECTION_MAX_WORDS \
            and words[k] + SECTION_SHORTER <= above and not clause[k]

    listed = shorter and item(below) and item(below + 1)  # two items: a subheading over a paragraph is one line
    return bool(table[below] or (words[below] >= PROSE_MIN_WORDS and clause[below]) or listed)


def _over_list(j: int, docs: list[int], texts: pa.ChunkedArray[Any]) -> bool:
    """Whether line `j` heads the article's own list: the line right under it is a list's first item ("۱. شیګل",
    "- Flour") and it is none itself. A box's headlines are not set over a list; a most-read box that numbers them
    numbers each (`_LIST_MARKER` on the headline's own line)."""
    below = j + 1
    return below < len(docs) and docs[below] == docs[j] and not _LIST_MARKER.match(str(texts[j].as_py())) \
        and bool(_LIST_MARKER.match(str(texts[below].as_py())))


def _over_items(j: int, docs: list[int], texts: pa.ChunkedArray[Any], words: np.ndarray, article: list[str]) -> bool:
    """Whether line `j` heads the article's own list of like items with no markers: the next ITEMS lines are short
    (ITEM_WORDS), end no sentence and open with the same word, one the `article`'s prose names and line `j` does not
    open with ("السقايات المعنية بالبرنامج" over "سقاية باب العقلة" / "سقاية الغرسة الكبيرة" / "سقاية سيدي السعيدي",
    in a story about the fountains). A box's headlines are other stories', each with its own subject: two of them
    may open with the story's word ("گیس چوری …" / "گیس کمپنی کا موقف"), not a run of short items."""
    below = [k for k in range(j + 1, j + 1 + ITEMS) if k < len(docs) and docs[k] == docs[j]]
    if len(below) < ITEMS or any(words[k] > ITEM_WORDS or ends_sentence(str(texts[k].as_py())) for k in below):
        return False
    firsts = [next(iter(key_words(str(texts[k].as_py()))), "") for k in (j, *below)]
    if not firsts[1] or len(set(firsts[1:])) > 1 or firsts[0] == firsts[1]:
        return False
    return any(firsts[1] in key_words(sentence) for sentence in article)


ITEMS = 3
ITEM_WORDS = 6


def _heading(j: int, docs: list[int], texts: pa.ChunkedArray[Any], words: np.ndarray, clause: np.ndarray) -> bool:
    """Whether line `j` is a subheading of what follows it: a sentence or lead-in that vouches for it. A question
    of a headline's size below does not: it is the box's next headline, on the same subject ("Why did the stock
    exchange fall?" over "Why is the stock exchange's mood its own?")."""
    below = j + 1
    if below >= len(docs) or docs[below] != docs[j]:
        return False
    text = str(texts[below].as_py())
    return words[below] >= PROSE_MIN_WORDS and bool(clause[below]) \
        and not (words[below] <= HEADLINE_MAX_WORDS and re.search(_QUESTION, text)) \
        and vouched(str(texts[j].as_py()), [text])


_LEAD_IN = r"[:：]\s*$"
_INLINE = re.compile(r"[:：]\s*\S")  # a label with its headline after the colon, on one line
_TRAILING_OFF = r"(?:\.{3}|…|۔{2,}|。{3})$"  # an ellipsis: the headline trails off, no sentence ends
HEADLINE_MAX_WORDS = 14
QUESTION_MAX_WORDS = 35  # an interviewer's question is rarely longer; a paragraph ending with one often is
_QUESTION = r"[?؟？]\W*$"


def _asked(lines: pa.Table, at_least: int, pages: np.ndarray, label: np.ndarray, reach: int) -> np.ndarray:
    """An interview's questions: lines ending with a question mark with a prose line right below them, on a
    page (among `pages`) that has `at_least` of them of a question's length and not between a box's `label` and
    the next sentence that ends with a full stop (up to `reach` lines below it)."""
    words, ends, docs = array(lines, "words"), array(lines, "ends_sentence"), array(lines, "doc")
    is_prose = prose(words, ends)
    boxes = np.zeros(len(lines), dtype=bool)
    texts = lines.column("text")
    for i in np.flatnonzero(label & pages).tolist():
        for j in range(i + 1, min(i + 1 + reach, len(lines))):
            if docs[j] != docs[i] or (is_prose[j] and _ends_statement(str(texts[j].as_py()))):
                break  # the article's next sentence (a headline may ask, or trail off)
            boxes[j] = True
    answered = np.zeros(len(lines), dtype=bool)
    answered[:-1] = is_prose[1:] & (docs[1:] == docs[:-1])
    asked = matching(lines, _QUESTION, among=answered & pages & (array(lines, "length") > 0))
    if not asked.any():
        return asked
    # what makes the page an interview: questions of a question's length outside a box. A paragraph that closes
    # on a question (a columnist's "… so who could play his own game?") asks no one, and a related box's
    # question-headlines, between its label and the next paragraph, would count the box for the article
    interviewed = asked & ~boxes & (words <= QUESTION_MAX_WORDS)
    per_doc = np.bincount(docs[interviewed], minlength=int(docs.max()) + 1)
    return np.asarray(asked & (per_doc[docs] >= at_least))


def _ends_statement(text: str) -> bool:
    """Ends a sentence with a full stop (a question or exclamation can be a headline, and so can one that trails
    off: "… but..." / "… مگر۔۔۔")."""
    stripped = text.rstrip(CLOSERS + " ")
    return ends_sentence(text) and stripped[-1] not in "?!؟！？" and not re.search(_TRAILING_OFF, stripped)
