"""Incremental rebuilds: each input file's results from both passes, stored under DIR/.cache and
keyed by the file's content, its path, the settings and the library versions.

The second pass also depends on which of the file's short lines recur across the whole build (and
which of its documents a takedown list names), so its entry's name includes a hash of exactly those:
adding documents that make a line "repeated" in an old file reprocesses that file, and nothing else.

The cache is untrusted input: a release folder is downloaded and shared, and whoever had it could
have put anything there. So:
- entries are data (builder.run.cache_format), never pickle, so nothing in them can run;
- every entry carries a header with the name of the entry it is and an HMAC-SHA256 of that name and
  its payload, keyed by a secret kept outside the release (builder.run.cache_key), all checked before
  anything is decoded. The format is public, so anyone can write a well-formed entry, but only this
  user on this machine can sign one: a cache copied from elsewhere is recomputed (one warning). An
  entry that is missing, truncated, corrupt, of another format version, another entry's file, or not
  a regular file is recomputed too, so the output is always that of a build without the cache;
- as defence in depth, should the key leak, cached paragraphs must already be sanitised
  (builder.run.cache_format), or the entry is recomputed; checked once, not on every rebuild: an entry
  this user's last build of the folder wrote or checked is known by its HMAC (builder.run.cache_checked);
- nothing is read, written or deleted through a symlink: a `.cache` that is a symlink is not used
  at all, entry folders and files are opened without following links;
- nothing is written through a hard link either: an entry is written to a `.partial` file the
  build creates afresh (O_EXCL, after unlinking any leftover), then renamed over the entry, which
  replaces the name and never the bytes of a file linked to it;
- cleaning up deletes only files named like the entries this tool writes.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import hmac
import io
import json
import logging
import os
import re
import stat
import struct
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, BinaryIO

import zstandard

from builder.read.inputs import InputFile
from builder.run.cache_checked import CheckedEntries
from builder.run.cache_format import Codec, CorruptEntry
from builder.run.cache_key import NoKey, load_key

log = logging.getLogger(__name__)

# 3: rejects carry the detected language and score; 4: MinHash band keys from rensa; 5: the second pass
# stores rows (builder.run.rows), not outcomes, and results are framed by their size, not by newlines
FORMAT_VERSION = 5
MAGIC = b"DBCACHE\n"
# magic, format version, id of the key that signed it, sha256 of "key/name", payload bytes,
# HMAC-SHA256 of (sha256 of "key/name", payload)
HEADER = struct.Struct(">8sI8s32sQ32s")
FRAME = struct.Struct(">Q")  # before each result in the (decompressed) payload: its size in bytes
SUFFIX = ".entry"
KEY = re.compile(r"[0-9a-f]{32}")
# files this tool writes in an entry folder, this version or an earlier one (pickles), or half-written
OWN_FILE = re.compile(r"(lines|paragraphs-[0-9a-f]{16})(\.entry|\.pickle\.zst)(\.partial)?")
_NO_FOLLOW = getattr(os, "O_NOFOLLOW", 0)
# the largest result read: a batch is at most BATCH_CHARS of text (600 k characters, 2.4 MB of UTF-8) and a
# document's text is capped, so an honest result stays far below this; a bigger size is corruption
MAX_FRAME = 1 << 31


class NotAFile(CorruptEntry):
    """A FIFO, a device or a folder where an entry's file should be: never read, written over or removed."""


class ForeignEntry(CorruptEntry):
    """An entry signed with another key: made on another machine, by another user, or before this
    user's key was replaced."""


