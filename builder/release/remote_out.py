"""--out as an object-storage URL (`s3://bucket/releases/news`): the same promises as a local --out
(builder/release/outdir.py), kept with the operations a bucket has (put, copy, delete; no rename, no
folders, no locks).

The release is built in a local working folder as usual, then committed:

1. every file of the new release is uploaded under `URL/.staging/` (the slow part: meanwhile the
   previous release at URL is untouched and still a release); in a Ray build, by the process beside
   the driver that wrote the shards (`Upload`), so that the release's bytes never pass through the driver;
2. the files the commit replaces and writes are recorded in `URL/.staging/commit.json`, each with its size
   (a ledger planted beside a user's objects cannot name them: the next build clears a listed object only
   while its size is the one recorded, and refuses a ledger that records none);
3. `URL/manifest.json` is deleted: from here on URL is not a release;
4. the previous release's files the new one does not have are deleted, the staged ones copied into
   place (a copy inside the store), and the sizes of what landed checked;
5. `URL/manifest.json` is written last, then the staging objects and the marker are removed.

A build killed at any point leaves the previous release or a prefix without manifest.json, which
`validate` reports as unfinished and the next build clears (from the ledger) and rebuilds. Only
objects this tool writes are ever deleted: the files the previous manifest lists (plain paths under
data/, rejects/, plots/, the card and removed_lines.json), those the ledger lists (checked the same
way), the staging objects, the marker and the lock. Anything else under data/, rejects/ or plots/,
or in .staging/, is named and the build refused; other objects at URL are left alone.

One build at a time: the lock is an object created only if absent (a conditional put). It names the
build's process (the driver, on whose node the claim's requests are made) and its host. A build that
was killed leaves it; the next build on the same machine sees that its process is gone and takes it
over, and elsewhere the message says which object to delete once no build is running.

Every request to the store is a job (`Request`, `_Claim`, `Upload`) that makes its own client where it
runs: in this process, or in a Ray build in a process beside the driver on its node, so that the driver
never imports the store's client (s3fs and botocore) nor waits on its requests.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import secrets
import shutil
import socket
import tempfile
from collections.abc import Callable, Iterable
from contextlib import suppress
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any, TypeVar

from builder.read.remote import SAME_STORE, URL
from builder.release.destinations import (
    Destination,
    DestinationError,
    PublishError,
    Storage,
    exists,
    parse_destination,
)
from builder.release.diff import ReleaseContents
from builder.release.layout import CARD, LEDGER, MANIFEST, MARKER, REJECTS, STAGING
from builder.release.listed_files import changed_objects, entries_of, unmatched
from builder.release.manifest import MAX_MANIFEST_BYTES
from builder.release.names import is_build_output
from builder.release.outdir import (
    EDITED_CARD_KEPT,
    MAX_NAMED,
    RELEASE_FOLDERS,
    SIGNATURE,
    TOP_FILES,
    OutDirError,
    edited_card_clash,
    edited_card_name,
    listed_entries,
    named_out,
    previous_folder,
    read_previous,
)
from builder.release.untrusted import json_from_elsewhere
from builder.run import faults
from builder.user_paths import named

LOCK = ".dataset-builder-lock"
# The largest marker, ledger and lock this tool writes (the ledger lists paths, fewer than a manifest's
# entries): an object at one of these names over its size is not ours, and is never downloaded.
MAX_LOCK_BYTES = 4096
MAX_LEDGER_BYTES = MAX_MANIFEST_BYTES
NEW_PREFIX = "choose an empty or new prefix to build into"
AGAIN = "run the build again"


@dataclass(frozen=True)
class _Survey:
    finished: bool
    outputs: frozenset[str]  # the files the previous manifest lists
    ledger: frozenset[str]  # the files an interrupted commit was replacing or writing
    staged: frozenset[str]  # objects an earlier build left under .staging/ (relative to URL)
    sizes: dict[str, object] = field(default_factory=dict)  # every object's size in the listing (relative to URL)
    card_sha256: str | None = None  # the card's sha256 as the previous manifest lists it


log = logging.getLogger(__name__)
T = TypeVar("T")
Runner = Callable[[Callable[[], Any]], Any]  # runs a job, here or in another process, and returns its value


def here(job: Callable[[], T]) -> T:
    """A Runner: the job run in this process."""
    return job()


@dataclass(frozen=True)
class Request:
    """`fn(fs, *args)` on --out's store, as a job that can run in another process (picklable: the store's
    client is made where it runs, and fsspec keeps one per process and options). The backend's failures
    are a PublishError that says what was being done."""

    destination: Destination
    options: dict[str, Any]
    what: str
    fn: Callable[..., Any]
    args: tuple[Any, ...] = ()

    def __call__(self) -> Any:
        store = Storage(self.destination, self.options, flag="--out", again=AGAIN)
        return store.call(self.what, self.fn, store.fs, *self.args)


class RemoteClaim:
    """A claimed --out URL: a local working folder the release is written into (`out`, `staging`, as
    a local Claim has them), and the commit that moves it to the store. No build cache: it would live
    in the working folder, which goes at the end."""

    keeps_cache = False

    def __init__(self, destination: Destination, options: dict[str, Any], root: str, survey: _Survey,
                 previous: ReleaseContents | None, lock: str | None, run: Runner = here) -> None:
        """`run(job)`: where its requests to the store are made (`Request`)."""
        self.destination, self.options, self.previous, self._lock = destination, options, previous, lock
        self.url, self.root, self.run = destination.url, root, run
        self.out = Path(tempfile.mkdtemp(prefix="dataset-builder-"))
        self.staging = self.out / STAGING
        self.replaces = survey.outputs
        self._sizes = survey.sizes
        self._card_sha256 = survey.card_sha256
        self._was_finished = survey.finished
        self._uploaded: set[str] = set()  # objects under .staging/ this build wrote
        self._writing: frozenset[str] = frozenset()
        self._state = "building"

    def _at(self, relative: str) -> str:
        return f"{self.root}/{relative}"

    def _call(self, what: str, fn: Callable[..., Any], *args: Any) -> Any:
        return self.run(Request(self.destination, self.options, what, fn, args))

    def commit(self, stage: Path, outputs: list[str], upload: Runner = here) -> None:
        """`upload(job)`: where the upload (step 1) runs; the rest of the commit is a few requests."""
        new = frozenset(outputs)
        if not all(is_build_output(p) for p in new):
            raise ValueError(f"a build tried to write outside the release's folders: {sorted(new)}")
        self._writing = new
        files = tuple((path, str(stage / path), self._at(f"{STAGING}/{path}")) for path in [*sorted(new), MANIFEST])
        self._uploaded.update(f"{STAGING}/{path}" for path, _, _ in files)  # before any is: abandon() removes them
        upload(Upload(self.destination, self.options, files))
        self._keep_edited_card()
        # what the previous release has at the URL (a listed path absent from it has nothing to replace)
        record = {"replacing": {p: {"bytes": size} for p in sorted(self.replaces)
                                if isinstance(size := self._sizes.get(p), int)},
                  "writing": {p: {"bytes": (stage / p).stat().st_size} for p in sorted(new)}}
        ledger = json.dumps(record, indent=1) + "\n"
        self._uploaded.add(f"{STAGING}/{LEDGER}")
        self._call("writing the commit ledger", _pipe, self._at(f"{STAGING}/{LEDGER}"), ledger.encode())
        faults.point("before-commit")
        self._state = "committing"
        self._call(f"removing the previous {MANIFEST}", _remove, [self._at(MANIFEST)])
        faults.point("after-manifest-removed")
        self._call("removing the previous release's files", _remove, [self._at(p) for p in sorted(self.replaces - new)])
        faults.point("after-old-removed")
        for folder in (*RELEASE_FOLDERS, None):
            moving = sorted(p for p in new if (PurePosixPath(p).parts[0] == folder if folder else p in TOP_FILES))
            for path in moving:
                self._call(f"moving {path} into place", _copy, self._at(f"{STAGING}/{path}"), self._at(path))
            if folder == "data":
                faults.point("after-swap-data")
            elif folder == "rejects":
                faults.point("after-swap-rejects")
        faults.point("before-manifest")
        self._check_landed(stage, new)
        self._call(f"writing {MANIFEST}", _copy, self._at(f"{STAGING}/{MANIFEST}"), self._at(MANIFEST))
        self._state = "done"
        faults.point("after-manifest")
        self._clear_staging()
        self._call("removing the build marker", _remove, [self._at(MARKER)])

    def _keep_edited_card(self) -> None:
        """outdir._keep_edited_card at a URL (trial20: a card edited in the bucket was replaced without a word): the
        card object, when it is not the card the manifest lists, is copied to README.edited-HASH.md beside it before
        the commit, which then replaces README.md; a later build leaves that object alone (it is neither a top file
        of a release nor in its folders)."""
        size = self._sizes.get(CARD)
        if CARD not in self.replaces or not isinstance(size, int):
            return
        digest = self._call(f"reading {CARD}", _sha256, self._at(CARD), size)
        if digest == self._card_sha256:
            return
        kept = edited_card_name(digest)
        if kept in self._sizes:  # kept by an earlier build: the same bytes, unless someone wrote that name
            if self._call(f"reading {kept}", _sha256, self._at(kept), self._sizes[kept]) != digest:
                raise OutDirError(edited_card_clash(self.url, kept))
            return
        self._call(f"keeping the edited {CARD}", _copy, self._at(CARD), self._at(kept))
        log.warning(EDITED_CARD_KEPT, f"{self.url.rstrip('/')}/{CARD}", kept, CARD)

    def set_aside(self, stage: Path) -> Path:
        """A build that kept no document uploads nothing: its rejects go to a new local folder, which the
        message names (the working folder goes at the end)."""
        kept = Path(tempfile.mkdtemp(prefix="dataset-builder-rejected-"))
        shutil.move(stage / REJECTS, kept / REJECTS)
        return kept / REJECTS

    def _check_landed(self, stage: Path, new: frozenset[str]) -> None:
        """Before the manifest: every file of the release in place with its size, and no other file in
        the release's folders (which a reader of the release would load with it)."""
        sizes = self._call("listing what landed", _sizes, self.root)
        found = {name: size for name, size in sizes.items() if _in_release(name)}
        wrong = sorted(p for p in new if p not in found or found[p] != (stage / p).stat().st_size)
        stray = sorted(set(found) - new)
        if wrong or stray:
            raise PublishError(f"{named_out(self.url)}: after the commit {_named(wrong or stray)} "
                               f"{'did not land whole' if wrong else 'is there too'}; the prefix holds no "
                               f"{MANIFEST}, so it is not a release: {AGAIN}")

    def _clear_staging(self) -> None:
        self._call("removing the staging objects", _remove, [self._at(p) for p in sorted(self._uploaded)])
        self._uploaded.clear()

    def abandon(self) -> None:
        """After a failure: what this build uploaded goes; during the commit, the release's files too
        (the prefix is left without a manifest, for the next build to rebuild)."""
        with suppress(Exception):
            if self._state == "committing":
                self._call("removing the unfinished release", _remove,
                           [self._at(p) for p in sorted(self.replaces | self._writing)])
            self._clear_staging()
            if self._state == "done" or (self._state == "building" and self._was_finished):
                self._call("removing the build marker", _remove, [self._at(MARKER)])

    def close(self) -> None:
        shutil.rmtree(self.out, ignore_errors=True)
        if self._lock is not None:
            with suppress(Exception):
                self._call("removing the lock", _remove, [self._lock])


