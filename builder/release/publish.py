"""Publish a release folder to the Hugging Face Hub, object storage (fsspec) or a local path.

The release may come from anyone, so it is checked first (check_release, without loading) and only
what was checked goes up: the files the manifest lists, each streamed from the release and hashed on
the way (a file that changed since is refused), and the manifest as the very bytes that were checked.

Versions are immutable: a version that is there is never touched unless asked (--force), and then it
is replaced whole: the files its own manifest lists are removed, manifest first. Publish touches only
versions it published: a target that holds files but no manifest.json, or files its manifest does not
list, is refused with or without --force, never written into or cleared. Before its first file, publish
writes a ledger (`.publishing.json`: the files it is about to write, each with its size and sha256) into the
version, and removes it last: a publish that was interrupted leaves the ledger, and the next one removes exactly
the files the ledger lists (plain release paths) once each is checked to be what it recorded (locally by sha256,
in object storage by size), then the ledger, and publishes afresh; a file there that the ledger does not list,
or that differs from its record, or a ledger of bare paths (it can be planted) is refused as above. Locally
every file is written under a fresh name (created exclusively) and renamed into place, so nothing is written
through a hard link or a file that was already there. The manifest goes up only once the destination holds
exactly the manifest's files with their sizes and sha256, so a reader never sees a manifest over a version that is
incomplete or has files it does not list. Buckets and Hub repositories are never created: publishing into one
that is not there is an error that says so.
"""

from __future__ import annotations

import hashlib
import json
import os
import secrets
import stat
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from builder.release.destinations import (
    Destination,
    DestinationError,
    PublishError,
    Storage,
    exists,
    parse_destination,
)
from builder.release.layout import CARD, MANIFEST, PUBLISHING, is_release
from builder.release.listed_files import changed_files, changed_objects, entries_of
from builder.release.manifest import MAX_MANIFEST_BYTES, manifest_problems, parse_manifest
from builder.release.names import is_build_output, version_problem
from builder.release.untrusted import ReleaseError, json_from_elsewhere, open_regular, size_of
from builder.run import faults
from builder.user_paths import given, named

__all__ = ["DestinationError", "Item", "PublishError", "Published", "plan", "publish"]

LARGE_UPLOAD_BYTES = 5 * 1024**3  # above this, the Hub upload goes in resumable steps
BLOCK = 1 << 20
Log = Callable[[str], None]


@dataclass(frozen=True)
class Item:
    path: str  # relative to the release folder (and to the version folder at the destination)
    bytes: int
    sha256: str


@dataclass
class Published:
    destination: str
    version: str
    items: list[Item]
    dry_run: bool
    verified: bool = False


@dataclass(frozen=True)
class _Checked:
    version: str | None
    items: list[Item]  # the manifest last
    manifest_bytes: bytes
    notes: tuple[str, ...] = ()  # what to tell the user of the release (an edited card), before uploading


def _check(release: Path) -> _Checked:
    from builder.release.check import inspect_release

    inspection = inspect_release(release, load=False)
    if inspection.issues or inspection.manifest is None or inspection.manifest_bytes is None:
        first = inspection.issues[0] if inspection.issues else "no manifest"
        if not is_release(release):  # raw documents: `validate FOLDER` would check them as documents
            raise PublishError(f"{release} is not a release ({first})")
        raise PublishError(f"{release} is not a valid release ({first}); run "
                           f"{named(f'`dataset-builder validate {release}`', f'validate({str(release)!r})')} and "
                           "rebuild before publishing")
    manifest, raw = inspection.manifest, inspection.manifest_bytes
    # an edited card whose claims hold goes up as it was checked (its size and sha256, not the manifest's): the
    # upload hashes what it sends, so a card changed after the check is refused on the way
    items = [Item(o["path"], *inspection.card) if o["path"] == CARD and inspection.card is not None
             else Item(o["path"], o["bytes"], o["sha256"]) for o in manifest["outputs"]]
    items.append(Item(MANIFEST, len(raw), hashlib.sha256(raw).hexdigest()))
    notes = tuple(f"{CARD}: {note.message}; it goes up as it is, and validate says so of the published version"
                  for note in inspection.notes)
    return _Checked(manifest.get("version"), items, raw, notes)


