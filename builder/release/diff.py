"""What changed between two releases, by content: documents (by id and raw-text hash) and paragraphs
(by text hash) added, removed and changed; and the settings of their manifests that differ, which may be why
(a release built with `--languages ar` keeps fewer documents of the same inputs: trial24).

Either release may come from anyone: its shards are read as validate reads them (builder/release/untrusted.py:
regular files only, row groups and values bounded before decoding) and anything that is not what a
build writes is an UnreadableRelease naming the file, never a crash or a blocked read. A release that
reads but that `validate` rejects (a row duplicated or moved to another split, the manifest rewritten to
match) is refused too (read_release): its diff, and the changelog a build's --previous publishes in the
next card, would count paragraphs the release never had."""

from __future__ import annotations

import hashlib
import stat
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from builder.columns import RECORD_COLUMNS
from builder.release.layout import DATA, MANIFEST
from builder.release.manifest import read_manifest
from builder.release.names import release_path_problem, version_problem
from builder.release.untrusted import (
    ReleaseError,
    batches,
    not_regular,
    open_parquet,
    open_regular,
    scan,
    sha256_of,
)

_COLUMNS = [next(c for c in RECORD_COLUMNS if c.name == name) for name in ("doc_id", "doc_sha256", "text")]
_NAMES = [c.name for c in _COLUMNS]


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
    columns_added: list[str] = field(default_factory=list)  # record columns of the new release only (extra ones)
    columns_removed: list[str] = field(default_factory=list)
    # each setting of the manifests' `config` that differs (the version aside): name -> [old value, new value]
    settings_changed: dict[str, list[Any]] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return dict(vars(self))


@dataclass
class ReleaseContents:
    """What a diff needs of one release, read once: a build reads its --previous before it writes."""

    docs: dict[str, str]  # doc_id -> raw-text sha256
    paragraphs: Counter[bytes]  # multiset of paragraph text hashes
    version: str | None
    columns: list[str] = field(default_factory=list)  # the record columns its shards have, in order
    settings: dict[str, Any] = field(default_factory=dict)  # the manifest's `config` (none without a manifest)


class UnreadableRelease(ReleaseError):
    """A file of a release cannot be read as one this tool writes (the message names it, relative to the
    release folder). A ReleaseError, so a ValueError."""


def read_release(folder: Path) -> ReleaseContents:
    """A release given to `diff` or a build's --previous: read, then held to every check `validate` makes but
    loading it with `datasets` (builder.release.check); UnreadableRelease names the first problem otherwise.
    Refused, not warned about, for the reason _check_sha256 gives."""
    from builder.release.check import check_release  # check reads the card and rows; it does not need diff

    contents = read_contents(folder)
    issues = check_release(folder, load=False)
    if issues:
        more = f" (and {len(issues) - 1} more problem(s))" if len(issues) > 1 else ""
        raise UnreadableRelease(f"{str(issues[0]).removeprefix(f'{folder}/')}{more}: `validate` rejects the release")
    return contents


def read_contents(folder: Path) -> ReleaseContents:
    """Stream the shards of data/; the version comes from manifest.json when there is one, and every data
    shard it lists must be there (a release missing one would diff as if its documents had been removed)."""
    docs: dict[str, str] = {}
    paragraphs: Counter[bytes] = Counter()
    columns: dict[str, None] = {}
    listed = _listed(folder)
    for path, mode in scan(folder, DATA):
        if path == DATA or (path.endswith(".parquet") and not stat.S_ISREG(mode)):
            raise UnreadableRelease(not_regular(path, mode))
        if not path.endswith(".parquet"):
            continue
        rows, sha256 = listed.get(path, (None, None))
        try:
            with open_regular(folder, path) as file:
                _check_sha256(file, path, sha256)
                for doc_id, sha, text in _rows(file, path, rows, columns):
                    docs[doc_id] = sha
                    paragraphs[hashlib.blake2b(text.encode("utf-8"), digest_size=8).digest()] += 1
        except FileNotFoundError:
            raise UnreadableRelease(f"{path}: went away while being read") from None
        except ReleaseError as exc:
            raise UnreadableRelease(str(exc)) from None
        listed.pop(path, None)
    for path in sorted(listed):  # what the manifest lists that was not read as a shard of data/
        if problem := release_path_problem(path):
            raise UnreadableRelease(f"manifest.json: {problem}")
        if path.startswith(f"{DATA}/"):
            raise UnreadableRelease(f"{path}: listed in manifest.json as a data shard of the release, but not in "
                                    f"{DATA}/ as one")
    version, settings = _version_and_settings(folder)
    return ReleaseContents(docs, paragraphs, version, list(columns), settings)


