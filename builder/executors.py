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

    worker_pids: frozenset[int] = frozenset()  # no other process does any work

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
        self.worker_pids: set[int] = set()  # the processes that ran a batch: what --workers did, for the summary

    def map(self, fn: Callable[..., R], batches: Iterable[T], *args: Any) -> Iterator[R]:
        """Results in order, with at most two batches per worker in flight, so memory stays bounded
        (Pool.imap would read the whole input ahead)."""
        task = _Bound(fn, args)
        pending: deque[AsyncResult[tuple[int, R]]] = deque()
        for batch in batches:
            pending.append(self.pool.apply_async(task, (batch,)))
            if len(pending) >= 2 * self.workers:
                yield self._result(pending.popleft())
        while pending:
            yield self._result(pending.popleft())

    def _result(self, pending: AsyncResult[tuple[int, R]]) -> R:
        pid, result = pending.get()
        self.worker_pids.add(pid)
        return result

    def close(self) -> None:
        self.pool.terminate()
        self.pool.join()


class _Bound:
    """fn(batch, *args) as a picklable callable (a lambda would not pickle), with the id of the
    process that ran it."""

    def __init__(self, fn: Callable[..., Any], args: tuple[Any, ...]) -> None:
        self.fn, self.args = fn, args

    def __call__(self, batch: Any) -> tuple[int, Any]:
        return os.getpid(), self.fn(batch, *self.args)


class ExecutorError(RuntimeError):
    """An executor that cannot start: the message says what to install or check."""


class Ray:
    """Batches as Ray tasks, on a local Ray instance or an existing cluster (`address`).

    The driver (this process) reads the inputs and writes the release; workers only get batches of
    documents, so they need neither the input files nor the output folder."""

    def __init__(self, workers: int, address: str | None = None) -> None:
        try:
            import ray
        except ImportError:
            raise ExecutorError("--executor ray needs Ray: pip install 'dataset-builder[ray]'") from None
        self.ray = ray
        self.owns = not ray.is_initialized()
        if self.owns:
            import builder

            options: dict[str, Any] = {"include_dashboard": False, "log_to_driver": False}
            if address:  # a cluster: ship this package to its workers
                options["runtime_env"] = {"py_modules": [os.path.dirname(builder.__file__)]}
            else:
                options["num_cpus"] = workers
            try:
                ray.init(address=address, **options)
            except ConnectionError as exc:
                raise ExecutorError(f"cannot reach the Ray cluster at {address}: {exc}") from None
        self.workers = max(1, int(ray.cluster_resources().get("CPU", workers)))
        self.task = ray.remote(_run)
        self.worker_pids: set[int] = set()  # process ids of the Ray workers that ran a batch (on any node)

    def map(self, fn: Callable[..., R], batches: Iterable[T], *args: Any) -> Iterator[R]:
        shared = self.ray.put(args)  # sent to the object store once, not with every batch
        pending: deque[Any] = deque()
        for batch in batches:
            pending.append(self.task.remote(fn, batch, shared))
            if len(pending) >= 2 * self.workers:
                yield self._result(pending.popleft())
        while pending:
            yield self._result(pending.popleft())

    def _result(self, pending: Any) -> Any:
        pid, result = self.ray.get(pending)
        self.worker_pids.add(pid)
        return result

    def close(self) -> None:
        if self.owns:
            self.ray.shutdown()


def _run(fn: Callable[..., R], batch: Any, args: tuple[Any, ...]) -> tuple[int, R]:
    return os.getpid(), fn(batch, *args)


def executor(workers: int, kind: str = "local", address: str | None = None) -> Local | Processes | Ray:
    if kind == "ray":
        return Ray(workers, address)
    return Local() if workers <= 1 else Processes(workers)
