"""Lines a site repeats across its pages (CCNet-style): counted over the whole build in the first
pass, then looked up, per line, in the second.

A line is counted by its *shape*: its matching key with URLs, e-mail addresses, handles, month names
and numbers (of any length) masked, so "© 2015 …" and "© 2016 …", "Posted on March 3" and "Posted on
December 12", or a contact line with each author's address, count as one template. Short labels
count from `MIN_DOCS` pages; sentences (prose, or lines over `MAX_CHARS`) only from
`TEMPLATE_MIN_DOCS`, because two articles of one story may quote the same sentence (that is content,
and dedup's job), while a disclaimer or an "about" note is on every page of the site.

A headline-shaped line (4 to 20 words, not a sentence) is also counted in a key space of its own, and a
page's title (its first line, when headline-shaped) once more in another: a headline on `HEADLINE_MIN_DOCS`
pages of a site that is some page's title is that page's title and a link to it on the other (a related
story between paragraphs, "قد يهمك" boxes without their label). `OtherHeadline` drops it where it stands
inside an article's body (below the page's first sentence): the page's own title is above it and stays.
It must be a title somewhere: a subheading of an article the build has twice (a copy at another URL, a
republished story) is on two pages too, and counted alone it dropped the copies' subheadings (a replicated
benchmark corpus lost 381 of its 13,443 paragraphs that way).

A site the build has only two pages of reaches none of these counts, so its template is also counted in blocks:
each pair of consecutive short lines (no sentence, not both headlines; a table's rows with their figures as
written) in a key space of its own, from `BLOCK_MIN_DOCS` pages. `TemplateBlock` drops a short line in such a pair,
as the last rule: a header's rows, an answer box's labels, a footer. One shared line alone is no block, nor are
sentences (two stories quoting the same paragraphs keep them), nor a table whose figures changed, nor a page that is
a copy of another (its first two sentences another page's too: then every line is on both pages, its title and
subheadings with the template).

Only the frequent keys (64-bit hashes of site and shape, the top two bits telling a label, a sentence and
a headline apart) are kept and shipped to the workers; the work marks each line of the lines table
`repeated` and `elsewhere`, and the rules decide on those columns, so they hold no build state.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar, cast

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from builder.rules.signoff import document_sign_off
from builder.rules.structure import body_bounds, prose
from builder.run.compact import KeyCounter, key64
from builder.steps import LineRule, array, undecided, where
from builder.text.chars import Chars
from builder.text.clean import search_all
from builder.text.keys import line_key, line_keys, sentence_ends, word_counts

MAX_CHARS = 200  # a longer line is a sentence whatever its punctuation
MIN_DOCS = 3  # a short label on this many pages of a site is its chrome
TEMPLATE_MIN_DOCS = 6  # a sentence needs this many pages: fewer may be one story told several times
SENTENCE_BIT = np.uint64(1 << 63)
HEADLINE_BIT = np.uint64(1 << 62)  # with SENTENCE_BIT: a headline's key; a sentence's has it clear
HEADLINE_MIN_DOCS = 2  # one page's title and a link to it on another
TITLE_BIT = np.uint64(1 << 61)  # with HEADLINE_BIT and SENTENCE_BIT: a page's title; clear in a headline's key
# with SENTENCE_BIT, HEADLINE_BIT clear: two consecutive short lines (a block's key); clear in a sentence's key
BLOCK_BIT = TITLE_BIT
BLOCK_MIN_DOCS = 2  # two different pages of a site with the same two short lines one after the other
_KINDS = SENTENCE_BIT | HEADLINE_BIT | TITLE_BIT
HEADLINE_WORDS = (4, 20)  # a headline's length in words: shorter is a label or a subheading
# URLs, e-mail addresses, handles and hashtags: what varies from copy to copy of a templated line. An address
# starts where its word does and has no second @, so a long run of @s and letters is scanned once (an open
# `\S+@\S+` took minutes on a line of a few thousand @)
LINKS = re.compile(r"(?:https?://|www\.)\S+|(?<![^\s@])[^\s@]+@[^\s@]+\.\w+|[@#]\w+", re.IGNORECASE)
# Every line LINKS (or the \x00 it masks with) can change has one of these (RE2, over the batch)
_MAY_VARY = r"(?i)http|www\.|[@#\x00]"
# A digit of any script: three or more short lines one after the other that each hold a figure are a table's rows
# (a league table, a ranking, amounts), whose figures the shape masks. Two pages of a site giving the same rows
# with other figures are two tables, not the template: a row pairs under its figures as written, so only rows whose
# figures are the same on both pages (a contact footer's numbers) still make a block; lines that hold a figure one
# or two at a time (a view counter under a label, a date over it) pair under their shape alone
FIGURE = r"\p{Nd}"
_FIGURES = re.compile(r"\d+")
TABLE_ROWS = 3  # a date over a view count is two lines with a figure, and the template's


# Month names (English, French, Spanish, German, Arabic in both sets of names, Persian, Urdu), as matching keys:
# "Posted on March 3" and "Posted on May 9" are one template. Masked in the key (no case, marks or spaces), so
# the batch (RE2) and a single line (re) mask alike.
MONTH_KEYS = tuple(sorted({line_key(m) for m in """january|february|march|april|may|june|july|august|september|october|
november|december|janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre|enero|febrero|
marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre|januar|februar|märz|juni|juli|oktober|
dezember|يناير|فبراير|مارس|أبريل|إبريل|مايو|يونيو|يوليو|أغسطس|سبتمبر|أكتوبر|نوفمبر|ديسمبر|كانون الثاني|شباط|آذار|نيسان|
أيار|حزيران|تموز|أيلول|تشرين الأول|تشرين الثاني|كانون الأول|فروردین|اردیبهشت|خرداد|مرداد|شهریور|آبان|بهمن|اسفند|
جنوری|فروری|اپریل|جولائی|اگست|ستمبر|اکتوبر|نومبر|دسمبر""".replace("\n", "").split("|")}, key=lambda k: (-len(k), k)))
_MONTHS = "|".join(re.escape(k) for k in MONTH_KEYS)
NUMBER = "0+"  # digits are 0 in a key: a number of any length is one 0
_NUMBER = re.compile(NUMBER)


def _masked(text: str) -> str:
    return LINKS.sub(" \x00 ", text).replace("\x00", "link")


def _mixed(first: np.ndarray, second: np.ndarray) -> np.ndarray:
    """Two keys hashed together, in order, into the block space (SENTENCE_BIT and BLOCK_BIT set, HEADLINE_BIT
    clear, never 0)."""
    with np.errstate(over="ignore"):  # a hash: products wrap around 2**64
        mixed = first * np.uint64(0x9E3779B97F4A7C15) ^ ((second << np.uint64(29)) | (second >> np.uint64(35)))
        mixed = (mixed ^ (mixed >> np.uint64(31))) * np.uint64(0xBF58476D1CE4E5B9)
    return np.asarray((mixed | SENTENCE_BIT | BLOCK_BIT | np.uint64(1)) & ~HEADLINE_BIT)


def may_vary(texts: Sequence[str]) -> list[bool]:
    """Which lines hold something LINKS may mask (one RE2 pass over the batch)."""
    return search_all(texts, _MAY_VARY)


def table_rows(texts: Sequence[str], short: np.ndarray, same: np.ndarray) -> np.ndarray:
    """Each line's figures as written, hashed (`FIGURE`'s runs, in order), where it is in a run of TABLE_ROWS or more
    consecutive short lines (`short`) of one document (`same`: whether each line and the next are) that each hold a
    figure; 0 elsewhere. One RE2 pass over the batch, and Python for the rows only."""
    figure = short & np.array(search_all(texts, FIGURE), dtype=bool) if len(texts) else short
    linked = np.append(figure[:-1] & figure[1:] & same, False)  # this line and the next both hold a figure
    starts = np.flatnonzero(figure & ~np.append(False, linked[:-1]))
    ends = np.flatnonzero(figure & ~linked)  # each run's last line, in the same order as its first
    rows = np.zeros(len(figure), dtype=np.uint64)
    long_enough = ends - starts + 1 >= TABLE_ROWS
    for start, end in zip(starts[long_enough].tolist(), ends[long_enough].tolist(), strict=True):
        for i in range(start, end + 1):
            written = ",".join(_FIGURES.findall(texts[i])).encode("utf-8", "surrogatepass")
            rows[i] = key64(hashlib.blake2b(written, digest_size=8).digest()) | 1
    return rows


def shapes(texts: Sequence[str]) -> list[str]:
    """Each line's matching key with its variable parts masked: links, addresses and handles (only the lines
    one could be in go through the regex), then month names and numbers of any length."""
    masked = [_masked(t) if v else t for t, v in zip(texts, may_vary(texts), strict=True)]
    return masked_keys(line_keys(Chars.of(masked)))


def masked_keys(keys: Sequence[str]) -> list[str]:
    """Matching keys with month names and numbers of any length masked (the last step of `shapes`)."""
    masked = cast(list[str], pc.replace_substring_regex(pa.array(keys, pa.string()), _MONTHS, "month").to_pylist())
    # numbers in Python: most keys have no run of zeros to shorten, and a test for one costs less than an Arrow pass
    return [_NUMBER.sub("0", key) if "00" in key else key for key in masked]


def sentences(lengths: np.ndarray, words: np.ndarray, ends_sentence: np.ndarray) -> np.ndarray:
    """Which lines count as sentences: prose, or longer than MAX_CHARS."""
    return np.asarray((lengths > MAX_CHARS) | prose(words, ends_sentence))


# cleaned texts, their matching keys, lengths, word counts and sentence ends (RepeatedLines.line_keys)
Known = tuple[Sequence[str], Sequence[str], np.ndarray, np.ndarray, np.ndarray]


_NO_DIGEST = bytes(8)


def _site_hashes(sites: Sequence[str], shapes: Sequence[str]) -> np.ndarray:
    """key64 of the blake2b of each line's site and shape, 0 for a line without a shape: the digests joined and
    read as one little-endian array (a line's key64, its int.from_bytes and a numpy store were a third of it)."""
    blake2b = hashlib.blake2b
    digests = b"".join([blake2b(f"{site}\x00{key}".encode("utf-8", "surrogatepass"), digest_size=8).digest()
                        if key else _NO_DIGEST for site, key in zip(sites, shapes, strict=True)])
    hashed = np.frombuffer(digests, dtype="<u8") | np.uint64(1)
    return np.where(np.array([bool(key) for key in shapes], dtype=bool), hashed, np.uint64(0))


class RepeatedLines:
    """The line shapes that recur on enough documents of the same site, as 64-bit hashes."""

    def __init__(self, keys: Iterable[int] | np.ndarray = ()) -> None:
        # one sorted array, no set: 8 bytes a key where a frozenset of Python ints beside it took about 70, in the
        # driver and in every worker (each task unpickles its own); at 1 GB of news that is every line of the site
        keys = keys if isinstance(keys, np.ndarray) else np.fromiter(keys, dtype=np.uint64)
        self.keys = np.unique(keys.astype(np.uint64, copy=False))

    def __len__(self) -> int:
        return len(self.keys)

    def __contains__(self, key: int) -> bool:
        at = int(np.searchsorted(self.keys, np.uint64(key)))
        return at < len(self.keys) and int(self.keys[at]) == key

    @classmethod
    def line_keys(cls, sites: Sequence[str], texts: Sequence[str], known: Known | None = None) -> np.ndarray:
        """The key of each line (its site's, then its shape's hash; 0 for a line without a shape); see `keyed`."""
        return cls.keyed(sites, texts, known)[0]

    @staticmethod
    def keyed(sites: Sequence[str], texts: Sequence[str], known: Known | None = None) -> tuple[np.ndarray, np.ndarray]:
        """The key of each line (its site's, then its shape's hash; 0 for a line without a shape), and the key
        it counts under as a headline (0 for a line that is not headline-shaped).

        `known`: the lines table's features of the same lines cleaned (builder.rules.paragraphs). A line
        whose cleaned text is its raw text, with no link, address or handle in it, has its matching key
        (months and numbers masked) as its shape and the same word count, length and sentence end: only
        the other lines are computed."""
        if known is None:
            redo = list(range(len(texts)))
            shape, sentence = [""] * len(texts), np.zeros(len(texts), dtype=bool)
            words = np.zeros(len(texts), dtype=np.int64)
        else:
            cleaned, keys_of_cleaned, lengths, words, ends = known
            redo = [i for i, (raw, text, vary) in enumerate(zip(texts, cleaned, may_vary(texts), strict=True))
                    if vary or raw != text]
            shape, sentence = masked_keys(keys_of_cleaned), sentences(lengths, words, ends)
            words = np.array(words, dtype=np.int64)
        if redo:
            again = [texts[i] for i in redo]
            chars = Chars.of(again)
            counts = word_counts(chars)
            sentence[redo] = sentences(chars.lengths, counts, sentence_ends(chars))
            words[redo] = counts
            for i, key in zip(redo, shapes(again), strict=True):
                shape[i] = key
        keys = _site_hashes(sites, shape)
        keys = np.where(keys == 0, keys, np.where(sentence, (keys | SENTENCE_BIT) & ~(HEADLINE_BIT | TITLE_BIT),
                                                  keys & ~SENTENCE_BIT))
        shaped = (keys != 0) & ~sentence & (words >= HEADLINE_WORDS[0]) & (words <= HEADLINE_WORDS[1])
        headline = np.where(shaped, (keys & ~TITLE_BIT) | (SENTENCE_BIT | HEADLINE_BIT), np.uint64(0))
        return keys, headline

    @staticmethod
    def sign_off_key(site: str, label: str) -> int:
        """The key of a sign-off's label on a site (builder.rules.signoff): counted as a sentence is, from
        TEMPLATE_MIN_DOCS pages, in a key space of its own."""
        hashed = key64(hashlib.blake2b(f"{site}\x00signoff\x00{label}".encode("utf-8", "surrogatepass"),
                                       digest_size=8).digest())
        return (hashed | int(SENTENCE_BIT)) & ~int(HEADLINE_BIT | TITLE_BIT)

    @staticmethod
    def block_keys(keys: np.ndarray, headlines: np.ndarray, docs: np.ndarray, texts: Sequence[str] | None = None
                   ) -> tuple[np.ndarray, np.ndarray]:
        """The key of each line and the next one as a pair, in the block space, and the key of each line's
        document's first two sentences there (its lead: 0 in a document without a sentence); from line keys in
        order, their headline keys (`keyed`), each line's document and the lines themselves (`texts`, for a table's
        figures: None where no line holds one).

        A pair is two short lines (no sentence) of one document, one of them no headline (under 4 words): two
        headlines together are a list of stories, titles over a deck, each page's own (and each pair a key more
        for the first pass to count); elsewhere, and at a document's last line, the key is 0. A table's row
        (`table_rows`) pairs under its figures as written: the same table with other figures on another page of
        the site is no block. A page whose lead another page of the site has too is a copy of it (at another URL,
        or another print of one story), and all its lines are on that page: its blocks do not count as template.
        Two sentences: the first may be the template's own (a cookie notice above every page's article)."""
        keys, docs = np.asarray(keys, dtype=np.uint64), np.asarray(docs)
        if not len(keys):
            return keys, keys
        short = (keys != 0) & ((keys & SENTENCE_BIT) == 0)
        label = short & (np.asarray(headlines) == 0)
        same = docs[:-1] == docs[1:]
        paired = np.append(short[:-1] & short[1:] & (label[:-1] | label[1:]) & same, False)
        rows = np.zeros(len(keys), dtype=np.uint64) if texts is None else table_rows(texts, short, same)
        paired_as = np.where(rows != 0, _mixed(keys, rows), keys)
        blocks = np.where(paired, _mixed(paired_as, np.append(paired_as[1:], np.uint64(0))), np.uint64(0))
        sentence = np.flatnonzero((keys & _KINDS) == SENTENCE_BIT)
        starts = np.flatnonzero(np.append(True, docs[1:] != docs[:-1]))
        lead = []  # each document's first and second sentence's key (0 where it has none)
        for nth in (0, 1):
            at = np.searchsorted(sentence, starts) + nth
            found = at < len(sentence)
            found[found] = docs[sentence[at[found]]] == docs[starts[found]]
            lead.append(np.where(found, keys[sentence[np.minimum(at, len(sentence) - 1)]] if len(sentence) else 0,
                                 np.uint64(0)))
        leads = np.where(lead[0] != 0, _mixed(lead[0], lead[1]), np.uint64(0))
        return blocks, np.repeat(leads, np.diff(np.append(starts, len(keys))))

    def in_block(self, keys: np.ndarray, headlines: np.ndarray, docs: np.ndarray, texts: Sequence[str] | None = None
                 ) -> np.ndarray:
        """Which lines (line keys in order, each line's document, and the lines) are in a run of two or more short
        lines that the site has, one after the other, on BLOCK_MIN_DOCS or more of its pages, on a page whose lead
        no other page of the site has (`block_keys`)."""
        blocks, leads = self.block_keys(keys, headlines, docs, texts)
        pairs = self.repeated(blocks)
        return np.asarray((pairs | np.append(False, pairs[:-1])) & ~self.repeated(leads))

    @classmethod
    def document_keys(cls, documents: Sequence[tuple[str, Sequence[str]]]) -> list[set[int]]:
        """Each document's keys, once each (a line counts once per document however often it
        appears), its headline-shaped lines' and its sign-off's, for a batch of documents given as (site, lines)."""
        every = [text for _, texts in documents for text in texts]
        line, headline = cls.keyed([site for site, texts in documents for _ in texts], every)
        sizes = [len(texts) for _, texts in documents]
        docs = np.repeat(np.arange(len(documents)), sizes)
        blocks, leads = (k.tolist() for k in cls.block_keys(line, headline, docs, every))
        keys, headlines = line.tolist(), headline.tolist()
        ends = np.cumsum(sizes).tolist()
        found = []
        for (_, texts), end in zip(documents, ends, strict=True):
            start = end - len(texts)
            once = {k for k in (*keys[start:end], *headlines[start:end], *blocks[start:end]) if k}
            if any(blocks[start:end]) and leads[start]:  # only a page with a block needs to know it is no copy
                once.add(leads[start])
            if texts and headlines[start]:  # the first line, headline-shaped: the page's title
                once.add(headlines[start] | int(TITLE_BIT))
            found.append(once)
        for (site, texts), once in zip(documents, found, strict=True):
            closing = document_sign_off(texts)
            if closing is not None:
                once.add(cls.sign_off_key(site, closing.label))
        return found

    @classmethod
    def count(cls, documents: Iterable[tuple[str, Sequence[str]]], min_docs: int = MIN_DOCS,
              template_min_docs: int = TEMPLATE_MIN_DOCS) -> RepeatedLines:
        counter = KeyCounter()
        for keys in cls.document_keys(list(documents)):
            counter.add(np.fromiter(keys, dtype=np.uint64))
        return cls.from_counter(counter, min_docs, template_min_docs)

    @classmethod
    def frequent(cls, counter: KeyCounter, min_docs: int = MIN_DOCS,
                 template_min_docs: int = TEMPLATE_MIN_DOCS) -> np.ndarray:
        """The keys that recur often enough for their kind (labels `min_docs`, sentences
        `template_min_docs`, headlines HEADLINE_MIN_DOCS), sorted."""
        labels = counter.at_least(min_docs)
        labels = labels[(labels & SENTENCE_BIT) == 0]
        templates = counter.at_least(template_min_docs)
        templates = templates[(templates & _KINDS) == SENTENCE_BIT]
        headlines = counter.at_least(HEADLINE_MIN_DOCS)
        headlines = headlines[(headlines & _KINDS) == (SENTENCE_BIT | HEADLINE_BIT)]
        headlines = headlines[counter.contains(headlines | TITLE_BIT)]  # some page's title
        blocks = counter.at_least(BLOCK_MIN_DOCS)
        blocks = blocks[(blocks & _KINDS) == (SENTENCE_BIT | BLOCK_BIT)]
        return np.union1d(np.union1d(np.union1d(labels, templates), headlines), blocks)

    @classmethod
    def from_counter(cls, counter: KeyCounter, min_docs: int = MIN_DOCS,
                     template_min_docs: int = TEMPLATE_MIN_DOCS) -> RepeatedLines:
        return cls(cls.frequent(counter, min_docs, template_min_docs))

    def repeated(self, keys: np.ndarray) -> np.ndarray:
        """Which of these line keys recur (0, no shape, never does)."""
        return np.isin(keys, self.keys)


@dataclass(frozen=True)
class Repeated(LineRule):
    """A line the site repeats on many of its pages: a label on 3 or more, a sentence on 6 or more."""

    name = "repeated"
    reasons: ClassVar[dict[str, str]] = {
        "boilerplate_repeated": "a short line that recurs in 3 or more documents of the same site",
        "boilerplate_template": "a sentence (a disclaimer, a note about the article) that recurs, up to numbers "
                                "and links, in 6 or more documents of the same site",
    }

    def decide(self, lines: pa.Table) -> pa.Array[Any]:
        sentence = sentences(array(lines, "length"), array(lines, "words"), array(lines, "ends_sentence"))
        again = array(lines, "repeated") & undecided(lines)
        return where(again & sentence, "boilerplate_template", where(again & ~sentence, "boilerplate_repeated"))


@dataclass(frozen=True)
class OtherHeadline(LineRule):
    """A headline-shaped line inside the body (below the page's first sentence) that the site has on another
    page too: that page's title, or a link to it, standing between this article's paragraphs."""

    name = "other_headline"
    reasons: ClassVar[dict[str, str]] = {
        "boilerplate_other_headline": "another article's headline inside the body: a headline-shaped line (4 to 20 "
                                      "words, no sentence end), below the page's first sentence, that is the title "
                                      "(first line) of a page of the same site and stands on 2 or more of its pages "
                                      "(a link to a related story)",
    }

    def decide(self, lines: pa.Table) -> pa.Array[Any]:
        first, _ = body_bounds(array(lines, "doc"), prose(array(lines, "words"), array(lines, "ends_sentence")))
        below = np.arange(len(lines)) > first
        return where(array(lines, "elsewhere") & undecided(lines) & below, "boilerplate_other_headline")


@dataclass(frozen=True)
class TemplateBlock(LineRule):
    """A short line in a run of two or more that another page of the site has too, in the same order: a block of
    the site's template (header rows, a menu, a footer, an answer box's labels) on a site the build has only a few
    pages of, where no single line reaches MIN_DOCS. Sentences never count, so two articles of one story that share
    a paragraph or a quote keep it."""

    name = "template_block"
    reasons: ClassVar[dict[str, str]] = {
        "boilerplate_template_block": "a short line (not a sentence) in a run of two or more consecutive short lines "
                                      "that recurs, in the same order and up to numbers and links, on 2 or more "
                                      "pages of the same site",
    }

    def decide(self, lines: pa.Table) -> pa.Array[Any]:
        return where(array(lines, "block") & undecided(lines), "boilerplate_template_block")
