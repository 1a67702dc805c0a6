"""A worker of --workers 2 that dies (SIGKILL, as the OOM killer does) ends the build with an error
instead of a hang, and SIGTERM to the build (`timeout`, systemd) stops it as Ctrl-C does: in both
cases nothing is left in --out. Real processes, real signals; the worker fault is armed by
DATASET_BUILDER_WORKER_FAULT, read in the worker (builder.run.executors._Bound)."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from builder.run.faults import ENVIRONMENT
from tests.conftest import ROOT
from tests.test_executors import corpus

pytestmark = pytest.mark.slow  # worker processes killed by signals


def run_build(tmp_path: Path, fault: str, variable: str = "DATASET_BUILDER_WORKER_FAULT", timeout: float = 120
              ) -> tuple[subprocess.CompletedProcess[str], Path]:
    source = tmp_path / "corpus" if (tmp_path / "corpus").is_dir() else corpus(tmp_path)  # enough for the pool
    out = tmp_path / "out"
    env = {**os.environ, variable: fault} if fault else dict(os.environ)
    command = [sys.executable, "-m", "builder", "build", str(source), "--out", str(out), "--workers", "2"]
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True,
                            timeout=timeout)  # a hang fails here
    return result, out


def leftovers(out: Path) -> list[str]:
    return sorted(str(p.relative_to(out)) for p in out.rglob("*")) if out.exists() else []


def test_a_worker_killed_by_a_signal_ends_the_build_with_an_error_not_a_hang(tmp_path: Path) -> None:
    result, out = run_build(tmp_path, "kill-worker")
    assert result.returncode == 1, result.stderr
    assert "a worker process died" in result.stderr and "fewer --workers" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (out / ".staging").exists()
    assert not any(".staging" in p for p in leftovers(out))


def test_a_worker_killed_in_the_middle_of_sending_an_item_ends_the_build_promptly_and_says_how_to_resume(
        tmp_path: Path) -> None:
    """The worker dies (SIGKILL) holding the item channel with an item's header sent and its bytes not: the
    driver, part way through reading that item, blocked for ever on the pipe (which it and the other worker
    keep open). Now it fails at once, naming the signal and the inputs not finished; the cache keeps the
    finished ones, and running the command again finishes the build."""
    started = time.monotonic()
    result, out = run_build(tmp_path, "worker-mid-item", ENVIRONMENT, timeout=90)
    assert time.monotonic() - started < 60, "a build of a few seconds took a minute to fail"
    assert result.returncode == 1, result.stderr  # the environment's error (memory), not a usage's, not a bug's
    message = result.stderr.strip().splitlines()[-1]
    assert "Traceback" not in result.stderr and "bug" not in result.stderr
    assert "killed by SIGKILL" in message, message
    unfinished = re.search(r"inputs? not finished: (.*?); ", message)
    assert unfinished, message
    named = unfinished.group(1).split(" and ")[0].split(", ")
    assert named and all((tmp_path / "corpus").as_posix() in name and Path(name).is_file() for name in named), message
    assert "run the same command again" in message and "cache" in message
    assert not any(".staging" in p for p in leftovers(out))
    again, out = run_build(tmp_path, "")
    assert again.returncode == 0, again.stderr
    assert (out / "manifest.json").is_file()


def test_a_worker_killed_after_its_task_ended_but_before_its_items_were_sent_ends_the_build(tmp_path: Path) -> None:
    """A worker's items go to the driver from a thread of its own, its task's result straight from the task: one
    killed between the two (SIGKILL at the named point before an item is sent) left a task the pool counted as
    done (no BrokenProcessPool for it) whose items never came, and the driver waited for them for ever (one run
    in four to eight of the test below hung so). Now an exited worker is noticed while nothing arrives."""
    result, out = run_build(tmp_path, "worker-before-item", ENVIRONMENT, timeout=90)
    assert result.returncode == 1, result.stderr
    message = result.stderr.strip().splitlines()[-1]
    assert "killed by SIGKILL" in message and "not finished" in message, message
    assert "Traceback" not in result.stderr
    assert not any(".staging" in p for p in leftovers(out))


def _workers_of(pid: int) -> list[int]:
    """The pool's workers of a build process: its forked children, which run its own command line (not
    multiprocessing's resource tracker)."""
    own = Path(f"/proc/{pid}/cmdline").read_bytes()
    children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    return [int(child) for child in children if Path(f"/proc/{child}/cmdline").read_bytes() == own]


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="finds the workers in /proc")
def test_a_worker_killed_after_some_inputs_finished_leaves_them_in_the_cache_for_the_next_run(tmp_path: Path) -> None:
    """A worker SIGKILLed (found in the process tree, as the OOM killer picks one) once the second pass has
    finished an input: the message counts fewer inputs not finished than there are, and the next run takes the
    finished ones from the cache (every first-pass entry and some second-pass ones)."""
    source = corpus(tmp_path)
    out = tmp_path / "out"
    command = [sys.executable, "-m", "builder", "build", str(source), "--out", str(out), "--workers", "2"]
    build = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 60
        while not list(out.glob(".cache/*/paragraphs-*.entry")) and build.poll() is None:
            assert time.monotonic() < deadline, "no input finished its second pass in a minute"
            time.sleep(0.005)
        os.kill(_workers_of(build.pid)[0], signal.SIGKILL)
        _, stderr = build.communicate(timeout=60)
    finally:
        if build.poll() is None:
            build.kill()
    assert build.returncode == 1, stderr
    message = stderr.strip().splitlines()[-1]
    assert "killed by SIGKILL" in message, message
    unfinished = re.search(r"with (\d+) inputs? not finished", message)
    assert unfinished, message
    again, _ = run_build(tmp_path, "")
    assert again.returncode == 0, again.stderr
    reused = re.search(r"cache: (\d+) of (\d+) results reused", again.stdout)
    assert reused, again.stdout
    inputs = int(reused.group(2)) // 2  # one result for each input and pass
    assert 0 < int(unfinished.group(1)) < inputs
    assert int(reused.group(1)) >= inputs + (inputs - int(unfinished.group(1)))  # the first pass's, then the finished


