"""Where tasks run: in this process, in a pool of worker processes, or on a Ray cluster.

Results always come back in submission order, so the output does not depend on the executor. A task
whose function returns an iterator (builder.run.tasks: one input file's batches) streams its results:
in this process as they are made, from a worker one by one as it makes them (Processes), from Ray as
one object each.
"""

from __future__ import annotations

import contextlib
import itertools
import multiprocessing
import os
import pickle
import re
import shutil
import signal
import socket
import sys
import tempfile
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, replace
from pathlib import Path
from typing import IO, Any, TypeVar

from builder.run.channel import ItemChannel
from builder.run.lean import allow_trim, keep_pandas_out, system_pool, trim

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


def start_method(lean: bool) -> str:
    """How the pool's workers start: forked from this process where that is safe, spawned otherwise.

    A spawned worker imports the package again (0.45-0.5 CPU-s each, serial after this process's own
    start-up: the largest share of the CPU two workers spent beyond one); a forked one has it already, and
    starts at once. Forking is safe on Linux while this process runs no thread of Python's own (a thread
    holding a lock at the fork leaves it held in the child for ever; the threads numpy's BLAS and Arrow's
    allocator start in C are fork-aware). Elsewhere (macOS's system libraries are not), in a threaded
    caller, or for lean workers of a process that already holds pandas (a fork would hold it too), spawn."""
    if sys.platform != "linux" or threading.active_count() > 1 or (lean and "pandas" in sys.modules):
        return "spawn"
    return "fork"


