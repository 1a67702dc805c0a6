"""Block decisions: runs of lines judged together, where each line alone could be a subheading.

A run of several headline-like lines between two sentences of the body is a list of other articles
(a related-stories box, with or without a label above it); one such line alone is a subheading and
stays. A run under a lead-in that ends with a colon is what the article presents (a poem's lines,
its own list), not a box, when the lead-in is a sentence (more words than a box's label) or names
something the article's prose names ("يقول المتنبي:" in a post about al-Mutanabbi); a short label
with a colon and none of the article's words ("More from our coverage:") is still a box's label.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import groupby
from typing import Any, ClassVar

import numpy as np
import pyarrow as pa

from builder.rules.masks import document_slices, document_starts, matching
from builder.rules.menus import contents
from builder.rules.structure import (
    LEDE_CHARS,
    LEDE_LINES,
    NAMED_LABEL,
    NAMED_ROW,
    body_bounds,
    figure_list,
    names_stem,
    names_subject,
    prose,
    punctuated,
    tell_article,
    vouched,
)
from builder.steps import LineRule, array, undecided, values
from builder.text.keys import line_key

_DIGIT = re.compile(r"\d")
_LIST_ITEM = re.compile(r"^\s*(?:[-–•*·▪]|\d+[.)]|\d+\s?[-–]|[a-z][.)])\s", re.IGNORECASE)  # "1. ", "4- ", "b) "
HEADLINE_MAX_CHARS = 120
PARAGRAPH_WORDS = 8  # a sentence this long below a box is the article going on
BOX_HEADLINE_WORDS = 4  # a box's headlines with kept lines below them are this long: shorter ones are a list's items
LABEL_WORDS = 4  # a box's label above its headlines: "Most read", "More on this story"
_NAMED = re.compile(NAMED_LABEL)
# a label of any length, a colon and a figure alone as its value: "Bed in a four-berth couchette: €41", "Coffee from
# the conductor at 6 a.m.: €2" (a headline after a colon goes on in words: "Oran: 1500 homes handed over")
_FIGURE_VALUE = re.compile(r"[:：]\s*(?:\S*\d\S*)(?:\s+\S+)?\s*$")


def _named_figure(text: str) -> bool:
    """A named figure: a short label, a colon and a value with a number (`_NAMED`), or a figure alone after a colon."""
    return bool(_NAMED.match(text) and _DIGIT.search(text)) or bool(_FIGURE_VALUE.search(text))
_NAMED_ROW = re.compile(NAMED_ROW)
NAMED_SHARE = 2 / 3
BOX_MAX_FIGURES = 2  # headlines under a box's label with a number in this many are a table's rows or a ranking
ECHO_STEM = 5  # letters that compare a headline's word with the lede's (Turkish, Russian inflect: "sera üreticileri")
ITEM_LABEL_WORDS = 6  # an item's label before its colon: "Sleeper in a two-berth compartment"
# "Label of up to ITEM_LABEL_WORDS words: value"
_ITEM_LABEL = re.compile(r"^\W*(?:\S+\s+){0,%d}[^\s:：]+\s*[:：]\s+\S" % (ITEM_LABEL_WORDS - 1))
LIST_TAIL = 2  # items at a run's foot that make it the article's list under its heading
UNPUNCTUATED_SHARE = 0.5  # fewer of a document's long lines end a sentence: it does without full stops
HEADING_WORDS = 6  # a heading over the article's list: "Was auf dem Markt verkauft wird", "زمان قطع برق در هر ناحیه"
VERSE_CHARS = 42  # a line of verse: "وما الدار إلا من يحب وإن نأى", "دیے جلائے تھے ہم نے ہوا کے رستے میں"
VERSE_RATIO = 0.7  # the two lines of a couplet are about as long as each other
SUBJECT_ITEMS = 3  # items under a subheading naming the article's subject that make them its own list
RHYMED_LINES = 4  # a poem's lines between paragraphs, every second one rhyming: two couplets of a ghazal or more
_TITLE_MARKS = re.compile(r"[\d:：«»\"“”„()|]")
_HEADLINE_MARKS = re.compile(r"[:：«»\"“”„|]")  # a headline's place or speaker and colon, its quoted claim, a bar


def headlines(lines: pa.Table) -> np.ndarray:
    """Which lines look like a headline: short, several words, no sentence end, no list marker, not a
    lead-in (":", ",")."""
    texts = lines.column("text")
    found = np.zeros(len(lines), dtype=bool)
    for i in np.flatnonzero(_headline_shaped(lines)).tolist():
        found[i] = _headline_text(texts[i].as_py())
    return found


def _headline_shaped(lines: pa.Table) -> np.ndarray:
    """A headline's size: three to fourteen words, a line short enough, no sentence end."""
    words = array(lines, "words")
    return np.asarray((words >= 3) & (words <= 14) & (array(lines, "length") <= HEADLINE_MAX_CHARS)
                      & ~array(lines, "ends_sentence"))