@dataclass(frozen=True)
class Upload:
    """Step 1 of the commit, as a job that can run in another process: a Ray build's runs where its shards
    were written, beside the driver (builder.release.offload), so that the release's bytes never pass
    through the driver. Picklable: the store is made again where it runs, from the URL and the options."""

    destination: Destination
    options: dict[str, Any]
    files: tuple[tuple[str, str, str], ...]  # (path in the release, local file, object under .staging/)

    def __call__(self) -> None:
        store = Storage(self.destination, self.options, flag="--out", again=AGAIN)
        for path, local, remote in self.files:
            store.call(f"uploading {path}", _upload, store.fs, local, remote)


def claim_remote(url: str, sources: Iterable[str], previous: str | None, options: dict[str, Any],
                 run: Runner = here, previous_name: str = "--previous") -> RemoteClaim:
    """Check the --out URL (and --previous, `previous_name` where it came from), lock it, and clear what an
    interrupted build left there.
    A refusal, or a store that cannot be reached, is an OutDirError before anything at URL changed.
    `run(job)`: where the requests to the store are made (on this machine: the lock's holder is judged
    alive or gone by its process id)."""
    destination = _destination(url)
    check_remote_sources(destination, sources)
    contents = read_previous(previous_folder(previous, previous_name), previous_name) if previous else None
    owner = {"host": socket.gethostname(), "pid": os.getpid()}  # this build: the process that decides and commits
    root, found, lock = run(_Claim(destination, options, owner))
    return RemoteClaim(destination, options, root, found, contents, lock, run)