class Processes:
    """A pool of worker processes, forked or spawned (`start_method`).

    A worker that dies (SIGKILL, the OOM killer) breaks the pool: every batch in flight fails with
    WorkerDied instead of waiting for ever (multiprocessing.Pool replaced the worker and lost the
    batch, so the build hung).

    A task whose function returns an iterator (an input file's batches) sends each item back (run/channel.py)
    as soon as it is made, not the whole list at its end: a worker held a 10 MB file's results (24 MB)
    and their pickle (24 MB more) at once, and this process received them in one piece.

    The items of a task after the one being read (another worker's, ahead of it) wait in a file of `spill`'s
    folder, as the worker pickled them, until their task's turn (`spill_to`): results come back in order, so
    a worker that is ahead by a task sends a whole task's items before they are wanted (up to 25 MB for a
    10 MB file of news), which this process held in memory."""

    POLL = 0.05  # seconds between looks at a task's future while waiting for its items (a dead worker sends none)

    def __init__(self, workers: int, lean: bool = False, method: str | None = None,
                 warm: Callable[[], None] | None = None) -> None:
        """`lean`: the workers run only built-in steps, so pyarrow need not import pandas (builder.run.lean).
        `method`: "fork" or "spawn" (the tests of either); by default `start_method`'s choice. `warm`: called in
        each worker as it starts (`prestart`), a module-level function."""
        self.workers, self.lean = workers, lean
        self.method = method or start_method(lean)
        context = multiprocessing.get_context(self.method)
        self.items = ItemChannel(context)
        self.pool = ProcessPoolExecutor(workers, mp_context=context, initializer=_worker_start,
                                        initargs=(lean, self.items, warm))
        self.worker_pids: set[int] = set()  # the processes that ran a batch: what --workers did, for the summary
        self.tokens = itertools.count()  # tells the items of one task from another's on the queue
        self.arrived: dict[int, deque[Any]] = {}  # items of tasks not yet being read, by token
        self.reading: int | None = None  # the token of the task whose items are being read
        self.in_flight: dict[int, Future[tuple[int, bool, Any]]] = {}  # the tasks submitted and not yet read, by token
        self.spill: Path | None = None  # where items of tasks ahead wait (`spill_to`); None: in memory
        self.spilled: dict[int, IO[bytes]] = {}  # the file of each task ahead with items in it, by token

    def spill_to(self, folder: Path) -> None:
        """From now on, keep the items of tasks ahead of the one being read in unnamed files in `folder` (which
        the build owns), one a task, each gone once its task is read."""
        self.spill = folder

    def start(self) -> None:
        """Start every worker now rather than at the first task (a forked pool forks them all at once)."""
        with _stops_held():
            self.pool.submit(_ready)

    def map(self, fn: Callable[..., R], batches: Iterable[T], *args: Any) -> Iterator[R]:
        """Results in order, with at most two batches per worker in flight, so memory stays bounded
        (Executor.map would read the whole input ahead). A streamed task's result is an iterator over
        its items, to be read to its end before the next result is asked for."""
        task = _Bound(fn, args)
        pending: deque[tuple[int, Future[tuple[int, bool, Any]]]] = deque()
        for batch in batches:
            token = next(self.tokens)
            try:
                with _stops_held():  # the first task starts the workers of a pool not started before
                    pending.append((token, self.pool.submit(task, token, batch)))
                    self.in_flight[token] = pending[-1][1]
            except BrokenProcessPool:
                raise self._died() from None
            if len(pending) >= 2 * self.workers:
                yield self._result(*pending.popleft())
        while pending:
            yield self._result(*pending.popleft())

    def _result(self, token: int, pending: Future[tuple[int, bool, Any]]) -> Any:
        """The task's result, or (its function returned an iterator) an iterator over its items, from the
        first item's arrival on (a task whose call ended without any item may still have been streamed)."""
        self.reading = token
        while not pending.done() and not self.arrived.get(token):
            self._receive()
        if not self.arrived.get(token):
            _, streamed, result = self._outcome(pending)
            if not streamed:
                self.in_flight.pop(token, None)
                return result
        return self._streamed(token, pending)

    def _streamed(self, token: int, pending: Future[tuple[int, bool, Any]]) -> Iterator[Any]:
        """A streamed task's items in order, as they arrive; the task's call returns how many it sent."""
        arrived = self.arrived.setdefault(token, deque())
        count: int | None = None
        sent = 0
        while count is None or sent < count:
            if arrived:
                sent += 1
                yield self._loaded(token, arrived.popleft())
            elif count is None and pending.done():
                _, _, count = self._outcome(pending)
            else:
                self._receive()
        del self.arrived[token]
        self.in_flight.pop(token, None)
        if file := self.spilled.pop(token, None):
            file.close()

    def _receive(self) -> None:
        """The next item on the queue, whichever task it is of (each worker sends its items in order, pickled):
        the task being read gets it as itself, a task ahead in its file (with `spill`) or as itself."""
        if (received := self.items.receive(self.POLL, self._stalled)) is None:
            self._stalled()  # nothing came: a task that ended may still wait for items its killed worker never sent
            return
        token, pickled = received
        if token == self.reading or self.spill is None:
            item: Any = pickle.loads(pickled)
        else:
            if token not in self.spilled:
                # unnamed (O_TMPFILE where there is one): it goes away with this process, even a killed one
                self.spilled[token] = tempfile.TemporaryFile(dir=self.spill)  # noqa: SIM115  (closed when read)
            file = self.spilled[token]
            item = _Spilled(file.seek(0, os.SEEK_END), len(pickled))
            file.write(pickled)
        self.arrived.setdefault(token, deque()).append(item)

    def _loaded(self, token: int, item: Any) -> Any:
        """An item as its task's function made it, read back from the task's file if it was put there."""
        if not isinstance(item, _Spilled):
            return item
        file = self.spilled[token]
        file.seek(item.start)
        return pickle.loads(file.read(item.size))

    def _outcome(self, pending: Future[tuple[int, bool, Any]]) -> tuple[int, bool, Any]:
        try:
            pid, streamed, result = pending.result()
        except BrokenProcessPool:
            raise self._died() from None
        self.worker_pids.add(pid)
        return pid, streamed, result

    def _stalled(self) -> None:
        """Nothing arrived for POLL seconds (or an item stopped part way through): if a worker died, say so rather
        than wait for ever. A pool that loses a worker fails every task in flight, but not one that had already
        ended: a worker's items go to the driver from a thread of its own, after its task's result, and a worker
        killed between the two leaves a finished task whose last items never come. So a worker that exited (the
        pool's workers never do while a build runs) counts as well as a failed task."""
        processes = list((getattr(self.pool, "_processes", None) or {}).values())  # one look: the pool's thread adds
        if any(process.exitcode is not None for process in processes) or any(
                future.done() and not future.cancelled() and isinstance(future.exception(), BrokenProcessPool)
                for future in self.in_flight.values()):
            raise self._died()

    def _died(self) -> WorkerDied:
        """Why the pool broke: a worker killed by a signal, or one that exited with an error of its own
        (a spawned worker imports the caller's script: a script that calls build() at its top level,
        not under `if __name__ == "__main__":`, fails there with a RuntimeError before any batch runs)."""
        manager = getattr(self.pool, "_executor_manager_thread", None)
        if manager is not None:  # it reaps every worker once the pool broke; reading an exit status
            manager.join(5)      # beside it races its waitpid (the status is read as None)
        processes = (getattr(self.pool, "_processes", None) or {}).values()
        for process in processes:
            process.join(1)  # the pool noticed the death; the exit status may take a moment to be read
        if any(p.exitcode is not None and p.exitcode > 0 for p in processes):
            return WorkerDied(WORKER_FAILED)
        return died_by(p.exitcode for p in processes)

    def close(self) -> None:
        """Stop now: after an error or Ctrl-C the batches still queued or running are not wanted."""
        processes = list((getattr(self.pool, "_processes", None) or {}).values())
        self.pool.shutdown(wait=False, cancel_futures=True)
        for process in processes:
            if process.is_alive():
                process.terminate()
        for process in processes:
            process.join(5)
            if process.is_alive():
                process.kill()
                process.join()
        self.pool.shutdown(wait=True)
        self.items.close()
        while self.spilled:
            self.spilled.popitem()[1].close()


