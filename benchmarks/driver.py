"""The driver of a Ray build, measured: a real local Ray cluster (a head and worker nodes, `ray start`
on loopback, one CPU each) and a moto S3 server on loopback, inputs on S3, the release written to S3.

    .venv/bin/python -m benchmarks.driver [--sizes-mb 100 500] [--workers 1 2 4] [--scaling-mb 100]

Input: JSONL files of --file-mb each made from --corpus (throughput.py's corpus maker; its default is
corpus_to_jsonl.DEFAULT_CORPUS, found from a checkout or a worktree; where there is none, the maker says so
and falls back to the examples),
uploaded to the S3 server. For each size in --sizes-mb, a build with 2 Ray workers; then builds of
--scaling-mb with each of --workers Ray workers (nodes of one CPU). Each build runs in a process of
its own (the driver), which reports its own CPU time (`time.process_time()`: every thread of it),
the wall time of the build, the CPU time its tasks took where they ran (`summary.task_cpu`,
reading and per-document work) and that of the process beside it that wrote the shards
(`summary.writer_cpu`, builder.release.offload; since session 12 with the CPU of the requests to S3 made
beside the driver: the listing, the claim, the commit); its peak RSS is sampled from here. Total CPU = driver +
tasks + writer (Ray's own daemons, the raylets and the GCS, are not in it; they are printed apart,
from their processes).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import psutil

from benchmarks.corpus_to_jsonl import DEFAULT_CORPUS
from benchmarks.throughput import make_corpus
from tests.clusters import CREDENTIALS, RayCluster, moto_s3, ray_cluster

ROOT = Path(__file__).resolve().parents[1]
BUCKET = "bench"
PROFILE = "BENCH_DRIVER_PROFILE"  # where the driver writes its cProfile statistics (--profile)
TRACE = "BENCH_DRIVER_TRACE"  # set: the driver traces its Python allocations (--trace-memory)
# Modules the driver need not import (the store's client, the per-document work's libraries): those it did are printed
DRIVER_SHOULD_NOT_IMPORT = ("s3fs", "botocore", "aiobotocore", "jsonschema", "ftfy", "pandas", "PIL",
                            "builder.run.plan", "builder.rules.web")


def drive(source: str, out: str, address: str, endpoint: str) -> None:
    """The driver: one build, then its measurements as one line of JSON."""
    started_cpu, started = time.process_time(), time.monotonic()
    from builder.run.lean import give_memory_back, keep_pandas_out

    keep_pandas_out()  # as the `dataset-builder` command does in its own process (builder.cli.console)
    give_memory_back()
    from builder.api import build
    from builder.config import BuildConfig

    config = BuildConfig.load(executor="ray", ray_address=address, cache=False,
                              storage_options={"endpoint_url": endpoint})
    profile = os.environ.get(PROFILE)
    if os.environ.get(TRACE):  # what the driver's Python holds at the end of the build, by line (--trace-memory)
        import tracemalloc

        tracemalloc.start()
    if profile:  # the driver's CPU by function (--profile): cProfile with a CPU-time clock
        import cProfile

        profiler = cProfile.Profile(time.process_time)
        result = profiler.runcall(build, [source], out, config)
        profiler.dump_stats(profile)
    else:
        result = build([source], out, config)
    print(json.dumps({"threads": threads_cpu()}), file=sys.stderr)
    if os.environ.get(TRACE):
        held, peak = tracemalloc.get_traced_memory()
        print(f"driver's Python allocations: {held / 1e6:.1f} MB held at the end, {peak / 1e6:.1f} MB at most; "
              "the largest held, by line:", file=sys.stderr)
        for stat in tracemalloc.take_snapshot().statistics("lineno")[:12]:
            print(f"    {stat}", file=sys.stderr)
    print(json.dumps({"driver_cpu": time.process_time() - started_cpu, "wall": time.monotonic() - started,
                      "task_cpu": result.summary.task_cpu, "writer_cpu": result.summary.writer_cpu,
                      "documents": result.documents_in,
                      "readers": len(result.summary.reader_pids),
                      "imported": [m for m in DRIVER_SHOULD_NOT_IMPORT if m in sys.modules],
                      "driver_read": os.getpid() in result.summary.reader_pids}))


def threads_cpu() -> dict[str, float]:
    """CPU seconds of this process's threads, by name (the main thread's is the build's own Python; Ray's
    own threads, gRPC's, Arrow's have theirs), from /proc (Linux)."""
    ticks, found = os.sysconf("SC_CLK_TCK"), dict[str, float]()
    for task in Path("/proc/self/task").iterdir():
        with contextlib.suppress(OSError):
            name = (task / "comm").read_text().strip()
            fields = (task / "stat").read_text().rsplit(")", 1)[1].split()
            found[name] = found.get(name, 0.0) + (int(fields[11]) + int(fields[12])) / ticks
    return dict(sorted(found.items(), key=lambda item: -item[1]))


class Sampler:
    """While a build runs, from a thread, four times a second: the CPU seconds of the cluster's processes
    (workers, raylets, GCS: a Ray job's workers exit when its driver does, taking their counts with them)
    and the driver's RSS. (Not the driver's own getrusage: a process started by fork and exec keeps the
    peak RSS of its parent, here the one holding the S3 server's objects.)"""

    def __init__(self, cluster: RayCluster, driver: psutil.Popen) -> None:
        self.cluster, self.driver = cluster, driver
        self.seen: dict[int, float] = {}
        self.driver_rss = 0.0
        self.driver_parts: dict[str, float] = {}  # the driver's RSS at its peak by kind (rss_parts)
        self.driver_series: list[float] = []  # its RSS at each sample
        self.baseline = self.sample()
        self.done = threading.Event()
        self.thread = threading.Thread(target=self.run, daemon=True)
        self.thread.start()

    def sample(self) -> dict[int, float]:
        for pid in self.cluster.processes():
            try:
                times = psutil.Process(pid).cpu_times()
            except psutil.NoSuchProcess:
                continue
            self.seen[pid] = times.user + times.system
        with contextlib.suppress(psutil.NoSuchProcess, OSError):
            rss = self.driver.memory_info().rss / 1e6
            self.driver_series.append(rss)
            if rss > self.driver_rss:
                self.driver_rss, self.driver_parts = rss, rss_parts(self.driver.pid)
        return dict(self.seen)

    def run(self) -> None:
        while not self.done.wait(0.25):
            self.sample()

    def stop(self) -> float:
        self.done.set()
        self.thread.join()
        self.sample()
        return sum(cpu - self.baseline.get(pid, 0.0) for pid, cpu in self.seen.items())


def rss_parts(pid: int) -> dict[str, float]:
    """A process's resident memory by kind, MB (Linux /proc/PID/status): its own (anonymous), mapped files
    (libraries) and shared memory (Ray's object store, mapped in every process that reads an object)."""
    parts = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        name, _, value = line.partition(":")
        if name in ("RssAnon", "RssFile", "RssShmem"):
            parts[name[3:].lower()] = int(value.split()[0]) / 1e3
    return parts


def measured(cluster: RayCluster, endpoint: str, source: str, out: str) -> dict[str, float]:
    child = psutil.Popen([sys.executable, "-m", "benchmarks.driver", "--drive", source, out, cluster.address,
                          endpoint], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                         env={**os.environ, **CREDENTIALS, **cluster.driver_env})
    sampler = Sampler(cluster, child)
    stdout, stderr = child.communicate()
    cluster_cpu = sampler.stop()
    if child.returncode:
        raise SystemExit(f"the build failed:\n{stderr[-4000:]}")
    tracing = False
    for line in stderr.splitlines():  # the driver's CPU by thread and what it traced, for the record
        if line.startswith('{"threads"'):
            print(f"driver threads' CPU s: {line}", file=sys.stderr, flush=True)
        tracing = (tracing and line.startswith("    ")) or line.startswith("driver's Python allocations")
        if tracing:
            print(line, file=sys.stderr, flush=True)
    figures: dict[str, Any] = json.loads(stdout.strip().splitlines()[-1])
    print(f"the driver imported: {figures.pop('imported', None)}", file=sys.stderr, flush=True)
    figures["cluster_cpu"], figures["driver_rss_mb"] = cluster_cpu, sampler.driver_rss
    print(f"driver RSS at its peak, MB: {json.dumps(sampler.driver_parts)}", file=sys.stderr, flush=True)
    series, n = sampler.driver_series or [0.0], len(sampler.driver_series or [0.0])
    tenths = [round(max(series[min(n * i // 10, n - 1) : max(n * (i + 1) // 10, n * i // 10 + 1)])) for i in range(10)]
    print(f"driver RSS over the build, MB, the most in each tenth of its time: {tenths}", file=sys.stderr, flush=True)
    return figures


def upload(endpoint: str, folder: Path, prefix: str) -> None:
    import s3fs

    fs = s3fs.S3FileSystem(endpoint_url=endpoint, skip_instance_cache=True)
    fs.put(str(folder) + "/", f"{BUCKET}/{prefix}/", recursive=True)


def row(label: str, size: float, f: dict[str, float]) -> str:
    writer = f.get("writer_cpu", 0.0)  # the processes beside the driver: the writer, the store's requests (offload)
    total = f["driver_cpu"] + f["task_cpu"] + writer
    return (f"| {label} | {size / 1e6:.0f} | {f['wall']:.0f} | {size / 1e6 / f['wall']:.2f} | {f['driver_cpu']:.1f} | "
            f"{f['task_cpu']:.1f} | {writer:.1f} | {100 * f['driver_cpu'] / total:.1f}% | {f['driver_rss_mb']:.0f} | "
            f"{f['cluster_cpu']:.1f} | {'yes' if f['driver_read'] else 'no'} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes-mb", type=float, nargs="*", default=[100, 500])
    parser.add_argument("--workers", type=int, nargs="*", default=[1, 2, 4])
    parser.add_argument("--scaling-mb", type=float, default=100)
    parser.add_argument("--file-mb", type=float, default=8)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--profile", type=Path, help="write the drivers' cProfile statistics to PROFILE-<MB>.prof "
                        "(the figures of such a run include the profiler's cost)")
    parser.add_argument("--trace-memory", action="store_true", help="the drivers trace their Python allocations "
                        "(tracemalloc) and print what they hold at the end, by line (slower)")
    parser.add_argument("--drive", nargs=4, metavar=("SOURCE", "OUT", "ADDRESS", "ENDPOINT"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.drive:
        drive(*args.drive)
        return
    os.environ.update(CREDENTIALS)
    if args.trace_memory:
        os.environ[TRACE] = "1"
    work = Path(tempfile.mkdtemp(prefix="bench-driver-"))
    print(f"{os.cpu_count()} cores; load average at start {os.getloadavg()[0]:.1f}", flush=True)
    print("| build | input MB | wall s | MB/s | driver CPU s | task CPU s | beside CPU s | driver share | "
          "driver peak RSS MB | cluster CPU s | driver read inputs |\n|---|---|---|---|---|---|---|---|---|---|---|",
          flush=True)
    env = {**CREDENTIALS, "PYTHONPATH": str(ROOT), "RAY_raylet_start_wait_time_s": "120"}
    try:
        with moto_s3(BUCKET) as endpoint:
            sizes = {mb: 0 for mb in sorted({*args.sizes_mb, args.scaling_mb})}
            for mb in sizes:
                folder = work / f"corpus-{mb:g}"
                sizes[mb], _ = make_corpus(folder, mb, max(1, round(mb / args.file_mb)), args.corpus)
                upload(endpoint, folder, f"corpus-{mb:g}")
                shutil.rmtree(folder)
            with ray_cluster(workers=1, cpus=1, env=env) as cluster:
                for mb in args.sizes_mb:
                    if args.profile:
                        os.environ[PROFILE] = str(args.profile.absolute()) + f"-{mb:g}.prof"
                    f = measured(cluster, endpoint, f"s3://{BUCKET}/corpus-{mb:g}/", f"s3://{BUCKET}/out-{mb:g}")
                    print(row("2 Ray workers", sizes[mb], f), flush=True)
            for workers in args.workers:
                label = f"{workers} Ray worker{'s' * (workers > 1)}"
                try:
                    with ray_cluster(workers=workers - 1, cpus=1, env=env) as cluster:
                        f = measured(cluster, endpoint, f"s3://{BUCKET}/corpus-{args.scaling_mb:g}/",
                                     f"s3://{BUCKET}/scaling-{workers}")
                        print(row(label, sizes[args.scaling_mb], f), flush=True)
                except RuntimeError as exc:  # a cluster of many nodes may not start on a small, loaded machine
                    print(f"| {label} | the cluster did not start: {str(exc).splitlines()[0]} |", flush=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"load average at the end {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