def plan(release: Path) -> tuple[str | None, list[Item]]:
    """The release's version and the files to upload, manifest last (after checking the release)."""
    checked = _check(release)
    return checked.version, checked.items


def publish(release: Path, url: str, version: str | None = None, force: bool = False, dry_run: bool = False,
            storage_options: dict[str, Any] | None = None, log: Log = lambda _: None) -> Published:
    """Raises DestinationError for a URL, option or version that cannot be used (nothing was read or
    written), PublishError when publishing cannot go on."""
    destination = parse_destination(url)
    if storage_options and destination.kind != "storage":
        raise DestinationError(f"{_option('--storage-option')} is for object storage URLs (s3://…), not for "
                               f"{destination.url}")
    if version is not None and (problem := version_problem(version)):
        raise DestinationError(f"{named('--version', 'version')}: {problem}")
    checked = _check(release)
    for note in checked.notes:
        log(note)
    if version is None:
        version = checked.version
    if not version:
        raise DestinationError(f"the release has no version: build it with "
                               f"{named('--version', 'a version (BuildConfig.load(version=…))')}, or pass "
                               f"{_option('--version')} to publish")
    if checked.version and version != checked.version:
        # its manifest and card name the version it was built as: published under another, they would be wrong
        raise DestinationError(f"{given('--version', 'version=', version)}: the release was built as version "
                               f"{checked.version}, which its manifest and card name, so it can be published only as "
                               f"that: leave out {_option('--version')}, or build it again with {_built_as(version)} "
                               "and publish that")
    if destination.kind == "local":
        _writable_folder(Path(destination.path))
        _apart(release, Path(destination.path) / version)
    if destination.kind == "hub":
        return _to_hub(release, destination, version, checked, force, dry_run, log)
    result = Published(f"{destination.url}/{version}", version, checked.items, dry_run)
    if not dry_run:
        _to_storage(release, Storage(destination, storage_options or {}), version, checked, force, log, result)
    return result


def _writable_folder(folder: Path) -> None:
    """A local --to must be a folder, or a path whose nearest existing part is one: `/dev/null` or a file (or a path
    under either) cannot hold a version folder, and a dry run said it would upload there (trial26). Nor can a path
    that steps out of a missing folder (`nope/../mirror`): making it made `nope` too, left empty (ux27's trial)."""
    for number, part_name in enumerate(folder.parts):
        if part_name == ".." and number and not (before := Path(*folder.parts[:number])).is_dir():
            raise DestinationError(f"{given('--to', 'to=', folder)}: {before} does not exist, so {before}/.. leads "
                                   f"nowhere (publishing there would create {before} only to step out of it); give "
                                   "the path without it")
    for part in (folder, *folder.parents):
        if part.is_dir():
            return
        if os.path.lexists(part):
            what = ("a symbolic link to something that does not exist" if not part.exists()
                    else "a file" if part.is_file() else "not a folder (a device, a FIFO or a socket)")
            where = "" if part == folder else f"; {part}, on its path, is {what}"
            raise DestinationError(f"{given('--to', 'to=', folder)}: cannot hold a version folder"
                                   + (f": it is {what}" if part == folder else where)
                                   + "; give a folder, or a path to create one at")


def _apart(release: Path, target: Path) -> None:
    """A local version folder may not be the release, be inside it or hold it: --force would remove the
    release's own files before copying them, and files written into it would break it (symlinks resolved)."""
    here, there = release.resolve(), target.resolve()
    where = ("the release itself" if there == here else "inside the release" if here in there.parents
             else "a folder holding the release" if there in here.parents else None)
    if where:
        raise DestinationError(f"{given('--to', 'to=', target.parent)}: the version folder {target} would be {where} "
                               f"({release}); publish to a folder outside it")


