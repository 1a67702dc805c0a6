"""The --out folder: checked before a build writes anything, locked while it writes, and changed
only in files the build itself wrote.

A build writes into DIR only when DIR is absent, empty, a release of this tool (its manifest.json
lists the release's files) or a build of this tool that did not finish (the marker file written
before anything else says so). Then:

- DIR is locked, so a second build into it stops at once instead of deleting the first one's work;
- the build replaces only the files the previous manifest lists, each checked to be a plain relative
  path where a build writes (data/, rejects/, plots/, the card and the removed-lines report); any
  other file in data/, rejects/ or plots/ is named and the build refused, never deleted;
- nothing is followed through a symbolic link: a link where the build keeps its files is refused;
- DIR may not be, lie inside or hold a source, so a release is never read back as input and inputs
  are never replaced;
- --previous is read in full (and checked) before anything in DIR changes, so it may be DIR itself.

The new release is written under DIR/.staging and moved into place by `Claim.commit`, manifest.json
last. A build that kept no document commits nothing: `Claim.set_aside` moves its rejects to
DIR/.rejected-build, and the previous release stays as it was. The next build clears both scratch folders
of what a build writes there, file by file, and refuses (naming it) anything else it finds in them. The files a
commit replaces and writes are recorded first, each with its size and sha256 (DIR/.staging/commit.json), so the
next build can clear what a killed one left, removing a listed file only while it is what the ledger recorded (a
ledger can be planted too; one of bare paths is refused), and a failed build removes what it wrote.
"""

from __future__ import annotations

import fcntl
import glob
import hashlib
import json
import logging
import os
import re
import stat
from collections.abc import Iterable
from contextlib import suppress
from dataclasses import dataclass, field
from fnmatch import fnmatch
from pathlib import Path, PurePosixPath
from typing import TypeGuard

from builder.read.remote import is_url
from builder.release.diff import ReleaseContents, UnreadableRelease, read_release
from builder.release.fresh import replace_with_new
from builder.release.layout import (
    CACHE,
    CARD,
    DATA,
    LEDGER,
    MANIFEST,
    MARKER,
    REJECTS,
    REMOVED_LINES,
    SET_ASIDE,
    SPILL,
    STAGING,
)
from builder.release.listed_files import changed_files, entries_of, recorded, unmatched
from builder.release.manifest import READ_MANIFEST_VERSIONS
from builder.release.names import is_build_output
from builder.release.plots import PLOTS
from builder.release.untrusted import json_from_elsewhere, sha256_of
from builder.run import faults
from builder.run.cache_key import ENV as KEY_ENV, NoKey, key_path
from builder.user_paths import given, named, set_to

RELEASE_FOLDERS = (DATA, REJECTS, PLOTS)  # hold only files a build wrote
TOP_FILES = (CARD, REMOVED_LINES)  # written at the top of DIR, besides manifest.json
STATE_FOLDERS = (STAGING, SET_ASIDE, CACHE, *RELEASE_FOLDERS)
# The marker's bytes: a folder of the user's would not hold a file of this name with this text.
SIGNATURE = (b"dataset-builder: a build is writing this folder, or was interrupted. Run the same build again "
             b"to finish it; it replaces only the files it wrote.\n")
MAX_NAMED = 10
NEW_FOLDER = "choose an empty or new folder to build into"
PREVIOUS = "give the folder of the previous release (the one with manifest.json)"

log = logging.getLogger(__name__)


class OutDirError(Exception):
    """The build refused to start: --out or --previous is not safe to use. A usage error (exit 2),
    raised before anything in --out was changed."""


@dataclass(frozen=True)
class Survey:
    """What a build found in --out."""

    finished: bool  # a finished release (manifest.json) is there
    outputs: frozenset[str]  # the files its manifest lists
    ledger: frozenset[str]  # the files an interrupted commit was replacing or writing
    card_sha256: str | None = None  # the card's sha256 as the manifest lists it (None: not listed, or no sha256)
    # the listed files found to be their manifest entry's size and sha256 (listed_files.recorded's records of
    # them): the commit's ledger records them without reading them again
    checked: dict[str, dict[str, object]] = field(default_factory=dict)