@dataclass(frozen=True)
class _Claim:
    """The claim's requests, as a job that can run in another process of this machine: the prefix surveyed,
    locked in the name of `owner`, marked and cleared. Its value: the store's root, the survey, the lock."""

    destination: Destination
    options: dict[str, Any]
    owner: dict[str, Any]

    def __call__(self) -> tuple[str, _Survey, str | None]:
        destination = self.destination
        try:
            store = Storage(destination, self.options, flag="--out", again=AGAIN)
            fs = store.fs
            if destination.bucket and not store.call(f"checking bucket {destination.bucket}", exists, fs,
                                                     destination.bucket):
                raise OutDirError(f"{named_out(destination.url)}: bucket {destination.bucket!r} does not exist (or "
                                  "these credentials cannot see it); create it first: a build never creates buckets")
            _survey(store)
            lock = _lock(store, self.owner)
        except PublishError as exc:  # the store could not be reached: nothing was written
            raise OutDirError(str(exc)) from None
        try:
            found = _survey(store)  # again, now that no other build can change it
            store.call("marking the prefix", fs.pipe_file, f"{store.root}/{MARKER}", SIGNATURE)
            faults.point("after-lock")
            left = (set() if found.finished else set(found.ledger)) | found.staged
            store.call("clearing an interrupted build", _remove, fs, [f"{store.root}/{p}" for p in sorted(left)])
        except BaseException:
            if lock:
                with suppress(Exception):
                    _remove(fs, [lock])
            raise
        return store.root, found, lock