def _to_storage(release: Path, store: Storage, version: str, checked: _Checked, force: bool, log: Log,
                result: Published) -> None:
    fs, bucket = store.fs, store.destination.bucket
    target = f"{store.root}/{version}"
    if bucket and not store.call(f"checking bucket {bucket}", exists, fs, bucket):
        raise PublishError(f"bucket {bucket!r} does not exist (or these credentials cannot see it): create it, e.g. "
                           f"`aws s3 mb s3://{bucket}`, and publish again; publish never creates buckets")
    existing = _listing(store, target)
    if PUBLISHING in existing and MANIFEST not in existing:
        existing = _clear_interrupted(store, target, existing, result.destination, log, checked.version)
    if existing and MANIFEST not in existing:
        raise PublishError(f"{result.destination} holds files ({_names(existing)}) but no {MANIFEST}: it is not a "
                           "published release, and publish never writes into or removes what it did not publish, "
                           f"with or without {_option('--force')}; pick another {_option('--to')}, or "
                           f"{_another_version(checked.version)} (an "
                           f"interrupted publish's own files are cleared by the next one, from its {PUBLISHING}; "
                           "remove any other yourself)")
    if MANIFEST in existing and not force:
        raise PublishError(f"{result.destination} already exists and versions are immutable; "
                           f"{_another_version(checked.version)} (or {_option('--force')} to replace it)")
    if force and existing:
        listed = _published_files(store, target, result.destination, checked.version)
        unlisted = [path for path in existing if path not in listed and path not in (MANIFEST, PUBLISHING)]
        if unlisted:
            raise PublishError(f"{result.destination} holds file(s) its {MANIFEST} does not list: {_names(unlisted)}; "
                               f"{_option('--force')} replaces only what that version published, so nothing was "
                               "removed: move "
                               f"those files away yourself, or {_another_version(checked.version)}")
        log(f"{_option('--force')}: removing the {len(existing)} file(s) of {result.destination}")
        _remove(store, target, existing)
    files, manifest = checked.items[:-1], checked.items[-1]
    _mkdirs(store, target)
    with store.calling(f"writing {PUBLISHING}"), _open_new(store, f"{target}/{PUBLISHING}") as sink:
        ledger = {item.path: {"bytes": item.bytes, "sha256": item.sha256} for item in checked.items}
        sink.write(json.dumps({"files": ledger}, indent=1).encode())
    for item in files:
        log(f"uploading {item.path} ({item.bytes} bytes)")
        _upload(release, store, item, f"{target}/{item.path}")
        faults.point("publish-after-first-file")
    _verify(store, target, files, result.destination)  # before the manifest: no reader sees a bad version
    log(f"uploading {MANIFEST} ({manifest.bytes} bytes)")
    with store.calling(f"writing {MANIFEST}"), _open_new(store, f"{target}/{MANIFEST}") as sink:
        sink.write(checked.manifest_bytes)
    _verify(store, target, checked.items, result.destination)
    store.call(f"removing {PUBLISHING}", store.fs.rm, [f"{target}/{PUBLISHING}"])
    store.fs.invalidate_cache()
    result.verified = True


