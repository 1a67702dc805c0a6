"""Peak memory of a build, process by process: the main process and each worker apart, RSS and PSS.

    .venv/bin/python -m benchmarks.process_memory CORPUS [--workers 2] [--out DIR]

Runs `dataset-builder build CORPUS --no-cache` and reads /proc/PID/smaps_rollup of it and of every process
under it every 0.2 s. Prints the whole tree's peak RSS (what the issue's target counts: a page two processes
share is counted in each) and its peak PSS (each shared page split between the processes that map it), what
each process held at the moment of the tree's peak RSS, and each process's own peak, split by kind of
mapping (`/proc/PID/smaps` read again at each new own high): the heap and anonymous memory (Python's objects,
numpy's arrays, Arrow's pool), the shared libraries' pages and other files'. Linux only.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
Sample = dict[int, dict[str, float]]  # process id -> {"rss", "pss", "uss"} in MiB


def rollup(pid: int) -> dict[str, float] | None:
    """RSS, PSS and USS of a process in MiB (None once it has gone)."""
    fields: dict[str, float] = {}
    try:
        with open(f"/proc/{pid}/smaps_rollup") as lines:
            for line in lines:
                name, _, rest = line.partition(":")
                value = rest.split()
                if len(value) == 2 and value[1] == "kB":
                    fields[name] = int(value[0]) / 1024
    except OSError:
        return None
    return {"rss": fields.get("Rss", 0.0), "pss": fields.get("Pss", 0.0),
            "uss": fields.get("Private_Clean", 0.0) + fields.get("Private_Dirty", 0.0)}


def resident(pid: int) -> dict[str, float] | None:
    """A process's RSS in MiB as the kernel counts it (/proc/PID/status, VmRSS), None once it has gone: a
    fiftieth of reading smaps_rollup, for a sampler that needs no PSS (`sampled`'s `read`)."""
    try:
        with open(f"/proc/{pid}/status") as lines:
            for line in lines:
                if line.startswith("VmRSS:"):
                    return {"rss": int(line.split()[1]) / 1024}
    except OSError:
        return None
    return None


KINDS = ("anonymous", "libraries", "files")  # what a mapping holds, by its name in /proc/PID/smaps


def kind(name: str) -> str:
    """`anonymous` for the heap, the stacks and unnamed mappings, `libraries` for shared objects, else `files`."""
    if not name or name.startswith("[") or name.startswith("/dev/zero") or name.startswith("/memfd:"):
        return "anonymous"
    return "libraries" if ".so" in name.rsplit("/", 1)[-1] else "files"


def by_kind(pid: int) -> dict[str, float] | None:
    """A process's RSS in MiB by kind of mapping (`kind`); None once it has gone."""
    found = dict.fromkeys(KINDS, 0.0)
    current = "anonymous"
    try:
        with open(f"/proc/{pid}/smaps") as lines:
            for line in lines:
                first, _, rest = line.partition(" ")
                if "-" in first and not first.endswith(":"):  # a mapping's header line
                    fields = rest.split(maxsplit=4)
                    current = kind(fields[4].strip() if len(fields) == 5 else "")
                elif first == "Rss:":
                    found[current] += int(rest.split()[0]) / 1024
    except OSError:
        return None
    return found


def sampled(command: list[str], every: float = 0.2, read: Callable[[int], dict[str, float] | None] = rollup,
            relist: float = 0.0, highs: Sample | None = None) -> tuple[int, int, float, list[Sample]]:
    """Run `command`: its process id, exit code, wall seconds and the samples of its process tree (`read` of
    each process), taken every `every` seconds; the tree listed again every `relist` seconds (listing it
    reads every process of the machine). `highs`, if given, gets each process's RSS by kind of mapping at its
    own highest sample (with its "rss")."""
    started = time.monotonic()
    process = psutil.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    samples: list[Sample] = []
    done = threading.Event()

    def sample() -> None:
        tree, listed = [process], float("-inf")
        while not done.is_set():
            if time.monotonic() - listed >= relist:
                try:
                    tree, listed = [process, *process.children(recursive=True)], time.monotonic()
                except psutil.Error:
                    tree = [process]
            found = {p.pid: r for p in tree if (r := read(p.pid)) is not None}
            if found:
                samples.append(found)
            for pid, r in found.items() if highs is not None else ():
                if r["rss"] > highs.get(pid, {}).get("rss", 0.0) and (kinds := by_kind(pid)) is not None:
                    highs[pid] = {**kinds, "rss": r["rss"]}
            time.sleep(every)

    sampler = threading.Thread(target=sample)
    sampler.start()
    code = process.wait()
    done.set()
    sampler.join()
    return process.pid, code, time.monotonic() - started, samples


def total(sample: Sample, kind: str) -> float:
    """The whole tree's RSS, PSS or USS in one sample."""
    return sum(r[kind] for r in sample.values())


def report(main: int, samples: list[Sample], highs: Sample) -> None:
    peak = max(samples, key=lambda s: total(s, "rss"))
    print(f"  whole tree: peak RSS {total(peak, 'rss'):.1f} MiB, "
          f"peak PSS {max(total(s, 'pss') for s in samples):.1f} MiB")
    print("  at the tree's peak RSS:")
    for pid, r in sorted(peak.items(), key=lambda item: item[0] != main):
        name = "main" if pid == main else f"pid {pid}"
        print(f"    {name:>10}: RSS {r['rss']:6.1f}  PSS {r['pss']:6.1f}  USS {r['uss']:6.1f} MiB")
    print("  each process's own peak:")
    for pid in sorted({pid for s in samples for pid in s}, key=lambda pid: pid != main):
        name = "main" if pid == main else f"pid {pid}"
        own = [s[pid] for s in samples if pid in s]
        kinds = ", ".join(f"{k} {highs[pid][k]:.1f}" for k in KINDS) if pid in highs else "gone"
        print(f"    {name:>10}: RSS {max(r['rss'] for r in own):6.1f}  PSS {max(r['pss'] for r in own):6.1f} MiB"
              f"  (by kind at its high: {kinds})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--out", type=Path, help="the release folder (default: a temporary one, removed)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="process-memory-") as scratch:
        out = args.out or Path(scratch) / "release"
        command = [sys.executable, "-m", "builder", "build", str(args.corpus.resolve()), "--out", str(out),
                   "--workers", str(args.workers), "--quiet", "--no-cache"]
        clock = os.times()
        highs: Sample = {}
        main_pid, code, seconds, samples = sampled(command, highs=highs)
        after = os.times()
        if code:
            raise SystemExit(f"{' '.join(command)} failed with exit code {code}")
    cpu = after.children_user + after.children_system - clock.children_user - clock.children_system
    print(f"build of {args.corpus}, {args.workers} workers: {seconds:.0f} s wall, {cpu:.1f} s CPU of the tree, "
          f"load average {os.getloadavg()[0]:.1f} at the end")
    report(main_pid, samples, highs)


if __name__ == "__main__":
    main()