class BuildCache:
    def __init__(self, folder: Path, settings: dict[str, Any]) -> None:
        self.folder = folder
        self.settings = hashlib.sha256(json.dumps(settings, sort_keys=True).encode()).hexdigest()[:16]
        self.used: set[tuple[str, str]] = set()
        self.hits = self.misses = self.foreign = 0
        self.warned: set[str] = set()  # entries already warned about: the same entry is read by both passes
        self.usable = self._check_folder() and self._load_key()
        # the entries the last build of this folder wrote or checked: their rows are not checked again
        self.checked = CheckedEntries(folder, self.key) if self.usable else None

    def _load_key(self) -> bool:
        try:
            self.key, where = load_key()
        except NoKey as exc:
            log.warning("warning: the build cache is off: %s", exc)
            return False
        self.key_id = _key_id(self.key)
        log.debug("cache entries are signed with the key in %s", where)
        return True

    def _check_folder(self) -> bool:
        try:
            mode = os.lstat(self.folder).st_mode
        except FileNotFoundError:
            return True
        if stat.S_ISDIR(mode):
            return True
        what = "a symbolic link" if stat.S_ISLNK(mode) else "not a folder"
        log.warning("warning: %s is %s: the build cache is not used (nothing is read, written or deleted there); "
                    "remove it to use the cache again", self.folder, what)
        return False

    def file_key(self, file: InputFile, content_sha256: str) -> str:
        path = file.relative.encode("utf-8", "surrogateescape") + (b"\0suffix_in_id" if file.suffix_in_id else b"")
        return hashlib.sha256(self.settings.encode() + b"\0" + path + b"\0" + content_sha256.encode()).hexdigest()[:32]

    def get(self, key: str, name: str, codec: Codec) -> list[Any] | None:
        """A file's cached results for one pass, or None when they must be computed."""
        results = self.read(key, name, codec)
        self.used.add((key, name))
        if results is None:
            self.misses += 1
        else:
            self.hits += 1
        return results

    def read(self, key: str, name: str, codec: Codec) -> list[Any] | None:
        """The decoded results, or None if the entry is missing or unusable (a warning says why)."""
        if not self.usable:
            return None
        path = self.folder / key / (name + SUFFIX)
        try:
            with _open_entry(path) as file:
                payload, mac = self._verified_payload(file, f"{key}/{name}")
            assert self.checked is not None
            known = self.checked.known(mac)
            results = [codec.decode(frame, known) for frame in _frames(payload)]
            if not results:  # every file gives at least one batch, if only an empty one
                raise CorruptEntry("no results")
            self.checked.add(mac)
            return results
        except FileNotFoundError:
            return None
        except ForeignEntry:
            self.foreign += 1
            if self.foreign == 1:  # one warning for the whole cache, not one per entry
                log.warning("warning: %s holds cache entries made on another machine or by another user (signed "
                            "with another key): they are not trusted, but recomputed and replaced", self.folder)
            return None
        except NotAFile as exc:
            self._warn_once(f"{key}/{name}", "warning: cache entry %s is %s: it is neither read nor replaced "
                            "(remove it to cache this input again)", path, exc)
            return None
        except (CorruptEntry, OSError, zstandard.ZstdError) as exc:
            self._warn_once(f"{key}/{name}", "warning: cache entry %s is unusable (%s): recomputing it", path, exc)
            return None

    def _warn_once(self, entry: str, message: str, *args: object) -> None:
        if entry not in self.warned:
            self.warned.add(entry)
            log.warning(message, *args)

    def writer(self, key: str, name: str, codec: Codec) -> CacheWriter | None:
        """A writer for a new entry, or None where one cannot be written safely (no cache for it then)."""
        self.used.add((key, name))
        if not self.usable:
            return None
        folder = self.folder / key
        try:
            self.folder.mkdir(exist_ok=True)
            folder.mkdir(exist_ok=True)
            if not _is_real_dir(self.folder) or not _is_real_dir(folder):
                raise OSError("not a folder (a symbolic link?)")
            target = folder / (name + SUFFIX)
            if os.path.lexists(target) and not stat.S_ISREG(os.lstat(target).st_mode):
                raise OSError("something other than a file is in its place")
            assert self.checked is not None
            return CacheWriter(target, f"{key}/{name}", codec.encode, self.key, self.checked.add)
        except OSError as exc:
            self._warn_once(f"{key}/{name}", "warning: cache entry %s/%s is not written: %s", folder, name, exc)
            return None

    def _verified_payload(self, file: BinaryIO, entry: str) -> tuple[bytes, bytes]:
        """The compressed payload and its HMAC, after checking the header against the file and the HMAC."""
        header = file.read(HEADER.size)
        if len(header) < HEADER.size:
            raise CorruptEntry("shorter than its header")
        magic, version, key_id, name, size, mac = HEADER.unpack(header)
        if magic != MAGIC:
            raise CorruptEntry("not a cache entry")
        if version != FORMAT_VERSION:
            raise CorruptEntry(f"format version {version}, this builder reads {FORMAT_VERSION}")
        if not hmac.compare_digest(key_id, self.key_id):
            raise ForeignEntry("signed with another key")
        if name != _name_digest(entry):
            raise CorruptEntry("the entry of another input or pass")
        if os.fstat(file.fileno()).st_size != HEADER.size + size:  # checked before reading: a huge file is not read
            raise CorruptEntry("its size does not match its header (truncated or appended to)")
        payload = file.read(size)
        signature = _signature(self.key, name)
        signature.update(payload)
        if not hmac.compare_digest(signature.digest(), mac):
            raise CorruptEntry("its signature does not match (changed since it was written)")
        return payload, mac

    def remember_checked(self) -> None:
        """Record the entries this build wrote or checked, for the next build of this folder (cache_checked)."""
        if self.checked is not None:
            self.checked.save()

    def collect_garbage(self) -> None:
        """Forget what this build did not use (changed or removed files, other settings): delete the
        unused entry files this tool writes, then entry folders left empty. Anything else (symlinks,
        files of other names or that do not begin as the tool's files do, folders not named like a key)
        stays."""
        if not self.usable or not _is_real_dir(self.folder):
            return
        for folder in os.scandir(self.folder):
            if not KEY.fullmatch(folder.name) or not folder.is_dir(follow_symlinks=False):
                continue
            for file in os.scandir(folder.path):
                if (OWN_FILE.fullmatch(file.name) and file.is_file(follow_symlinks=False)
                        and (folder.name, file.name.removesuffix(SUFFIX)) not in self.used
                        and _removable(file.path)):
                    os.unlink(file.path)
            with contextlib.suppress(OSError):  # not empty: entries in use, or something that is not ours
                os.rmdir(folder.path)


