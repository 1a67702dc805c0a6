"""Lines a site repeats across its pages (CCNet-style): counted over the whole build in the first
pass, then looked up, per line, in the second.

A line is counted by its *shape*: its matching key (digits already folded to 0) with URLs, e-mail
addresses and handles masked, so "© 2015 …" and "© 2016 …", or a contact line with each author's
address, count as one template. Short labels count from `MIN_DOCS` pages; sentences (prose, or
lines over `MAX_CHARS`) only from `TEMPLATE_MIN_DOCS`, because two articles of one story may quote
the same sentence (that is content, and dedup's job), while a disclaimer or an "about" note is on
every page of the site.

Only the frequent keys (64-bit hashes of site and shape, the top bit telling a sentence from a label)
are kept and shipped to the workers; the work marks each line of the lines table `repeated`, and the
`Repeated` rule decides on that column, so the rule itself holds no build state.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar

import numpy as np
import pyarrow as pa

from builder.rules.structure import is_prose
from builder.run.compact import KeyCounter, key64
from builder.steps import LineRule, values
from builder.text.keys import line_key

MAX_CHARS = 200  # a longer line is a sentence whatever its punctuation
MIN_DOCS = 3  # a short label on this many pages of a site is its chrome
TEMPLATE_MIN_DOCS = 6  # a sentence needs this many pages: fewer may be one story told several times
SENTENCE_BIT = np.uint64(1 << 63)
_VARIABLE = re.compile(r"(?:https?://|www\.)\S+|\S+@\S+\.\w+|[@#]\w+", re.IGNORECASE)


def shape(text: str) -> str:
    """The line's matching key with its variable parts (links, addresses, handles; digits are 0 in
    every key) masked."""
    return line_key(_VARIABLE.sub(" \x00 ", text).replace("\x00", "link"))


def is_sentence(text: str) -> bool:
    return len(text) > MAX_CHARS or is_prose(text)


class RepeatedLines:
    """The line shapes that recur on enough documents of the same site, as 64-bit hashes."""

    def __init__(self, keys: frozenset[int] = frozenset()) -> None:
        self.keys = keys

    @staticmethod
    def key(site: str, text: str) -> int | None:
        key = shape(text)
        if not key:
            return None
        hashed = key64(hashlib.blake2b(f"{site}\x00{key}".encode("utf-8", "surrogatepass"), digest_size=8).digest())
        return hashed | int(SENTENCE_BIT) if is_sentence(text) else hashed & ~int(SENTENCE_BIT)

    @classmethod
    def document_keys(cls, site: str, texts: Iterable[str]) -> set[int]:
        """A document's keys, once each: a line counts once per document however often it appears."""
        return {k for t in texts if (k := cls.key(site, t)) is not None}

    @classmethod
    def count(cls, documents: Iterable[tuple[str, Sequence[str]]], min_docs: int = MIN_DOCS,
              template_min_docs: int = TEMPLATE_MIN_DOCS) -> RepeatedLines:
        counter = KeyCounter()
        for site, texts in documents:
            counter.add(np.fromiter(cls.document_keys(site, texts), dtype=np.uint64))
        return cls.from_counter(counter, min_docs, template_min_docs)

    @classmethod
    def frequent(cls, counter: KeyCounter, min_docs: int = MIN_DOCS,
                 template_min_docs: int = TEMPLATE_MIN_DOCS) -> np.ndarray:
        """The keys that recur often enough for their kind (labels `min_docs`, sentences
        `template_min_docs`), sorted."""
        labels = counter.at_least(min_docs)
        labels = labels[(labels & SENTENCE_BIT) == 0]
        sentences = counter.at_least(template_min_docs)
        sentences = sentences[(sentences & SENTENCE_BIT) != 0]
        return np.union1d(labels, sentences)

    @classmethod
    def from_counter(cls, counter: KeyCounter, min_docs: int = MIN_DOCS,
                     template_min_docs: int = TEMPLATE_MIN_DOCS) -> RepeatedLines:
        return cls(frozenset(cls.frequent(counter, min_docs, template_min_docs).tolist()))

    def is_repeated(self, site: str, text: str) -> bool:
        return self.key(site, text) in self.keys


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
        texts, repeated = values(lines, "text"), values(lines, "repeated")
        reasons = values(lines, "reason")
        return pa.array([(("boilerplate_template" if is_sentence(t) else "boilerplate_repeated")
                          if r is None and again else None)
                         for t, again, r in zip(texts, repeated, reasons, strict=True)], pa.string())