def _clear_interrupted(store: Storage, target: str, existing: list[str], destination: str, log: Log,
                       built_as: str | None) -> list[str]:
    """Remove what an interrupted publish wrote (the files its ledger lists), then the ledger: what is left.
    The ledger is read like any file from outside: bounded, and only plain release paths are taken from it;
    a file the ledger does not list is left, and the caller refuses the version as it is; a listed file that is not
    what the ledger recorded, or a ledger that records no size and sha256, is refused here."""
    refuse = (f"{destination}/{PUBLISHING} is not a ledger publish wrote ({{}}); nothing was removed: check that "
              f"folder, or {_another_version(built_as)}")
    with store.calling(f"reading {PUBLISHING}"):
        if store.fs.info(f"{target}/{PUBLISHING}")["size"] > MAX_MANIFEST_BYTES:
            raise PublishError(refuse.format("too large"))
        with store.fs.open(f"{target}/{PUBLISHING}", "rb") as file:
            raw = file.read(MAX_MANIFEST_BYTES + 1)
    try:
        document = json_from_elsewhere(raw)
    except ValueError as exc:
        raise PublishError(refuse.format(f"not JSON: {exc}")) from None
    listed = entries_of(document, "files")
    if listed is None:  # an older publish's ledger (bare paths), or a planted one: it cannot say what it wrote
        bare = document.get("files") if isinstance(document, dict) else None
        named_files = [p for p in existing if isinstance(bare, list) and p in bare]
        raise PublishError(f"{destination}/{PUBLISHING} lists {_names(named_files) if named_files else 'files'} "
                           "without the size and sha256 of each, so whether publish wrote them cannot be checked (a "
                           "ledger of an older dataset-builder, or one copied beside files of yours?); nothing was "
                           f"removed: move those files away yourself, or {_another_version(built_as)}")
    ours = [p for p in existing if p in listed and is_build_output(p)]
    left = [p for p in existing if p not in ours and p != PUBLISHING]
    if left:
        return existing  # refused by the caller: files publish did not write
    changed = _changed(store, target, {p: listed[p] for p in ours})
    if changed:
        raise PublishError(f"{destination}: {_names(changed)}: not what the interrupted publish's {PUBLISHING} "
                           "recorded, so not a file publish wrote; nothing was removed: move it away yourself, or "
                           f"{_another_version(built_as)}")
    log(f"clearing the {len(ours)} file(s) an interrupted publish left in {destination}")
    _remove(store, target, ours)
    store.call(f"removing {PUBLISHING}", store.fs.rm, [f"{target}/{PUBLISHING}"])
    store.fs.invalidate_cache()
    return []


def _changed(store: Storage, target: str, listed: dict[str, Any]) -> list[str]:
    """The files of `listed` (a path -> its ledger entry) that are not what the ledger recorded: locally by size and
    sha256, in object storage by size (a sha256 would mean downloading every object)."""
    if store.destination.kind == "local":
        return changed_files(Path(target), listed, unchecked=frozenset(), by=PUBLISHING)
    found = store.call("listing the destination", store.fs.find, target, detail=True)
    sizes = {path.removeprefix(f"{target}/"): info.get("size") for path, info in found.items()}
    return changed_objects(listed, sizes, unchecked=frozenset(), by=PUBLISHING)


def _another_version(built_as: str | None) -> str:
    """The way out when a version is taken: a release built with a version is published only as that one (its
    manifest and card name it; publish refuses another --version), so it takes a new build."""
    if built_as:
        return (f"build the release again with another {named('--version', 'version (BuildConfig.load(version=…))')} "
                f"(it was built as {built_as}) and publish that")
    return f"publish under another {_option('--version')}"


def _option(flag: str) -> str:
    """A publish option as a message names it (builder.user_paths): its flag on the command line (`--force`), its
    argument in Python (`force=True`)."""
    return named(flag, {"--to": "to=", "--version": "version=", "--force": "force=True",
                        "--storage-option": "storage_options"}[flag])


def _built_as(version: str) -> str:
    """How a build is given a version, as the caller builds: `--version 1.0.0`, or in Python the config's."""
    return named(f"--version {version}", f"version {version!r} (BuildConfig.load(version={version!r}))")


def _names(paths: list[str]) -> str:
    return ", ".join(paths[:5]) + (f", … ({len(paths)} in all)" if len(paths) > 5 else "")