@dataclass(frozen=True)
class _Spilled:
    """Where an item of a task ahead lies in its task's file (Processes.spilled): its pickle's bytes."""

    start: int
    size: int


def _ready() -> None:
    """The task that starts a pool's workers (`Processes.start`)."""


_STOPS = {signal.SIGINT, signal.SIGTERM}


@contextlib.contextmanager
def _stops_held() -> Iterator[None]:
    """SIGINT and SIGTERM held back here while workers are started: a worker inherits this process's handlers (the
    command's SIGTERM handler raises KeyboardInterrupt) until `_worker_start` sets its own, and one stopped before
    that (a build that failed at once closes its pool) printed a KeyboardInterrupt traceback. A worker inherits
    the held signals too; they reach it once `_worker_start` has set its handlers, and reach this process when the
    workers are started."""
    if not hasattr(signal, "pthread_sigmask"):  # Windows: no signal masks, and its workers are spawned clean
        yield
        return
    held = signal.pthread_sigmask(signal.SIG_BLOCK, _STOPS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)


_prestarted: list[Processes] = []  # forked by `prestart`, not yet taken by `executor`


def prestart(workers: int, lean: bool, warm: Callable[[], None] | None = None) -> None:
    """Fork a pool of `workers` now, for the build this process is about to run (the `dataset-builder`
    command, before it changes anything a worker would inherit: its allocator's settings, Arrow's memory
    pool, the lock on --out, its own threads). What the caller imported before (the work's modules) is imported
    once for every worker. Nothing is started where workers would be spawned: `executor` starts those when
    there is work. `warm`: what each worker loads as it starts, while this process sets the build up (its
    first tasks would load it otherwise, both workers at once, after the setup)."""
    if workers <= 1 or start_method(lean) != "fork":
        return
    pool = Processes(workers, lean, warm=warm)
    pool.start()
    _prestarted.append(pool)


def close_prestarted() -> None:
    """Stop a prestarted pool the build did not take (it found its work in the cache, or had too little)."""
    while _prestarted:
        _prestarted.pop().close()


WORKER_FAULT = "DATASET_BUILDER_WORKER_FAULT"  # for the tests: "kill-worker", "term-main" or "kill-worker-once:PATH"


_items: list[ItemChannel] = []  # in a worker: where a streamed task's items go


