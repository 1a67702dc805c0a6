"""Local paths the user gives, under one policy wherever they come from (the command line, a config
file, the Python API): SOURCE, --out, --config, --exclude / exclude_file, --previous / previous,
publish's DIR and --to, diff's releases.

A leading `~` is expanded once, as a shell would (`~`, `~/x`, `~user/x`), before anything uses the
path. A quoted `--out '~/o7'`, a config file (where no shell runs) or a call from Python would
otherwise give a folder named `~` to Python's own file operations and `$HOME/o7` to pyarrow, which
expands `~` in every path it is handed: a release's parts would land outside --out.

What the tool hands to pyarrow is made absolute as well (`arrow_path`), so that a folder really
named `~` (`./~/o7`, which no shell expands) is never reinterpreted either.
"""

from __future__ import annotations

import os
from pathlib import Path


def user_path(path: str) -> str:
    """`path` with a leading `~` expanded as a shell would; a URL, or any other path, as given."""
    return os.path.expanduser(path) if path.startswith("~") else path


def arrow_path(path: Path) -> str:
    """A local path as pyarrow must get it (with `filesystem=pyarrow.fs.LocalFileSystem()`): absolute,
    so it neither expands a `~` in it nor reads it as a URI."""
    return str(path.absolute())