def _published_files(store: Storage, target: str, destination: str, built_as: str | None) -> set[str]:
    """The files the version at `target` published, from its own manifest (read bounded, checked like any
    manifest: paths from it name only files of a release), so --force removes nothing else."""
    remote = f"{target}/{MANIFEST}"
    refuse = (f"{destination}/{MANIFEST} is not a manifest publish wrote ({{}}); {_option('--force')} replaces only "
              f"a version it published, so nothing was removed: check that folder, or {_another_version(built_as)}")
    with store.calling(f"reading the {MANIFEST} of {destination}"):
        size = store.fs.info(remote)["size"]
        if size > MAX_MANIFEST_BYTES:
            raise PublishError(refuse.format(f"{size} bytes"))
        with store.fs.open(remote, "rb") as file:
            raw = file.read(MAX_MANIFEST_BYTES + 1)
    try:
        manifest = parse_manifest(raw)
    except ReleaseError as exc:
        raise PublishError(refuse.format(exc)) from None
    problems = manifest_problems(manifest)
    if problems:
        raise PublishError(refuse.format(f"{problems[0][0]}: {problems[0][1]}"))
    return {output["path"] for output in manifest["outputs"]}


@contextmanager
def _open_new(store: Storage, remote: str) -> Iterator[Any]:
    """A file to write `remote` with. Locally a fresh file beside it (O_CREAT|O_EXCL, no symlink followed)
    renamed over it once complete: whatever was at `remote` (a hard link to someone's file) is replaced,
    never written into, and a failed write leaves nothing. Object stores replace objects whole anyway."""
    if store.destination.kind != "local":
        with store.fs.open(remote, "wb") as sink:
            yield sink
        return
    folder, name = os.path.split(remote)
    temporary = os.path.join(folder, f".{name}.{secrets.token_hex(8)}.partial")
    # mode 0o666 less the umask, as any file the user writes (mkstemp's 0o600 left a shared mirror unreadable)
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o666)
    try:
        with os.fdopen(fd, "wb") as sink:
            yield sink
        os.replace(temporary, remote)
    except BaseException:
        os.unlink(temporary)
        raise


def _listing(store: Storage, target: str) -> list[str]:
    """The files under `target`, relative to it. Locally, a symlink, FIFO or device there is an error:
    publish neither follows nor deletes what it cannot have written."""
    if store.destination.kind != "local":
        found = store.call("listing the destination", store.fs.find, target)
        return sorted(p.removeprefix(f"{target}/") for p in found if p.startswith(f"{target}/"))
    try:
        mode = os.lstat(target).st_mode
    except FileNotFoundError:
        return []
    if stat.S_ISLNK(mode):  # a folder through the link: "not a folder" said nothing of why (fix20)
        raise PublishError(f"{target} is a symbolic link (to {os.readlink(target)}); publish writes a version folder "
                           f"of its own, never through a link: remove the link, or give {named('--to', 'to=')} the "
                           "folder the version should be published in")
    if not stat.S_ISDIR(mode):
        raise PublishError(f"{target} is there and is not a folder; move it away and publish again")
    files = []
    for folder, dirs, names in os.walk(target):
        for name in sorted(dirs + names):
            path = os.path.join(folder, name)
            mode = os.lstat(path).st_mode
            if stat.S_ISLNK(mode) or not (stat.S_ISDIR(mode) or stat.S_ISREG(mode)):
                raise PublishError(f"{path} is not a regular file or folder (a symlink?); publish never writes "
                                   "through or removes one: remove it yourself and publish again")
            if stat.S_ISREG(mode):
                files.append(os.path.relpath(path, target).replace(os.sep, "/"))
    return sorted(files)


