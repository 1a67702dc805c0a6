"""How many bytes two releases share when their inputs differ by 1%: what an upload to content-addressed
storage (the Hub's Xet) would not have to send again. With and without content-defined chunking.

    .venv/bin/python -m benchmarks.release_overlap [--size-mb 7.5]

Bytes are cut into chunks with a gear rolling hash (64 KiB average, as Xet does) and a chunk of the
new release counts as shared when the old release has the same chunk.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import shutil
import tempfile
from pathlib import Path

from benchmarks.throughput import make_corpus
from builder.config import BuildConfig
from builder.run.pipeline import build

_GEAR = [random.Random(i).getrandbits(64) for i in range(256)]
_MASK = (1 << 16) - 1  # 64 KiB average chunks
MIN_CHUNK, MAX_CHUNK = 8 * 1024, 128 * 1024


def chunks(data: bytes) -> list[bytes]:
    out, start, h = [], 0, 0
    for i, byte in enumerate(data):
        h = ((h << 1) + _GEAR[byte]) & 0xFFFFFFFFFFFFFFFF
        size = i - start + 1
        if (size >= MIN_CHUNK and (h & _MASK) == 0) or size >= MAX_CHUNK:
            out.append(data[start : i + 1])
            start, h = i + 1, 0
    if start < len(data):
        out.append(data[start:])
    return out


def chunk_set(release: Path) -> dict[bytes, int]:
    found = {}
    for shard in sorted((release / "data").glob("*.parquet")):
        for chunk in chunks(shard.read_bytes()):
            found[hashlib.sha256(chunk).digest()] = len(chunk)
    return found


def change_one_percent(corpus: Path) -> int:
    """Edit every document of 1% of the input files (the way a corpus changes between releases:
    some sources are re-crawled), returning the number of documents changed."""
    parts = sorted(corpus.glob("*.jsonl"))
    changed = 0
    for part in parts[:: 100]:
        lines = part.read_text(encoding="utf-8").splitlines()
        for i, line in enumerate(lines):
            doc = json.loads(line)
            doc["text"] += "\nتحديث: أضيفت هذه الفقرة إلى النص بعد نشره الأول بيوم واحد."
            lines[i] = json.dumps(doc, ensure_ascii=False)
            changed += 1
        part.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return changed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size-mb", type=float, default=7.5, help="up to the corpus size: no replicas")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="overlap-"))
    corpus = work / "corpus"
    _, docs = make_corpus(corpus, args.size_mb, 100)
    for cdc in (True, False):
        config = BuildConfig.load(content_defined_chunking=cdc, workers=2, cache=False)
        build([str(corpus)], work / f"old-{cdc}", config)
    changed = change_one_percent(corpus)
    print(f"{docs} documents in 100 input files; 1 file changed: {changed} documents ({100 * changed / docs:.1f}%)")
    for cdc in (True, False):
        config = BuildConfig.load(content_defined_chunking=cdc, workers=2, cache=False)
        build([str(corpus)], work / f"new-{cdc}", config)
        old, new = chunk_set(work / f"old-{cdc}"), chunk_set(work / f"new-{cdc}")
        shared = sum(size for digest, size in new.items() if digest in old)
        total = sum(new.values())
        label = "content-defined chunking" if cdc else "plain Parquet pages     "
        print(f"  {label}: {shared / total:6.1%} of the new release's data bytes are already in the old one "
              f"({(total - shared) / 1e6:.2f} MB of {total / 1e6:.2f} MB to upload)")
    shutil.rmtree(work)


if __name__ == "__main__":
    main()
