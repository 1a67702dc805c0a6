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


def paragraph_keys(texts: Sequence[str], known: Sequence[tuple[str, int] | None] | None = None
                   ) -> list[bytes | None]:
    """`paragraph_key` of every paragraph of a batch (keys and word counts over the whole batch). `known`: each
    text's matching key and word count where the caller has them already (a kept line's, from the lines table:
    `line_keys` and `word_counts` of the same text), None where not; only the others are computed."""
    if known is None:
        known = [None] * len(texts)
    missing = [i for i, each in enumerate(known) if each is None]
    found = list(known)
    if missing:
        chars = Chars.of([texts[i] for i in missing])
        for i, key, n in zip(missing, line_keys(chars), word_counts(chars).tolist(), strict=True):
            found[i] = key, n
    return [_digest(key) if n >= DEDUP_MIN_WORDS else None for key, n in found]  # type: ignore[misc]


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
        # kept documents' ids, by ordinal: each as read, and after a NUL (which an id never holds: the document
        # schema refuses control characters) as published where the caller gave that and it differs
        self.doc_ids = StringLog(folder)
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

    def kept_id(self, ordinal: int) -> str:
        """The id of the kept document numbered `ordinal` (a near-duplicate's Decisions.near gives it)."""
        return self._kept_id(ordinal).split(_PUBLISHED, 1)[0]

    def kept_published(self, ordinal: int) -> str | None:
        """Its id as published, as decide_all was given it (None: not given)."""
        stored = self._kept_id(ordinal)
        if _PUBLISHED in stored:
            return stored.split(_PUBLISHED, 1)[1] or None
        return stored

    def decide_all(self, ids: Sequence[str], band_ends: np.ndarray, bands: np.ndarray, key_ends: np.ndarray,
                   keys: np.ndarray, published: Sequence[str | None] | None = None) -> Decisions:
        """The fate of a batch's documents, each from its id, band keys (`bands[band_ends[i-1]:band_ends[i]]`)
        and paragraphs' keys (key64; 0: too short to dedup), in build order: a document is checked against
        every one before it, the batch's own too.

        Most documents are decided over arrays: one none of whose keys the indexes or an earlier document
        of the batch have is kept whole; one whose first such band key is in the band index is a
        near-duplicate of the document the index names. Only the others (keys shared within the batch,
        repeated paragraphs) go through `_decide`, in order, with the same results as if every one did.
        `published`: each one's id as published (None: not known), which kept_published gives back."""
        n = len(ids)
        stored = [_stored(doc_id, shown) for doc_id, shown in zip(ids, published or [None] * n, strict=True)]
        band_doc = np.repeat(np.arange(n), np.diff(band_ends, prepend=0))
        key_doc = np.repeat(np.arange(n), np.diff(key_ends, prepend=0))
        in_bands, band_values = self.bands.get_many(bands)
        dedup = keys != 0
        in_paragraphs = np.zeros(len(keys), dtype=bool)
        paragraph_values = np.zeros(len(keys), dtype=np.uint64)
        in_paragraphs[dedup], paragraph_values[dedup] = self.paragraphs.get_many(keys[dedup])
        band_first, band_repeated = _firsts(bands)
        earlier_band = band_doc[band_first] < band_doc  # an earlier document of the batch has it
        paragraph_first, paragraph_repeated = _firsts(np.where(dedup, keys, 0))
        earlier_paragraph = dedup & (paragraph_first < np.arange(len(keys)))  # ... or an earlier paragraph
        near = np.full(n, -1, dtype=np.int64)
        plain = np.ones(n, dtype=bool)  # kept whole, decided over arrays
        flagged = np.flatnonzero(in_bands | earlier_band)
        docs, first = np.unique(band_doc[flagged], return_index=True)  # each document's first flagged band
        first = flagged[first]
        from_index = in_bands[first]
        near[docs[from_index]] = band_values[first[from_index]].astype(np.int64)
        plain[docs] = False
        plain[key_doc[in_paragraphs | earlier_paragraph]] = False
        plain[np.diff(key_ends, prepend=0) == 0] = False  # nothing to keep: empty (one by one, as rare)
        one_by_one = np.flatnonzero(~plain & (near < 0))
        # the keys those look up: the indexes' values, and the batch's keys that a plain document had first
        shared_band = plain[band_doc] & band_repeated
        shared_paragraph = plain[key_doc] & paragraph_repeated & dedup
        mine_band, mine_paragraph = np.isin(band_doc, one_by_one), np.isin(key_doc, one_by_one)
        band_index = Lookup.of(bands[mine_band & in_bands], band_values[mine_band & in_bands])
        mine_paragraph &= in_paragraphs
        paragraph_index = Lookup.of(keys[mine_paragraph], paragraph_values[mine_paragraph])
        ordinals = np.full(n, -1, dtype=np.int64)  # each plain document's, as it is kept
        counts = np.diff(key_ends, prepend=0)
        candidate = np.arange(len(keys)) - np.repeat(key_ends - counts, counts)  # each key's paragraph in its document
        partial: dict[int, Decision] = {}
        # what keep_plain takes, found once for the batch: the plain documents, and the places of the shared keys
        # a later one looks up; then, for each one-by-one document (and the batch's end), how many of each lie
        # before it (their documents are in order, so a search finds the cut)
        plain_docs, band_at, paragraph_at = np.flatnonzero(plain), np.flatnonzero(shared_band), \
            np.flatnonzero(shared_paragraph)
        upto = np.append(one_by_one, n)
        cuts = iter(zip(np.searchsorted(plain_docs, upto).tolist(), np.searchsorted(band_doc[band_at], upto).tolist(),
                        np.searchsorted(key_doc[paragraph_at], upto).tolist(), strict=True))
        flushed = (0, 0, 0)

        def keep_plain() -> None:
            """The plain documents before the next one-by-one document (or the batch's end) kept, in order; their
            keys that a later one looks up known. A run of them at a time, over arrays."""
            nonlocal flushed
            cut = next(cuts)
            (docs_from, bands_from, paragraphs_from), flushed = flushed, cut
            if cut[0] > docs_from:
                docs = plain_docs[docs_from:cut[0]]
                ordinals[docs] = len(self.doc_ids) + np.arange(len(docs))
                self.doc_ids.extend([stored[doc] for doc in docs.tolist()])
            if cut[1] > bands_from:
                at = band_at[bands_from:cut[1]]
                band_index.values.update(zip(bands[at].tolist(), ordinals[band_doc[at]].tolist(), strict=True))
            if cut[2] > paragraphs_from:
                at = paragraph_at[paragraphs_from:cut[2]]
                paragraph_index.values.update(zip(keys[at].tolist(),
                                                  ((ordinals[key_doc[at]] << PARAGRAPH_BITS) | candidate[at]).tolist(),
                                                  strict=True))

        for doc in one_by_one.tolist():
            keep_plain()
            low = int(key_ends[doc - 1]) if doc else 0
            low_band = int(band_ends[doc - 1]) if doc else 0
            decision = self._decide(ids[doc], bands[low_band:band_ends[doc]].tolist(), keys[low:key_ends[doc]].tolist(),
                                    band_index, paragraph_index, stored[doc])
            if decision.near is not None:
                near[doc] = decision.near
            elif decision.repeats or not decision.unique:
                partial[doc] = decision
        keep_plain()
        kept_bands = plain[band_doc] & (band_first == np.arange(len(bands)))  # a band twice in a document: once
        kept_keys = plain[key_doc] & dedup
        self.bands.add_many(np.concatenate([bands[kept_bands], np.array(band_index.added, dtype=np.uint64)]),
                            np.concatenate([ordinals[band_doc[kept_bands]].astype(np.uint64),
                                            np.array([band_index.values[k] for k in band_index.added], np.uint64)]))
        self.paragraphs.add_many(
            np.concatenate([keys[kept_keys], np.array(paragraph_index.added, dtype=np.uint64)]),
            np.concatenate([(ordinals[key_doc[kept_keys]].astype(np.uint64) << np.uint64(PARAGRAPH_BITS))
                            | candidate[kept_keys].astype(np.uint64),
                            np.array([paragraph_index.values[k] for k in paragraph_index.added], np.uint64)]))
        return Decisions(near, partial)

    def _decide(self, doc_id: str, bands: Sequence[int], keys: Sequence[int], band_index: Lookup,
                paragraph_index: Lookup, stored: str | None = None) -> Decision:
        """`stored`: what doc_ids keeps of it (`_stored`; by default its id, published form unknown)."""
        for band in bands:
            if (earlier := band_index.get(band)) is not None:
                return Decision(near=earlier)
        decision = Decision()
        ordinal = len(self.doc_ids)
        for candidate, key in enumerate(keys):
            here = (ordinal << PARAGRAPH_BITS) | len(decision.unique)
            earlier = paragraph_index.setdefault(key, here) if key else None
            if earlier is not None:
                owner = earlier >> PARAGRAPH_BITS  # this very document when it repeats itself
                owner_id = self.kept_id(owner) if owner < len(self.doc_ids) else doc_id
                decision.repeats.append((candidate, record_id(owner_id, earlier & ((1 << PARAGRAPH_BITS) - 1))))
            else:
                decision.unique.append(candidate)
        if decision.unique:  # with nothing new in it, nothing may point to it later
            self.doc_ids.append(_stored(doc_id, None) if stored is None else stored)
            for band in bands:
                band_index.setdefault(band, ordinal)
        return decision


