"""Whether the files a release's manifest lists are still the ones the build wrote, before a build replaces them.

A manifest.json makes a folder "a release of this tool", and a build replaces the files it lists. A manifest can
be copied or planted beside files of the user's, so a listed file is replaced only if it is what the manifest says:
its size, and its sha256 where the manifest gives one (once a build, under the lock: about 35 ms for 15 MB of
release files, see benchmarks/README.md, session 18). The card is left out: its prose is the user's to edit,
and a build writes a new one (see builder.release.fresh) rather than writing through the old.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Mapping
from pathlib import Path

from builder.release.layout import CARD
from builder.release.manifest import sha256_of

UNCHECKED = frozenset({CARD})


def changed_files(folder: Path, listed: Mapping[str, object], hashes: bool = True) -> list[str]:
    """The listed files present in `folder` that differ from their manifest entry (`listed`: a path -> its entry),
    each with how (`data/x.parquet (9 bytes, the manifest lists 1234)`): the size where the entry gives one, then
    the sha256 where it gives one and `hashes` is true. A listed path absent from the folder has nothing to replace."""
    changed: list[str] = []
    for path, entry in sorted(listed.items()):
        if path in UNCHECKED or not isinstance(entry, Mapping):
            continue
        size, digest = entry.get("bytes"), entry.get("sha256") if hashes else None
        how = _difference(folder / path, size, digest)
        if how:
            changed.append(f"{path} ({how})")
    return changed


def changed_objects(listed: Mapping[str, object], sizes: Mapping[str, object]) -> list[str]:
    """changed_files for a release in object storage, by the sizes its listing gives (`sizes`: a name -> its size):
    a sha256 would mean downloading every object."""
    changed: list[str] = []
    for path, entry in sorted(listed.items()):
        if path in UNCHECKED or path not in sizes or not isinstance(entry, Mapping):
            continue
        how = _size_differs(sizes[path], entry.get("bytes"))
        if how:
            changed.append(f"{path} ({how})")
    return changed


def _size_differs(actual: object, size: object) -> str | None:
    if isinstance(size, int) and not isinstance(size, bool) and isinstance(actual, int) and actual != size:
        return f"{actual} bytes, the manifest lists {size}"
    return None


def _difference(path: Path, size: object, digest: object) -> str | None:
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        return None
    except OSError as exc:  # a link, say: the caller refuses those by name first
        return f"cannot read it: {exc.strerror}"
    with os.fdopen(fd, "rb") as f:
        info = os.fstat(f.fileno())
        if not stat.S_ISREG(info.st_mode):
            return "not a regular file"
        if how := _size_differs(info.st_size, size):
            return how
        if isinstance(digest, str) and sha256_of(f) != digest:
            return "its sha256 is not the one the manifest lists"
    return None