def _worker_start(lean: bool, items: ItemChannel, warm: Callable[[], None] | None = None) -> None:
    """Ctrl-C goes to the whole process group: the main process handles it (and stops the workers);
    a worker that also raised KeyboardInterrupt would print one traceback each. SIGTERM (the pool's
    terminate) ends a worker at once, as it does a spawned one: a forked worker had the CLI's handler.
    Then `warm`, if given (`prestart`): a warm-up that fails (a broken install) leaves the load to the first
    batch, whose error the build reports as it does any; the pool would print it as a traceback."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, _STOPS)  # held while it was started (_stops_held)
    _items[:] = [items]
    _exit_with_parent(os.getppid())
    allow_trim()
    system_pool()
    if lean:
        keep_pandas_out()
    if warm is not None:
        with contextlib.suppress(Exception):  # the first batch loads it again and reports the error
            warm()


PARENT_POLL = 1.0  # seconds between a worker's looks at whether the build that started it is still there
EXIT_ORPHANED = 70  # (EX_SOFTWARE) nobody reads it: the build that would have is gone


def _exit_with_parent(parent: int) -> None:
    """End this worker when the build that started it is gone. A build killed outright (SIGKILL, the OOM killer)
    cannot stop its pool, and a worker waiting for its next task never learns: it holds the task queue's write end
    too, so no end of file ever comes (ux28: two forked workers of a killed build still waited, a minute on). A
    worker whose parent has gone is adopted by another process, so `os.getppid()` changes."""
    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(PARENT_POLL)
        os._exit(EXIT_ORPHANED)

    threading.Thread(target=watch, name="exit-with-parent", daemon=True).start()


class _Bound:
    """fn(batch, *args) as a picklable callable (a lambda would not pickle), with the id of the
    process that ran it and whether its items went on the queue (then its result is their number)."""

    def __init__(self, fn: Callable[..., Any], args: tuple[Any, ...]) -> None:
        self.fn, self.args = fn, args

    def __call__(self, token: int, batch: Any) -> tuple[int, bool, Any]:
        _fault()
        result = self.fn(batch, *self.args)
        if not isinstance(result, Iterator):
            return os.getpid(), False, result
        count = 0
        for item in result:
            # pickled here, once: the driver keeps the bytes as they are if it reads the item
            # only later (Processes.spill_to)
            _items[0].send(token, pickle.dumps(item, pickle.HIGHEST_PROTOCOL))
            del item  # its tables go before the trim
            count += 1
            # the item's batch let go of its working arrays; the heap they were in is given back before the next
            # batch, whose own peak would otherwise stand on top of this one's leftovers (about 30 MB at 10 MB
            # files; the call costs no measurable CPU)
            trim()
        return os.getpid(), True, count


def _fault() -> None:
    """The faults a test can arm in the workers' environment (unset outside the tests)."""
    fault = os.environ.get(WORKER_FAULT, "")
    if fault == "kill-worker":  # what the OOM killer does to a worker
        os.kill(os.getpid(), signal.SIGKILL)
    elif fault == "term-main":  # what `timeout` or systemd does to the build, while a batch runs
        os.kill(os.getppid(), signal.SIGTERM)
    elif fault.startswith("kill-worker-once:"):  # a preempted worker: the first task to take the armed file dies
        try:
            os.unlink(fault.removeprefix("kill-worker-once:"))
        except FileNotFoundError:
            return
        os.kill(os.getpid(), signal.SIGKILL)


class ExecutorError(RuntimeError):
    """An executor that cannot start: the message says what to install or check."""


WORKER_DIED = ("a worker process died (killed by a signal; out of memory?); nothing was written to --out; "
               "run again with fewer --workers or more memory")


def died_by(exitcodes: Iterable[int | None]) -> WorkerDied:
    """WORKER_DIED with the signal that killed the worker: the pool ends the others with SIGTERM once one died,
    so another signal is the first death's (SIGKILL: the OOM killer, or a user's kill -9)."""
    signals = {-code for code in exitcodes if code is not None and code < 0}
    first = min(signals - {signal.SIGTERM}, default=min(signals, default=None))
    if first is None:
        return WorkerDied(WORKER_DIED, by_signal="a signal")
    try:
        name = signal.Signals(first).name
    except ValueError:  # a real-time signal has no name
        name = f"signal {first}"
    return WorkerDied(WORKER_DIED.replace("killed by a signal", f"killed by {name}"), by_signal=name)
WORKER_FAILED = ("a worker process exited with an error (its traceback is above); nothing was written to --out. "
                 "From a Python script with workers > 1, call build() under `if __name__ == \"__main__\":` "
                 "(spawned worker processes import the script)")


# Newer Ray clusters check a token (`ray start --head` makes one): a driver without it is refused, and Ray says
# so only in warnings (InvalidAuthToken) before init gives up.
AUTHENTICATION = ("if Ray warned of InvalidAuthToken above, the cluster uses token authentication: give this process "
                  "the cluster's token (RAY_AUTH_MODE=token with RAY_AUTH_TOKEN=… or RAY_AUTH_TOKEN_PATH=… set to the "
                  "head's ~/.ray/auth_token), or start the cluster with RAY_AUTH_MODE=disabled; otherwise check the "
                  "address and that the cluster is running")