_ZSTD_MAGIC = b"\x28\xb5\x2f\xfd"  # how the entries of earlier versions (.pickle.zst, never read now) begin


def _removable(path: str) -> bool:
    """A regular file the tool may unlink: one it wrote, or a hard link (the name goes, the file stays
    under its other names)."""
    try:
        info = os.lstat(path)
    except OSError:
        return False
    return stat.S_ISREG(info.st_mode) and (info.st_nlink > 1 or _written_here(path))


def _written_here(path: str) -> bool:
    """Whether a file named like an entry begins as this tool writes one: an entry's header, a
    .partial's zeroed header (a killed build's) or an earlier version's zstd frame. A file of the
    user's own that merely has the name is not the tool's to delete."""
    try:
        with _open_entry(Path(path)) as file:
            head = file.read(len(MAGIC))
    except (OSError, CorruptEntry):
        return False
    return (head == MAGIC or (path.endswith(".partial") and head == bytes(len(MAGIC)))
            or (".pickle.zst" in path and head.startswith(_ZSTD_MAGIC)))


def _frames(payload: bytes) -> Iterator[bytes]:
    """The results in an entry's compressed payload, each read whole (a size past the end: corrupt)."""
    with zstandard.ZstdDecompressor().stream_reader(payload) as stream:
        while head := stream.read(FRAME.size):
            if len(head) < FRAME.size:
                raise CorruptEntry("a result's size cut short")
            (size,) = FRAME.unpack(head)
            if size > MAX_FRAME:
                raise CorruptEntry(f"a result of {size} bytes, over {MAX_FRAME}")
            data = stream.read(size)
            if len(data) < size:
                raise CorruptEntry("a result cut short")
            yield data


