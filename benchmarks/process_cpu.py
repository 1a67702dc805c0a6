"""CPU and page faults of a build, process by process: what two workers cost beyond one, and where.

    .venv/bin/python -m benchmarks.process_cpu CORPUS [--workers 1 2] [--repeat 3]

Runs `dataset-builder build CORPUS --no-cache --quiet` once per worker count per round, the counts
interleaved (1, 2, 1, 2, ...), so that the machine's load falls on each alike. For each build it prints the
process tree's user and system CPU seconds and minor page faults (`wait4`: every process, waited for or not),
the same for the main process and for each worker (read from /proc/PID/stat every 0.1 s, the last reading
before the process ended: a worker's last tenth of a second may be missing), the wall seconds and the load
average; then the medians by worker count. CPU seconds do not depend on the load the way wall seconds do,
so on a shared machine they are what compares. Linux only.

A page fault here is a page touched for the first time since it was mapped or given back: after each batch a
worker returns its free heap to the system (run/lean.py `trim`) and faults it in again in the next batch, and
the driver maps every allocation of 128 KiB or more afresh (`give_memory_back`); both are memory settings
(the peak at 1 GB), paid for in system CPU.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from benchmarks.throughput import compiled

ROOT = Path(__file__).resolve().parent.parent
TICK = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100
Usage = tuple[float, float, int]  # user CPU s, system CPU s, minor faults


def stat(pid: int) -> Usage | None:
    """A process's own CPU and minor faults so far (None once it has gone)."""
    try:
        with open(f"/proc/{pid}/stat") as file:
            fields = file.read().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return int(fields[11]) / TICK, int(fields[12]) / TICK, int(fields[7])


def children(pid: int) -> list[int]:
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as file:
            return [int(p) for p in file.read().split()]
    except OSError:
        return []


@dataclass(frozen=True)
class Run:
    workers: int
    wall: float
    load: float
    tree: Usage
    main: Usage
    each: list[Usage]  # the workers'


def build(corpus: Path, workers: int, out: Path) -> Run:
    """One build, measured."""
    command = [sys.executable, "-m", "builder", "build", str(corpus), "--out", str(out), "--workers", str(workers),
               "--quiet", "--no-cache"]
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL)
    last: dict[int, Usage] = {}
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            for pid in (process.pid, *children(process.pid)):
                if (usage := stat(pid)) is not None:
                    last[pid] = usage
            done.wait(0.1)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, status, tree = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    done.set()
    sampler.join()
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{' '.join(command)} failed with exit status {status}")
    main = last.pop(process.pid, (0.0, 0.0, 0))
    workers_seen = [usage for usage in last.values() if usage[0] + usage[1] > 0.05]  # not multiprocessing's helpers
    return Run(workers, wall, os.getloadavg()[0], (tree.ru_utime, tree.ru_stime, tree.ru_minflt), main,
               sorted(workers_seen))


def show(usage: Usage) -> str:
    user, system, faults = usage
    return f"{user + system:5.2f} CPU-s (user {user:.2f}, sys {system:.2f}), {faults:,} faults"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    print(compiled(), flush=True)
    runs: dict[int, list[Run]] = {w: [] for w in args.workers}
    with tempfile.TemporaryDirectory(prefix="process-cpu-") as work:
        for round_ in range(args.repeat):
            for workers in args.workers:
                result = build(args.corpus, workers, Path(work) / f"out-{round_}-{workers}")
                runs[workers].append(result)
                print(f"round {round_}, {workers} worker(s): wall {result.wall:.2f} s at load {result.load:.1f}; "
                      f"tree {show(result.tree)}; main {show(result.main)}; "
                      f"workers: {'; '.join(show(u) for u in result.each) or '-'}", flush=True)
    for workers, results in runs.items():
        cpu = statistics.median(r.tree[0] + r.tree[1] for r in results)
        system = statistics.median(r.tree[1] for r in results)
        faults = statistics.median(r.tree[2] for r in results)
        main_cpu = statistics.median(r.main[0] + r.main[1] for r in results)
        wall = statistics.median(r.wall for r in results)
        print(f"{workers} worker(s), medians of {len(results)}: tree {cpu:.2f} CPU-s (sys {system:.2f}), "
              f"{faults:,.0f} faults; main process {main_cpu:.2f} CPU-s; wall {wall:.2f} s")


if __name__ == "__main__":
    main()
