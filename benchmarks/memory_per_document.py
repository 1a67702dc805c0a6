"""How the build's main process grows with the number of documents.

    .venv/bin/python -m benchmarks.memory_per_document [--sizes 50000 200000] [--workers 2] \
        [--per-file 1000] [--repeat 3]

Builds synthetic JSONL corpora of small documents (each one a unique header line, three prose lines
and a unique footer line, so every document is kept, is no near-duplicate of another and has lines
removed that no other document has), each in a fresh process running `dataset-builder build`, and
prints that process's peak RSS (the main process only: worker processes are not counted) and the
bytes it grew per document between the smallest and the largest corpus (medians over --repeat
builds of each: a peak moves by some MB from run to run with what happens to be in flight). What stays per document in
the main process is what limits the size of a build, so this figure should be a small constant.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VOCABULARY = ("council budget debate taxes opposition mayor city river bridge school teachers students market "
              "prices bread wheat harbour ships rain roads villages doctors hospital vaccine children museum "
              "statues festival poets library archive train station workers union strike minister report "
              "election voters parliament court judge lawyers farmers harvest drought energy solar wind").split()
# The build in a child process; its own peak RSS (KiB on Linux) is the main process's, workers excluded.
CHILD = ("import resource, sys\n"
         "from builder.cli import main\n"
         "code = main(sys.argv[1:])\n"
         "print('maxrss_kib', resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)\n"
         "sys.exit(code)\n")


def document(i: int, rng: random.Random) -> dict[str, str]:
    prose = ["The " + " ".join(rng.choice(VOCABULARY) for _ in range(14)) + "." for _ in range(3)]
    header = f"Posted {1 + i % 28} March by writer {i}"  # short, not prose: removed, and unique
    footer = f"Tags: {rng.choice(VOCABULARY)} {i}"
    return {"id": f"doc-{i}", "url": f"https://news.example/{i}", "text": "\n".join([header, *prose, footer])}


def make_corpus(folder: Path, documents: int, per_file: int) -> int:
    """JSONL files of `per_file` documents each, in one source folder; returns their total bytes."""
    folder.mkdir(parents=True)
    rng = random.Random(1234)
    size = 0
    for start in range(0, documents, per_file):
        lines = [json.dumps(document(i, rng)) + "\n" for i in range(start, min(documents, start + per_file))]
        data = "".join(lines).encode()
        (folder / f"part-{start // per_file:05d}.jsonl").write_bytes(data)
        size += len(data)
    return size


def measure(documents: int, workers: int, per_file: int, work: Path, run: int) -> tuple[int, float, int]:
    """(peak RSS of the build's main process in bytes, seconds, input bytes)."""
    source, out = work / f"corpus-{documents}", work / f"release-{documents}-{run}"
    size = make_corpus(source, documents, per_file) if run == 0 else sum(p.stat().st_size for p in source.iterdir())
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", CHILD, "build", str(source), "--out", str(out),
                           "--workers", str(workers), "--quiet"], cwd=ROOT, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"the build of {documents} documents failed ({done.returncode}):\n{done.stdout}\n{done.stderr}")
    kib = int(next(line.split()[1] for line in done.stdout.splitlines() if line.startswith("maxrss_kib")))
    return kib * 1024, seconds, size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[50_000, 200_000], help="documents per corpus")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--per-file", type=int, default=1000, help="documents per JSONL file")
    parser.add_argument("--repeat", type=int, default=1, help="builds of each corpus; the median peak counts")
    args = parser.parse_args()
    sizes = sorted(args.sizes)
    peaks = {}
    with tempfile.TemporaryDirectory(prefix="memory-per-document-") as tmp:
        for n in sizes:
            runs = [measure(n, args.workers, args.per_file, Path(tmp), run) for run in range(args.repeat)]
            peaks[n] = statistics.median(peak for peak, _, _ in runs)
            each = ", ".join(f"{peak / 2**20:.1f}" for peak, _, _ in runs)
            print(f"{n:>9,} documents ({runs[0][2] / 1e6:6.1f} MB): main-process peak RSS {peaks[n] / 2**20:7.1f} MiB "
                  f"(runs: {each} MiB), {statistics.median(s for _, s, _ in runs):6.1f} s", flush=True)
    if len(sizes) > 1:
        low, high = sizes[0], sizes[-1]
        per_doc = (peaks[high] - peaks[low]) / (high - low)
        print(f"growth: {per_doc:,.0f} bytes per document (peak RSS difference / {high - low:,} documents)")


if __name__ == "__main__":
    main()
