"""Where batches of work run: in this process, or in a pool of worker processes.

Results always come back in submission order, so the output does not depend on the executor.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from multiprocessing.pool import AsyncResult
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")


def default_workers() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


class Local:
    """Runs everything here: no start-up cost, the reference for every other executor."""

    def map(self, fn: Callable[..., R], batches: Iterable[T], *args: Any) -> Iterator[R]:
        for batch in batches:
            yield fn(batch, *args)

    def close(self) -> None:
        pass


class Processes:
    """A pool of worker processes (spawned, so no state leaks in from the parent)."""

    def __init__(self, workers: int) -> None:
        self.workers = workers
        self.pool = multiprocessing.get_context("spawn").Pool(workers)

    def map(self, fn: Callable[..., R], batches: Iterable[T], *args: Any) -> Iterator[R]:
        """Results in order, with at most two batches per worker in flight, so memory stays bounded
        (Pool.imap would read the whole input ahead)."""
        task = _Bound(fn, args)
        pending: deque[AsyncResult[R]] = deque()
        for batch in batches:
            pending.append(self.pool.apply_async(task, (batch,)))
            if len(pending) >= 2 * self.workers:
                yield pending.popleft().get()
        while pending:
            yield pending.popleft().get()

    def close(self) -> None:
        self.pool.terminate()
        self.pool.join()


class _Bound:
    """fn(batch, *args) as a picklable callable (a lambda would not pickle)."""

    def __init__(self, fn: Callable[..., Any], args: tuple[Any, ...]) -> None:
        self.fn, self.args = fn, args

    def __call__(self, batch: Any) -> Any:
        return self.fn(batch, *self.args)


def executor(workers: int) -> Local | Processes:
    return Local() if workers <= 1 else Processes(workers)
