"""The build cache's secret: 32 random bytes kept outside every release folder, in this user's
configuration (`${XDG_CONFIG_HOME:-~/.config}/dataset-builder/cache.key`, or the file that
`DATASET_BUILDER_CACHE_KEY_FILE` names).

Cache entries are authenticated with an HMAC under this key (builder.run.cache). A release folder, and
its `.cache/`, is downloaded and shared; the entry format is public, so anyone could write a
well-formed entry, but not one signed with this key. A cache made on another machine or by another
user is therefore recomputed, never trusted.

The key is made on first use, exclusively (a concurrent first build never replaces it, and a half-
written key is never seen: it is written under a temporary name and hard-linked into place), readable
by this user only. An existing file is never overwritten: one that is not a 32-byte regular file is
reported, and the build runs without its cache.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import stat
import tempfile
from pathlib import Path

ENV = "DATASET_BUILDER_CACHE_KEY_FILE"
SIZE = 32


class NoKey(Exception):
    """The key cannot be read or made; the message says where and what to do."""


def key_path() -> Path:
    named = os.environ.get(ENV)
    if named:
        return Path(named)
    config = os.environ.get("XDG_CONFIG_HOME", "")
    if not os.path.isabs(config):  # the XDG spec: a relative value is ignored
        try:
            config = str(Path.home() / ".config")
        except RuntimeError as exc:  # no HOME and no password entry
            raise NoKey(f"no home folder to keep the cache key in ({exc}); set {ENV} to a file path") from None
    return Path(config) / "dataset-builder" / "cache.key"


def load_key() -> tuple[bytes, Path]:
    """This user's cache key and where it is, made on first use; NoKey says why not."""
    path = key_path()
    try:
        try:
            return _read(path), path
        except FileNotFoundError:
            _make(path)
            return _read(path), path
    except OSError as exc:
        where = f" ({exc.filename})" if exc.filename and str(exc.filename) != str(path) else ""
        raise NoKey(f"cannot read or create the cache key {path}: {exc.strerror or exc}{where}; "
                    f"set {ENV} to a file path you can write") from None


def _read(path: Path) -> bytes:
    # O_NONBLOCK: a FIFO there must not hang the build (it is refused below)
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_size != SIZE:
            raise NoKey(f"the cache key {path} is not a {SIZE}-byte file written by this tool (it is left as it "
                        f"is); move it away, or set {ENV} to another file path")
        key = os.read(fd, SIZE)
    finally:
        os.close(fd)
    if len(key) != SIZE:
        raise NoKey(f"the cache key {path} could not be read whole; set {ENV} to another file path")
    return key


def _make(path: Path) -> None:
    path.parent.mkdir(parents=True, mode=0o700, exist_ok=True)
    fd, temporary = tempfile.mkstemp(prefix=".cache.key.", dir=path.parent)  # mode 0600, created exclusively
    try:
        with os.fdopen(fd, "wb") as file:
            file.write(secrets.token_bytes(SIZE))
            file.flush()
            os.fsync(file.fileno())
        # atomic and exclusive: the key appears whole, or not at all; FileExistsError: a concurrent first build
        # made it, use that one
        with contextlib.suppress(FileExistsError):
            os.link(temporary, path)
    finally:
        os.unlink(temporary)
