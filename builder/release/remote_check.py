"""`validate URL` for a release in object storage: the release is fetched into a temporary folder and
checked there by the same checks as a local one (builder.release.check), messages naming the URL.

A release from a bucket is as untrusted as one on disk, so what is fetched is bounded by what its
manifest says: the manifest only up to MAX_MANIFEST_BYTES, then only the files it lists and only
when their size in the store is the size it lists (anything else is reported without downloading
it). Objects under data/ or rejects/ that it does not list are reported as a local folder's would
be (an empty stand-in is made for each, never their bytes), and an object name that is not a plain
relative path, or one no local file can have (`data/x` beside `data/x/y`, a name too long), is
reported, never made into a local path. Nothing is downloaded unless all of it fits in the temporary
folder's free space (a manifest may list terabytes): validating would otherwise fill the disk.
"""

from __future__ import annotations

import dataclasses
import errno
import shutil
import tempfile
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any

from builder.outcomes import Issue, Location
from builder.read.remote import StorageError, Store, store_of
from builder.release.layout import CARD, DATA, MANIFEST, MARKER, REJECTS, holds_shards
from builder.release.manifest import MAX_MANIFEST_BYTES, manifest_problems, parse_manifest
from builder.release.untrusted import ReleaseError

if TYPE_CHECKING:
    from builder.release.check import Inspection


def is_remote_release(url: str, options: dict[str, Any] | None = None) -> bool:
    """Whether the URL is a release (finished or not) rather than a prefix of raw documents."""
    names = set(_objects(store_of(url, options), url))
    return bool({MANIFEST, MARKER} & names) or (CARD in names and any(n.startswith(f"{DATA}/") for n in names)) \
        or holds_shards(names)


def check_remote_release(url: str, options: dict[str, Any] | None = None, load: bool = True) -> list[Issue]:
    """Every problem of the release at `url`, located there (an empty list: valid)."""
    return inspect_remote_release(url, options, load).issues


def inspect_remote_release(url: str, options: dict[str, Any] | None = None, load: bool = True) -> Inspection:
    """What checking the release at `url` found (its problems and notes), located there. The card is fetched
    whatever its size in the store (up to what check reads of one): its prose is the user's to edit, and its claims
    are what is checked."""
    from builder.release.check import inspect_release

    store = store_of(url, options)
    objects = _objects(store, url)
    root = store.path(url)
    own: dict[str, str] = {}  # path -> a problem found here (the file was not fetched)
    with tempfile.TemporaryDirectory(prefix="dataset-builder-validate-") as folder:
        local = Path(folder) / "release"
        local.mkdir()
        listed = _fetch_manifest(store, url, root, objects, local, own)
        if MANIFEST not in objects:  # empty stand-ins: without its manifest, a build's folder reads as one
            for name in (MARKER, CARD):  # unfinished, not as a folder that is no release at all
                if name in objects:
                    _make(local / name, b"")
        _check_room(url, local, {name: size for name, size in objects.items()
                                 if name != MANIFEST and name in listed and _fetched(name, size, listed[name])})
        for name, size in sorted(objects.items()):
            if name == MANIFEST or (not name.startswith((f"{DATA}/", f"{REJECTS}/")) and name not in listed):
                continue
            if not _plain(name):
                own[name] = "not a plain relative path (an empty, . or .. part); remove or rename the object"
            elif name in listed and not _fetched(name, size, listed[name]):
                own[name] = f"size {size} bytes, manifest.json says {listed[name]} (not downloaded)"
            else:
                try:  # a stand-in for what the manifest does not list: check names it as not listed
                    _make(local / name, b"")
                except OSError as exc:  # `data/x` beside `data/x/y`, a name longer than a file name may be
                    own[name] = (f"cannot be a file of a release folder ({exc.strerror}: a file and a folder of "
                                 "one name, or a name too long); remove or rename the object")
                    continue
                if name in listed:
                    with store.calling(url, f"downloading {name}"):
                        store.fs.get_file(f"{root}/{name}", str(local / name))
        inspection = inspect_release(local, load)
        issues = [i for i in inspection.issues if _relative(i, local) not in own]
        issues += [Issue(Location(str(local / name)), "$", message, "release_invalid") for name, message in own.items()]
        inspection.issues = [_located(issue, local, url.rstrip("/")) for issue in issues]
        inspection.notes = [_located(note, local, url.rstrip("/")) for note in inspection.notes]
        return inspection


