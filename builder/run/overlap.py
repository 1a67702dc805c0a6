"""Work done in one thread beside the driver's, in the order it was asked for: reading and checking cache
entries (HMAC, zstd, Arrow IPC) and writing shards (Parquet, zstd) let go of the GIL, so a rebuild from the
cache, which runs in the driver alone, uses a second core as a full build's workers do.

What a thread does here is bounded (a few calls or entries ahead of the driver), so the memory it holds
stays a few batches. Before this process forks (a worker pool started while a build runs), every thread
here finishes what it was given: a child must not inherit a lock that a call was holding.
"""

from __future__ import annotations

import os
import threading
import weakref
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor, wait
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")
_NAME = "dataset-builder-overlap"


class Serial:
    """Calls run one after another in a thread of its own; `submit` waits while `depth` are not done."""

    def __init__(self, depth: int) -> None:
        self.depth = depth
        self._pool = ThreadPoolExecutor(1, thread_name_prefix=_NAME)
        self._pending: deque[Future[Any]] = deque()
        self._failed = False  # a call raised: none queued after it runs
        _live.add(self)

    def submit(self, fn: Callable[..., R], *args: Any) -> Future[R]:
        """`fn(*args)` queued; what an earlier call raised is raised here (and nothing queued after it runs)."""
        while self._pending and (len(self._pending) >= self.depth or self._pending[0].done()):
            self._result(self._pending.popleft())
        future = self._pool.submit(self._run, fn, *args)
        self._pending.append(future)
        return future

    def _run(self, fn: Callable[..., R], *args: Any) -> R:
        if self._failed:
            raise _AfterAFailure
        try:
            return fn(*args)
        except BaseException:
            self._failed = True
            raise

    def drain(self) -> None:
        """Wait for every call; the first that raised raises here."""
        while self._pending:
            self._result(self._pending.popleft())

    def _result(self, future: Future[Any]) -> None:
        try:
            future.result()
        except BaseException:
            self.stop()
            raise

    def stop(self) -> None:
        """Let the running call end and drop the rest (a failed or abandoned build); the thread ends."""
        for future in self._pending:
            future.cancel()
        self._pending.clear()
        self._pool.shutdown(wait=True, cancel_futures=True)

    def idle(self) -> None:
        """Wait, without raising, until nothing given to the thread runs (before a fork)."""
        wait(list(self._pending))


class _AfterAFailure(Exception):
    """A call not run because one before it raised (which is what the caller is told)."""


def ahead(fn: Callable[[T], R], items: Iterable[T], depth: int = 1) -> Iterator[tuple[T, R]]:
    """(item, fn(item)) in order, `fn` run in a thread of its own up to `depth` items ahead of the caller."""
    serial = Serial(depth + 1)
    waiting: deque[tuple[T, Future[R]]] = deque()
    try:
        for item in items:
            waiting.append((item, serial.submit(fn, item)))
            if len(waiting) > depth:
                first, future = waiting.popleft()
                yield first, future.result()
        while waiting:
            first, future = waiting.popleft()
            yield first, future.result()
    finally:
        serial.stop()


_live: weakref.WeakSet[Serial] = weakref.WeakSet()


def _before_fork() -> None:
    if threading.current_thread().name.startswith(_NAME):  # a fork made by a call itself: it cannot wait for itself
        return
    for serial in list(_live):
        serial.idle()


os.register_at_fork(before=_before_fork)