def _headline_text(text: str) -> bool:
    """No list marker, no lead-in's end (":", ",") and no row of named figures (`NAMED_ROW`) on a headline-sized
    line."""
    return not _LIST_ITEM.match(text) and not text.rstrip().endswith((":", ",", "،", "؛", ";")) \
        and not _NAMED_ROW.match(text)


@dataclass(frozen=True)
class HeadlineRun(LineRule):
    """Three to six headline-like lines in a row, with a sentence of the body before and after them, and
    the short label above them when there is one ("Most read", "Más leídas"); two under such a label, or two with
    none set right between the two sentences on the page (`_set_between`, `_sectioned`). Only in a document that
    ends most of its sentences with full stops: in one that does not, every line looks like a headline. A run
    that holds the article's fact box or timeline (`figure_list`) is the article's, with the subheadings around
    it ("How the 14 has changed" / three dated lines / "How to have your say"). A news ticker's row of headlines split
    by bars is as long as a sentence but no paragraph: the title and deck under it are no run between paragraphs."""

    name = "headline_run"
    reasons: ClassVar[dict[str, str]] = {
        "boilerplate_headlines": "a run of other articles' headlines between paragraphs of the body",
    }
    min_run: int = 3
    labelled_run: int = 2  # under a box's label ("نور ولولئ", "اخبار مرتبط"), two headlines are a box
    bare_run: int = 2  # ...and with no label, set right between two paragraphs on the page (`_set_between`)
    max_run: int = 6  # longer runs of short lines are a poem, a table or a list the article gives

    def decide(self, lines: pa.Table) -> pa.Array[Any]:
        shaped = headlines(lines)
        headline = shaped.tolist()
        words, ends, length = array(lines, "words"), array(lines, "ends_sentence"), array(lines, "length")
        label = ((words >= 1) & (words <= LABEL_WORDS) & ~ends).tolist()
        # a lead-in: a line ending with a colon, or a question the list under it answers ("ما الجديد في هذه المرحلة؟")
        lead_in = matching(lines, r"[:?؟]\s*$").tolist()
        # a row of parts split by bars ("شريط الأخبار: … | …", a ticker) is no paragraph, however long
        bars = matching(lines, r"\s\|\s")
        is_prose = (prose(words, ends) & ~bars).tolist()
        candidate = undecided(lines) & (array(lines, "length") > 0)
        figures = figure_list(lines, candidate).tolist()
        # a run is `min_run` kept headline-like lines or more: a document with fewer has none
        docs = array(lines, "doc")
        runs = np.bincount(docs[shaped & candidate], minlength=int(docs.max(initial=0)) + 1) \
            >= min(self.min_run, self.labelled_run)
        place = np.cumsum(length > 0)  # each row's place among the page's lines (blank ones aside)
        candidate = candidate.tolist()
        texts, reasons = lines.column("text"), values(lines, "reason")
        out: list[str | None] = [None] * len(lines)
        for start, end in document_slices(lines, among=runs[docs]):
            kept = [i for i in range(start, end) if candidate[i]]
            if not punctuated(words[kept], ends[kept], UNPUNCTUATED_SHARE, length[kept]):
                continue  # a document that does without full stops: a line without one is no headline
            for position, (is_headline, run) in _runs(kept, headline):
                # the article's list of named figures ends where a box set right under it begins: its last items
                # are headline-shaped too ("Non-oil manufacturing: 2.7%"), and are the article's
                head = next((k for k, i in enumerate(run) if not figures[i]), len(run)) if is_headline else 0
                if head == len(run):
                    continue  # all the article's figures
                position, run = position + head, run[head:]
                foot = own_list_start(lines, run) if is_headline else None
                if foot is not None and foot < self.bare_run:
                    continue  # "Что изменится" over "появятся 40 скамеек …": the article's heading and its list
                # other stories' headlines set right above the article's heading over its list ("أوقات تشغيل
                # المصاعد" / "الجمعة: 7 صباحاً - …"): the run is the lines above that heading, which goes on the article
                run = run[:foot] if foot is not None else run
                before, after = position - 1, position + len(run)
                heads_list = foot is not None or _heads_list(lines, kept, after, label, is_prose, self.max_run)
                heading = str(texts[kept[before]].as_py()) if before >= 0 and label[kept[before]] else None
                if is_headline and headed_list([str(texts[i].as_py()) for i in run], heading):
                    continue  # "المستندات اللازمة" over "صورة جواز السفر" / "صورة كشف العلامات" / …: its own list
                if is_headline and rhymed([str(texts[i].as_py()) for i in run]):
                    continue  # a ghazal's couplets between the poet's paragraphs
                mine = subject_list([str(texts[i].as_py()) for i in run], heading,
                                    [str(texts[i].as_py()) for i in kept if is_prose[i]]) if is_headline else None
                if mine == 0:
                    continue  # "Dalilan faduwar farashin" over three reasons: the article's list, and all of the run
                own = set(run[mine:]) if mine is not None else set()  # the list at the run's foot stays
                labelled = before >= 1 and label[kept[before]] and is_prose[kept[before - 1]] \
                    and not lead_in[kept[before]] and len(run) < self.min_run \
                    and not names_subject(str(texts[kept[before]].as_py()),
                                          (str(texts[i].as_py()) for i in kept if is_prose[i]))
                # right under a paragraph or the article's list of named figures ("Stall for clothes: 20 dinars")
                bare = _set_between(place, kept, before, after) \
                    and (is_prose[kept[before]] or figures[kept[before]]) \
                    and not _sectioned(texts, words, run) \
                    and not verse([str(texts[i].as_py()) for i in run])  # right under a paragraph, not a label
                least = self.labelled_run if labelled else self.bare_run if bare else self.min_run
                if not is_headline or not least <= len(run) <= self.max_run:
                    continue
                if before >= 0 and lead_in[kept[before]] and _presents(kept[before], set(run), kept, lines,
                                                                       words, is_prose):
                    continue  # "يقول المتنبي:", "What is new in this phase?": the article presents what follows
                if echoed(run, [i for i in kept[after:] if is_prose[i]], lines):
                    continue  # a title and its deck over the byline: the article's first sentences echo them
                if before >= 1 and label[kept[before]] and is_prose[kept[before - 1]]:
                    run, before = [kept[before], *run], before - 1  # the box's label goes with it
                if under_box(run[0], docs, length, reasons) and _opens_list(run, texts, [
                        str(texts[i].as_py()) for i in kept if is_prose[i] and i not in run]):
                    continue  # "شرايط ثبت‌نام" where a read-also box stopped: the article's heading over its list
                # (the article's text above may be its list of named figures: "Transport and storage: 5.8%")
                if before >= 0 and after < len(kept) and (is_prose[kept[before]] or figures[kept[before]]) \
                        and ((is_prose[kept[after]] and ends[kept[after]]) or heads_list) \
                        and not named_values(lines, run) and not any(figures[i] for i in run) \
                        and not listed(lines, run):
                    for i in run[:_contents_heading(run, start, texts, reasons)]:
                        if i not in own:
                            out[i] = "boilerplate_headlines"
        return pa.array(out, pa.string())


