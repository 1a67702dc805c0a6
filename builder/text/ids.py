"""Stable identifiers and content hashes (no heavy imports: worker processes use them)."""

from __future__ import annotations

import hashlib
import unicodedata

from builder.text.clean import remove_invisible
from builder.text.pii import pseudonymise


def sha256_text(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def id_form(doc_id: str) -> str:
    """The form in which two document ids are the same id, for the duplicate-id check and the takedown
    list alike: Unicode NFC, without the invisible characters cleaning removes from text (zero-width
    space, word joiner, soft hyphen, BOM, bidi marks) and without surrounding whitespace. Otherwise
    exact: case matters, and a letter of another script that looks the same (Cyrillic `а`, Latin `a`)
    is another id. (Controls, line separators and bidi overrides are not in a valid id at all: the
    document schema refuses them.)"""
    folded = remove_invisible(doc_id).strip()
    return folded if unicodedata.is_normalized("NFC", folded) else unicodedata.normalize("NFC", folded)


def record_id(doc_id: str, paragraph_index: int) -> str:
    """Stable across rebuilds: depends only on the document id and the paragraph's position. The id
    is taken as published (an address in it pseudonymised, see builder.text.sanitise), so a reader can
    derive a record id from the doc_id column; ids without addresses are unchanged by that."""
    return _published_record_id(pseudonymise(doc_id), paragraph_index)


def record_ids(doc_id: str, count: int, plain: bool = False) -> list[str]:
    """`record_id` of a document's paragraphs 0 to count - 1, its id pseudonymised once for all of them (not at
    all when the caller found it `plain`: Sanitiser.may_change does not pick it)."""
    published = doc_id if plain else pseudonymise(doc_id)
    return [_published_record_id(published, index) for index in range(count)]


def published_record_id(doc_id: str, written: str | None, paragraph_index: int) -> str:
    """`record_id(doc_id, paragraph_index)`, the id as published taken from `written` (the document's records'
    doc_id column: `identifier(doc_id)`) where that is pseudonymise(doc_id): where identifier left the id as it
    is, or the id holds no invisible character (builder.release.records makes the records' ids so). The driver
    renumbers the paragraphs after a repeated one by it: pseudonymised again (a date in an id is looked at as a
    card number's start), the 2,766 of a 50 MB rebuild were most of the 0.15 thread CPU-s its placing lost."""
    published = as_published(doc_id, written)
    return _published_record_id(pseudonymise(doc_id) if published is None else published, paragraph_index)


def as_published(doc_id: str, written: str | None) -> str | None:
    """`written` (`identifier(doc_id)`, the records' doc_id column) where it is pseudonymise(doc_id): it is the id as
    it is, or the id holds no invisible character; else None (the record ids are then pseudonymise(doc_id)'s)."""
    return written if written is not None and (written == doc_id or remove_invisible(doc_id) == doc_id) else None


def _published_record_id(published: str, paragraph_index: int) -> str:
    return hashlib.sha256(f"{published}\x00{paragraph_index}".encode("utf-8", "surrogatepass")).hexdigest()[:32]
