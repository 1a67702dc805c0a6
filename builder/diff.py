"""What changed between two releases, by content: documents (by id and raw-text hash) and paragraphs
(by text hash) added, removed and changed."""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq

from builder.layout import DATA, MANIFEST


@dataclass
class ReleaseDiff:
    old_version: str | None
    new_version: str | None
    documents_added: list[str] = field(default_factory=list)
    documents_removed: list[str] = field(default_factory=list)
    documents_changed: list[str] = field(default_factory=list)
    paragraphs_added: int = 0
    paragraphs_removed: int = 0
    paragraphs_kept: int = 0

    def to_dict(self) -> dict[str, Any]:
        return dict(vars(self))


def _contents(folder: Path) -> tuple[dict[str, str], Counter[bytes], str | None]:
    """doc_id -> raw-text sha256, and a multiset of paragraph text hashes, streamed from the shards."""
    docs: dict[str, str] = {}
    paragraphs: Counter[bytes] = Counter()
    for shard in sorted((folder / DATA).glob("*.parquet")):
        for batch in pq.ParquetFile(shard).iter_batches(columns=["doc_id", "doc_sha256", "text"]):
            for doc_id, sha, text in zip(*(batch.column(i).to_pylist() for i in range(3))):
                docs[doc_id] = sha
                paragraphs[hashlib.blake2b(text.encode("utf-8"), digest_size=8).digest()] += 1
    version = None
    if (folder / MANIFEST).exists():
        version = json.loads((folder / MANIFEST).read_text(encoding="utf-8")).get("version")
    return docs, paragraphs, version


def diff(old: Path, new: Path) -> ReleaseDiff:
    old_docs, old_paragraphs, old_version = _contents(old)
    new_docs, new_paragraphs, new_version = _contents(new)
    result = ReleaseDiff(old_version, new_version)
    result.documents_added = sorted(set(new_docs) - set(old_docs))
    result.documents_removed = sorted(set(old_docs) - set(new_docs))
    result.documents_changed = sorted(d for d in set(old_docs) & set(new_docs) if old_docs[d] != new_docs[d])
    result.paragraphs_added = sum((new_paragraphs - old_paragraphs).values())
    result.paragraphs_removed = sum((old_paragraphs - new_paragraphs).values())
    result.paragraphs_kept = sum((old_paragraphs & new_paragraphs).values())
    return result
