"""Files the build writes are always new files, never an existing one written through.

A name in --out can be a hard link to a file of the user's (`ln precious.txt DIR/README.md`):
opening it with O_TRUNC would put the build's bytes into the user's file, and O_NOFOLLOW stops only
symbolic links. So every file is created with O_CREAT | O_EXCL (never reusing what is there), and a
leftover of the build's own name is unlinked first, which removes only that directory entry.
"""

from __future__ import annotations

import os
from pathlib import Path

_NEW = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | getattr(os, "O_CLOEXEC", 0)


def write_new(path: Path, data: bytes) -> None:
    """Write `data` to `path`, which must not exist (FileExistsError otherwise: a bug, or a race)."""
    fd = os.open(path, _NEW, 0o644)
    with os.fdopen(fd, "wb") as f:
        f.write(data)


def replace_with_new(path: Path, data: bytes) -> None:
    """Write `data` as a new file named `path`: an old entry of that name (a file, or a hard link to
    someone's file) is unlinked, not written through."""
    path.unlink(missing_ok=True)
    write_new(path, data)