class Claim:
    """A locked --out folder, the previous release's files in it (which the build may replace), and
    the contents of --previous, read before anything changed."""

    keeps_cache = True  # DIR/.cache travels with the release (a URL --out has none: builder.release.remote_out)

    def __init__(self, out: Path, survey: Survey, previous: ReleaseContents | None, lock: int,
                 made: bool = False) -> None:
        self.out, self.previous, self._lock = out, previous, lock
        self._made = made  # the claim created the folder
        self.staging = out / STAGING
        self.replaces = survey.outputs
        self._card_sha256 = survey.card_sha256
        self._checked = survey.checked
        self._was_finished = survey.finished
        self._writing: frozenset[str] = frozenset()
        self._state = "building"  # -> "committing" once the previous manifest is gone -> "done"

    def commit(self, stage: Path, outputs: list[str], described: dict[str, dict[str, object]] | None = None) -> None:
        """Move the release staged in `stage` into place: the previous release's files out, the new
        ones in, manifest.json last. Killed at any point, it leaves the previous release or a folder
        without manifest.json that the next build clears, using the ledger written first. `described`: the new
        files' sizes and sha256s as the manifest gives them (the ledger records them without reading them again)."""
        new = frozenset(outputs)
        if not all(_is_release_path(p) for p in new):
            raise ValueError(f"a build tried to write outside the release's folders: {sorted(new)}")
        self._writing = new
        card = _keep_edited_card(self.out, self._card_sha256 if CARD in self.replaces else None)
        # what each file was and will be: the next build removes a listed file only if it is one of these
        checked = {**self._checked, CARD: card} if card is not None else self._checked
        ledger = json.dumps({"replacing": recorded(self.out, self.replaces, checked),
                             "writing": recorded(stage, new, described)}, indent=1)
        replace_with_new(self.staging / f"{LEDGER}.partial", (ledger + "\n").encode("utf-8"))
        os.replace(self.staging / f"{LEDGER}.partial", self.staging / LEDGER)  # whole, or not there
        faults.point("before-commit")
        (self.out / MANIFEST).unlink(missing_ok=True)
        self._state = "committing"
        faults.point("after-manifest-removed")
        for path in sorted(self.replaces - new):
            (self.out / path).unlink(missing_ok=True)  # checked when claimed: regular files of the release
        faults.point("after-old-removed")
        for folder in RELEASE_FOLDERS:
            moving = sorted(p for p in new if PurePosixPath(p).parts[0] == folder)
            if moving or folder == DATA:
                (self.out / folder).mkdir(exist_ok=True)
            elif (self.out / folder).is_dir():
                with suppress(OSError):
                    (self.out / folder).rmdir()  # only if empty: plots or rejects of an earlier build, now gone
            for path in moving:
                os.replace(stage / path, self.out / path)
            if folder == DATA:
                faults.point("after-swap-data")
            elif folder == REJECTS:
                faults.point("after-swap-rejects")
        for name in TOP_FILES:
            if name in new:
                os.replace(stage / name, self.out / name)
        faults.point("before-manifest")
        os.replace(stage / MANIFEST, self.out / MANIFEST)
        self._state = "done"
        faults.point("after-manifest")
        _own_scratch(self.staging)
        (self.out / MARKER).unlink()

    def set_aside(self, stage: Path) -> Path:
        """A build that kept no document: its rejects (staged in `stage`) go to DIR/.rejected-build, where the
        user can read why, and nothing of the release is replaced. Returns the folder they are in."""
        kept = self.out / SET_ASIDE
        kept.mkdir()  # the claim cleared an earlier one
        os.replace(stage / REJECTS, kept / REJECTS)
        return kept / REJECTS

    def abandon(self) -> None:
        """After a failure: remove what this build wrote. Before the commit that leaves the previous
        release as it was; during it, a folder without manifest.json that the next build rebuilds."""
        if self._state == "committing":
            for path in sorted(self.replaces | self._writing):
                with suppress(OSError):
                    (self.out / path).unlink(missing_ok=True)
        with suppress(OSError):
            _own_scratch(self.staging)  # frees the space a full disk needs back
        if self._state == "done" or (self._state == "building" and self._was_finished):
            with suppress(OSError):
                (self.out / MARKER).unlink()  # a finished release again
        elif self._state == "building" and os.listdir(self.out) == [MARKER]:
            # nothing of this build's left to resume from (no cache entry, no set-aside rejects): the folder
            # is as it was, or gone if this build made it
            with suppress(OSError):
                (self.out / MARKER).unlink()
                if self._made:
                    self.out.rmdir()

    def close(self) -> None:
        _unlock(self._lock)


