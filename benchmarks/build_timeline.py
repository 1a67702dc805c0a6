"""Where a build's time and CPU go, by process and phase: the driver's serial start (imports, then the setup
until the first pass), each pass, the finish; each worker's tasks (when each ended, its CPU and page faults). A
build run in this process as `dataset-builder build` does; the forked workers inherit the timed task function.

    python -m benchmarks.build_timeline LOG -- build CORPUS --out DIR --workers 2 --quiet --no-cache
    python -m benchmarks.build_timeline --report LOG [LOG ...]   # medians over runs, by number of workers

A task's CPU is its process's between the task's start and end: in a 1-worker build (no pool) that includes the
driver's own work on the task's results (placing, writing), which a pool's driver does in its own process.
"""

from __future__ import annotations

import time

STARTED = time.monotonic()

import json  # noqa: E402  (imports after the clock starts: they are the first phase)
import os  # noqa: E402
import resource  # noqa: E402
import statistics  # noqa: E402
import sys  # noqa: E402
from collections.abc import Iterator  # noqa: E402
from typing import Any  # noqa: E402

LOG: list[str] = []
TASK: list[Any] = []  # builder.run.tasks.run_task, which `timed_task` wraps


def timed_task(task: Any, options: Any, fn: Any, args: Any, spill: Any = None) -> Iterator[Any]:
    """A task's run with its end marked (module-level: the pool pickles it by name)."""
    start, cpu, faults = time.monotonic(), time.process_time(), resource.getrusage(resource.RUSAGE_SELF).ru_minflt
    yield from TASK[0](task, options, fn, args, spill)
    mark("task", start=start - STARTED, fn=fn.__name__, cpu=time.process_time() - cpu,
         faults=resource.getrusage(resource.RUSAGE_SELF).ru_minflt - faults)


def mark(what: str, **fields: Any) -> None:
    with open(LOG[0], "a", encoding="utf-8") as log:
        log.write(json.dumps({"t": time.monotonic() - STARTED, "pid": os.getpid(), "what": what,
                              "cpu_here": time.process_time(), **fields}) + "\n")


def run(log: str, argv: list[str]) -> None:
    import builder.cli as cli
    from builder.release import writer
    from builder.run import pipeline, tasks

    LOG.append(log)
    TASK.append(tasks.run_task)
    pipeline.run_task = timed_task  # type: ignore[assignment]
    results = pipeline.Pass.results

    def timed_results(self: pipeline.Pass, files: list[Any]) -> Iterator[Any]:
        mark("pass-start", fn=self.fn.__name__)
        yield from results(self, files)
        mark("pass-end", fn=self.fn.__name__)

    pipeline.Pass.results = timed_results  # type: ignore[method-assign]
    finish = writer.ReleaseWriter.finish

    def timed_finish(self: writer.ReleaseWriter, *args: Any, **kwargs: Any) -> Any:
        mark("finish-start")
        return finish(self, *args, **kwargs)

    writer.ReleaseWriter.finish = timed_finish  # type: ignore[method-assign]
    mark("imported")
    try:
        cli.main(argv, own_process=True)
    finally:
        own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
        mark("end", self_cpu=own.ru_utime + own.ru_stime, children=children.ru_utime + children.ru_stime,
             self_faults=own.ru_minflt, children_faults=children.ru_minflt)


def summary(path: str) -> dict[str, float]:
    with open(path, encoding="utf-8") as log:
        events = [json.loads(line) for line in log]
    driver = min(e["pid"] for e in events if e["what"] == "imported")
    at = {e["what"] + "-" + e.get("fn", ""): e for e in events if e["pid"] == driver}
    first, second = "line_counts", "process_parted"
    tasks = [e for e in events if e["what"] == "task"]
    end = at["end-"]
    out = {
        "wall (s)": end["t"],
        "driver CPU: imports": at["imported-"]["cpu_here"],
        "driver CPU: imported -> first pass": at[f"pass-start-{first}"]["cpu_here"] - at["imported-"]["cpu_here"],
        "driver CPU: first pass": at[f"pass-end-{first}"]["cpu_here"] - at[f"pass-start-{first}"]["cpu_here"],
        "driver CPU: second pass": at[f"pass-end-{second}"]["cpu_here"] - at[f"pass-start-{second}"]["cpu_here"],
        "driver CPU: after the second pass": end["cpu_here"] - at[f"pass-end-{second}"]["cpu_here"],
        "driver CPU (rusage)": end["self_cpu"],
        "workers CPU (rusage)": end["children"],
        "tasks' CPU, first pass": sum(e["cpu"] for e in tasks if e["fn"] == first),
        "tasks' CPU, second pass": sum(e["cpu"] for e in tasks if e["fn"] == second),
        "page faults, driver": end["self_faults"],
        "page faults, workers": end["children_faults"],
    }
    firsts: dict[int, dict[str, Any]] = {}  # each process's first task of the first pass: its warm-up is in it
    for e in tasks:
        if e["fn"] == first:
            firsts.setdefault(e["pid"], e)
    later = [e["cpu"] for e in tasks if e["fn"] == first and e not in firsts.values()]
    out["first pass: a process's first task's CPU (mean)"] = statistics.mean(e["cpu"] for e in firsts.values())
    out["first pass: the other tasks' CPU (median)"] = statistics.median(later) if later else 0.0
    for fn in (first, second):
        ends: dict[int, float] = {}
        for e in tasks:
            if e["fn"] == fn and e["pid"] != driver:
                ends[e["pid"]] = max(ends.get(e["pid"], 0.0), e["t"])
        if len(ends) > 1:  # how long one worker waited for the other at the pass's end
            out[f"tail of the {fn} pass (s)"] = max(ends.values()) - min(ends.values())
    return out


def report(paths: list[str]) -> None:
    by_workers: dict[int, list[dict[str, float]]] = {}
    for path in paths:
        run_summary = summary(path)
        by_workers.setdefault(1 if not run_summary["workers CPU (rusage)"] else 2, []).append(run_summary)
    for workers, runs in sorted(by_workers.items()):
        print(f"{'1 worker' if workers == 1 else 'a pool'}: {len(runs)} runs, median (each run)")
        for name in runs[0]:
            values = [r.get(name, 0.0) for r in runs]
            print(f"  {name}: {statistics.median(values):.3f} ({', '.join(f'{v:.3f}' for v in values)})")


if __name__ == "__main__":
    if sys.argv[1] == "--report":
        report(sys.argv[2:])
    else:
        run(sys.argv[1], sys.argv[3:] if sys.argv[2] == "--" else sys.argv[2:])
