"""What changed between two releases, by content: documents (by id and raw-text hash) and paragraphs
(by text hash) added, removed and changed."""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyarrow as pa
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


@dataclass
class ReleaseContents:
    """What a diff needs of one release, read once: a build reads its --previous before it writes."""

    docs: dict[str, str]  # doc_id -> raw-text sha256
    paragraphs: Counter[bytes]  # multiset of paragraph text hashes
    version: str | None


class UnreadableRelease(ValueError):
    """A shard of a release cannot be read as one this tool writes (the message names it)."""


def read_contents(folder: Path) -> ReleaseContents:
    """Stream the shards of data/; the version comes from manifest.json when there is one."""
    docs: dict[str, str] = {}
    paragraphs: Counter[bytes] = Counter()
    for shard in sorted((folder / DATA).glob("*.parquet")):
        try:
            for batch in pq.ParquetFile(shard).iter_batches(columns=["doc_id", "doc_sha256", "text"]):
                for doc_id, sha, text in zip(*(batch.column(i).to_pylist() for i in range(3))):
                    docs[doc_id] = sha
                    paragraphs[hashlib.blake2b(text.encode("utf-8"), digest_size=8).digest()] += 1
        except (OSError, ValueError, KeyError, AttributeError, pa.ArrowException) as exc:
            # a release from elsewhere is untrusted input: a damaged shard or null text is its fault
            raise UnreadableRelease(f"{shard.relative_to(folder).as_posix()} cannot be read ({exc})") from None
    version = None
    if (folder / MANIFEST).exists():
        version = json.loads((folder / MANIFEST).read_text(encoding="utf-8")).get("version")
    return ReleaseContents(docs, paragraphs, version)


def diff(old: Path, new: Path) -> ReleaseDiff:
    return compare(read_contents(old), read_contents(new))


def compare(old: ReleaseContents, new: ReleaseContents) -> ReleaseDiff:
    result = ReleaseDiff(old.version, new.version)
    result.documents_added = sorted(set(new.docs) - set(old.docs))
    result.documents_removed = sorted(set(old.docs) - set(new.docs))
    result.documents_changed = sorted(d for d in set(old.docs) & set(new.docs) if old.docs[d] != new.docs[d])
    result.paragraphs_added = sum((new.paragraphs - old.paragraphs).values())
    result.paragraphs_removed = sum((old.paragraphs - new.paragraphs).values())
    result.paragraphs_kept = sum((old.paragraphs & new.paragraphs).values())
    return result