def claim(out: Path, sources: Iterable[str], previous: str | None, previous_name: str = "--previous") -> Claim:
    """Check --out and --previous, lock --out, and clear what an interrupted build left there.
    `previous_name`: where --previous came from, for messages (the flag, or a config file's key).

    Every refusal is an OutDirError raised before anything in --out was written."""
    _no_step_back_from_nothing(out)
    check_sources(out, sources)
    try:
        survey(out, hashes=False)  # the sha256s once, under the lock below
    except OutDirError:
        if out.is_dir():  # a build writing DIR right now explains what was found better than the finding
            _unlock(_lock(out))
        raise
    old = previous_folder(previous, previous_name) if previous else None
    contents, digest = read_previous_with_digest(old, previous_name) if old else (None, None)
    made = not os.path.lexists(out)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise _not_made(out, exc) from None
    lock = _lock(out)
    try:
        found = survey(out)  # again, now that no other build can change it
        if old and old.resolve() == out.resolve() and (not found.finished or _digest(out) != digest):
            raise OutDirError(f"{named_out(out)} changed while this build was reading it as --previous (another "
                              "build finished?); run this build again")
        _mark(out)
        faults.point("after-lock")
        if not found.finished:
            for path in sorted(found.ledger):  # checked by survey: regular files where a build writes
                (out / path).unlink(missing_ok=True)
        for folder in (STAGING, SET_ASIDE):
            _clear_scratch(out / folder)
    except BaseException:
        _unlock(lock)
        raise
    return Claim(out, found, contents, lock, made)


def previous_folder(previous: str, name: str = "--previous") -> Path:
    """--previous as the local folder it must be, whatever --out is: a URL is refused by name (as a Path,
    `s3://b/v1` became `s3:/b/v1` and was reported as a missing folder). `name`: where it came from."""
    if is_url(previous):
        raise OutDirError(f"{set_to(name, previous)}: give a local folder (download the previous release first)")
    return Path(previous)


def check_sources(out: Path, sources: Iterable[str]) -> None:
    """--out may not be a source, lie inside one, or hold one: the release would be read back as input
    by the next build, or the build would replace the inputs."""
    target = out.resolve()
    advice = ("; the build would read its own output back as input, or replace its inputs: put "
              f"{named('--out', 'the release (out=)')} outside the source folders")
    for source in sources:
        if is_url(source):  # in object storage: never a local --out (builder.release.remote_out checks URLs)
            continue
        path = Path(source)
        if glob.has_magic(source):
            parts = path.parts
            fixed = next((i for i, part in enumerate(parts) if glob.has_magic(part)), len(parts))
            root, pattern = Path(*parts[:fixed]).resolve(), parts[fixed:]
            reaches = target.is_relative_to(root) and _reaches(pattern, target.relative_to(root).parts)
        elif path.is_dir():
            root = path.resolve()
            reaches = target.is_relative_to(root)
        else:
            root = path.parent.resolve() / path.name  # the file itself, a link not followed
            reaches = False
        if target == root:
            raise OutDirError(f"{named_out(out)} is the source {source}{advice}")
        if reaches:
            raise OutDirError(f"{named_out(out)} is inside the source {source}{advice}")
        if root.is_relative_to(target):
            raise OutDirError(f"{named_out(out)} contains the source {source}{advice}")