def _fetched(name: str, size: int | None, listed: int) -> bool:
    """Whether a listed object is downloaded: of the size the manifest lists, or the card up to what check reads
    of one (its prose is the user's to edit)."""
    from builder.release.check import MAX_CARD_BYTES

    return size == listed or (name == CARD and size is not None and size <= MAX_CARD_BYTES)


ROOM_MARGIN = 256 * 1024 * 1024  # left free on the temporary folder's disk for everything else


def _check_room(url: str, local: Path, fetched: dict[str, int | None]) -> None:
    """Refuse before the first download when the files to fetch do not fit where they would go: a
    problem of this machine's disk (an OSError, exit 1), not of the release."""
    needed = sum(size or 0 for size in fetched.values())
    free = shutil.disk_usage(local).free
    if needed + ROOM_MARGIN > free:
        raise OSError(errno.ENOSPC,
                      f"validating {url} downloads the {len(fetched)} files its manifest lists ({needed:,} bytes) "
                      f"here, leaving {ROOM_MARGIN:,} bytes free, and this disk has {free:,} bytes free; "
                      "nothing was downloaded. Set TMPDIR to a "
                      "folder on a disk with room, or copy the release to one and validate that folder",
                      str(local.parent))


def _objects(store: Store, url: str) -> dict[str, int | None]:
    """Every object under the URL, by name relative to it, with its size."""
    root = store.path(url)
    try:
        with store.calling(url, "listing"):
            store.fs.invalidate_cache()
            found = store.fs.find(root, detail=True)
    except FileNotFoundError as exc:  # no such bucket (a missing prefix lists as empty): the URL is the user's
        raise StorageError(f"{url}: cannot be listed: {exc.strerror or exc}; check the bucket's name, and that it "
                           "exists and these credentials can see it") from None
    return {name.removeprefix(f"{root}/"): info.get("size") for name, info in found.items()
            if name.startswith(f"{root}/")}


def _fetch_manifest(store: Store, url: str, root: str, objects: dict[str, int | None], local: Path,
                    own: dict[str, str]) -> dict[str, int]:
    """Fetch manifest.json (bounded); the sizes it lists by path when it can be read, else none."""
    size = objects.get(MANIFEST)
    if size is None:
        return {}
    if size > MAX_MANIFEST_BYTES:
        own[MANIFEST] = f"{size} bytes, over {MAX_MANIFEST_BYTES}: not a manifest this tool writes (not downloaded)"
        return {}
    with store.calling(url, f"reading {MANIFEST}"):
        raw = store.fs.cat_file(f"{root}/{MANIFEST}")
    _make(local / MANIFEST, raw)
    try:
        manifest = parse_manifest(raw)
    except ReleaseError:
        return {}
    if manifest_problems(manifest):
        return {}
    return {output["path"]: output["bytes"] for output in manifest["outputs"]}


def _plain(name: str) -> bool:
    parts = name.split("/")
    return all(part not in ("", ".", "..") and "\\" not in part and "\0" not in part for part in parts)


def _make(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def _relative(issue: Issue, local: Path) -> str:
    return PurePosixPath(issue.location.path).relative_to(local).as_posix() \
        if issue.location.path.startswith(f"{local}/") else issue.location.path


def _located(issue: Issue, local: Path, url: str) -> Issue:
    path = issue.location.path
    if path == str(local) or path.startswith(f"{local}/"):
        path = url + path.removeprefix(str(local))
    return dataclasses.replace(issue, location=Location(path, issue.location.line))