def _destination(url: str) -> Destination:
    try:
        destination = parse_destination(url, flag="--out")
    except DestinationError as exc:
        raise OutDirError(str(exc)) from None
    if destination.kind != "storage":
        raise OutDirError(f"{named_out(url)}: a build writes to a folder or to object storage (s3://BUCKET/PREFIX, "
                          f"gs://, az://, …); for the Hub, build into a folder and "
                          f"{named('`dataset-builder publish`', 'publish()')} it")
    return destination


def check_remote_sources(destination: Destination, sources: Iterable[str]) -> None:
    """--out may not be a source, lie inside one or hold one (as for a local --out)."""
    out = destination.path.split("/")
    store = SAME_STORE.get(destination.protocol or "", destination.protocol)
    for source in sources:
        match = URL.fullmatch(source)
        if not match or SAME_STORE.get(match.group(1), match.group(1)) != store:  # s3a:// reads what s3:// writes
            continue
        parts = []
        for part in match.group(2).rstrip("/").split("/"):
            if any(c in part for c in "*?["):
                break
            parts.append(part)
        if out[: len(parts)] == parts or parts[: len(out)] == out:
            raise OutDirError(f"{named_out(destination.url)} is, lies inside or holds the source {source}; the "
                              "build would read its own output back as input, or replace its inputs: put "
                              f"{named('--out', 'the release (out=)')} outside the sources")


