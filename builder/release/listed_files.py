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
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path

from builder.release.layout import CARD
from builder.release.untrusted import sha256_of

UNCHECKED = frozenset({CARD})


def changed_files(folder: Path, listed: Mapping[str, object], hashes: bool = True,
                  unchecked: frozenset[str] = UNCHECKED, by: str = "the manifest",
                  same: dict[str, dict[str, object]] | None = None) -> list[str]:
    """The listed files present in `folder` that differ from their manifest entry (`listed`: a path -> its entry),
    each with how (`data/x.parquet (9 bytes, the manifest lists 1234)`): the size where the entry gives one, then
    the sha256 where it gives one and `hashes` is true. A listed path absent from the folder has nothing to replace.
    A ledger (which records the card as written) checks every file: `unchecked` empty. `same`, if given, gets the
    record (as `recorded` makes it) of each file found to be its entry's size and sha256, so that one read does."""
    changed: list[str] = []
    for path, entry in sorted(listed.items()):
        if path in unchecked or not isinstance(entry, Mapping):
            continue
        size, digest = entry.get("bytes"), entry.get("sha256") if hashes else None
        how = _difference(folder / path, size, digest, by)
        if how:
            changed.append(f"{path} ({how})")
        elif same is not None and _is_record(entry) and digest is not None and (folder / path).exists():
            same[path] = {"bytes": size, "sha256": digest}
    return changed


def changed_objects(listed: Mapping[str, object], sizes: Mapping[str, object],
                    unchecked: frozenset[str] = UNCHECKED, by: str = "the manifest") -> list[str]:
    """changed_files for a release in object storage, by the sizes its listing gives (`sizes`: a name -> its size):
    a sha256 would mean downloading every object."""
    changed: list[str] = []
    for path, entry in sorted(listed.items()):
        if path in unchecked or path not in sizes or not isinstance(entry, Mapping):
            continue
        how = _size_differs(sizes[path], entry.get("bytes"), by)
        if how:
            changed.append(f"{path} ({how})")
    return changed


def recorded(folder: Path, paths: Iterable[str], known: Mapping[str, Mapping[str, object]] | None = None
             ) -> dict[str, dict[str, object]]:
    """What a ledger records of the files it lists that are in `folder` (a path -> its bytes and sha256, as a
    manifest entry), so that the next run removes one only if changed_files finds it unchanged. `known`: records
    of some of them this build made already, as it read them whole (the previous release's files checked under
    the lock, the new release's as its manifest describes them); such a file is not read again while it is still
    a regular file of the recorded size (else it is read, as any other)."""
    entries: dict[str, dict[str, object]] = {}
    for path in sorted(paths):
        if (entry := (known or {}).get(path)) is not None and _is_record(entry) and _still(folder / path, entry):
            entries[path] = {"bytes": entry["bytes"], "sha256": entry["sha256"]}
            continue
        try:
            with os.fdopen(os.open(folder / path, os.O_RDONLY | os.O_NOFOLLOW), "rb") as f:
                entries[path] = {"bytes": os.fstat(f.fileno()).st_size, "sha256": sha256_of(f)}
        except FileNotFoundError:
            continue
    return entries


def _is_record(entry: Mapping[str, object]) -> bool:
    size = entry.get("bytes")
    return isinstance(size, int) and not isinstance(size, bool) and isinstance(entry.get("sha256"), str)


def _still(path: Path, entry: Mapping[str, object]) -> bool:
    """Whether `path` is a regular file (not a link) of the entry's size."""
    try:
        info = os.lstat(path)
    except OSError:
        return False
    return stat.S_ISREG(info.st_mode) and info.st_size == entry["bytes"]


def entries_of(document: object, key: str, hashed: bool = True) -> dict[str, Mapping[str, object]] | None:
    """A ledger's `key`: a path -> its entry with an int size and (if `hashed`: an object store's ledger records
    sizes only) a sha256, or None if it is not that (an old ledger listing bare paths, or one this tool did not
    write: neither is trusted to name a file to remove)."""
    if not isinstance(document, Mapping) or not isinstance(listed := document.get(key), Mapping):
        return None
    for path, entry in listed.items():
        if not (isinstance(path, str) and isinstance(entry, Mapping)
                and (not hashed or isinstance(entry.get("sha256"), str))
                and isinstance(entry.get("bytes"), int) and not isinstance(entry.get("bytes"), bool)):
            return None
    return dict(listed)


def unmatched(records: Sequence[Mapping[str, Mapping[str, object]]],
              changed: Callable[[Mapping[str, object]], list[str]]) -> list[str]:
    """The paths an interrupted commit's ledger lists (`records`: what it wrote, what it replaced) that match none
    of the records giving them, each with how it differs from the first (`changed`: changed_files or
    changed_objects over one entry): killed mid-commit, a file is the one it replaced or the one it wrote."""
    found: list[str] = []
    for path in sorted({p for record in records for p in record}):
        tries = [changed({path: record[path]}) for record in records if path in record]
        if all(tries):
            found.append(tries[0][0])
    return found


def _size_differs(actual: object, size: object, by: str) -> str | None:
    if isinstance(size, int) and not isinstance(size, bool) and isinstance(actual, int) and actual != size:
        return f"{actual} bytes, {by} lists {size}"
    return None


def _difference(path: Path, size: object, digest: object, by: str) -> str | None:
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
        if how := _size_differs(info.st_size, size, by):
            return how
        if isinstance(digest, str) and sha256_of(f) != digest:
            return f"its sha256 is not the one {by} lists"
    return None