def check_cache_key(out: Path) -> None:
    """The key that signs the build cache (builder.run.cache_key) may not lie inside --out: the folder is
    published, and whoever has the key can write cache entries this user's next build takes as its own."""
    try:
        key = key_path()
    except NoKey:  # no key can be made: the build runs without its cache, and says so
        return
    if key.resolve().is_relative_to(out.resolve()):
        raise OutDirError(f"{named_out(out)}: the cache key {key} is inside it, so it would be published with the "
                          "release (and anyone with it could sign cache entries your builds trust); set "
                          f"{KEY_ENV} to a file outside it, or build with "
                          f"{named('--no-cache', 'RunSettings(cache=False)')}")


def _reaches(pattern: tuple[str, ...], below: tuple[str, ...]) -> bool:
    """Whether a glob (its parts after the fixed prefix) can match a file inside the folder `below`
    (the parts of its path after the same prefix)."""
    if "**" in pattern:
        return True
    return len(pattern) > len(below) and all(fnmatch(name, part) for name, part in zip(below, pattern, strict=False))


def survey(out: Path, hashes: bool = True) -> Survey:
    """Whether a build may write into `out`, and which files there are the previous release's (each checked
    against the manifest's size, and its sha256 unless `hashes` is False)."""
    try:
        info = os.stat(out)
    except FileNotFoundError:
        return Survey(False, frozenset(), frozenset())
    except NotADirectoryError as exc:  # a file where a folder above it would go: it cannot be made
        raise _not_made(out, exc) from None
    if not stat.S_ISDIR(info.st_mode):
        raise OutDirError(f"{named_out(out)}: not a folder; {NEW_FOLDER} (it is created if missing)")
    entries = set(os.listdir(out))
    if not entries:
        return Survey(False, frozenset(), frozenset())
    for name in (MARKER, MANIFEST, *TOP_FILES):
        if name in entries and not _is_plain_file(out / name):
            raise OutDirError(f"{named_out(out)}: {out / name} is a link or a folder, not a file this tool wrote; "
                              f"{NEW_FOLDER}")
    for name in STATE_FOLDERS:
        if name in entries and (os.path.islink(out / name) or not (out / name).is_dir()):
            kind = "a symbolic link" if os.path.islink(out / name) else "not a folder"
            raise OutDirError(f"{named_out(out)}: {out / name} is {kind}; a build never writes or deletes through a "
                              f"link, so it will not use this folder: make it a real folder, or {NEW_FOLDER}")
    finished = MANIFEST in entries
    listed: dict[str, object] = {}
    if finished:
        listed = release_entries(out, named_out(out), NEW_FOLDER)
        outputs = frozenset(listed)
    elif _marked(out):
        outputs = frozenset()
    else:
        raise OutDirError(f"{named_out(out)}: not empty, and not a release written by dataset-builder (it has no "
                          f"manifest.json), so building there could replace or delete files of yours; {NEW_FOLDER}")
    ledger = frozenset() if finished else _ledger(out, hashes)
    for folder in (STAGING, SET_ASIDE):
        foreign = [f"{folder}/{path}" for path in _scratch_entries(out / folder, folder)[1]]
        if foreign:
            raise OutDirError(f"{named_out(out)}: {_named(foreign)}: not written by this tool (a build's own scratch "
                              f"folder holds nothing else), so a build will not clear {folder}: move these "
                              f"elsewhere, or {NEW_FOLDER}")
    owned = outputs | ledger
    unknown = [name for name in TOP_FILES if name in entries and name not in owned]
    for folder in RELEASE_FOLDERS:
        paths = [f"{folder}/{name}" for name in sorted(os.listdir(out / folder))] if folder in entries else []
        for path in paths:
            if path in owned and not _is_plain_file(out / path):  # listed, but a link now: say so (trial23)
                raise OutDirError(f"{named_out(out)}: {out / path} is a link or a folder, not a file this tool "
                                  f"wrote; {NEW_FOLDER}")
        unknown += [path for path in paths if path not in owned]
    if unknown:
        raise OutDirError(f"{named_out(out)}: {_named(unknown)}: not written by this build (not listed in "
                          f"manifest.json); a build replaces only its own files, so move these elsewhere, or "
                          f"{NEW_FOLDER}")
    checked: dict[str, dict[str, object]] = {}
    changed = changed_files(out, listed, hashes, same=checked)
    if changed:
        raise OutDirError(f"{named_out(out)}: {_named(changed)}: differs from what manifest.json lists for it, so "
                          "it is not the file this tool wrote (a manifest copied beside files of yours?); a build "
                          f"replaces only its own files, so move it elsewhere, or {NEW_FOLDER}")
    card = listed.get(CARD)
    card_sha256 = card.get("sha256") if isinstance(card, dict) else None
    return Survey(finished, outputs, ledger, card_sha256 if isinstance(card_sha256, str) else None, checked)


