"""Reading the files a build is told to use as settings (--config, --exclude): regular files of a
bounded size, looked at without blocking.

These are read before --out is created or locked, so a bad one changes nothing. A FIFO would block
the build forever on open or read, /dev/zero would fill memory, and a folder is a mistake: each is
refused with what it is. A regular file is opened without blocking (O_NONBLOCK, in case it was
swapped for a FIFO after the check) and read up to the cap, so a file growing meanwhile cannot
make the read unbounded either.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

from builder.user_paths import set_to

MAX_SETTING_FILE_BYTES = 16 * 1024 * 1024  # far more than any config needs (a takedown list has its own cap)


class SettingFileError(ValueError):
    """The file cannot be used; the message starts with the flag and the path and says what to do."""


def _kind(mode: int) -> str:
    for test, name in ((stat.S_ISFIFO, "a FIFO"), (stat.S_ISSOCK, "a socket"), (stat.S_ISCHR, "a character device"),
                       (stat.S_ISBLK, "a block device"), (stat.S_ISDIR, "a folder")):
        if test(mode):
            return name
    return "not a plain file"


def read_setting_file(path: Path | str, flag: str) -> bytes:
    """The bytes of a settings file, at most MAX_SETTING_FILE_BYTES of them."""
    return b"".join(setting_file_chunks(path, flag))


def setting_file_chunks(path: Path | str, flag: str, limit: int = MAX_SETTING_FILE_BYTES) -> Iterator[bytes]:
    """A settings file's bytes in chunks of at most 1 MiB, at most `limit` of them (a takedown list of millions of
    entries is read this way, its memory that of its entries)."""
    where = set_to(flag, path)
    try:
        mode = os.stat(path).st_mode  # a symlink to a regular file is fine: it is the user's own setting
        if not stat.S_ISREG(mode):
            raise SettingFileError(f"{where}: not a regular file ({_kind(mode)}); give the path of a text file")
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise SettingFileError(f"{where}: cannot read it: {exc.strerror}; check the path") from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):  # replaced between stat and open
            raise SettingFileError(f"{where}: not a regular file ({_kind(info.st_mode)}); give the path of a text file")
        too_big = (f"{where}: larger than {limit // (1024 * 1024)} MiB, the limit for this file; check that this is "
                   "the right file")
        if info.st_size > limit:
            raise SettingFileError(too_big)
        size = 0
        while chunk := os.read(fd, min(1024 * 1024, limit + 1 - size)):
            size += len(chunk)
            if size > limit:
                raise SettingFileError(too_big)
            yield chunk
    except OSError as exc:
        raise SettingFileError(f"{where}: cannot read it: {exc.strerror}; check the path") from None
    finally:
        os.close(fd)
