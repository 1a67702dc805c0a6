"""Which cache entries this user's builds already know to be sound, so a rebuild does not check them again.

A cached entry is signed (builder.run.cache), and as defence in depth, should the key leak, its rows are
checked once more when read: every table validated in full, every text looked at for what sanitising
replaces (builder.run.cache_format). Those checks were a tenth of a rebuild, paid again for every unchanged
entry on every rebuild. An entry this tool wrote, or one it read and checked, is sound; its HMAC names it
(its name and payload, under this user's key). So each build of a release records the HMACs of the entries
it wrote or checked, and the next build skips the second checks for exactly those.

The record is kept beside the key, outside the release (`checked/` in the key's folder, one file per cache
folder, named by an HMAC of the folder's path), so whoever hands over a release cannot add to it; an entry
planted with a leaked key has an HMAC that is in no record, and is checked in full. A record that is not a
regular file of whole HMACs is ignored (every entry is checked), never trusted in part.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import os
import stat
import tempfile
from pathlib import Path

from builder.run.cache_key import key_path

SIZE = 16  # bytes of an entry's HMAC kept: enough to name it, half the record
MAX_BYTES = 1 << 26  # 4 M entries; a bigger record is not this tool's
_NO_FOLLOW = getattr(os, "O_NOFOLLOW", 0)


class CheckedEntries:
    """The entries of one cache folder known to be sound: those the last build of it wrote or checked
    (`known`), and those this build wrote or checked (`add`), which `save` records for the next."""

    def __init__(self, cache_folder: Path, key: bytes) -> None:
        name = hmac.new(key, b"checked\0" + os.fsencode(os.path.abspath(cache_folder)), hashlib.sha256).hexdigest()
        self.path = key_path().parent / "checked" / name[:32]
        self.before = _read(self.path)
        self.now: set[bytes] = set()

    def known(self, mac: bytes) -> bool:
        return mac[:SIZE] in self.before

    def add(self, mac: bytes) -> None:
        self.now.add(mac[:SIZE])

    def save(self) -> None:
        """Replace the record with this build's entries (those it did not use are gone from the cache). A
        record that cannot be written costs the next build its checks, nothing else."""
        with contextlib.suppress(OSError):
            self.path.parent.mkdir(mode=0o700, exist_ok=True)
            fd, temporary = tempfile.mkstemp(prefix=".checked.", dir=self.path.parent)  # 0600, made exclusively
            try:
                with os.fdopen(fd, "wb") as file:
                    file.write(b"".join(sorted(self.now)))
                os.replace(temporary, self.path)
            except OSError:
                os.unlink(temporary)
                raise


def _read(path: Path) -> frozenset[bytes]:
    """The HMACs a record holds; none for a record that is missing or not one this tool writes."""
    try:
        fd = os.open(path, os.O_RDONLY | _NO_FOLLOW | os.O_NONBLOCK)  # a FIFO must not hang the build
    except OSError:
        return frozenset()
    with os.fdopen(fd, "rb") as file:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_size % SIZE or info.st_size > MAX_BYTES:
            return frozenset()
        data = file.read(info.st_size + 1)
    if len(data) != info.st_size:  # changed while read
        return frozenset()
    return frozenset(data[i : i + SIZE] for i in range(0, len(data), SIZE))
