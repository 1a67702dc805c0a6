"""Duplicates across the whole build: exact paragraphs on a normalised key, near-duplicate documents by
MinHash/LSH (their band keys come from dedup/minhash.py, computed in the workers).

Both keep compact hashed keys, never texts; the first occurrence (in build order) wins and every
later one points to it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from builder.outcomes import Document, Paragraph, Reject
from builder.run.compact import SortedRuns, StringLog
from builder.text.chars import Chars
from builder.text.ids import record_id
from builder.text.keys import line_keys, word_counts

DEDUP_MIN_WORDS = 5  # shorter paragraphs (subheadings, datelines kept as text) may legitimately repeat


def _digest(text: str, size: int = 8) -> bytes:
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=size).digest()


def paragraph_key(text: str) -> bytes | None:
    """The exact-duplicate key of a paragraph, or None for paragraphs too short to dedup."""
    return paragraph_keys([text])[0]


def paragraph_keys(texts: Sequence[str]) -> list[bytes | None]:
    """`paragraph_key` of every paragraph of a batch (keys and word counts over the whole batch)."""
    chars = Chars.of(texts)
    return [_digest(key) if n >= DEDUP_MIN_WORDS else None
            for key, n in zip(line_keys(chars), word_counts(chars).tolist(), strict=True)]


PARAGRAPH_BITS = 24  # a record is remembered as (kept-document ordinal, paragraph index) in one integer


class Selection:
    """The decisions that need the whole build so far, taken in build order: near-duplicate
    documents, then duplicate paragraphs. (Filters and hashes were computed in the workers.)

    Memory per kept document: 14 band keys and one key per paragraph in sorted runs (compact.SortedRuns,
    which keeps its big runs in unnamed files in `folder`, the build's staging folder: 4 bytes a key in
    memory), and 8 bytes for its id, which is kept in a temporary file there too and read back only for
    a duplicate."""

    RECENT_IDS = 4096  # kept documents' ids held in memory for their near-duplicates and repeated paragraphs

    def __init__(self, folder: Path) -> None:
        self.paragraphs = SortedRuns(folder=folder)  # paragraph key -> (document ordinal, paragraph index)
        self.bands = SortedRuns(values=np.uint32, folder=folder)  # MinHash band key -> document ordinal
        self.doc_ids = StringLog(folder)  # kept documents' ids, by ordinal
        self._recent: dict[int, str] = {}  # some of them (_kept_id)

    def close(self) -> None:
        self.doc_ids.close()
        self.paragraphs.close()
        self.bands.close()

    def _kept_id(self, ordinal: int) -> str:
        """A kept document's id, which a near-duplicate or a repeated paragraph points to: read from the file
        once, then held for the next ones (a page copied many times), up to RECENT_IDS ids."""
        if (found := self._recent.get(ordinal)) is None:
            if len(self._recent) >= self.RECENT_IDS:
                self._recent.clear()
            found = self._recent[ordinal] = self.doc_ids[ordinal]
        return found

    def decide_all(self, documents: Sequence[tuple[str, Sequence[int], Sequence[int]]]) -> list[Decision]:
        """The fate of a batch's documents, each from its id, band keys and paragraphs' keys (key64; 0: too
        short to dedup), in build order: a document is checked against every one before it, the batch's
        own too. The batch's keys are looked up in the indexes at once (no Python per key in the index);
        the keys the batch adds are kept in dicts until its end, then added to the indexes together."""
        bands = Lookup(self.bands, [band for _, keys, _ in documents for band in keys])
        paragraphs = Lookup(self.paragraphs, [key for _, _, keys in documents for key in keys if key])
        decisions = [self._decide(doc_id, doc_bands, keys, bands, paragraphs) for doc_id, doc_bands, keys in documents]
        bands.add_to(self.bands)
        paragraphs.add_to(self.paragraphs)
        return decisions

    def _decide(self, doc_id: str, bands: Sequence[int], keys: Sequence[int], band_index: Lookup,
                paragraph_index: Lookup) -> Decision:
        for band in bands:
            if (earlier := band_index.get(band)) is not None:
                return Decision(near_duplicate_of=self._kept_id(earlier))
        decision = Decision()
        ordinal = len(self.doc_ids)
        for candidate, key in enumerate(keys):
            here = (ordinal << PARAGRAPH_BITS) | len(decision.unique)
            earlier = paragraph_index.setdefault(key, here) if key else None
            if earlier is not None:
                owner = earlier >> PARAGRAPH_BITS  # this very document when it repeats itself
                owner_id = self._kept_id(owner) if owner < len(self.doc_ids) else doc_id
                decision.repeats.append((candidate, record_id(owner_id, earlier & ((1 << PARAGRAPH_BITS) - 1))))
            else:
                decision.unique.append(candidate)
        if decision.unique:  # with nothing new in it, nothing may point to it later
            self.doc_ids.append(doc_id)
            for band in bands:
                band_index.setdefault(band, ordinal)
        return decision


class Lookup:
    """One batch's view of an index: the values of the batch's keys that were in it, and the keys the
    batch adds, which go into the index at the batch's end."""

    def __init__(self, index: SortedRuns, keys: list[int]) -> None:
        wanted = np.array(keys, dtype=np.uint64)
        found, values = index.get_many(wanted)
        self.values: dict[int, int] = dict(zip(wanted[found].tolist(), values[found].tolist(), strict=True))
        self.added: list[int] = []

    def get(self, key: int) -> int | None:
        return self.values.get(key)

    def setdefault(self, key: int, value: int) -> int | None:
        """The value of `key`, or None after giving it `value`."""
        if (earlier := self.values.get(key)) is not None:
            return earlier
        self.values[key] = value
        self.added.append(key)
        return None

    def add_to(self, index: SortedRuns) -> None:
        index.add_many(np.array(self.added, dtype=np.uint64),
                       np.array([self.values[key] for key in self.added], dtype=np.uint64))


@dataclass
class Decision:
    """What the selection made of a document: a near-duplicate of a kept one, or the paragraphs it
    keeps and those that repeat an earlier record (none kept: the document is empty after dedup)."""

    near_duplicate_of: str | None = None  # the id of the kept document it nearly repeats
    unique: list[int] = field(default_factory=list)  # the candidates kept, in order
    repeats: list[tuple[int, str]] = field(default_factory=list)  # (candidate, the record id it repeats)


def line_reject(doc: Document, p: Paragraph, reason: str, duplicate_of: str | None = None) -> Reject:
    return Reject.line(reason, doc.location.inner_line(p.line), doc.source, doc_id=doc.id, char_start=p.char_start,
                       char_end=p.char_end, text=p.text, duplicate_of=duplicate_of)


def document_reject(doc: Document, reason: str) -> Reject:
    return Reject.document(reason, doc.location, doc.source, doc_id=doc.id, text=doc.text)
