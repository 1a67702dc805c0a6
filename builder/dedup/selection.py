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
from builder.run.compact import HashIndex, StringLog
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

    Memory per kept document: 14 band keys and one key per paragraph in compact tables
    (compact.HashIndex: 12 and 16 bytes a slot, 35-70% of slots used), and 8 bytes for its id, which
    is kept in a temporary file in `folder` (the build's staging folder) and read back only for a
    duplicate."""

    def __init__(self, folder: Path) -> None:
        self.paragraphs = HashIndex()  # paragraph key -> (document ordinal, paragraph index)
        self.bands = HashIndex(values=np.uint32)  # MinHash band key -> document ordinal
        self.doc_ids = StringLog(folder)  # kept documents' ids, by ordinal

    def close(self) -> None:
        self.doc_ids.close()

    def decide(self, doc_id: str, bands: Sequence[int], keys: Sequence[int]) -> Decision:
        """A document's fate from its band keys and its paragraphs' keys (key64; 0: too short to dedup)."""
        for band in bands:
            if (earlier := self.bands.get(band)) is not None:
                return Decision(near_duplicate_of=self.doc_ids[earlier])
        decision = Decision()
        ordinal = len(self.doc_ids)
        for candidate, key in enumerate(keys):
            here = (ordinal << PARAGRAPH_BITS) | len(decision.unique)
            earlier = self.paragraphs.setdefault(key, here) if key else None
            if earlier is not None:
                owner = earlier >> PARAGRAPH_BITS  # this very document when it repeats itself
                owner_id = self.doc_ids[owner] if owner < len(self.doc_ids) else doc_id
                decision.repeats.append((candidate, record_id(owner_id, earlier & ((1 << PARAGRAPH_BITS) - 1))))
            else:
                decision.unique.append(candidate)
        if decision.unique:  # with nothing new in it, nothing may point to it later
            self.doc_ids.append(doc_id)
            for band in bands:
                self.bands.setdefault(band, ordinal)
        return decision


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
