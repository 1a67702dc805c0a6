"""Work beside the driver's thread (builder.run.overlap): in order, bounded, errors where the sequential code
raised them, nothing running at a fork; and in a real rebuild, the cache read ahead and the shards written in
that thread, with the release of a build without the cache."""

from __future__ import annotations

import os
import shutil
import threading
from pathlib import Path
from typing import Any

import pytest

from builder.config import BuildConfig
from builder.release.offload import Rows
from builder.run import overlap
from builder.run.cache import BuildCache
from builder.run.overlap import Serial, ahead
from builder.run.pipeline import build
from tests.conftest import EXAMPLE_CONFIG, EXAMPLES, release_files


def test_ahead_gives_each_result_in_order_from_another_thread_at_most_depth_items_ahead() -> None:
    called: list[int] = []
    threads: set[str] = set()

    def square(n: int) -> int:
        called.append(n)
        threads.add(threading.current_thread().name)
        return n * n

    for n, result in ahead(square, range(20), depth=3):
        assert result == n * n
        assert max(called) <= n + 3  # never more than 3 past the one the caller has
    assert called == list(range(20))
    assert threads and threading.current_thread().name not in threads


def test_an_error_in_ahead_reaches_the_caller_after_the_items_before_it() -> None:
    def fail_at_5(n: int) -> int:
        if n == 5:
            raise ValueError("five")
        return n

    seen = []
    with pytest.raises(ValueError, match="five"):
        for n, _ in ahead(fail_at_5, range(10)):
            seen.append(n)
    assert seen == [0, 1, 2, 3, 4]


def test_serial_raises_an_earlier_calls_error_and_runs_nothing_after_it() -> None:
    ran: list[int] = []
    release = threading.Event()

    def first() -> None:
        release.wait()
        raise OSError("disk full")

    serial = Serial(depth=2)
    serial.submit(first)
    serial.submit(ran.append, 2)
    release.set()
    with pytest.raises(OSError, match="disk full"):
        serial.submit(ran.append, 3)  # two are waiting: it waits for the first, which raised
    assert ran == []  # the call queued after the failed one was dropped
    serial.drain()  # stopped: nothing left


def test_before_a_fork_every_call_given_to_a_thread_is_done() -> None:
    release = threading.Event()
    serial = Serial(depth=4)
    future = serial.submit(release.wait)
    threading.Timer(0.2, release.set).start()
    pid = os.fork()
    if pid == 0:
        os._exit(0)
    os.waitpid(pid, 0)
    assert future.done()  # the fork waited for it (overlap._before_fork)
    serial.stop()


def test_a_fork_made_by_a_call_itself_does_not_wait_for_itself() -> None:
    serial = Serial(depth=1)

    def forks() -> int:
        overlap._before_fork()  # as os.fork() would call it from this thread
        return 1

    assert serial.submit(forks).result(timeout=10) == 1
    serial.stop()


def test_a_rebuild_reads_the_cache_ahead_and_writes_in_a_thread_and_equals_a_build_without_it(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    src = tmp_path / "corpus"
    shutil.copytree(EXAMPLES, src)
    out = tmp_path / "release"
    config = BuildConfig.load(EXAMPLE_CONFIG)
    build([str(src)], out, config)
    where: dict[str, set[str]] = {"get": set(), "place": set()}

    def spied(owner: Any, name: str, key: str) -> None:
        original = getattr(owner, name)

        def spy(*args: Any, **kwargs: Any) -> Any:
            where[key].add(threading.current_thread().name)
            return original(*args, **kwargs)

        monkeypatch.setattr(owner, name, spy)

    spied(BuildCache, "get", "get")
    spied(Rows, "place", "place")
    changed = src / "news" / "en" / "001_solar_farm.txt"
    changed.write_text(changed.read_text().replace("200,000 homes", "250,000 homes"))
    again = build([str(src)], out, config)
    assert again.cache_hits > 0
    main = threading.current_thread().name
    assert main in where["get"]  # the first pass, here
    assert any(name.startswith("dataset-builder-overlap") for name in where["get"])  # the second, ahead
    assert where["place"] and all(name.startswith("dataset-builder-overlap") for name in where["place"])
    assert not [t for t in threading.enumerate() if t.name.startswith("dataset-builder-overlap")]  # ended with it
    full = tmp_path / "full"
    build([str(src)], full, BuildConfig.load(EXAMPLE_CONFIG, cache=False))
    assert release_files(out) == release_files(full)


def test_a_first_build_writes_its_rows_in_the_drivers_thread(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # the writer thread is for rebuilds from the cache: where the driver does the work itself it cost ~6% of CPU
    src = tmp_path / "corpus"
    shutil.copytree(EXAMPLES, src)
    where: set[str] = set()
    original = Rows.place

    def spy(self: Rows, *args: Any, **kwargs: Any) -> Any:
        where.add(threading.current_thread().name)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(Rows, "place", spy)
    summary = build([str(src)], tmp_path / "release", BuildConfig.load(EXAMPLE_CONFIG))
    assert summary.cache_hits == 0 and where == {threading.current_thread().name}