CHECK_ADDRESS = ("check the address: --ray-address takes the head node's HOST:PORT as `ray start --head` printed it "
                 "(its --port, 6379 by default), or ray://HOST:PORT of its Ray Client server (its "
                 "--ray-client-server-port, 10001 by default); and that the cluster is running and this machine can "
                 "reach it")
CONNECT_SECONDS = 10  # for a direct address to answer at all
# Ray's own attempts at a direct address's GCS (20 by default, each up to ~35 s: a port that takes the connection
# but is not a GCS held a build for 12 minutes, printing only Ray's warnings)
GCS_ATTEMPTS = "2"


def _check_reachable(address: str) -> None:
    """Fail at once, with what to check, where nothing answers at a direct HOST:PORT: Ray itself tries a refused or
    unknown address again and again, printing only its own warnings (a mistyped address looked like a hang). A
    Ray Client address (ray://) gives up by itself, in about 30 s, with a message of its own."""
    host, _, port = address.rpartition(":")
    if address.startswith("ray://") or not host or not port.isdigit():
        return  # Ray says what is wrong with an address of another form
    try:
        socket.create_connection((host.strip("[]"), int(port)), timeout=CONNECT_SECONDS).close()
    except OSError as exc:
        reason = ("the host name is not known" if isinstance(exc, socket.gaierror) else
                  "connection refused" if isinstance(exc, ConnectionRefusedError) else
                  f"no answer in {CONNECT_SECONDS} s" if isinstance(exc, TimeoutError) else exc.strerror or str(exc))
        raise ExecutorError(f"cannot reach the Ray cluster at {address} ({reason}); {CHECK_ADDRESS}") from None


@contextlib.contextmanager
def _bounded_connect(address: str | None) -> Iterator[None]:
    """Ray's attempts at a direct address bounded (GCS_ATTEMPTS), unless the user set them, for this init only."""
    name = "RAY_gcs_server_port_wait_time_s"  # read by ray.init (ray._private.node) on each connection
    if not address or address.startswith("ray://") or name in os.environ:
        yield
        return
    os.environ[name] = GCS_ATTEMPTS
    try:
        yield
    finally:
        del os.environ[name]


