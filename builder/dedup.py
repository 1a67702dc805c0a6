"""Duplicates across the whole build: exact paragraphs on a normalised key, near-duplicate documents by MinHash/LSH.

Both keep compact hashed keys, never texts; the first occurrence (in build order) wins and every
later one points to it.
"""

from __future__ import annotations

import hashlib
import re
import struct

import numpy as np

from builder.boilerplate import line_key, words
from builder.document import Document, Paragraph, Reject
from builder.filters import Filters
from builder.reasons import explain
from builder.records import record_id

DEDUP_MIN_WORDS = 5  # shorter paragraphs (subheadings, datelines kept as text) may legitimately repeat
SHINGLE_WORDS = 5
BANDS, ROWS = 14, 8  # FineWeb's setting: ~0.75 Jaccard similarity is caught with high probability
_PRIME = np.uint64((1 << 61) - 1)
_rng = np.random.default_rng(1234567)  # fixed seed: the same documents always give the same signatures
# Permutations (a*x + b) mod p as datasketch computes them: a and b span the whole field, so the
# 64-bit products wrap and scramble; with small a the minimum would just track the smallest x.
_A = _rng.integers(1, (1 << 61) - 1, size=BANDS * ROWS, dtype=np.uint64)
_B = _rng.integers(0, (1 << 61) - 1, size=BANDS * ROWS, dtype=np.uint64)
_MAX_HASH = np.uint64(0xFFFFFFFF)
_TOKEN = re.compile(r"\w+")


def _digest(text: str, size: int = 8) -> bytes:
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=size).digest()


class ParagraphDedup:
    """Exact duplicates of paragraphs, on line_key (diacritics, alef forms, digits, punctuation folded)."""

    def __init__(self) -> None:
        self.first: dict[bytes, str] = {}

    def seen(self, text: str, words: int, record_id: str) -> str | None:
        """The id of the earlier record this paragraph duplicates, or None (and remember this one)."""
        if words < DEDUP_MIN_WORDS:
            return None
        key = _digest(line_key(text))
        earlier = self.first.get(key)
        if earlier is None:
            self.first[key] = record_id
        return earlier


def signature(text: str) -> np.ndarray:
    tokens = [line_key(t) for t in _TOKEN.findall(text)]
    shingles = {" ".join(tokens[i : i + SHINGLE_WORDS]) for i in range(max(1, len(tokens) - SHINGLE_WORDS + 1))}
    hashes = np.array(sorted(struct.unpack("<I", _digest(s, 4))[0] for s in shingles), dtype=np.uint64)
    with np.errstate(over="ignore"):
        return (((np.outer(hashes, _A) + _B) % _PRIME) & _MAX_HASH).min(axis=0)


class NearDuplicates:
    """Documents whose word 5-gram sets overlap heavily with an earlier document's."""

    def __init__(self) -> None:
        self.buckets: dict[bytes, str] = {}

    def seen(self, text: str, doc_id: str) -> str | None:
        """The id of an earlier near-duplicate document, or None (and remember this one)."""
        sig = signature(text)
        keys = [_digest(f"{band}:" + sig[band * ROWS : (band + 1) * ROWS].tobytes().hex()) for band in range(BANDS)]
        for key in keys:
            if key in self.buckets:
                return self.buckets[key]
        for key in keys:
            self.buckets[key] = doc_id
        return None


class Selection:
    """The decisions that need the whole build so far, taken in build order: document and paragraph
    filters, near-duplicate documents, duplicate paragraphs."""

    def __init__(self, filters: Filters) -> None:
        self.filters = filters
        self.paragraphs = ParagraphDedup()
        self.documents = NearDuplicates()

    def select(self, doc: Document, kept: list[Paragraph], language: str,
               dropped: list[Reject]) -> tuple[list[Paragraph], Reject | None]:
        """The paragraphs to write (dropped ones are added to `dropped`), or the reason to drop the document."""
        def line(p: Paragraph, reason: str, duplicate_of: str | None = None) -> Reject:
            return Reject("line", reason, explain(reason), doc.location.inner_line(p.line), doc.source,
                          doc_id=doc.id, char_start=p.char_start, char_end=p.char_end, text=p.text,
                          duplicate_of=duplicate_of)

        def document(reason: str, duplicate_of: str | None = None) -> tuple[list[Paragraph], Reject]:
            return [], Reject("document", reason, explain(reason), doc.location, doc.source, doc_id=doc.id,
                              text=doc.text[:200], duplicate_of=duplicate_of)

        if kept and (reason := self.filters.document_reason(language)):
            return document(reason)
        selected = []
        for p in kept:
            if reason := self.filters.paragraph_reason(p):
                dropped.append(line(p, reason))
            else:
                selected.append(p)
        if not selected:
            return document("empty_after_clean")
        if earlier := self.documents.seen("\n".join(p.text for p in selected), doc.id):
            return document("near_duplicate", earlier)
        unique: list[Paragraph] = []
        for p in selected:
            if earlier := self.paragraphs.seen(p.text, words(p.text), record_id(doc.id, len(unique))):
                dropped.append(line(p, "duplicate_paragraph", earlier))
            else:
                unique.append(p)
        if not unique:
            return document("empty_after_clean")
        dropped.sort(key=lambda r: r.char_start or 0)
        return unique, None
