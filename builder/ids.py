"""Stable identifiers and content hashes (no heavy imports: worker processes use them)."""

from __future__ import annotations

import hashlib


def sha256_text(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def record_id(doc_id: str, paragraph_index: int) -> str:
    """Stable across rebuilds: depends only on the document id and the paragraph's position."""
    return hashlib.sha256(f"{doc_id}\x00{paragraph_index}".encode("utf-8", "surrogatepass")).hexdigest()[:32]
