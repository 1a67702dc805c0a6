"""Where a build's driver spends its CPU, by phase: a build run in this process (as `dataset-builder build`),
with `time.process_time` around the functions that make each phase. Meant for a rebuild from the cache,
which runs in the driver alone (a full build's work is in the workers: their CPU is printed as one figure).

    python -m benchmarks.rebuild_phases build CORPUS --out DIR --workers 2 --quiet

Phases nest where a function calls another (the indented ones are part of the line above them); what no
phase names (the CLI, claiming --out, imports made during the build, the changed inputs' work done here) is
the rest of "main() in all". A phase's first figure is the process's CPU while it ran, so it counts the threads
beside the driver's (builder.run.overlap: the cache read ahead, the shards written) while they run too; the second
is the CPU of the thread that ran it (`time.thread_time`), its own cost. The last line splits main()'s CPU between
the driver's own thread and those threads.
"""

from __future__ import annotations

import time

STARTED = time.process_time()

import resource  # noqa: E402  (imports after the clock starts: they are the first phase)
import sys  # noqa: E402
import threading  # noqa: E402
from collections.abc import Callable  # noqa: E402
from typing import Any  # noqa: E402

import builder.cli as cli  # noqa: E402
from builder import api  # noqa: E402
from builder.dedup import selection  # noqa: E402
from builder.release import shards, writer  # noqa: E402
from builder.run import cache, cache_format, executors, overlap, parted, pipeline, place  # noqa: E402

IMPORTS = time.process_time() - STARTED
ORDER = ("the CLI before api.build (config, the plan's imports, prestart)", "  of which prestarting the pool",
         "claiming --out (checked, locked; the previous release's files)", "sha256 of the inputs",
         "the code's fingerprint (the cache's key)", "cache: reading line keys", "cache: reading rows",
         "  of which decoding and checking rows", "parted (the cached rows' outline)",
         "the changed inputs' work (process_parted, here)", "placing (Placer.add)",
         "  of which dedup decisions", "  of which writing shards", "rejects' rows completed (made_rows)",
         "  of which document ids sanitised", "card, figures, manifest",
         "  of which figures", "the cache's garbage and checked entries", "stopping the prestarted pool")
spent: dict[str, float] = {}
own_spent: dict[str, float] = {}  # the same, the CPU of the calling thread only
_running: set[str] = set()


def timed(owner: Any, name: str, phase: Callable[[tuple[Any, ...]], str] | str) -> None:
    """Replace owner.name with a wrapper that adds its CPU time to `spent[phase]`, and its thread's to
    `own_spent[phase]` (outermost calls only)."""
    original = getattr(owner, name)

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        label = phase(args) if callable(phase) else phase
        if label in _running:
            return original(*args, **kwargs)
        _running.add(label)
        start, own = time.process_time(), time.thread_time()
        try:
            return original(*args, **kwargs)
        finally:
            spent[label] = spent.get(label, 0.0) + time.process_time() - start
            own_spent[label] = own_spent.get(label, 0.0) + time.thread_time() - own
            _running.discard(label)

    setattr(owner, name, wrapper)


def beside() -> dict[str, float]:
    """Count the CPU of every call run in a thread beside the driver's (overlap.Serial) in the returned dict."""
    lock, spent_there = threading.Lock(), {"threads": 0.0}
    original = overlap.Serial._run

    def run(self: overlap.Serial, fn: Callable[..., Any], *args: Any) -> Any:
        start = time.thread_time()
        try:
            return original(self, fn, *args)
        finally:
            with lock:
                spent_there["threads"] += time.thread_time() - start

    overlap.Serial._run = run  # type: ignore[method-assign]
    return spent_there


def main() -> None:
    there = beside()
    started: list[float] = []
    timed(api, "build", lambda args: started.append(time.process_time()) or "api.build")
    timed(executors.Processes, "__init__", "  of which prestarting the pool")
    timed(pipeline, "claim", "claiming --out (checked, locked; the previous release's files)")
    timed(pipeline.LazyExecutor, "describe", "sha256 of the inputs")
    timed(pipeline, "code_fingerprint", "the code's fingerprint (the cache's key)")
    timed(parted, "identifiers", "  of which document ids sanitised")
    timed(pipeline, "process_parted", "the changed inputs' work (process_parted, here)")
    timed(parted, "made_rows", "rejects' rows completed (made_rows)")
    timed(writer, "write_plots", "  of which figures")
    timed(cache.BuildCache, "collect_garbage", "the cache's garbage and checked entries")
    timed(cache.BuildCache, "remember_checked", "the cache's garbage and checked entries")
    timed(cli, "close_prestarted", "stopping the prestarted pool")
    timed(cache.BuildCache, "read", lambda args: "cache: reading " + ("line keys" if args[2] == "lines" else "rows"))
    timed(cache_format, "decode_rows", "  of which decoding and checking rows")
    timed(pipeline, "parted", "parted (the cached rows' outline)")
    timed(place.Placer, "add", "placing (Placer.add)")
    timed(selection.Selection, "decide_all", "  of which dedup decisions")
    timed(shards.ShardWriter, "write_table", "  of which writing shards")
    timed(writer.ReleaseWriter, "finish", "card, figures, manifest")
    for label in ORDER:  # printed in this order
        spent[label] = 0.0
    start, own = time.process_time(), time.thread_time()
    try:
        cli.main(sys.argv[1:], own_process=True)
    finally:
        total, own = time.process_time() - start, time.thread_time() - own
        spent["the CLI before api.build (config, the plan's imports, prestart)"] = (started or [start])[0] - start
        spent.pop("api.build", None)
        children = resource.getrusage(resource.RUSAGE_CHILDREN)
        print(f"CPU-s of this process: imports before main() {IMPORTS:.3f}; each phase: the process's / the "
              "thread's that ran it", file=sys.stderr)
        for label, seconds in spent.items():
            print(f"  {label} {seconds:.3f} / {own_spent.get(label, seconds):.3f}", file=sys.stderr)
        print(f"main() in all {total:.3f}; this process {time.process_time():.3f}; its workers "
              f"{children.ru_utime + children.ru_stime:.3f}", file=sys.stderr)
        print(f"main(): the driver's own thread {own:.3f}; the threads beside it (reading ahead, writing) "
              f"{there['threads']:.3f}", file=sys.stderr)


if __name__ == "__main__":
    main()