def _remove(store: Storage, target: str, existing: list[str]) -> None:
    """The manifest first (the version stops being one), then every other file, then empty folders."""
    ordered = [MANIFEST] if MANIFEST in existing else []
    for group in (ordered, [p for p in existing if p != MANIFEST]):
        if group:
            store.call("removing the old version", store.fs.rm, [f"{target}/{p}" for p in group])
    if store.destination.kind == "local":
        for folder, _, _ in sorted(os.walk(target), key=lambda w: -len(w[0])):
            if folder != target and not os.listdir(folder):
                os.rmdir(folder)
    store.fs.invalidate_cache()


def _mkdirs(store: Storage, folder: str) -> None:
    """Folders exist on file systems, not in buckets (where makedirs would create the bucket)."""
    if not store.destination.bucket:
        store.call("creating folders", store.fs.makedirs, folder, exist_ok=True)


def _upload(release: Path, store: Storage, item: Item, remote: str) -> None:
    """Stream the file from the release, hashing what is sent: it must still be what was checked."""
    changed = f"{item.path} changed in the release since it was checked; validate it and publish again"
    try:
        source = open_regular(release, item.path)
    except (OSError, ReleaseError):
        raise PublishError(changed) from None
    with source:
        if size_of(source) != item.bytes:
            raise PublishError(changed)
        _mkdirs(store, remote.rsplit("/", 1)[0])
        digest = hashlib.sha256()
        with store.calling(f"uploading {item.path}"), _open_new(store, remote) as sink:
            for block in iter(lambda: source.read(BLOCK), b""):
                digest.update(block)
                sink.write(block)
            if digest.hexdigest() != item.sha256:  # before the file is in place (locally)
                raise PublishError(changed)


def _verify(store: Storage, target: str, items: list[Item], destination: str) -> None:
    """The destination holds exactly `items`, each with its size and sha256."""
    store.fs.invalidate_cache()
    found, expected = set(_listing(store, target)) - {PUBLISHING}, {item.path for item in items}
    stray, missing = sorted(found - expected), sorted(expected - found)
    if stray:
        raise PublishError(f"{destination} holds file(s) the manifest does not list, which would be loaded with the "
                           f"release: {', '.join(stray[:5])}{', …' if len(stray) > 5 else ''}; publish again with "
                           f"{_option('--force')} to replace the version whole")
    if missing:
        raise PublishError(f"{destination}: {', '.join(missing[:5])} did not land; publish again with "
                           f"{_option('--force')}")
    for item in items:
        remote = f"{target}/{item.path}"
        digest = hashlib.sha256()
        with store.calling(f"reading back {item.path}"):
            size = store.fs.info(remote)["size"]
            with store.fs.open(remote, "rb") as f:
                for block in iter(lambda: f.read(BLOCK), b""):
                    digest.update(block)
        if size != item.bytes or digest.hexdigest() != item.sha256:
            raise PublishError(f"{remote}: after upload it has {size} bytes and sha256 {digest.hexdigest()[:12]}…, "
                               f"the manifest says {item.bytes} and {item.sha256[:12]}…; publish again with "
                               f"{_option('--force')}")


