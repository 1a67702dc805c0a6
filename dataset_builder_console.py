"""The `dataset-builder` command (the console script pip writes calls `console`).

Importing the CLI imports pyarrow, datasets and the rules (one to three seconds on a busy machine), and a Ctrl-C in
that time ended in a KeyboardInterrupt traceback through importlib and exit -2 (trial26): the script imported
`builder.cli` before `main` could catch anything. This module is outside the `builder` package, whose `__init__`
already imports all of that, so the import happens here, where an interrupt is caught: it ends as one during a build
does, a line on stderr and exit 130. `python -m builder` still imports the package first (see builder/__main__.py).
"""

from __future__ import annotations

import sys

INTERRUPTED = 130  # 128 + SIGINT, as a shell reports a process Ctrl-C stopped


def console() -> int:
    try:
        from builder.cli import console as run

        return run()
    except KeyboardInterrupt:  # main() catches one from the command's work; this is one before (or after) it
        print("interrupted", file=sys.stderr)
        return INTERRUPTED
