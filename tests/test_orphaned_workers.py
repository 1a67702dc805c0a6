"""A build killed outright (SIGKILL, as the OOM killer does) leaves no worker behind. Its pool cannot be stopped
by it, and a forked worker waiting for its next task holds the task queue's write end too, so it never saw an end
of file: ux28 found both workers of a killed `--workers 2` build still waiting a minute on. Each worker now ends
itself once the build that started it is gone (builder.run.executors._exit_with_parent). Real processes, a real
SIGKILL."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from builder.run.executors import PARENT_POLL
from tests.conftest import ROOT
from tests.test_executors import corpus

pytestmark = [pytest.mark.slow, pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="reads /proc")]


def children(pid: int) -> set[int]:
    found: set[int] = set()
    for task in Path(f"/proc/{pid}/task").iterdir():
        with contextlib.suppress(OSError):  # the task ended meanwhile
            found.update(int(p) for p in (task / "children").read_text().split())
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"  # a zombie has ended: only its exit status waits for a parent


def test_the_workers_of_a_build_killed_outright_end_with_it(tmp_path: Path) -> None:
    source = corpus(tmp_path)
    command = [sys.executable, "-m", "builder", "build", str(source), "--out", str(tmp_path / "out"),
               "--workers", "2", "--quiet"]
    build = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 120
        while len(workers := children(build.pid)) < 2:  # the pool is started before the build's work
            assert build.poll() is None and time.monotonic() < deadline, "the pool never started"
            time.sleep(0.01)
        os.kill(build.pid, signal.SIGKILL)
        build.wait()
        deadline = time.monotonic() + 10 * PARENT_POLL + 20
        while any(alive(pid) for pid in workers) and time.monotonic() < deadline:
            time.sleep(0.05)
        left = [pid for pid in workers if alive(pid)]
    finally:
        for pid in children(build.pid) if build.poll() is None else ():
            os.kill(pid, signal.SIGKILL)
        if build.poll() is None:
            build.kill()
    for pid in left:  # what the assertion below reports is not left running
        os.kill(pid, signal.SIGKILL)
    assert left == [], f"workers {left} outlived the build killed at once"
