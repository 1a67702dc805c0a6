"""Turn ../shared/corpus (when present) into one JSONL file of raw documents, for benchmarks.

The corpus stays where it is (its licenses forbid copying it into the project); this writes a
derived file outside the repository. Formats: ant-* TREC-like wrappers, SaudiNewsNet and Fars News
JSON arrays, Urdu plain text (CRLF). HTML pages are left out.

Run:  .venv/bin/python -m benchmarks.corpus_to_jsonl OUT.jsonl [--corpus ../shared/corpus]
"""

from __future__ import annotations

import argparse
import json
import re
from collections.abc import Iterator
from pathlib import Path

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
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
    n = 0
    with open(args.out, "w", encoding="utf-8") as f:
        for doc in documents(args.corpus):
            f.write(json.dumps(doc, ensure_ascii=False) + "\n")
            n += 1
    print(f"{n} documents -> {args.out}")


if __name__ == "__main__":
    main()
