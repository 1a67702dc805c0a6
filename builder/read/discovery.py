"""SOURCE arguments to input files: a file, a folder (searched recursively), a glob, or any of these
as an fsspec URL (builder.read.remote). Files are listed in sorted order of their path relative to
the source root, so the same inputs always give the same stream. Hidden files and folders are
skipped; symlinked folders are not followed."""

from __future__ import annotations

import dataclasses
import glob
import os
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from builder.read.inputs import InputFile, LocalFile
from builder.read.registry import Readers
from builder.read.remote import StorageError, is_url, list_remote


class SourceError(ValueError):
    """A SOURCE argument that names nothing readable (a usage error, not bad data)."""


def discover(sources: Iterable[str], readers: Readers | None = None,
             storage_options: dict[str, Any] | None = None) -> list[InputFile]:
    """Expand SOURCE arguments into input files, each source sorted by relative path. A SOURCE
    with no file any reader takes is a usage error: a build or check of nothing is a mistake. Files
    no reader takes are listed too (they become unsupported_format rejects). `storage_options` are
    fsspec's, for the URLs among the sources."""
    readers = readers or Readers.default()
    found: list[InputFile] = []
    for source in sources:
        try:
            files = list_remote(source, storage_options) if is_url(source) else _expand(source)
        except StorageError as exc:
            raise SourceError(str(exc)) from None
        if not any(readers.reader_for(f) for f in files):
            others = f" (only {len(files)} other file(s), e.g. {files[0].display})" if files else ""
            raise SourceError(f"{source}: no input found{others}; inputs are files ending in "
                              f"{', '.join(readers.suffixes)} (hidden files and folders, starting with '.', are "
                              "skipped, and symlinked folders are not followed: give a linked folder's target as a "
                              "SOURCE of its own)")
        found.extend(files)
    return _ids_apart(found, readers)


def _ids_apart(files: list[InputFile], readers: Readers) -> list[InputFile]:
    """Files whose documents' ids are their paths without the suffix (`b/page.html`, `b/page.txt`) would
    share an id: each of them keeps its suffix in the id (see InputFile.path_id). None keeps the bare id,
    so an id never comes to name another file's document (ids are takedown keys) when a file is added; and
    a file no other collides with keeps the id it always had."""
    def path_ids(file: InputFile) -> bool:
        reader = readers.reader_for(file)
        return reader is not None and reader.ids_from_path

    shared = Counter(file.path_id for file in files if path_ids(file))
    return [dataclasses.replace(file, suffix_in_id=True) if path_ids(file) and shared[file.path_id] > 1 else file
            for file in files]


_PROTOCOL = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*):/")


def _mistyped_url(source: str) -> str:
    """Why a SOURCE that is no local path may have been meant as a URL, as --out's check says it
    (release.destinations): `S3://b/x` or `FILE:///x` (read as local paths, they were told only "no such file")."""
    if "::" in source:
        return "; chained fsspec URLs (a::b) are not accepted: give the store's own URL"
    if not (match := _PROTOCOL.match(source)):
        return ""
    protocol = match.group(1)
    if not source.startswith(f"{protocol}://"):
        return f"; {protocol + ':'!r} looks like a URL's protocol but is not followed by :// (e.g. s3://BUCKET/PREFIX)"
    return f"; protocols are written in lower case ({protocol.lower()}://)" if protocol != protocol.lower() else ""


def _expand(source: str) -> list[LocalFile]:
    path = Path(source)
    if glob.has_magic(source):
        root = _glob_root(source)
        try:
            matches = [Path(p) for p in glob.glob(source, recursive=True)]
        except RecursionError:  # glob recurses into ** folders
            raise SourceError(f"{source}: the pattern reaches folders nested too deeply to search with a "
                              "pattern; give the folder itself (folders are searched recursively)") from None
        files = [p for p in matches if p.is_file() or p.is_symlink()]
        if not files:
            raise SourceError(f"{source}: the pattern matches no files")
    elif path.is_dir():
        root = path
        files = list(_walk(path))
    elif path.is_file() or path.is_symlink():
        root = path.parent
        files = [path]
    elif os.path.lexists(path):  # /dev/zero, a FIFO, a socket: nothing to read documents from
        raise SourceError(f"{source}: not a regular file or directory (a device, FIFO or socket); give a file or "
                          "a folder of documents")
    else:
        raise SourceError(f"{source}: no such file or directory{_mistyped_url(source)}")
    # absolute paths (as written: symlinks are resolved and checked by LocalFile.problem) for the workers, the
    # path as given for messages
    return sorted((LocalFile(f.relative_to(root).as_posix(), Path(os.path.abspath(f)), Path(os.path.abspath(root)),
                             given=str(f)) for f in files), key=lambda f: f.relative)


def _glob_root(pattern: str) -> Path:
    parts = Path(pattern).parts
    fixed: list[str] = []
    for part in parts:
        if glob.has_magic(part):
            break
        fixed.append(part)
    return Path(*fixed) if fixed else Path(".")


def _walk(directory: Path) -> Iterator[Path]:
    """Every file under a folder, with a stack rather than recursion, so a tree of any depth is
    walked (os.walk recurses, and a deep tree raised RecursionError). Symlinked folders are not
    followed (no loops), but listed, so each becomes a located reject that says so instead of vanishing;
    symlinked files are listed and checked later. A folder that cannot be listed is listed itself,
    for the same reason."""
    stack = [directory]
    while stack:
        folder = stack.pop()
        try:
            with os.scandir(folder) as listing:
                entries = list(listing)
        except OSError:
            if folder == directory:
                raise SourceError(f"{directory}: cannot list the folder (permission denied?)") from None
            yield folder
            continue
        for entry in entries:
            if entry.name.startswith("."):
                continue
            if _is_folder(entry, follow=False):
                stack.append(Path(entry.path))
            else:
                yield Path(entry.path)


def _is_folder(entry: os.DirEntry[str], follow: bool) -> bool:
    try:
        return entry.is_dir(follow_symlinks=follow)
    except OSError:
        return False
