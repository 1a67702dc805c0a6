"""Local paths the user gives, under one policy wherever they come from (the command line, a config
file, the Python API): SOURCE, --out, --config, --exclude / exclude_file, --previous / previous,
publish's DIR and --to, diff's releases.

A leading `~` is expanded once, as a shell would (`~`, `~/x`, `~user/x`), before anything uses the
path. A quoted `--out '~/o7'`, a config file (where no shell runs) or a call from Python would
otherwise give a folder named `~` to Python's own file operations and `$HOME/o7` to pyarrow, which
expands `~` in every path it is handed: a release's parts would land outside --out.

What the tool hands to pyarrow is made absolute as well (`arrow_path`), so that a folder really
named `~` (`./~/o7`, which no shell expands) is never reinterpreted either.

A message names a path as its caller gave it (`given`): by its flag when the command line gave it (`--out DIR`),
by the argument of the Python call otherwise (`out=DIR`, `config file FILE`).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path

_FROM_COMMAND_LINE: ContextVar[bool] = ContextVar("from_command_line", default=False)


@contextmanager
def command_line() -> Iterator[None]:
    """Within it, the paths are the command line's: messages name them by their flags (builder.cli)."""
    token = _FROM_COMMAND_LINE.set(True)
    try:
        yield
    finally:
        _FROM_COMMAND_LINE.reset(token)


def from_command_line() -> bool:
    """Whether the paths and settings being used came from the command line (inside `command_line`)."""
    return _FROM_COMMAND_LINE.get()


def named(flag: str, argument: str) -> str:
    """A setting as a message names it: its flag from the command line (`--out`), its argument from Python (`out`)."""
    return flag if _FROM_COMMAND_LINE.get() else argument


def given(flag: str, argument: str, value: object) -> str:
    """A path the user gave, as a message names it: `--out DIR` from the command line (`flag`), `out=DIR` from
    Python (`argument`: `out=`, `config file `)."""
    return f"{flag} {value}" if _FROM_COMMAND_LINE.get() else f"{argument}{value}"


def set_to(origin: str, value: object) -> str:
    """A setting's value as a message names it, after where it came from (BuildConfig.origin): `--previous DIR` (a
    flag), `previous=DIR` (an argument in Python, whose origin ends in `=`), `build.toml: $.card.previous DIR`."""
    return f"{origin}{value}" if origin.endswith("=") else f"{origin} {value}"


def user_path(path: str) -> str:
    """`path` with a leading `~` expanded as a shell would; a URL, or any other path, as given."""
    return os.path.expanduser(path) if path.startswith("~") else path


def arrow_path(path: Path) -> str:
    """A local path as pyarrow must get it (with `filesystem=pyarrow.fs.LocalFileSystem()`): absolute,
    so it neither expands a `~` in it nor reads it as a URI."""
    return str(path.absolute())