def _heads_list(lines: pa.Table, kept: list[int], at: int, label: list[bool], is_prose: list[bool],
                most: int) -> bool:
    """Whether the kept line at `at` (a position in `kept`) is the article's short heading over its own list
    (`own_list_start`: "Opening hours" over "Friday: 7 a.m. to midnight"), the list being the up to `most` lines
    under it that are no paragraph: the article goes on there, as after a paragraph."""
    if at >= len(kept) or not label[kept[at]]:
        return False
    below: list[int] = []
    for i in kept[at + 1:at + 1 + most]:
        if is_prose[i]:
            break
        below.append(i)
    return own_list_start(lines, [kept[at], *below]) == 0


def _contents_heading(run: list[int], start: int, texts: pa.ChunkedArray[Any], reasons: list[str | None]) -> int:
    """Where in the run the first line the page's table of contents names is (`menus.contents`, the contents
    above the line or in the run: "On this page: Before you start · Steps"), else the run's length: from there on
    the run is a section's heading and its first lines ("What DeskBuddy can see" over what it can see), not other
    stories' headlines."""
    page = [str(texts[i].as_py()) for i in range(start, run[-1] + 1)]
    entries = contents(page, [reasons[i] for i in range(start, run[-1] + 1)])
    return next((k for k, i in enumerate(run) if line_key(page[i - start]) in entries), len(run))


