"""What a folder of many small files costs against the same documents in one JSONL file.

    .venv/bin/python -m benchmarks.many_files [--files 10000 100000] [--workers 2] [--work DIR]

Writes N `.txt` files of about 100 bytes (one synthetic document each, in folders of 1,000) and the same
documents as one JSONL file, builds each with `dataset-builder build --workers N --no-cache`, then rebuilds
the folder with the cache (a first build that fills it, a second that finds every file in it, a third after
1% of the files changed), and prints for each build: CPU seconds of the whole process tree (the build and
its workers), wall seconds, peak RSS of the tree (sampled every 50 ms), and the ratios of the folder's
figures to the JSONL's. The targets (issue 12/13, "many small files"): CPU <= 3x, peak RSS <= 2x, a fully
cached rebuild faster than an uncached build. A benchmark, not a test: run it on an idle machine, or write
the load average beside what it prints.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import sys
import tempfile
from pathlib import Path

from benchmarks import throughput

WORDS = ("council budget debate taxes opposition mayor city river bridge school teachers students market prices "
         "bread wheat harbour ships rain roads villages doctors hospital museum festival library archive").split()
PER_FOLDER = 1000


def document(i: int, rng: random.Random) -> str:
    """About 100 bytes: a sentence of prose, unique by its number."""
    return f"Report {i}: the " + " ".join(rng.choice(WORDS) for _ in range(11)) + ".\n"


def make_corpus(work: Path, files: int) -> tuple[Path, Path]:
    """(the folder of `files` .txt files, a folder holding the same documents as one JSONL file)."""
    folder, single = work / f"files-{files}", work / f"jsonl-{files}"
    if folder.exists() and single.exists():
        return folder, single
    rng = random.Random(1234)
    single.mkdir(parents=True)
    with open(single / "all.jsonl", "w", encoding="utf-8") as jsonl:
        for i in range(files):
            text = document(i, rng)
            name = f"{i // PER_FOLDER:04d}/{i % PER_FOLDER:04d}.txt"
            path = folder / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            jsonl.write(json.dumps({"id": name.removesuffix(".txt"), "text": text}) + "\n")
    return folder, single


def measure(command: list[str]) -> tuple[float, float, float]:
    """(CPU seconds of the process tree, wall seconds, peak RSS of the tree in MB)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    wall, peak = throughput.measure(command)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)  # the build's workers are its children, reaped by it
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime), wall, peak


def build(source: Path, out: Path, workers: int, cache: bool) -> list[str]:
    command = [sys.executable, "-m", "builder", "build", str(source), "--out", str(out), "--workers", str(workers),
               "--quiet"]
    return command if cache else [*command, "--no-cache"]


def change(folder: Path, share: float) -> int:
    """Rewrite `share` of the files (every n-th), so a rebuild finds the rest in its cache."""
    files = sorted(folder.rglob("*.txt"))
    step = max(1, round(1 / share))
    for path in files[::step]:
        path.write_text(path.read_text(encoding="utf-8") + "Changed.\n", encoding="utf-8")
    return len(files[::step])


def row(name: str, figures: tuple[float, float, float], base: tuple[float, float, float] | None) -> str:
    cpu, wall, peak = figures
    ratios = f"  {cpu / base[0]:5.2f}x  {peak / base[2]:5.2f}x" if base else ""
    return f"{name:<34} {cpu:8.1f} {wall:8.1f} {peak:8.0f}{ratios}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--files", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--work", type=Path, help="where corpora and releases go (kept); a temporary folder if not")
    parser.add_argument("--no-rebuild", action="store_true", help="skip the cached builds")
    args = parser.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="many-files-"))
    work.mkdir(parents=True, exist_ok=True)
    print(f"load average {' '.join(f'{x:.1f}' for x in os.getloadavg())}; {work}")
    print(f"{'build':<34} {'CPU s':>8} {'wall s':>8} {'peak MB':>8}  {'CPU/JSONL':>6} {'RSS/JSONL':>6}")
    for files in args.files:
        folder, single = make_corpus(work, files)
        outs = [work / f"out-{files}-{name}" for name in ("jsonl", "files", "cached")]
        for out in outs:
            shutil.rmtree(out, ignore_errors=True)
        base = measure(build(single, outs[0], args.workers, cache=False))
        print(row(f"{files:,} docs, one JSONL", base, None), flush=True)
        print(row(f"{files:,} files, --no-cache", measure(build(folder, outs[1], args.workers, False)), base),
              flush=True)
        if args.no_rebuild:
            continue
        print(row(f"{files:,} files, filling the cache", measure(build(folder, outs[2], args.workers, True)), base),
              flush=True)
        print(row(f"{files:,} files, all cached", measure(build(folder, outs[2], args.workers, True)), base),
              flush=True)
        changed = change(folder, 0.01)
        print(row(f"{files:,} files, {changed:,} changed", measure(build(folder, outs[2], args.workers, True)),
                  base), flush=True)
        shutil.rmtree(folder)  # the corpus changed: the next run writes it afresh
        shutil.rmtree(single)
    print(f"load average {' '.join(f'{x:.1f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