def _survey(store: Storage) -> _Survey:
    """Whether a build may write at the URL, and which objects there are the previous release's."""
    fs, root, url = store.fs, store.root, store.destination.url
    objects = store.call("listing --out", _listing, fs, root)
    for name, limit in ((MANIFEST, MAX_MANIFEST_BYTES), (MARKER, len(SIGNATURE)),
                        (f"{STAGING}/{LEDGER}", MAX_LEDGER_BYTES), (LOCK, MAX_LOCK_BYTES)):
        size = objects.get(name, {}).get("size") or 0
        if size > limit:  # checked before any of them is read: none is downloaded whole
            raise OutDirError(f"{named_out(url)}: {name} is {size} bytes, not one this tool writes; {NEW_PREFIX}")
    names = set(objects) - {LOCK}
    if not names:
        return _Survey(False, frozenset(), frozenset(), frozenset())
    finished = MANIFEST in names
    listed: dict[str, object] = {}
    if finished:
        raw = store.call(f"reading {MANIFEST}", _head, fs, f"{root}/{MANIFEST}", objects[MANIFEST].get("size"))
        listed = listed_entries(raw, named_out(url), NEW_PREFIX)
        outputs = frozenset(listed)
    elif MARKER in names and SIGNATURE.startswith(store.call("reading the marker", _head, fs, f"{root}/{MARKER}",
                                                             objects[MARKER].get("size"))):
        outputs = frozenset()
    else:
        raise OutDirError(f"{named_out(url)}: not empty, and not a release written by dataset-builder (it has no "
                          f"manifest.json), so building there could replace or delete objects of yours; {NEW_PREFIX}")
    staged = frozenset(n for n in names if n.startswith(f"{STAGING}/"))
    foreign = sorted(n for n in staged if n.removeprefix(f"{STAGING}/") not in (LEDGER, MANIFEST)
                     and not is_build_output(n.removeprefix(f"{STAGING}/")))
    sizes = {name: info.get("size") for name, info in objects.items()}
    ledger = frozenset() if finished else _ledger(store, staged, sizes)
    owned = outputs | ledger
    unknown = foreign + sorted(n for n in names if _in_release(n) and n not in owned)
    if unknown:
        raise OutDirError(f"{named_out(url)}: {_named(unknown)}: not written by this build (not listed in "
                          "manifest.json); a build replaces only its own objects, so move these elsewhere, or "
                          f"{NEW_PREFIX}")
    card = listed.get(CARD)
    card_sha256 = card.get("sha256") if isinstance(card, dict) else None
    changed = changed_objects(listed, sizes)
    if changed:
        raise OutDirError(f"{named_out(url)}: {_named(changed)}: differs from what manifest.json lists for it, so "
                          "it is not the object this tool wrote (a manifest copied beside objects of yours?); a build "
                          f"replaces only its own objects, so move it elsewhere, or {NEW_PREFIX}")
    return _Survey(finished, outputs, ledger, staged, sizes, card_sha256 if isinstance(card_sha256, str) else None)


def _ledger(store: Storage, staged: frozenset[str], sizes: dict[str, object]) -> frozenset[str]:
    """The objects an interrupted commit was replacing and writing, each checked to have, at the URL, the size
    the ledger recorded it had or would have (killed mid-commit, an object is the one it replaced or the one it
    wrote): a ledger can be planted beside objects of the user's, and one that records no sizes (an older
    version's, or not this tool's) cannot say which objects are the build's."""
    name, url = f"{STAGING}/{LEDGER}", store.destination.url
    if name not in staged:
        return frozenset()
    try:
        raw = store.call("reading the commit ledger", _head, store.fs, f"{store.root}/{name}", sizes.get(name))
        document = json_from_elsewhere(raw)
        paths = [*document["replacing"], *document["writing"]]
    except (ValueError, KeyError, TypeError) as exc:
        raise OutDirError(f"{named_out(url)}: {name} is unreadable ({exc}); it was not written by "
                          f"this tool, so a build will not clear the prefix: {NEW_PREFIX}") from None
    if not all(isinstance(p, str) and is_build_output(p) for p in paths):
        raise OutDirError(f"{named_out(url)}: {name} lists objects a build never writes; {NEW_PREFIX}")
    writing, replacing = entries_of(document, "writing", hashed=False), entries_of(document, "replacing", hashed=False)
    if writing is None or replacing is None:
        present = sorted(p for p in set(paths) if p in sizes)
        raise OutDirError(f"{named_out(url)}: {name} lists {_named(present) if present else 'objects'} without the "
                          "size of each, so whether they are objects this tool wrote cannot be checked (a ledger of an "
                          "older version of dataset-builder, or one copied beside objects of yours?); a build removes "
                          f"only its own objects, so move them elsewhere, or {NEW_PREFIX}")
    changed = unmatched((writing, replacing), lambda entry: changed_objects(entry, sizes, frozenset(), name))
    if changed:
        raise OutDirError(f"{named_out(url)}: {_named(changed)}: differs from what {name} records for it, so it is "
                          "not the object this tool wrote (a ledger copied beside objects of yours?); a build removes "
                          f"only its own objects, so move it elsewhere, or {NEW_PREFIX}")
    return frozenset(paths)