def _under_heading(line: int, docs: np.ndarray, kept: np.ndarray, length: np.ndarray, words: np.ndarray,
                   ends: np.ndarray) -> bool:
    """Whether the line right above `line` (blank lines aside) is a kept heading as short as a box's label: a box's
    label stands under the article's text or a line an earlier rule dropped, not under another label, where a short
    line is the first item of the list that heading opens."""
    above = _line_above(line, docs, length)
    return above is not None and bool(kept[above]) and 1 <= words[above] <= LABEL_WORDS and not ends[above]


def _line_above(line: int, docs: np.ndarray, length: np.ndarray) -> int | None:
    """The row of the line above `line` on its page, blank lines aside (None at the page's top)."""
    above = line - 1
    while above >= 0 and docs[above] == docs[line] and not length[above]:
        above -= 1
    return above if above >= 0 and docs[above] == docs[line] else None


FIGURE_REASONS = ("boilerplate_caption", "boilerplate_image")  # a photo placed in the article, with its caption


def _past_figures(row: int, docs: np.ndarray, reasons: list[str | None]) -> int:
    """The first row from `row` on that is no photo or caption an earlier rule took (FIGURE_REASONS): a photo set in
    the article between its list and its next paragraph is no end of the article."""
    while row < len(docs) and docs[row] == docs[row - 1] and reasons[row] in FIGURE_REASONS:
        row += 1
    return row


# a related box's headlines under its "read also" label (patterns.Teaser), or one headline after the call on its line
# ("Read also: …", pointers.Pointer)
BOX_REASONS = ("boilerplate_teaser", "boilerplate_cued_headline")


def _set_between(place: np.ndarray, kept: list[int], before: int, after: int) -> bool:
    """Whether the kept lines `before` and `after` a run (positions in `kept`) hold it between them with no other line
    of the page in between, kept or dropped by an earlier rule: a box of two headlines set into the article's text. A
    line in between (a menu's crumb under a notice, a date under the title) says the run is somewhere else: the page's
    head, a label's box. (A drop can only break the run's setting, so an earlier rule's drop never makes one.)"""
    return before >= 0 and after < len(kept) and int(place[kept[after]] - place[kept[before]]) == after - before


def _sectioned(texts: pa.ChunkedArray[Any], words: np.ndarray, run: list[int]) -> bool:
    """Whether two lines in a row are the article's own rather than other stories' headlines, by their shape: one is
    shorter than a headline (BOX_HEADLINE_WORDS: a section's subheading, "A city upended", over its correspondent's
    line), or a line after the first opens with a small letter (the heading above it goes on there, set over two
    lines), where each of other stories' headlines opens with a capital."""
    return bool(words[run].min() < BOX_HEADLINE_WORDS) or any(opens_small(str(texts[i].as_py())) for i in run[1:])


def verse(texts: list[str]) -> bool:
    """Whether two lines set between paragraphs are a quoted verse's (a couplet, two hemistichs) rather than two
    other stories' headlines, by their shape: each as short as a line of verse (VERSE_CHARS), of about the same
    length (VERSE_RATIO), with no figure and none of a title's marks (a colon after a place or a speaker, quotation
    marks, brackets, a bar). A box's pair of headlines is longer ("قطاع الكهرباء يعلن جدول قطع جديداً لمناطق الحنانة
    والعسكري") or carries one of those ("Clamecy : la maternité …", "باناسونيك تعتزم إلغاء 15 ألف وظيفة")."""
    sizes = [len(text.strip()) for text in texts]
    return max(sizes) <= VERSE_CHARS and min(sizes) >= VERSE_RATIO * max(sizes) \
        and not any(_TITLE_MARKS.search(text) for text in texts)


