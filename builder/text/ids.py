"""Stable identifiers and content hashes (no heavy imports: worker processes use them)."""

from __future__ import annotations

import hashlib

from builder.text.pii import pseudonymise


def sha256_text(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def record_id(doc_id: str, paragraph_index: int) -> str:
    """Stable across rebuilds: depends only on the document id and the paragraph's position. The id
    is taken as published (an address in it pseudonymised, see builder.text.sanitise), so a reader can
    derive a record id from the doc_id column; ids without addresses are unchanged by that."""
    published = pseudonymise(doc_id)
    return hashlib.sha256(f"{published}\x00{paragraph_index}".encode("utf-8", "surrogatepass")).hexdigest()[:32]