def _keep_edited_card(out: Path, listed_sha256: str | None) -> dict[str, object] | None:
    """The card in `out` kept beside it, as README.edited-HASH.md (a hard link: its bytes, not a copy), when it is not
    the card the manifest lists (`listed_sha256`): its prose is the user's to edit, and a README.md of the user's
    beside a copied manifest.json is theirs, so the new card must not take its bytes away. Made before the commit
    ledger, so whatever the commit does next (killed or not) the edited card stays; a later build leaves the file
    alone (DIR's other files are the user's). Returns the card's record as the ledger writes it (its bytes and
    sha256, read once here), or None when there is no card."""
    card = out / CARD
    try:
        with os.fdopen(os.open(card, os.O_RDONLY | os.O_NOFOLLOW), "rb") as f:  # a link was refused by survey
            record: dict[str, object] = {"bytes": os.fstat(f.fileno()).st_size, "sha256": sha256_of(f)}
    except FileNotFoundError:
        return None
    digest = str(record["sha256"])
    if digest == listed_sha256:
        return record
    kept = out / edited_card_name(digest)
    try:
        os.link(card, kept, follow_symlinks=False)
    except FileExistsError:  # kept by an earlier build: the same bytes, unless someone wrote that name
        with os.fdopen(os.open(kept, os.O_RDONLY | os.O_NOFOLLOW), "rb") as f:
            if sha256_of(f) != digest:
                raise OutDirError(edited_card_clash(out, kept.name)) from None
    log.warning(EDITED_CARD_KEPT, card, kept, CARD)
    return record


EDITED_CARD_KEPT = ("warning: %s was not the card the last build wrote (edited by hand?): it is kept as %s, and %s "
                    "is the new card")


def edited_card_name(digest: str) -> str:
    """Where a build keeps a card that is not the one the manifest lists (`digest`: its sha256), beside it."""
    return f"README.edited-{digest[:12]}.md"


def edited_card_clash(out: object, kept: str) -> str:
    return (f"{named_out(out)}: {CARD} is not the card manifest.json lists (edited?) and {kept}, where a build keeps "
            "it, holds other bytes; move one of them elsewhere and build again")


def _no_step_back_from_nothing(out: Path) -> None:
    """`--out nothere/../y`: the system follows `..` only from a folder that exists, so creating the path created
    `nothere` too, left empty beside the release (ux27's trial). Refused before anything is made."""
    for number, part in enumerate(out.parts):
        if part == ".." and number and not (before := Path(*out.parts[:number])).is_dir():
            raise OutDirError(f"{named_out(out)}: {before} does not exist, so {before}/.. leads nowhere (building "
                              f"there would create {before} only to step out of it); give the path without it")