def headed_list(texts: list[str], heading: str | None) -> bool:
    """Whether a run is the article's own list under its heading (the short label above the run, or the run's first
    line when it is HEADING_WORDS words or fewer), by its items' shape: two of them open with the same word ("صورة
    جواز السفر" / "صورة كشف العلامات", "ناحیه اول (…): ۸ تا ۱۰" / "ناحیه دوم …"), or one after the first opens
    with a small letter and goes on from the heading ("Was auf dem Markt verkauft wird" / … / "frische Blumen aus
    der Gärtnerei"). Other stories' headlines each open their own way, with a capital; a kicker they share
    ("Video:", "بالفيديو..") ends with a mark, not a letter, and is no item's first word."""
    if heading is None:
        if not _heading(texts):
            return False
        texts = texts[1:]
    if len(texts) < LIST_TAIL:
        return False
    openers = [text.split()[0] for text in texts]
    return any(opens_small(text) for text in texts[1:]) \
        or any(openers.count(word) > 1 for word in set(openers) if word[-1].isalpha())


def subject_list(texts: list[str], heading: str | None, prose_texts: list[str]) -> int | None:
    """Where the article's own list under a subheading naming its subject starts in a run (0: the whole run), or None:
    a heading (the label above the run, or a line of the run) of LABEL_WORDS words or fewer that names the article's
    subject (`names_stem`: "مطالب المزارعين" in a story of the farmers, "Dalilan faduwar farashin" in one of the
    price's fall), none of a title's marks, no longer than any line under it, over SUBJECT_ITEMS items or more to the
    run's foot, fewer than BOX_MAX_FIGURES of them with a figure (a table's rows) and none with a headline's marks (a
    colon after a place or a name, quotation marks, a bar). A related box's label names nothing of the article
    ("اخبار مرتبط", "Most read"); one that does heads a table of replies and views ("Suggested topics" on a forum) or
    headlines ("More from Companies" over "Lindqvist: a profile of …"). Other stories' headlines above the heading
    ("Related: …" on the same run) are not the list's."""
    if heading is not None and _subject_heading(heading, texts, prose_texts):
        return 0
    return next((k for k in range(len(texts) - SUBJECT_ITEMS)
                 if _subject_heading(texts[k], texts[k + 1:], prose_texts)), None)


def _subject_heading(heading: str, items: list[str], prose_texts: list[str]) -> bool:
    """Whether `heading` is the article's subheading over `items` (`subject_list`)."""
    head = heading.strip()
    return len(items) >= SUBJECT_ITEMS and len(head.split()) <= LABEL_WORDS and not _TITLE_MARKS.search(head) \
        and all(len(head) <= len(text.strip()) for text in items) \
        and sum(bool(_DIGIT.search(text)) for text in items) < BOX_MAX_FIGURES \
        and not any(_HEADLINE_MARKS.search(text) for text in items) and names_stem(head, prose_texts)


def rhymed(texts: list[str]) -> bool:
    """Whether a run of four lines or more is a poem's (a ghazal's couplets): each line as short as a line of verse
    and about as long as the others (`verse`), and every second line ending with the same letter (the rhyme). Other
    stories' headlines end each their own way."""
    ends = {text.strip()[-1] for text in texts[1::2] if text.strip()}
    return len(texts) >= RHYMED_LINES and verse(texts) and len(ends) == 1 and ends.pop().isalpha()


def _heading(texts: list[str]) -> bool:
    """Whether a run's first line heads the lines under it: HEADING_WORDS words or fewer, none of a title's marks
    (`_TITLE_MARKS`: a headline's quoted claim, "نصف لوحات متحف فرنسي "مزورة""), and shorter than each line under it
    but the last (which may head the article's next list: "توصیه‌ها به شهروندان" over numbered advice). A related
    box's first headline is as long as the next ones, and a clan's "Mein Treffen mit Ono und Harada" is longer than
    the "dzs EmssiOne berichtet" under it."""
    first = texts[0].strip()
    return len(first.split()) <= HEADING_WORDS and not _TITLE_MARKS.search(first) \
        and all(len(first) < len(text.strip()) for text in texts[1:-1])


def _opens_list(run: list[int], texts: pa.ChunkedArray[Any], prose_texts: list[str]) -> bool:
    """Whether the run's first line, a heading where a read-also box stopped, opens the article's list: it names the
    article's subject ("شرايط ثبت‌نام" over a story of registration), or the items under it tell the article
    (`tell_article`: "کسانوں کے مطالبات" names the farmers in a form the prose, which says "کاشتکاروں", does
    not use, and its items give the prices and the growers' payments it reports). A second box's label names nothing
    of the article and its headlines tell another story each."""
    return names_subject(str(texts[run[0]].as_py()), prose_texts) \
        or tell_article([str(texts[i].as_py()) for i in run[1:]], prose_texts)


