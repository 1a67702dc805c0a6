"""Turn ../shared/corpus (when present) into one JSONL file of raw documents, for benchmarks.

The corpus stays where it is (its licenses forbid copying it into the project); this writes a
derived file outside the repository. Formats: ant-* TREC-like wrappers, SaudiNewsNet and Fars News
JSON arrays, Urdu plain text (CRLF). HTML pages are left out.

Run:  .venv/bin/python -m benchmarks.corpus_to_jsonl OUT.jsonl [--corpus ../shared/corpus]

The default corpus (DEFAULT_CORPUS, for every benchmark that reads it): $DATASET_BUILDER_CORPUS, else the first
`shared/corpus` in a folder above the repository (../shared/corpus of a checkout, ../../shared/corpus of a git
worktree under wt/).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from collections.abc import Iterator, Mapping
from pathlib import Path

CORPUS_ENV = "DATASET_BUILDER_CORPUS"
REPOSITORY = Path(__file__).resolve().parents[1]


def default_corpus(repository: Path = REPOSITORY, environ: Mapping[str, str] = os.environ) -> Path:
    """The corpus a benchmark reads unless given --corpus: the environment's, else the nearest shared/corpus above
    the repository (a worktree is not next to it as the main checkout is), else ../shared/corpus, which is
    missing: `missing` says what to pass."""
    if environ.get(CORPUS_ENV):
        return Path(environ[CORPUS_ENV])
    for folder in repository.parents:
        if (folder / "shared" / "corpus").is_dir():
            return folder / "shared" / "corpus"
    return repository.parent / "shared" / "corpus"


def missing(corpus: Path) -> str:
    """What a benchmark says when the corpus is not where it looked."""
    return (f"no corpus at {corpus}: pass --corpus PATH (the folder holding ant-*, saudinewsnet/, urdu-*/, ...) or "
            f"set {CORPUS_ENV}=PATH")


DEFAULT_CORPUS = default_corpus()
_FIELD = re.compile(r"<(URL|TITLE|TEXT)>\s*(.*?)\s*</\1>", re.DOTALL)


def _ant(root: Path) -> Iterator[dict]:
    for path in sorted(root.glob("ant-*/**/*.txt")):
        raw = path.read_bytes().decode("utf-8", "replace")
        fields = dict(_FIELD.findall(raw))
        yield {"id": path.relative_to(root).as_posix(), "url": fields.get("URL") or None,
               "title": fields.get("TITLE") or None, "text": fields.get("TEXT", "")}


def _saudinewsnet(root: Path) -> Iterator[dict]:
    for path in sorted(root.glob("saudinewsnet/**/*.json")):
        for i, item in enumerate(json.loads(path.read_text(encoding="utf-8"))):
            yield {"id": f"{path.relative_to(root).as_posix()}#{i}", "url": item.get("url"),
                   "title": item.get("title"), "text": item.get("content") or ""}


def _farsnews(root: Path) -> Iterator[dict]:
    for path in sorted(root.glob("farsnews-persian/**/*.json")):
        for i, item in enumerate(json.loads(path.read_text(encoding="utf-8"))):
            text = "\n".join([item.get("abstract") or "", *(item.get("paragraphs") or [])])
            yield {"id": f"{path.relative_to(root).as_posix()}#{i}", "url": item.get("link"),
                   "title": item.get("title"), "text": text}


def _urdu(root: Path) -> Iterator[dict]:
    for path in sorted(root.glob("urdu-*/**/*.txt")):
        yield {"id": path.relative_to(root).as_posix(), "text": path.read_bytes().decode("utf-8", "replace")}


def documents(root: Path) -> Iterator[dict]:
    for reader in (_ant, _saudinewsnet, _farsnews, _urdu):
        yield from reader(root)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out", type=Path)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    args = parser.parse_args()
    if not args.corpus.is_dir():  # it once wrote 0 documents without a word
        print(f"error: {missing(args.corpus)}", file=sys.stderr)
        sys.exit(2)
    n = 0
    with open(args.out, "w", encoding="utf-8") as f:
        for doc in documents(args.corpus):
            f.write(json.dumps(doc, ensure_ascii=False) + "\n")
            n += 1
    print(f"{n} documents -> {args.out}")


if __name__ == "__main__":
    main()