def _not_made(out: Path, exc: OSError) -> OSError:
    """--out cannot be created: an environment error (exit 1) that names the option, not only a path
    (trial22: `--out /proc/self/x` said `error: /proc/self/x: No such file or directory`). A symbolic link to
    nothing on the way is named as such (trial26: it said `cannot create this folder: File exists`)."""
    dangling = next((p for p in (out, *out.parents) if os.path.islink(p) and not p.exists()), None)
    if dangling is not None:
        return OSError(exc.errno, f"cannot create this folder: {dangling} is a symbolic link to "
                                  f"{os.readlink(dangling)}, which does not exist (a build never creates a folder "
                                  "through a link: create its target first, or choose another --out)", named_out(out))
    return OSError(exc.errno, f"cannot create this folder: {exc.strerror or exc}", named_out(out))


def named_out(out: object) -> str:
    """--out, as the caller gave it (the flag on the command line, `out=` in Python)."""
    return given("--out", "out=", out)


def _named(paths: list[str]) -> str:
    more = len(paths) - MAX_NAMED
    return ", ".join(paths[:MAX_NAMED]) + (f" and {more} more" if more > 0 else "")


# What a build leaves in its scratch folders, relative to them: in .staging the commit ledger (and its
# partial write), the shard parts being written, the release laid out as it will be in --out, and the HTML
# pages' extractions the first pass kept for the second (builder.run.spill, named by a hex HMAC); in
# .rejected-build the rejects of a build that kept nothing. Folders first, then the files' shapes.
_SCRATCH_FOLDERS = {STAGING: ("parts", "release", SPILL, *(f"release/{f}" for f in RELEASE_FOLDERS)),
                    SET_ASIDE: (REJECTS,)}
_SHARD = r"\w[\w.-]*-\d{5}-of-\d{5}\.parquet"  # builder.release.shards.shard_name
_SET_ASIDE_FILE = re.compile(rf"{REJECTS}/{_SHARD}")
_STAGING_FILE = re.compile(rf"{re.escape(LEDGER)}(\.partial)?|parts/\w[\w.-]*-\d{{5}}\.parquet\.partial"
                           rf"|{SPILL}/[0-9a-f]{{64}}"
                           rf"|release/(({DATA}|{REJECTS})/{_SHARD}|{PLOTS}/\w+\.png|"
                           rf"{'|'.join(re.escape(name) for name in (*TOP_FILES, MANIFEST))})")


def _is_scratch_file(folder: str, path: str) -> bool:
    return bool((_SET_ASIDE_FILE if folder == SET_ASIDE else _STAGING_FILE).fullmatch(path))


def _scratch_entries(folder: Path, name: str) -> tuple[list[str], list[str]]:
    """A scratch folder's plain files a build writes there, and every other entry (a file of another shape,
    a link, a device, an unknown folder), as paths relative to it. Links are listed, never followed."""
    ours: list[str] = []
    foreign: list[str] = []
    if not folder.is_dir() or folder.is_symlink():  # survey refused a link or a file in its place
        return ours, foreign
    for top, dirs, files in os.walk(folder):  # never follows links: a link to a folder is in `dirs`
        base = Path(top).relative_to(folder)
        for entry in sorted(dirs):
            path = (base / entry).as_posix()
            if os.path.islink(folder / path) or path not in _SCRATCH_FOLDERS[name]:
                foreign.append(path + ("" if os.path.islink(folder / path) else "/"))
                dirs.remove(entry)
        for entry in sorted(files):
            path = (base / entry).as_posix()
            plain = _is_plain_file(folder / path)
            (ours if plain and _is_scratch_file(name, path) else foreign).append(path)
    return ours, foreign


def _clear_scratch(folder: Path) -> None:
    """Remove a scratch folder an earlier build left: survey checked that it holds nothing else, so an
    entry that appeared since stops the build instead of being deleted."""
    ours, foreign = _scratch_entries(folder, folder.name)
    if foreign:
        raise OutDirError(f"{folder}: {_named(foreign)} appeared while the build was starting; move it elsewhere")
    _remove_scratch(folder, ours)


def _remove_scratch(folder: Path, files: list[str]) -> None:
    """Unlink `files` (a scratch folder's own, relative to it), then its folders if that left them empty:
    anything else in them stays where it is."""
    for path in files:
        (folder / path).unlink(missing_ok=True)
    for path in sorted(_SCRATCH_FOLDERS[folder.name], reverse=True):  # the deepest first
        with suppress(FileNotFoundError, OSError):
            (folder / path).rmdir()
    with suppress(FileNotFoundError, OSError):
        folder.rmdir()