def under_box(top: int, docs: np.ndarray, length: np.ndarray, reasons: list[str | None]) -> bool:
    """Whether the line above `top` (blank lines aside) is the last headline of a "read also" box an earlier rule
    took. That rule ends the box at a line shorter than a headline, or one the sentence below vouches for: the
    article's next subheading, which a run of short lines under it does not make a second box's label."""
    above = _line_above(top, docs, length)
    return above is not None and reasons[above] in BOX_REASONS


def echoed(run: list[int], below: list[int], lines: pa.Table, offset: int = 0) -> bool:
    """Whether the first prose lines `below` the run (LEDE_LINES of them) vouch for one of its lines (`vouched`: most
    of its long words, two of them side by side there, compared on their first ECHO_STEM letters): the page's title
    or deck, with a notice above it (a cookie banner's sentence) taken for the article's first paragraph. Other
    stories' headlines in a box are not what the next paragraph goes on to say. (`below` counts from `offset`.)"""
    texts = lines.column("text")
    lede = [str(texts[offset + i].as_py())[:LEDE_CHARS] for i in below[:LEDE_LINES]]
    return any(vouched(str(texts[i].as_py()), lede, ECHO_STEM) for i in run)


def named_values(lines: pa.Table, run: list[int]) -> bool:
    """Whether most of a run's lines (more than NAMED_SHARE) give a named figure, a label of a few words, a colon
    and a value, with a number in the label or the value ("Busverkehr: Linie 283 fährt weiter …", "خوزستان: یک
    میلیون و ۸۰۰ هزار تن", a timeline's "2019: hourly, Sunday service reduced"): the article's list, not other
    stories' headlines, which may each open with a place and a colon ("Oran: the bridge reopens") but rarely all
    give a number. A heading over two of them ("جدول التقنين الجديد" / "الأحياء الشرقية: وصل من 6 إلى 8 …" / "الأحياء
    الغربية: …") names none itself: every line under the first one named is the article's list too."""
    texts = [str(t) for t in lines.column("text").take(run).to_pylist()]
    named = [_named_figure(text) for text in texts]
    return sum(named) > NAMED_SHARE * len(run) or (len(run) > 2 and all(named[1:]))


def own_list_below(lines: pa.Table, run: list[int]) -> bool:
    """Whether a run ends with the article's own list under its heading (`own_list_start`)."""
    return own_list_start(lines, run) is not None


def own_list_start(lines: pa.Table, run: list[int]) -> int | None:
    """Where in a run the article's own list under its heading starts (the heading's position; 0 when the items are the
    whole run), or None: LIST_TAIL lines or more at its foot that each open with a small letter, their first words not
    all one (a list's items go on from their heading: "Что изменится" / "появятся 40 скамеек со спинками" / "у спусков
    к воде сделают пандусы"; a headline opens with a capital, and a clan's headlines that open with its tag, "dzs
    EmssiOne berichtet", follow another headline, not a heading), or that each give a named figure ("أوقات تشغيل
    المصاعد" / "الجمعة: 7 صباحاً - 12 منتصف الليل" / …); the items are the whole run or sit under a heading of up to
    LABEL_WORDS words. Other stories' headlines above that heading are the run's own (HeadlineRun judges them alone)."""
    texts = [str(t) for t in lines.column("text").take(run).to_pylist()]
    small = _tail(texts, [opens_small(text) for text in texts])
    if small is not None and len({texts[k].split()[0] for k in range(small, len(texts))}) > 1:
        return max(small - 1, 0)
    named = _tail(texts, [_named_figure(text) for text in texts])
    return named - 1 if named is not None and named >= 1 else None


def _tail(texts: list[str], item: list[bool]) -> int | None:
    """Where the run of LIST_TAIL items or more at the foot of `texts` starts, when it is all of them or the line
    above it is a heading of up to LABEL_WORDS words; else None."""
    start = len(item) - next((k for k, found in enumerate(reversed(item)) if not found), len(item))
    if len(item) - start < LIST_TAIL or (start and len(texts[start - 1].split()) > LABEL_WORDS):
        return None
    return start


def opens_small(text: str) -> bool:
    """Whether a line's first letter is a small one (scripts with no case have none)."""
    return next((c.islower() for c in text if c.isalpha()), False)