def _listed(folder: Path) -> dict[str, tuple[int, str | None]]:
    """The row count and sha256 manifest.json gives each shard (none without a manifest): a shard whose footer
    says otherwise is not decoded, nor one whose bytes are not those the manifest describes."""
    try:
        manifest = read_manifest(folder)
    except FileNotFoundError:
        return {}
    except ReleaseError as exc:
        raise UnreadableRelease(str(exc)) from None
    return {o["path"]: (o["rows"], o["sha256"] if isinstance(o.get("sha256"), str) else None)
            for o in manifest.get("outputs", [])
            if isinstance(o, dict) and isinstance(o.get("path"), str) and isinstance(o.get("rows"), int)}


def _check_sha256(file: BinaryIO, path: str, expected: str | None) -> None:
    """Refuse a shard edited after the build (its rows reordered, some changed or swapped for others' of the same
    count): a diff of it, or the changelog a build writes from it into the next card, would describe a release
    that is neither the one its manifest describes nor one this tool wrote; `validate` calls it invalid. Refused,
    not warned about: the changelog is published, and a warning in a CI log goes unread. Hashed from the file
    that is then read (not opened again), so what was checked is what is compared."""
    if expected is None:
        return
    if sha256_of(file) != expected:
        raise UnreadableRelease(f"{path}: its sha256 is not the one manifest.json gives: the shard was changed after "
                                "the build")
    file.seek(0)


def _rows(file: BinaryIO, path: str, expected_rows: int | None,
          columns: dict[str, None]) -> Iterator[tuple[str, str, str]]:
    """(doc_id, doc_sha256, text) of every row; all three must be non-null strings. The shard's column
    names are added to `columns`: releases with other extra columns still compare by these three."""
    schema = open_parquet(file, path, expected_rows).schema_arrow
    for col in _COLUMNS:
        index = schema.get_field_index(col.name)
        if index < 0 or schema.field(index).type != col.type:
            raise UnreadableRelease(f"{path}: no {col.name} column of {col.dtype}s; not a shard a build writes")
    columns.update(dict.fromkeys(schema.names))
    row = 0
    for batch in batches(file, path, _NAMES, expected_rows):
        for values in zip(*(batch.column(name).to_pylist() for name in _NAMES), strict=True):
            row += 1
            if None in values:
                raise UnreadableRelease(f"{path}: row {row}: {_NAMES[values.index(None)]} is null")
            yield values


def _version_and_settings(folder: Path) -> tuple[str | None, dict[str, Any]]:
    try:
        manifest = read_manifest(folder)
    except FileNotFoundError:
        return None, {}
    except ReleaseError as exc:
        raise UnreadableRelease(str(exc)) from None
    version = manifest.get("version")
    if version is not None and (problem := version_problem(version)):
        raise UnreadableRelease(f"{MANIFEST}: $.version: {problem}")
    settings = manifest.get("config")
    return version, settings if isinstance(settings, dict) else {}


def diff(old: Path, new: Path) -> ReleaseDiff:
    return compare(read_release(old), read_release(new))


def compare(old: ReleaseContents, new: ReleaseContents) -> ReleaseDiff:
    result = ReleaseDiff(old.version, new.version)
    result.documents_added = sorted(set(new.docs) - set(old.docs))
    result.documents_removed = sorted(set(old.docs) - set(new.docs))
    result.documents_changed = sorted(d for d in set(old.docs) & set(new.docs) if old.docs[d] != new.docs[d])
    result.paragraphs_added = sum((new.paragraphs - old.paragraphs).values())
    result.paragraphs_removed = sum((old.paragraphs - new.paragraphs).values())
    result.paragraphs_kept = sum((old.paragraphs & new.paragraphs).values())
    result.columns_added = [c for c in new.columns if c not in old.columns]
    result.columns_removed = [c for c in old.columns if c not in new.columns]
    result.settings_changed = {name: [old.settings.get(name), new.settings.get(name)]
                               for name in sorted(old.settings.keys() | new.settings.keys())
                               if name != "version" and old.settings.get(name) != new.settings.get(name)}
    return result
