"""Failures of the environment, not of dataset-builder: say which, where, and what to do next.

A closed pipe (`dataset-builder validate … | head -1`) is the reader's choice, a full disk or a
missing permission is the machine's; none of them is a bug, and each needs its own advice.
"""

from __future__ import annotations

import errno
import os
import sys

_FULL = {errno.ENOSPC, errno.EDQUOT}
_DENIED = {errno.EACCES, errno.EPERM, errno.EROFS}

CLOSED_PIPE = ("error: the output was closed before the command finished (a pipe to `head`, or a closed "
               "terminal); the command stopped there. Send the output to a file to see all of it.")


def describe(exc: OSError) -> str:
    """One message for an OSError: what failed, on which path, and what to do."""
    what = exc.strerror or str(exc)
    if isinstance(exc, (ConnectionError, TimeoutError)) and exc.filename is None:  # a network peer, not a file
        return (f"error: cannot connect: {what}: check that the server is running and reachable from here, and run "
                "the same command again")
    where = exc.filename if exc.filename is not None else "the output (stdout)"
    if exc.errno == errno.EFBIG:
        return (f"error: cannot write {where} ({what}): it is past a file size limit (`ulimit -f`, or the file "
                "system's largest file); make sure the disk has room and no such limit applies, or choose another "
                "place to write, and run the same command again")
    if exc.errno in _FULL:
        return (f"error: no space left on the device writing {where} ({what}): free some space so the disk has "
                "room, or choose another place to write, and run the same command again")
    if exc.errno in _DENIED:
        return (f"error: permission denied: {where} ({what}): choose a folder you can write to (or fix its "
                "permissions), and run the same command again")
    return f"error: {where}: {what}: check that path, and run the same command again"


def detach_stdout() -> None:
    """Point stdout at /dev/null, so Python's flush at exit does not fail a second time on a closed
    pipe or a full disk (and print a traceback after our message)."""
    try:
        fd = sys.stdout.fileno()
    except (AttributeError, OSError, ValueError):  # captured or replaced stdout (tests, embedding)
        return
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, fd)
    os.close(devnull)


def settle_stdout() -> None:
    """After an error: if stdout cannot take what is buffered (the same full disk), drop it."""
    try:
        sys.stdout.flush()
    except OSError:
        detach_stdout()