def listed(lines: pa.Table, run: list[int]) -> bool:
    """Whether a run's lines are the items of one list rather than other stories' headlines, by their shape:
    every item names something and a colon gives its value (a label of up to ITEM_LABEL_WORDS words: "Couchette in a
    four-berth compartment: about 30 euros", "Exportación: Francia, México y Estados Unidos"), all of them with a
    number, or half of them or more under a heading of their own ("Las cifras de la campaña" over "Producción
    prevista: 1,4 millones de kilos"; "What the trial includes" over "Days: Saturdays and Sundays" / "Hours: 8am to
    6pm"). A box of "Place: headline" lines names places, but rarely gives a number in
    each. (A small letter opening an item, "eine Poststelle und einen Paketautomaten", is no such evidence: a
    gaming clan's related headlines open with "dzs" and "gamescom".)"""
    texts = [str(t) for t in lines.column("text").take(run).to_pylist()]
    heading = not _ITEM_LABEL.match(texts[0])
    items = texts[1:] if heading else texts
    if len(items) < 2 or not all(_ITEM_LABEL.match(text) for text in items):
        return False
    figures = sum(bool(_DIGIT.search(text)) for text in items)
    return figures == len(items) or (heading and 2 * figures >= len(items))


def _presents(lead: int, run: set[int], kept: list[int], lines: pa.Table, words: np.ndarray,
              is_prose: list[bool]) -> bool:
    """Whether a lead-in ending with a colon introduces the article's own lines rather than labelling a
    box: a sentence, or a short line sharing a long word with the document's prose."""
    if words[lead] > LABEL_WORDS:
        return True
    texts = lines.column("text")
    return names_subject(str(texts[lead].as_py()),
                         (str(texts[i].as_py()) for i in kept if is_prose[i] and i != lead and i not in run))


def _runs(kept: list[int], headline: list[bool]) -> list[tuple[int, tuple[bool, list[int]]]]:
    """The runs of kept lines that are (or are not) headline-like, each with its position in `kept`."""
    runs, position = [], 0
    for is_headline, group in groupby(kept, key=lambda i: headline[i]):
        rows = list(group)
        runs.append((position, (is_headline, rows)))
        position += len(rows)
    return runs