def _lock(store: Storage, owner: dict[str, Any]) -> str | None:
    """Create the lock object in the name of `owner` (the build's host and process), only if absent; take
    over one left by a build of this machine that is gone. None where the store cannot create objects
    conditionally (then there is no lock)."""
    fs, path = store.fs, f"{store.root}/{LOCK}"
    mine = json.dumps({**owner, "token": secrets.token_hex(8)}).encode()
    for _ in range(2):
        try:
            with fs.open(path, "xb") as f:
                f.write(mine)
            return path
        except FileExistsError:
            holder = _holder(store, path)
            if holder is None or holder.get("host") != socket.gethostname() or _alive(holder.get("pid")):
                where = f"{holder.get('host')} (process {holder.get('pid')})" if holder else "somewhere"
                raise OutDirError(f"{named_out(store.destination.url)}: another build is writing this prefix right "
                                  f"now, from {where}; wait for it to finish, or, if it was killed, delete "
                                  f"{store.destination.url}/{LOCK} and run this build again") from None
            store.call("taking over the lock of a build that is gone", _remove, fs, [path])
        except (NotImplementedError, ValueError):  # no conditional writes in this store
            return None
    raise OutDirError(f"{named_out(store.destination.url)}: the lock changed hands twice; run this build again")


def _holder(store: Storage, path: str) -> dict[str, Any] | None:
    with suppress(Exception):
        found = json.loads(_head(store.fs, path, min(store.fs.info(path).get("size") or 0, MAX_LOCK_BYTES)))
        return found if isinstance(found, dict) else None
    return None


def _alive(pid: object) -> bool:
    if not isinstance(pid, int) or pid <= 0:
        return True  # not ours to judge
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


def _head(fs: Any, path: str, size: object) -> bytes:
    """The first `size` bytes of an object (its listed size, checked against a limit by the caller): never
    more, even if it was replaced by a larger one since it was listed."""
    if not isinstance(size, int) or size <= 0:
        return b""
    with fs.open(path, "rb", block_size=size) as f:
        return bytes(f.read(size))


def _sha256(fs: Any, path: str, size: object) -> str:
    """The sha256 of an object's first `size` bytes (its listed size), read a MiB at a time."""
    digest = hashlib.sha256()
    left = size if isinstance(size, int) else 0
    with fs.open(path, "rb") as f:
        while left > 0 and (chunk := f.read(min(left, 1 << 20))):
            digest.update(chunk)
            left -= len(chunk)
    return digest.hexdigest()


def _listing(fs: Any, root: str) -> dict[str, dict[str, Any]]:
    """Every object under the prefix, by its name relative to it (asked again: listings are cached)."""
    fs.invalidate_cache()
    found = fs.find(root, detail=True)
    return {name.removeprefix(f"{root}/"): info for name, info in found.items() if name.startswith(f"{root}/")}


def _sizes(fs: Any, root: str) -> dict[str, int | None]:
    """Every object under the prefix, by its name relative to it, with its size (plain values, to travel)."""
    return {name: info.get("size") for name, info in _listing(fs, root).items()}


def _in_release(name: str) -> bool:
    """An object where a release keeps its files (and where a reader of the release looks)."""
    return name in TOP_FILES or PurePosixPath(name).parts[0] in RELEASE_FOLDERS


UPLOAD_PART = 5 * 2**20  # bytes of a file held at once while it is uploaded to S3 (its parts' minimum is 5 MiB)
UPLOAD_PARTS = 1  # parts sent at once


def _upload(fs: Any, local: str, remote: str) -> None:
    """A file of the release uploaded from the build's folder. s3fs reads a file of under 100 MiB whole and
    sends up to 10 parts of 50 MiB at once, which made a shard the largest thing the driver ever held (its
    peak RSS was the upload's); there, with parts of UPLOAD_PART (more for a file of over 10,000 parts,
    S3's most), at most UPLOAD_PARTS at once."""
    protocols = (fs.protocol,) if isinstance(fs.protocol, str) else tuple(fs.protocol)
    if "s3" in protocols:
        part = max(UPLOAD_PART, -(-os.path.getsize(local) // 10_000))
        fs.put_file(local, remote, chunksize=part, max_concurrency=UPLOAD_PARTS)
    else:
        fs.put_file(local, remote)


def _pipe(fs: Any, path: str, data: bytes) -> None:
    fs.pipe_file(path, data)


def _copy(fs: Any, source: str, target: str) -> None:
    fs.copy(source, target)


def _remove(fs: Any, paths: list[str]) -> None:
    for path in paths:
        with suppress(FileNotFoundError):
            fs.rm_file(path)


def _named(paths: list[str]) -> str:
    more = len(paths) - MAX_NAMED
    return ", ".join(paths[:MAX_NAMED]) + (f" and {more} more" if more > 0 else "")
