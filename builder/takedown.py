"""Takedown lists: documents to leave out of a release, by id or URL, applied and recorded as proof."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from builder.document import Document


class TakedownError(ValueError):
    """The list cannot be read (a usage error)."""


@dataclass
class Takedown:
    ids: frozenset[str] = frozenset()
    urls: frozenset[str] = frozenset()
    sha256: str | None = None
    matched: list[str] = field(default_factory=list)  # ids of the documents left out, in build order

    @classmethod
    def load(cls, path: str | None) -> "Takedown":
        """One entry per line: a document id, or a URL (http:// or https://); # starts a comment."""
        if path is None:
            return cls()
        try:
            data = Path(path).read_bytes()
            lines = data.decode("utf-8").splitlines()
        except (OSError, UnicodeDecodeError) as exc:
            raise TakedownError(f"--exclude {path}: cannot read the list: {exc}") from None
        entries = [line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")]
        urls = {e for e in entries if e.startswith(("http://", "https://"))}
        return cls(frozenset(set(entries) - urls), frozenset(urls), hashlib.sha256(data).hexdigest())

    def excludes(self, doc: Document) -> bool:
        if doc.id in self.ids or (doc.url is not None and doc.url in self.urls):
            self.matched.append(doc.id)
            return True
        return False

    def record(self) -> dict[str, Any] | None:
        """What the manifest keeps: the list's hash and size, and which documents it removed."""
        if self.sha256 is None:
            return None
        return {"sha256": self.sha256, "entries": len(self.ids) + len(self.urls), "excluded": self.matched}