@dataclass(frozen=True)
class LabelledBox(LineRule):
    """A short label below the article's first sentence and two to six headline-like lines under it, with
    nothing of the article after them: the next line is one an earlier rule dropped, or the page ends
    ("Related" / three headlines / the share row). HeadlineRun needs a paragraph after the run, which a box
    at the foot of the page does not have; the label may be one an earlier rule already dropped ("Related
    articles" in the phrase list). Left alone: a subheading over the article's own list (more of the article
    follows it), a "label" that gives a named figure (an item of the article's list: a recipe's "লঙ্কা: ৫টি" over
    the next ingredients), a run with numbers in two lines or more (a ranking or a table the article gives), and a
    run where the text above the label does without full stops (there every line looks like a headline;
    the page's own headlines below the label do not count, a page of boxes has more unended lines than its
    article has sentences)."""

    name = "labelled_box"
    reasons: ClassVar[dict[str, str]] = {
        "boilerplate_box": "other articles' headlines under a short label, with nothing of the article after them "
                           "(a related or most-read box at the foot of the page)",
    }
    min_run: int = 2
    max_run: int = 6

    def decide(self, lines: pa.Table) -> pa.Array[Any]:
        words, ends, length, docs = array(lines, "words"), array(lines, "ends_sentence"), array(lines, "length"), \
            array(lines, "doc")
        kept = undecided(lines) & (length > 0)
        shaped = kept & _headline_shaped(lines)
        # a row of parts split by bars (a ticker's rates above the title: "دولار السوق: … | البنزين: …") is no
        # sentence of the article: the page's title under it is above the body, not under a box's label
        body = kept & prose(words, ends) & ~matching(lines, r"\s\|\s")
        first, _ = body_bounds(docs, body)
        paragraph = kept & (words >= PARAGRAPH_WORDS) & ends
        rows = np.arange(len(lines))
        # a label below the article's first sentence with two headline-shaped lines under it (vectorised: few are)
        start = (words >= 1) & (words <= LABEL_WORDS) & ~ends & (rows > first)
        start[-self.min_run:] = False
        for k in range(1, self.min_run + 1):
            start[:-self.min_run] &= shaped[k:len(lines) - self.min_run + k] \
                & (docs[k:len(lines) - self.min_run + k] == docs[:-self.min_run])
        out: list[str | None] = [None] * len(lines)
        if not start.any():
            return pa.array(out, pa.string())
        texts, reasons = lines.column("text"), values(lines, "reason")
        doc_starts = document_starts(docs)
        for i in np.flatnonzero(start).tolist():
            if _under_heading(i, docs, kept, length, words, ends):
                continue  # the first item of a list under its heading ("محتويات الحقيبة" / "بطانيتان شتويتان")
            run = []
            for j in range(i + 1, min(i + 2 + self.max_run, len(lines))):
                if docs[j] != docs[i] or not (shaped[j] and _headline_text(str(texts[j].as_py()))):
                    break
                run.append(j)
            after = i + 1 + len(run)
            if not self.min_run <= len(run) <= self.max_run or named_values(lines, [i]) \
                    or self._article_follows(_past_figures(after, docs, reasons), i, run, docs, kept, paragraph,
                                             words, texts) \
                    or sum(bool(_DIGIT.search(str(texts[j].as_py()))) for j in run) >= BOX_MAX_FIGURES \
                    or named_values(lines, run) or own_list_below(lines, [i, *run]) \
                    or echoed(run, np.flatnonzero(body[after:] & (docs[after:] == docs[i])).tolist(), lines, after) \
                    or self._presents(i, run, docs, body, texts) or self._subject_list(i, run, docs, body, texts):
                continue  # more of the article below, a ranking, a table or named values it gives, or its own list
            # the article above the label, whose punctuation says what a headline is
            above = np.flatnonzero(kept[doc_starts[np.searchsorted(doc_starts, i, side="right") - 1]:i])
            above += doc_starts[np.searchsorted(doc_starts, i, side="right") - 1]
            if not punctuated(words[above], ends[above], UNPUNCTUATED_SHARE):
                continue
            for k in ([i] if kept[i] else []) + run:
                out[k] = "boilerplate_box"
        return pa.array(out, pa.string())

    @staticmethod
    def _presents(label: int, run: list[int], docs: np.ndarray, is_prose: np.ndarray,
                  texts: pa.ChunkedArray[Any]) -> bool:
        """Whether the label is a lead-in ending with a colon that names the article's subject ("مراحل اجرای طرح:"
        over the project's stages): the article's list follows, not a box ("More from us:")."""
        text = str(texts[label].as_py())
        if not text.rstrip().endswith((":", "：")):
            return False
        rows = np.flatnonzero((docs == docs[label]) & is_prose).tolist()
        return names_subject(text, (str(texts[r].as_py()) for r in rows if r != label and r not in run))

    @staticmethod
    def _subject_list(label: int, run: list[int], docs: np.ndarray, is_prose: np.ndarray,
                      texts: pa.ChunkedArray[Any]) -> bool:
        """Whether the label is the article's subheading over its own list (`subject_list`: "نصائح السلطات للسكان"
        over the authorities' advice, with the photo's caption below it), not a box's label."""
        rows = np.flatnonzero((docs == docs[label]) & is_prose).tolist()
        return subject_list([str(texts[k].as_py()) for k in [label, *run]], None,
                            [str(texts[r].as_py()) for r in rows if r != label and r not in run]) == 0

    @staticmethod
    def _article_follows(after: int, label: int, run: list[int], docs: np.ndarray, kept: np.ndarray,
                         paragraph: np.ndarray, words: np.ndarray, texts: pa.ChunkedArray[Any]) -> bool:
        """Whether the article goes on below a box's run. Nothing kept below it (a dropped line, the page's end):
        no. A kept line below: yes when it is a paragraph or has one right under it (a subheading: "What can be
        done?" over its answer), when the label or that line ends with a colon (a lead-in over the article's list,
        "Line-up:", or the next one) or when a line of the run is shorter than a headline (BOX_HEADLINE_WORDS: "An
        adjustable spanner" in a list of tools); else the line below is more chrome (a comment's count or name, a
        form's label, a share button)."""
        if after >= len(docs) or docs[after] != docs[label] or not kept[after]:
            return False
        below = after + 1 + int(np.argmax(kept[after + 1:])) if kept[after + 1:].any() else len(docs)
        return bool(paragraph[after] or (below < len(docs) and docs[below] == docs[label] and paragraph[below])
                    or any(str(texts[k].as_py()).rstrip().endswith((":", "：")) for k in (label, after))
                    or min(words[j] for j in run) < BOX_HEADLINE_WORDS)
