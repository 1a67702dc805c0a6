"""Throughput, scaling and memory of a full build, against datatrove on the same input in the same run.

    .venv/bin/python -m benchmarks.throughput [--size-mb 50] [--repeat 3] [--validate-gb 1] [--rss-mb 100 1000]

Input: a JSONL corpus made from ../shared/corpus (see corpus_to_jsonl.py; the examples when it is absent),
replicated up to --size-mb (each copy after the first with its words varied: make_corpus) and split into --files
files (datatrove gives one task per file). Ours: `dataset-builder build` — validation, cleaning, boilerplate,
language ID, dedup, provenance, card. Datatrove twice, with as many tasks as files and as many workers as ours:
its cheapest comparable pipeline, JsonlReader -> FTFYFormatter -> C4QualityFilter(min_num_sentences=-1) ->
ParquetWriter, and the same job as ours (datatrove_same_job.py: ftfy, fastText lid.176, C4, MinHash in its four
stages, Parquet). Prints medians over --repeat runs: MB/s per core, documents/s, peak RSS (whole process tree),
both ratios, and a profile of our build; then `validate` on a --validate-gb JSONL file, and an incremental
rebuild after changing 1% of inputs (and again with nothing changed).
"""

from __future__ import annotations

import argparse
import collections
import compileall
import contextlib
import cProfile
import io
import json
import os
import pstats
import re
import shutil
import statistics
import sys
import tempfile
import textwrap
import time
from pathlib import Path

from benchmarks.corpus_to_jsonl import DEFAULT_CORPUS, documents, missing
from benchmarks.process_memory import resident, sampled, total