def _to_hub(release: Path, destination: Destination, version: str, checked: _Checked, force: bool, dry_run: bool,
            log: Log) -> Published:
    """One commit that makes the repository hold exactly the release (stale files deleted), tagged with
    the version; then the tagged revision is checked file by file (sizes, LFS sha256, no other file)."""
    repo_id = destination.path
    result = Published(f"{destination.url}@{version}", version, checked.items, dry_run)
    if dry_run:
        return result
    try:
        from huggingface_hub import CommitOperationAdd, CommitOperationDelete, HfApi, RepoFile
        from huggingface_hub.errors import RepositoryNotFoundError
    except ImportError:
        raise PublishError("publishing to the Hub needs huggingface_hub: pip install 'dataset-builder[hub]'") from None
    token = os.environ.get("HF_TOKEN") or os.environ.get("HUGGING_FACE_HUB_TOKEN")
    if not token:
        raise PublishError("no Hugging Face token: set HF_TOKEN to a token with write access to the repository")
    api = HfApi(token=token)
    paths = [item.path for item in checked.items]
    try:
        try:
            api.repo_info(repo_id, repo_type="dataset")
        except RepositoryNotFoundError:
            raise PublishError(f"{destination.url} does not exist (or the token cannot see it): create the dataset "
                               "repository on https://huggingface.co/new-dataset (private or public, your choice) and "
                               "publish again; publish never creates repositories") from None
        tags = {tag.name for tag in api.list_repo_refs(repo_id, repo_type="dataset").tags}
        if version in tags and not force:
            raise PublishError(f"{repo_id} already has version {version} and versions are immutable; "
                               f"{_another_version(checked.version)} (or {_option('--force')} to replace it)")
        stale = [p for p in api.list_repo_files(repo_id, repo_type="dataset")
                 if p not in paths and p != ".gitattributes"]
        deletes = [CommitOperationDelete(path_in_repo=p) for p in stale]
        revision = None  # the commit to tag: ours, not whatever main points to by then
        if sum(item.bytes for item in checked.items) > LARGE_UPLOAD_BYTES:
            log("large release: uploading in resumable steps")
            if deletes:
                api.create_commit(repo_id, deletes, commit_message=f"Release {version}: remove files it does not "
                                  "have", repo_type="dataset")
            # resumable where this huggingface_hub has it (0.25 to 1.x); one commit of the folder otherwise
            upload_large = getattr(api, "upload_large_folder", None)
            if upload_large is not None:
                upload_large(repo_id=repo_id, folder_path=str(release), repo_type="dataset", allow_patterns=paths)
            else:
                api.upload_folder(repo_id=repo_id, folder_path=str(release), repo_type="dataset",
                                  allow_patterns=paths, commit_message=f"Release {version}")
        else:
            adds = [CommitOperationAdd(path_in_repo=item.path, path_or_fileobj=str(release / item.path))
                    for item in checked.items[:-1]]
            adds.append(CommitOperationAdd(path_in_repo=MANIFEST, path_or_fileobj=checked.manifest_bytes))
            for add, item in zip(adds, checked.items, strict=True):  # what goes up is what was checked
                if add.upload_info.sha256.hex() != item.sha256:
                    raise PublishError(f"{item.path} changed in the release since it was checked; publish again")
            revision = api.create_commit(repo_id, [*deletes, *adds], commit_message=f"Release {version}",
                                         repo_type="dataset").oid
        if version in tags:
            api.delete_tag(repo_id, tag=version, repo_type="dataset")
        api.create_tag(repo_id, tag=version, revision=revision, repo_type="dataset", tag_message=f"Release {version}")
        landed = set(api.list_repo_files(repo_id, repo_type="dataset", revision=version)) - {".gitattributes"}
        infos = {info.path: info for info in api.get_paths_info(repo_id, paths, repo_type="dataset", revision=version)}
    except PublishError:
        raise
    except Exception as exc:  # the network, the token's rights, the Hub's answers: the environment, not a bug
        raise PublishError(f"{destination.url}: {type(exc).__name__}: {exc}\n(check the network, that HF_TOKEN can "
                           "write to the repository, and publish again)") from None
    if landed != set(paths):
        raise PublishError(f"{destination.url}@{version} does not hold exactly the release's files (extra: "
                           f"{sorted(landed - set(paths))[:5]}, missing: {sorted(set(paths) - landed)[:5]}); publish "
                           f"again with {_option('--force')}")
    for item in checked.items:
        info = infos.get(item.path)
        lfs_sha = getattr(getattr(info, "lfs", None), "sha256", None)
        if not isinstance(info, RepoFile) or info.size != item.bytes or (lfs_sha and lfs_sha != item.sha256):
            raise PublishError(f"{item.path} did not land as the manifest says; publish again with "
                               f"{_option('--force')}")
    result.verified = True
    return result