def _own_scratch(folder: Path) -> None:
    """Remove this build's own scratch folder, leaving whatever it did not write there."""
    _remove_scratch(folder, _scratch_entries(folder, folder.name)[0])


def release_outputs(folder: Path, flag: str, advice: str) -> frozenset[str]:
    """The files a release's manifest.json lists, each checked to be one a build writes: the manifest is
    untrusted, and these are the files a build will replace."""
    return frozenset(release_entries(folder, set_to(flag, folder), advice))


def release_entries(folder: Path, where: str, advice: str) -> dict[str, object]:
    """release_outputs with each file's manifest entry (its size and sha256); `where`: the folder as messages name
    it (`--out DIR`)."""
    try:
        raw = (folder / MANIFEST).read_bytes()
    except FileNotFoundError:
        raise OutDirError(f"{where}: not a finished release (no manifest.json); {advice}") from None
    except OSError as exc:
        raise OutDirError(f"{where}: manifest.json is not readable ({exc}); {advice}") from None
    return listed_entries(raw, where, advice)


def listed_outputs(raw: bytes, where: str, advice: str) -> frozenset[str]:
    """The files a manifest's bytes list, each checked to be one a build writes (`where`: the flag and
    the folder or URL, for messages)."""
    return frozenset(listed_entries(raw, where, advice))


def listed_entries(raw: bytes, where: str, advice: str) -> dict[str, object]:
    """listed_outputs with each file's manifest entry (a dict with its bytes and sha256, or the bare path of an
    entry that is one)."""
    try:
        document = json_from_elsewhere(raw)
    except ValueError as exc:
        raise OutDirError(f"{where}: manifest.json is not readable JSON ({exc}); {advice}") from None
    outputs = document.get("outputs") if isinstance(document, dict) else None
    if not isinstance(outputs, list) or document.get("manifest_version") not in READ_MANIFEST_VERSIONS:
        raise OutDirError(f"{where}: manifest.json is not one dataset-builder writes (manifest_version "
                          f"{' or '.join(map(str, READ_MANIFEST_VERSIONS))} with a list of outputs); {advice}")
    entries: dict[str, object] = {}
    for entry in outputs:
        path = entry.get("path") if isinstance(entry, dict) else entry
        if not _is_release_path(path):
            raise OutDirError(f"{where}: manifest.json lists {path!r}, which dataset-builder never writes; "
                              f"this is not a release of this tool, or its manifest was edited: {advice}")
        entries[path] = entry
    return entries


def _is_release_path(path: object) -> TypeGuard[str]:
    """A file a build writes besides the manifest: the one rule validate and publish use too (builder.release.names)."""
    return is_build_output(path)


def _is_plain_file(path: Path) -> bool:
    return stat.S_ISREG(os.lstat(path).st_mode)