def _key_id(key: bytes) -> bytes:
    """Names the key in each entry's header, so entries signed with another one are told apart from
    damaged ones; an HMAC output, it reveals nothing of the key."""
    return hmac.new(key, b"dataset-builder cache key id", hashlib.sha256).digest()[:8]


def _name_digest(entry: str) -> bytes:
    return hashlib.sha256(entry.encode()).digest()


def _signature(key: bytes, name_digest: bytes) -> hmac.HMAC:
    """The HMAC of an entry, to be fed its payload: it covers the entry's name and its payload (and so
    its size), which is everything the header says that decoding relies on."""
    return hmac.new(key, name_digest, hashlib.sha256)


def _is_real_dir(path: Path) -> bool:
    return path.is_dir() and not path.is_symlink()


def _open_entry(path: Path) -> BinaryIO:
    """Open an entry file, refusing symlinks (the file's or its folder's) and anything but a file."""
    if path.parent.is_symlink():
        raise CorruptEntry("its folder is a symbolic link")
    # O_NONBLOCK: a FIFO put in an entry's place must not hang the build (it is refused below)
    try:
        fd = os.open(path, os.O_RDONLY | _NO_FOLLOW | os.O_NONBLOCK)
    except OSError as exc:  # O_NOFOLLOW on a link: ELOOP, "Too many levels of symbolic links" (ux29), said plainly
        if exc.errno == errno.ELOOP and path.is_symlink():
            raise NotAFile("a symbolic link") from None
        raise
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        raise NotAFile("not a regular file")
    return os.fdopen(fd, "rb")


class CacheWriter:
    """Appends one encoded result per batch; the entry appears (atomically) only when committed,
    with its header (payload size and HMAC) written last."""

    def __init__(self, path: Path, entry: str, encode: Callable[[Any], bytes], key: bytes,
                 written: Callable[[bytes], None] = lambda mac: None) -> None:
        self.path, self.entry, self.encode, self.key, self.written = path, entry, encode, key, written
        self.tmp = path.with_name(path.name + ".partial")
        # A killed build's leftover .partial is unlinked, never opened: truncating it would write into whatever
        # file it is a hard link to. A file there that the tool did not write stays (OSError: the entry is not
        # written). O_EXCL: a file of our own.
        if os.path.lexists(self.tmp):
            if not _removable(str(self.tmp)):
                raise OSError(f"{self.tmp.name} is there and was not written by dataset-builder")
            os.unlink(self.tmp)
        fd = os.open(self.tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NO_FOLLOW, 0o644)
        self.raw = os.fdopen(fd, "wb")
        self.raw.write(b"\0" * HEADER.size)
        self.payload = _Hashing(self.raw, _signature(key, _name_digest(entry)))
        # zstandard only calls write() on it; its stubs ask for a whole IO[bytes]
        self.stream = zstandard.ZstdCompressor(level=1).stream_writer(self.payload, closefd=False)  # type: ignore[arg-type]

    def add(self, result: Any) -> None:
        data = self.encode(result)
        self.stream.write(FRAME.pack(len(data)))
        self.stream.write(data)

    def commit(self) -> None:
        self.stream.close()  # type: ignore[no-untyped-call]  # zstandard's stubs leave close() unannotated
        self.raw.seek(0)
        mac = self.payload.mac.digest()
        self.raw.write(HEADER.pack(MAGIC, FORMAT_VERSION, _key_id(self.key), _name_digest(self.entry),
                                   self.payload.size, mac))
        self.raw.close()
        os.replace(self.tmp, self.path)  # replaces the name: a file hard-linked to the old entry keeps its bytes
        self.written(mac)  # made here from rows this tool sanitised: sound, whatever the next build finds


class _Hashing(io.RawIOBase):
    """A write-through file that counts and signs what goes through it."""

    def __init__(self, raw: BinaryIO, mac: hmac.HMAC) -> None:
        self.raw, self.size, self.mac = raw, 0, mac

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        data = bytes(data)
        self.raw.write(data)
        self.mac.update(data)
        self.size += len(data)
        return len(data)