ROOT = Path(__file__).resolve().parent.parent
DATATROVE = textwrap.dedent("""
    import sys
    from datatrove.executor import LocalPipelineExecutor
    from datatrove.pipeline.filters import C4QualityFilter
    from datatrove.pipeline.formatters import FTFYFormatter
    from datatrove.pipeline.readers import JsonlReader
    from datatrove.pipeline.writers import ParquetWriter
    source, out, workers = sys.argv[1], sys.argv[2], int(sys.argv[3])
    files = len([f for f in __import__("os").listdir(source) if f.endswith(".jsonl")])
    LocalPipelineExecutor(
        pipeline=[JsonlReader(source), FTFYFormatter(), C4QualityFilter(min_num_sentences=-1), ParquetWriter(out)],
        tasks=files, workers=workers, logging_dir=out + "-logs",
    ).run()
""")
def base_documents(corpus: Path = DEFAULT_CORPUS) -> list[dict]:
    if corpus.exists():
        return list(documents(corpus))
    print(f"note: {missing(corpus)}; the examples are used instead", file=sys.stderr)
    docs = []
    for path in sorted((ROOT / "examples" / "corpus").rglob("*")):
        if path.suffix == ".txt":
            docs.append({"id": path.stem, "text": path.read_bytes().decode("utf-8")})
        elif path.suffix == ".jsonl":
            docs += [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    return docs


# A copy after the first has its words varied, so copies are not exact or near duplicates of each other (the
# 5-word shingles MinHash compares mostly differ) and their lines are not repeated across copies: copied as they
# were, the 50 MB corpus's lines repeated 6 times and the rules and dedup dropped all but 69 of 15,811 documents,
# so the benchmark measured rejects (now 15,131 of 15,812 are kept). The KEEP_WORDS most frequent words of the
# corpus stay (a 50th of its distinct words when that is fewer, as in the examples): function words, the cue
# words of boilerplate; on the shared corpus 45% of the words written. Every other word is swapped, for all
# documents of one copy alike (a site's repeated lines still repeat within the copy), with another word of the
# same collection (the id's first folder: one language), script and length; each digit is shifted by the copy's
# number. A copy's 5-word shingles are 0.4% (median) those of the document it copies. Copy 0 is the corpus as is.
KEEP_WORDS = 1000
_WORD = re.compile(r"[^\W\d_]+")
_DIGIT = re.compile(r"\d")


class Variants:
    """Copy `copy` of a document, its words varied as the comment above says; deterministic for a given corpus."""

    def __init__(self, base: list[dict]) -> None:
        counts: collections.Counter[str] = collections.Counter()
        for doc in base:
            for field in ("title", "text"):
                counts.update(_WORD.findall(doc.get(field) or ""))
        kept = {word for word, _ in counts.most_common(min(KEEP_WORDS, len(counts) // 50))}
        buckets: dict[tuple, set[str]] = collections.defaultdict(set)
        for doc in base:
            collection = str(doc.get("id", "")).split("/", 1)[0]
            for field in ("title", "text"):
                for word in set(_WORD.findall(doc.get(field) or "")) - kept:
                    buckets[(collection, ord(word[0]) >> 7, len(word))].add(word)
        self._buckets = {key: sorted(words) for key, words in buckets.items()}
        self._maps: dict[tuple[int, str], dict[str, str]] = {}

    def _swap(self, copy: int, collection: str) -> dict[str, str]:
        mapping = self._maps.get((copy, collection))
        if mapping is None:
            mapping = {}
            for key, words in self._buckets.items():
                if key[0] == collection and len(words) > 1:
                    shift = 1 + (copy * 7919 - 1) % (len(words) - 1)  # never 0: every word of the bucket moves
                    mapping.update(zip(words, words[shift:] + words[:shift], strict=True))
            self._maps[(copy, collection)] = mapping
        return mapping

    def document(self, doc: dict, copy: int) -> dict:
        varied = {**doc, "id": f"{doc['id']}~{copy}"}
        if copy == 0:
            return varied
        swap = self._swap(copy, str(doc.get("id", "")).split("/", 1)[0])
        for field in ("title", "text"):
            if isinstance(doc.get(field), str):
                text = _WORD.sub(lambda m: swap.get(m.group(), m.group()), doc[field])
                varied[field] = _DIGIT.sub(lambda m: str((int(m.group()) + copy) % 10), text)
        return varied


def make_corpus(folder: Path, size_mb: float, files: int, corpus: Path = DEFAULT_CORPUS) -> tuple[int, int]:
    """JSONL files adding up to size_mb, the corpus's documents then copies of them varied (`Variants`); returns
    (bytes, documents)."""
    folder.mkdir(parents=True)
    base = base_documents(corpus)
    variants = Variants(base)
    written = count = 0
    copy = 0
    with contextlib.ExitStack() as stack:
        outs = [stack.enter_context(open(folder / f"part-{i:04d}.jsonl", "w", encoding="utf-8")) for i in range(files)]
        while written < size_mb * 1e6:
            for doc in base:
                line = json.dumps(variants.document(doc, copy), ensure_ascii=False) + "\n"
                outs[count % files].write(line)
                written += len(line.encode())
                count += 1
                if written >= size_mb * 1e6:
                    break
            copy += 1
    return written, count


def measure(command: list[str], ok: tuple[int, ...] = (0,)) -> tuple[float, float]:
    """(wall seconds, peak RSS of the whole process tree in MB), sampled every 50 ms. The sampler reads each
    process's RSS from /proc/PID/status and lists the tree every half second: reading smaps_rollup and listing
    the tree every time took a tenth of a core, taken from a 2-worker build's two (not from a 1-worker's)."""
    _, code, seconds, samples = sampled(command, every=0.05, read=resident, relist=0.5)
    if code not in ok:
        raise SystemExit(f"{' '.join(command)} failed with exit code {code}")
    return seconds, max((total(sample, "rss") for sample in samples), default=0.0) * 2**20 / 1e6


def ours(corpus: Path, out: Path, workers: int, cache: bool = False) -> list[str]:
    return [sys.executable, "-m", "builder", "build", str(corpus), "--out", str(out), "--workers", str(workers),
            "--quiet", *([] if cache else ["--no-cache"])]


def theirs(corpus: Path, out: Path, workers: int) -> list[str]:
    return [sys.executable, "-c", DATATROVE, str(corpus), str(out), str(workers)]


def theirs_same_job(corpus: Path, out: Path, workers: int) -> list[str]:
    return [sys.executable, "-m", "benchmarks.datatrove_same_job", str(corpus), str(out), str(workers)]


PIPELINES = (("dataset-builder", ours), ("datatrove ftfy+C4", theirs), ("datatrove same job", theirs_same_job))


def compare(work: Path, corpus: Path, size: int, docs: int, workers: list[int], repeat: int) -> dict:
    """Each pipeline with each worker count, `repeat` times, interleaved (run r of every pipeline before
    run r+1 of any), so a slow spell of a noisy machine falls on all of them."""
    runs: dict = {(name, w): [] for w in workers for name, _ in PIPELINES}
    for r in range(repeat):
        for w in workers:
            for name, command in PIPELINES:
                out = work / f"{name.replace(' ', '-')}-{w}-{r}"
                runs[(name, w)].append(measure(command(corpus, out, w)))
                shutil.rmtree(out, ignore_errors=True)
                shutil.rmtree(str(out) + "-logs", ignore_errors=True)
                shutil.rmtree(str(out) + "-work", ignore_errors=True)
    results: dict = {}
    for w in workers:
        for name, _ in PIPELINES:
            seconds = statistics.median(t for t, _ in runs[(name, w)])
            results[(name, w)] = r = {"seconds": seconds, "rss_mb": max(m for _, m in runs[(name, w)]),
                                      "mb_s_core": size / 1e6 / seconds / w, "docs_s": docs / seconds}
            print(f"  {name:19} workers={w}  {seconds:7.2f} s   {r['mb_s_core']:6.2f} MB/s per core   "
                  f"{r['docs_s']:8.0f} docs/s   peak RSS {r['rss_mb']:6.0f} MB   (median of {repeat})", flush=True)
    print()
    for w in workers:
        for name, _ in PIPELINES[1:]:
            ratio = results[("dataset-builder", w)]["mb_s_core"] / results[(name, w)]["mb_s_core"]
            print(f"  per-core throughput, dataset-builder / {name}, {w} worker(s): {ratio:.2f}x")
    if 1 in workers and 2 in workers:
        for name, _ in PIPELINES:
            print(f"  {name}: 2 workers / 1 worker throughput: "
                  f"{results[(name, 1)]['seconds'] / results[(name, 2)]['seconds']:.2f}x")
    return results


def passes(corpus: Path, work: Path) -> None:
    """How the build's time splits between its passes, and how far the progress bar's ETA strays:
    a build here with one worker, timed by its own progress calls (the first pass reports
    FIRST_PASS_SHARE of every input's bytes, the second the rest)."""
    from builder import BuildConfig, build
    from builder.api import input_size
    from builder.config import RunSettings
    from builder.run.pipeline import FIRST_PASS_SHARE

    total = input_size([corpus])
    files = sorted(corpus.glob("*.jsonl"))
    counting = sum(round(FIRST_PASS_SHARE * f.stat().st_size) for f in files)
    done, marks = 0, []
    started = time.monotonic()

    def advance(step: int) -> None:
        nonlocal done
        done += step
        marks.append((time.monotonic() - started, done))

    build([corpus], work / "passes", BuildConfig(run=RunSettings(workers=1, cache=False)), progress=advance)
    seconds = time.monotonic() - started
    first = next(t for t, d in marks if d >= counting)
    # the ETA a bar with smoothing=0 shows (elapsed * remaining / done) against the real time left
    errors = [abs(t * (total - d) / d - (seconds - t)) / seconds for t, d in marks if 0.1 * total <= d < total]
    print(f"  first pass (read, parse, count lines) {first:.2f} s of {seconds:.2f} s = {100 * first / seconds:.0f}% "
          f"(the bar gives it {100 * FIRST_PASS_SHARE:.0f}%); ETA error from 10% on: median "
          f"{100 * statistics.median(errors):.0f}%, worst {100 * max(errors):.0f}% of the build's time")
    shutil.rmtree(work / "passes")


def profile(corpus: Path, work: Path) -> None:
    sys.argv = ours(corpus, work / "profiled", 1)[2:]
    from builder.cli import main

    profiler = cProfile.Profile()
    profiler.runcall(main, sys.argv[1:])
    text = io.StringIO()
    pstats.Stats(profiler, stream=text).sort_stats("tottime").print_stats(18)
    print("\n".join(line for line in text.getvalue().splitlines() if line.strip())[-2600:])


def validate_speed(work: Path, corpus: Path, gigabytes: float) -> None:
    big = work / "validate.jsonl"
    written = 0
    with open(big, "w", encoding="utf-8") as out:
        copy = 0
        while written < gigabytes * 1e9:
            for part in sorted(corpus.glob("*.jsonl")):
                for line in part.open(encoding="utf-8"):
                    doc = json.loads(line)
                    doc["id"] = f"{doc['id']}~v{copy}"
                    text = json.dumps(doc, ensure_ascii=False) + "\n"
                    out.write(text)
                    written += len(text.encode())
            copy += 1
    # exit 1 is expected: the corpus has a few schema-invalid documents, reported like any others
    seconds, rss = measure([sys.executable, "-m", "builder", "validate", str(big), "--format", "json"], ok=(0, 1))
    print(f"  validate {written / 1e9:.2f} GB JSONL: {seconds:.1f} s, {written / 1e6 / seconds:.0f} MB/s "
          f"on one core, peak RSS {rss:.0f} MB")
    big.unlink()


def incremental(work: Path, corpus: Path, workers: int) -> None:
    out = work / "incremental"
    full, _ = measure(ours(corpus, out, workers, cache=True))
    parts = sorted(corpus.glob("*.jsonl"))
    changed = parts[: max(1, len(parts) // 100)]
    for part in changed:
        lines = part.read_text(encoding="utf-8").splitlines()
        part.write_text("\n".join(lines[:-1]) + "\n", encoding="utf-8")  # one document removed
    rebuild, _ = measure(ours(corpus, out, workers, cache=True))
    unchanged, rss = measure(ours(corpus, out, workers, cache=True))
    print(f"  full build with cache {full:.2f} s; after changing {len(changed)} of {len(parts)} inputs: "
          f"{rebuild:.2f} s = {100 * rebuild / full:.0f}% of the full build; with nothing changed: {unchanged:.2f} s "
          f"= {100 * unchanged / full:.0f}% (peak RSS {rss:.0f} MB)")


def compiled() -> str:
    """Compile the builder's modules to bytecode, as `pip install` does for a user and as datatrove's installed
    package already is: an editable install under PYTHONDONTWRITEBYTECODE would otherwise recompile the
    builder in every measured process (about 0.2 CPU-s each), a cost no user pays."""
    import builder

    folder = Path(builder.__file__).parent
    ok = compileall.compile_dir(folder, quiet=1)
    return f"builder compiled to bytecode ({folder})" if ok else f"could not compile {folder}: its import is timed too"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size-mb", type=float, default=50)
    parser.add_argument("--files", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--validate-gb", type=float, default=1.0, help="0 to skip")
    parser.add_argument("--rss-mb", type=float, nargs="*", default=[], help="corpus sizes for a peak-RSS run each")
    parser.add_argument("--work", type=Path, help="scratch folder (default: a temporary one)")
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="the real corpus (default: %(default)s)")
    args = parser.parse_args()
    print(compiled())
    work = args.work or Path(tempfile.mkdtemp(prefix="bench-"))
    corpus = work / "corpus"
    shutil.rmtree(corpus, ignore_errors=True)
    size, docs = make_corpus(corpus, args.size_mb, args.files, args.corpus)
    print(f"corpus: {size / 1e6:.1f} MB, {docs} documents in {args.files} JSONL files "
          f"({args.corpus if args.corpus.exists() else 'examples'}, replicated); {os.cpu_count()} cores\n")
    compare(work, corpus, size, docs, args.workers, args.repeat)
    print("\nthe two passes and the progress bar (1 worker, a build in this process):")
    passes(corpus, work)
    print("\nwhere our time goes (1 worker, top functions by own time):")
    profile(corpus, work)
    if args.validate_gb:
        print("\nraw-document validation:")
        validate_speed(work, corpus, args.validate_gb)
    print("\nincremental rebuild:")
    incremental(work, corpus, max(args.workers))
    for mb in args.rss_mb:
        folder = work / f"rss-{mb:g}"
        shutil.rmtree(folder, ignore_errors=True)
        mb_size, _ = make_corpus(folder, mb, args.files, args.corpus)
        seconds, rss = measure(ours(folder, work / f"rss-out-{mb:g}", max(args.workers)))
        print(f"  peak RSS, {mb_size / 1e6:.0f} MB corpus, {max(args.workers)} workers: {rss:.0f} MB ({seconds:.0f} s)")
        shutil.rmtree(folder)
    if not args.work:
        shutil.rmtree(work)


if __name__ == "__main__":
    main()