def _package(temp: Path) -> str:
    """This package's folder, for a cluster's workers. From a checkout, whose schemas lie beside the package (in
    schema/) rather than inside it as in a wheel, a copy with them inside, where builder.schemas looks first: a
    Ray Client cluster's workers import the shipped copy, and found no schema."""
    package = Path(__file__).resolve().parents[1]
    if (package / "schema").is_dir():
        return str(package)
    copy = temp / package.name
    shutil.copytree(package, copy, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(package.parent / "schema", copy / "schema")
    return str(copy)


class WorkerDied(ExecutorError):
    """A worker process of the pool died while the build ran: the environment (memory), not the usage. `by_signal`:
    the signal that killed it (None: it exited with an error of its own, WORKER_FAILED)."""

    def __init__(self, message: str, by_signal: str | None = None) -> None:
        super().__init__(message)
        self.by_signal = by_signal

    def unfinished(self, inputs: list[str], cached: bool) -> WorkerDied:
        """The same death, saying which of the inputs given to the workers were not finished and how to go on:
        the cache (`cached`) keeps each input's work once it is finished, so running again redoes only these."""
        if self.by_signal is None or not inputs:
            return self
        shown = ", ".join(inputs[:5]) + (f" and {len(inputs) - 5} more" if len(inputs) > 5 else "")
        resume = ("run the same command again (with fewer --workers, or more memory): the inputs finished are taken "
                  "from the cache (.cache in --out), only the others are worked again" if cached else
                  "run the same command again with fewer --workers or more memory; with --no-cache every input is "
                  "worked again (the cache, on by default, keeps each input's work once it is finished)")
        return WorkerDied(f"a worker process died (killed by {self.by_signal}; out of memory?) with "
                          f"{len(inputs)} input{'s' if len(inputs) > 1 else ''} not finished: {shown}; nothing was "
                          f"written to --out; {resume}", self.by_signal)


class Ray:
    """Tasks as Ray tasks, on a local Ray instance or an existing cluster (`address`).

    The workers read the inputs (a task names a file: builder.run.tasks), so every node must reach
    them: a shared path or object storage. The driver (this process) takes the decisions; the release's
    rows are written beside it, on its node (`beside`: builder.release.offload). A task's results stream
    back one object each (a Ray generator task, whose objects this process owns); a result's `held` part
    (builder.run.tasks.Done: the release's rows) is an object of its own, which the driver passes on by
    reference without fetching it. A task whose worker dies (killed, preempted, its node lost) is run
    again, up to RETRIES times."""

    RETRIES = 3

    def __init__(self, workers: int, address: str | None = None) -> None:
        try:
            import ray
        except ImportError:
            raise ExecutorError("--executor ray needs Ray: pip install 'dataset-builder[ray]'") from None
        self.ray = ray
        self.owns = not ray.is_initialized()
        if self.owns:
            options: dict[str, Any] = {"include_dashboard": False, "log_to_driver": False}
            # this machine: its workers search this process's sys.path, where the user's steps were found
            if not address:
                from ray.job_config import JobConfig

                options["num_cpus"] = workers
                options["job_config"] = JobConfig(code_search_path=[p for p in (q or os.getcwd() for q in sys.path)
                                                                       if os.path.isdir(p)])
            else:
                _check_reachable(address)
            with tempfile.TemporaryDirectory(prefix="dataset-builder-") as temp, _bounded_connect(address):
                if address:  # a cluster: ship this package to its workers (init uploads it)
                    options["runtime_env"] = {"py_modules": [_package(Path(temp))]}
                try:
                    ray.init(address=address or "local", **options)  # "local": never a cluster /tmp/ray names
                except ConnectionError as exc:
                    raise ExecutorError(f"cannot reach the Ray cluster at {address}: {exc}; {AUTHENTICATION}"
                                        ) from None
                except ValueError as exc:
                    if "ray[client]" not in str(exc):
                        raise
                    raise ExecutorError(f"--ray-address {address} is a Ray Client address, which needs Ray's client: "
                                        "pip install 'ray[client]' (dataset-builder's [ray] extra includes it)"
                                        ) from None
        resources = ray.cluster_resources()  # type: ignore[no-untyped-call]  # unannotated in ray
        self.workers = max(1, int(resources.get("CPU", workers)))
        # a Ray Client (ray://) driver is not on a node of the cluster: no process there sees its files
        self.on_a_node = not (address or "").startswith("ray://")
        # a ray RemoteFunction: .remote(...) returns an object reference. SPREAD: the tasks go round the nodes (each
        # reads its own inputs from storage), not first to the driver's node while it has a free CPU, where a
        # worker that starts first could take every small task before another node's worker had started.
        # Ray Client has no generator tasks ("streaming ... not supported"): there a task returns its objects as one
        # list, which the driver fetches whole (its rows too: it writes them itself, as no node sees its files)
        if self.on_a_node:
            self.task: Any = ray.remote(max_retries=self.RETRIES, num_returns="streaming",
                                        scheduling_strategy="SPREAD")(_streamed)
        else:
            self.task = ray.remote(max_retries=self.RETRIES, scheduling_strategy="SPREAD")(_listed)
        self.worker_pids: set[int] = set()  # process ids of the Ray workers that ran a batch (on any node)
        self.actors: list[Actor] = []

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
        """A task's result from its stream of objects (`_streamed`), with each `held` part left where it is; or,
        through Ray Client, from the list of them (`_listed`), each `held` part with it."""
        objects, get = (iter(self._get(pending)), _itself) if not self.on_a_node else (pending, self._get)
        pid, many = get(next(objects))
        self.worker_pids.add(pid)
        if not many:
            return get(next(objects))
        items = []
        for ref in objects:
            item, held = get(ref)
            items.append(replace(item, held=next(objects)) if held else item)
        return items

    def _get(self, ref: Any) -> Any:
        """`ray.get`, with a user's error in a task raised as itself: a user step's StepError, or a step's module
        the cluster cannot import (not Ray's wrapper, whose message is the worker's traceback in colour codes)."""
        try:
            return self.ray.get(ref)
        except self.ray.exceptions.RayTaskError as exc:
            from builder.steps import StepError

            cause = exc.cause
            if isinstance(cause, StepError):
                raise StepError(str(cause)) from None
            missing = re.search(r"No module named '([^']+)'", str(cause))
            if missing and isinstance(cause, (ImportError, self.ray.exceptions.RaySystemError)):
                raise ExecutorError(f"the Ray workers cannot import the module {missing.group(1)!r} (of a step or "
                                    "reader the config names): it must be importable on every node of the cluster; "
                                    "install it there (pip install, or the same PYTHONPATH on each node)") from None
            raise

    def beside(self, cls: type[Any], *args: Any) -> Actor:
        """`cls(*args)` made in a process of its own on this node (a Ray actor: it sees this node's files,
        and takes no CPU from the tasks' share), killed when this executor closes."""
        from ray.util.scheduling_strategies import NodeAffinitySchedulingStrategy

        here = NodeAffinitySchedulingStrategy(self.ray.get_runtime_context().get_node_id(), soft=False)
        remote = self.ray.remote(num_cpus=0, max_restarts=0)(cls).options(scheduling_strategy=here)
        actor = Actor(self.ray, remote.remote(*args))
        self.actors.append(actor)
        return actor

    def kill_actors(self, but: Actor | None = None) -> None:
        """Kill the actors made beside the driver (once their calls are done), all but `but`."""
        for actor in self.actors:
            if actor is not but:
                actor.kill()
        self.actors = [but] if but in self.actors else []

    def close(self) -> None:
        self.kill_actors()
        if self.owns:
            self.ray.shutdown()


class Actor:
    """An object in a Ray actor: its method calls run there one after another, in the order they were
    made; at most IN_FLIGHT unanswered, so what they carry (a batch's tables) does not pile up in the
    object store."""

    IN_FLIGHT = 8

    def __init__(self, ray: Any, handle: Any) -> None:
        self.ray, self.handle = ray, handle
        self.pending: deque[Any] = deque()

    def call(self, method: str, *args: Any) -> None:
        self.pending.append(getattr(self.handle, method).remote(*args))
        if len(self.pending) > self.IN_FLIGHT:
            self._answer(self.pending.popleft())

    def result(self, method: str, *args: Any) -> Any:
        self.call(method, *args)
        while len(self.pending) > 1:
            self._answer(self.pending.popleft())
        return self._answer(self.pending.popleft())

    def _answer(self, pending: Any) -> Any:
        """A call's result, or what it raised as itself: Ray's wrapper puts the actor's traceback in the
        message, and the CLI prints an environment's error (a failed upload's PublishError) as its message
        (the wrapper, with the traceback, stays chained to it)."""
        try:
            return self.ray.get(pending)
        except self.ray.exceptions.RayTaskError as exc:
            if isinstance(exc.cause, Exception):
                raise exc.cause from exc
            raise

    def fetch(self, value: Any) -> Any:
        return self.ray.get(value) if isinstance(value, self.ray.ObjectRef) else value

    def kill(self) -> None:
        """Stop it, once the calls made are done (after an error: no file is written after the build let go
        of its folder)."""
        with contextlib.suppress(Exception):
            if self.pending:
                self.ray.wait(list(self.pending), num_returns=len(self.pending), timeout=60)
            self.pending.clear()
            self.ray.kill(self.handle)


def _streamed(fn: Callable[..., Any], batch: Any, args: tuple[Any, ...]) -> Iterator[Any]:
    """A Ray task's objects: (its process id, whether it has many results); then its result, or each of
    its results in turn as (the result without its `held` part, whether it has one) followed by that part."""
    from builder.read import remote

    remote.on_a_ray_worker = True  # this process is one of the cluster's: a failed read says so
    _fault()
    result = fn(batch, *args)
    yield os.getpid(), isinstance(result, Iterator)
    if not isinstance(result, Iterator):
        yield result
        return
    for item in result:
        held = getattr(item, "held", None)
        yield (item, False) if held is None else (replace(item, held=None), True)
        if held is not None:
            yield held


def _listed(fn: Callable[..., Any], batch: Any, args: tuple[Any, ...]) -> list[Any]:
    """`_streamed`'s objects as one list: a Ray task's result where generator tasks are not available (Ray Client)."""
    return list(_streamed(fn, batch, args))


def _itself(value: T) -> T:
    return value


def executor(workers: int, kind: str = "local", address: str | None = None, lean: bool = False
             ) -> Local | Processes | Ray:
    if kind == "ray":
        return Ray(workers, address)
    if workers <= 1:
        return Local()
    for pool in _prestarted:
        if (pool.workers, pool.lean) == (workers, lean):
            _prestarted.remove(pool)
            return pool
    return Processes(workers, lean)
