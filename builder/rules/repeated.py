"""Lines a site repeats across its pages (CCNet-style): counted over the whole build in the first
pass, then looked up, per line, in the second.

Only the frequent keys (64-bit hashes of site and matching key) are kept and shipped to the workers;
the work marks each line of the lines table `repeated`, and the `Repeated` rule decides on that
column, so the rule itself holds no build state.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar

import numpy as np
import pyarrow as pa

from builder.rules.structure import is_prose
from builder.run.compact import KeyCounter, key64
from builder.steps import LineRule, values
from builder.text.keys import line_key

MAX_CHARS = 200  # longer lines are never counted: a repeated long line is content, dedup's job
MIN_DOCS = 3


class RepeatedLines:
    """The short lines that recur in `min_docs` or more documents of the same site, as 64-bit hashes."""

    def __init__(self, keys: frozenset[int] = frozenset()) -> None:
        self.keys = keys

    @staticmethod
    def key(site: str, text: str) -> int | None:
        key = line_key(text)
        if not key or len(text) > MAX_CHARS:
            return None
        return key64(hashlib.blake2b(f"{site}\x00{key}".encode("utf-8", "surrogatepass"), digest_size=8).digest())

    @classmethod
    def document_keys(cls, site: str, texts: Iterable[str]) -> set[int]:
        """A document's keys, once each: a line counts once per document however often it appears."""
        return {k for t in texts if (k := cls.key(site, t)) is not None}

    @classmethod
    def count(cls, documents: Iterable[tuple[str, Sequence[str]]], min_docs: int = MIN_DOCS) -> RepeatedLines:
        counter = KeyCounter()
        for site, texts in documents:
            counter.add(np.fromiter(cls.document_keys(site, texts), dtype=np.uint64))
        return cls.from_counter(counter, min_docs)

    @classmethod
    def from_counter(cls, counter: KeyCounter, min_docs: int = MIN_DOCS) -> RepeatedLines:
        return cls(frozenset(counter.at_least(min_docs).tolist()))

    def is_repeated(self, site: str, text: str) -> bool:
        return self.key(site, text) in self.keys


@dataclass(frozen=True)
class Repeated(LineRule):
    """A short line the site repeats on 3 or more pages; repeated prose is left to dedup."""

    name = "repeated"
    reasons: ClassVar[dict[str, str]] = {
        "boilerplate_repeated": "a short line that recurs in 3 or more documents of the same site",
    }

    def decide(self, lines: pa.Table) -> pa.Array[Any]:
        texts, repeated = values(lines, "text"), values(lines, "repeated")
        reasons = values(lines, "reason")
        return pa.array(["boilerplate_repeated" if r is None and again and not is_prose(t) else None
                         for t, again, r in zip(texts, repeated, reasons, strict=True)], pa.string())