def _ledger(out: Path, hashes: bool = True) -> frozenset[str]:
    """The files an interrupted commit was replacing and writing (none when no commit had started), each checked to
    be, in `out`, what the ledger recorded it was or would be (size, and sha256 if `hashes`): a ledger can be planted
    beside files of the user's, and an old one (bare paths) cannot say which files are the build's."""
    path = out / STAGING / LEDGER
    if not os.path.lexists(path):
        return frozenset()
    try:
        if not _is_plain_file(path):
            raise ValueError("not a regular file")
        document = json_from_elsewhere(path.read_bytes())
        replacing, writing = entries_of(document, "replacing"), entries_of(document, "writing")
        bare = [] if replacing is not None and writing is not None else [*document["replacing"], *document["writing"]]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise OutDirError(f"{named_out(out)}: {path} is unreadable ({exc}); it was not written by this tool, so a "
                          f"build will not clear the folder: {NEW_FOLDER}") from None
    by = f"{STAGING}/{LEDGER}"
    if replacing is None or writing is None:  # an older tool's ledger, or a planted one: bare paths
        present = sorted({p for p in bare if _is_release_path(p) and os.path.lexists(out / p)})
        raise OutDirError(f"{named_out(out)}: {by} lists {_named(present) if present else 'files'} without the size "
                          "and sha256 of each, so whether they are files this tool wrote cannot be checked (a ledger "
                          "of an older version of dataset-builder, or one copied beside files of yours?); a build "
                          f"removes only its own files, so move them elsewhere, or {NEW_FOLDER}")
    paths = [*replacing, *writing]
    if not all(_is_release_path(p) for p in paths):
        raise OutDirError(f"{named_out(out)}: {path} lists files a build never writes; {NEW_FOLDER}")
    changed = unmatched((writing, replacing), lambda entry: changed_files(out, entry, hashes, frozenset(), by))
    if changed:
        raise OutDirError(f"{named_out(out)}: {_named(changed)}: not what the interrupted build's {by} "
                          "recorded there, so not a file this tool wrote (a ledger copied beside files of yours?); a "
                          f"build removes only its own files, so move it elsewhere, or {NEW_FOLDER}")
    return frozenset(paths)


def _marked(out: Path) -> bool:
    """The marker of a build of this tool: SIGNATURE, or a start of it (a build killed while writing it)."""
    try:
        fd = os.open(out / MARKER, os.O_RDONLY | os.O_NOFOLLOW)
        with os.fdopen(fd, "rb") as f:
            return SIGNATURE.startswith(f.read(len(SIGNATURE) + 1))
    except OSError:
        return False


def _mark(out: Path) -> None:
    """A new marker file: an old one (which may be a hard link to a file of the user's) is unlinked,
    never truncated and written through. Called under the lock, checked by survey to be a plain file."""
    replace_with_new(out / MARKER, SIGNATURE)


_held: set[int] = set()  # the descriptors of the locks this process holds


def _lock(out: Path) -> int:
    """An exclusive lock on the folder itself (released by the kernel when the process dies, however)."""
    fd = os.open(out, os.O_RDONLY | os.O_DIRECTORY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(fd)
        raise OutDirError(f"{named_out(out)}: another build is writing this folder right now; wait for it to finish "
                          "(or stop it), then run this build again") from None
    _held.add(fd)
    return fd


def _unlock(fd: int) -> None:
    _held.discard(fd)
    os.close(fd)


def _let_go_in_child() -> None:
    """A forked process (a build's worker: builder.run.executors) closes its copies of the locks: a flock is
    held while any copy is open, so a worker left behind by a killed build would keep --out locked."""
    for fd in _held:
        with suppress(OSError):
            os.close(fd)
    _held.clear()


os.register_at_fork(after_in_child=_let_go_in_child)


def _digest(folder: Path) -> str:
    return hashlib.sha256((folder / MANIFEST).read_bytes()).hexdigest()


def read_previous(folder: Path, name: str = "--previous") -> ReleaseContents:
    """--previous, read in full and checked (see read_previous_with_digest)."""
    return read_previous_with_digest(folder, name)[0]


def read_previous_with_digest(folder: Path, name: str = "--previous") -> tuple[ReleaseContents, str]:
    """--previous, read in full before the build changes anything (it may be --out itself): a finished
    release whose manifest this tool wrote, whose shards all read and that `validate` passes (its changelog goes
    into the new card). `name`: where it came from."""
    if not folder.exists():
        raise OutDirError(f"{set_to(name, folder)}: no such folder; {PREVIOUS}")
    if not folder.is_dir():
        raise OutDirError(f"{set_to(name, folder)}: not a folder; {PREVIOUS}")
    release_outputs(folder, name, PREVIOUS)
    digest = _digest(folder)
    try:
        return read_release(folder), digest
    except UnreadableRelease as exc:
        check = named(f"`dataset-builder validate {folder}`", f"validate({str(folder)!r})")
        raise OutDirError(f"{set_to(name, folder)}: {exc}; check it with {check}, or {PREVIOUS}") from None