_PUBLISHED = "\0"  # in Selection.doc_ids, between an id as read and as published


def _stored(doc_id: str, published: str | None) -> str:
    """What Selection.doc_ids keeps of a kept document: its id, and its published form where that differs (an
    empty one where it is not known)."""
    if published == doc_id:
        return doc_id
    return f"{doc_id}{_PUBLISHED}{published or ''}"


def _firsts(keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For each key, where the array first has it, and whether the array has it more than once."""
    _, first, inverse, counts = np.unique(keys, return_index=True, return_inverse=True, return_counts=True)
    return first[inverse], counts[inverse] > 1


class Lookup:
    """One batch's view of an index: the values of the keys looked up that were in it, and the keys the
    batch adds (`added`, in order), which go into the index at the batch's end."""

    def __init__(self, values: dict[int, int]) -> None:
        self.values = values
        self.added: list[int] = []

    @classmethod
    def of(cls, keys: np.ndarray, values: np.ndarray) -> Lookup:
        return cls(dict(zip(keys.tolist(), values.tolist(), strict=True)))

    def get(self, key: int) -> int | None:
        return self.values.get(key)

    def setdefault(self, key: int, value: int) -> int | None:
        """The value of `key`, or None after giving it `value`."""
        if (earlier := self.values.get(key)) is not None:
            return earlier
        self.values[key] = value
        self.added.append(key)
        return None


@dataclass
class Decisions:
    """What the selection made of a batch's documents: each one is kept whole but those it names."""

    near: np.ndarray  # per document: the ordinal of the kept document it nearly repeats (kept_id), -1: none
    partial: dict[int, Decision]  # the documents that lose paragraphs (to earlier ones) or are empty, by position


@dataclass
class Decision:
    """What the selection made of a document: a near-duplicate of a kept one, or the paragraphs it
    keeps and those that repeat an earlier record (none kept: the document is empty after dedup)."""

    near: int | None = None  # the ordinal of the kept document it nearly repeats
    unique: list[int] = field(default_factory=list)  # the candidates kept, in order
    repeats: list[tuple[int, str]] = field(default_factory=list)  # (candidate, the record id it repeats)