def test_sigterm_to_the_build_stops_it_like_ctrl_c_and_leaves_no_staging(tmp_path: Path) -> None:
    result, out = run_build(tmp_path, "term-main")
    assert result.returncode == 143, result.stderr
    assert "interrupted" in result.stderr
    assert "Traceback" not in result.stderr  # neither the main process nor a worker
    assert not (out / ".staging").exists()
    assert not any(".staging" in p for p in leftovers(out))


UNGUARDED = """
import sys, threading
from builder import BuildConfig, build
from builder.config import RunSettings
if sys.argv[3] == "threaded":  # a thread of the script's own: the workers are spawned (builder.run.executors)
    threading.Thread(target=threading.Event().wait, daemon=True).start()
build([sys.argv[1]], sys.argv[2], BuildConfig(run=RunSettings(workers=2, cache=False)))
"""


def run_unguarded(tmp_path: Path, threads: str) -> subprocess.CompletedProcess[str]:
    script = tmp_path / "make_release.py"
    script.write_text(UNGUARDED, encoding="utf-8")
    return subprocess.run([sys.executable, str(script), str(corpus(tmp_path)), str(tmp_path / "out"), threads],
                          cwd=tmp_path, env={**os.environ, "PYTHONPATH": str(ROOT)}, capture_output=True,
                          text=True, timeout=120)


def test_a_script_that_builds_at_its_top_level_is_told_to_use_the_main_guard(tmp_path: Path) -> None:
    """Spawned workers import the caller's script; one that calls build() unguarded fails in every
    worker before any batch runs. That is the script's mistake, not memory: the message says so."""
    result = run_unguarded(tmp_path, "threaded")
    assert result.returncode != 0
    assert 'under `if __name__ == "__main__":`' in result.stderr.splitlines()[-1]
    assert "out of memory" not in result.stderr.splitlines()[-1]


def test_forked_workers_do_not_run_the_script_again(tmp_path: Path) -> None:
    """A script without threads gets forked workers, which start from where it called build()."""
    result = run_unguarded(tmp_path, "single")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "out" / "manifest.json").is_file()
