"""Every line of every corpus document with what a default build does to it, and the lines two runs judge apart.

A rule change is checked on labelled pages, but it also fires on the ~2,600 corpus documents nobody labelled. This
writes one row per non-blank line of every corpus document (or, with `--split dev`, of the dev sites' documents
only: the test sites stay unread; a site `benchmarks/labels/splits.tsv` does not name is in the part its name's hash
gives, as a new site of a labelling round would be) to a TSV:

    corpus_path  line_number  reason  text

`reason` is `keep`, or the reject reason of the line (the build's plan and its cross-document pass, counted over
the whole corpus, as `boilerplate_eval --set dev` does). Run it before and after a change, then `--diff` prints
the lines that moved, grouped by (before -> after).

Run:  .venv/bin/python -m benchmarks.line_moves OUT.tsv [--split dev] [--corpus DIR]
      .venv/bin/python -m benchmarks.line_moves --diff BEFORE.tsv AFTER.tsv [--limit 40]
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections import defaultdict
from pathlib import Path

from benchmarks.corpus_docs import Corpus, nonblank_lines, read_splits
from benchmarks.sample_for_labelling import new_site_split, site
from builder.outcomes import Document, Location
from tests.labelled import Labelled, ours_reasons


def _documents(corpus: Corpus, split: str | None) -> tuple[list[Labelled], list[Document]]:
    splits = read_splits()
    docs, context = [], []
    for path in corpus.paths():
        doc = corpus.get(path)
        if not doc.text.strip():
            continue
        context.append(Document(path, doc.text, path, Location(path), url=doc.url))
        name = site(corpus, path)
        if split and splits.get(name, {}).get("split", new_site_split(name)) != split:
            continue
        lines = [(True, text) for _, text in nonblank_lines(doc.text)]
        docs.append(Labelled(path, "", lines, doc.url, path, name))
    return docs, context


def write(out: Path, corpus: Corpus, split: str | None) -> None:
    docs, context = _documents(corpus, split)
    reasons = ours_reasons(docs, context)
    with out.open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f, delimiter="\t", lineterminator="\n")
        for doc, why in zip(docs, reasons, strict=True):
            for i, ((_, text), reason) in enumerate(zip(doc.lines, why, strict=True)):
                writer.writerow([doc.name, i, reason or "keep", " ".join(text.split())])
    print(f"{out}: {sum(len(d.lines) for d in docs)} lines of {len(docs)} documents")


def _read(path: Path) -> dict[tuple[str, str], tuple[str, str]]:
    csv.field_size_limit(sys.maxsize)
    with path.open(newline="", encoding="utf-8") as f:
        return {(row[0], row[1]): (row[2], row[3]) for row in csv.reader(f, delimiter="\t")}


def diff(before: Path, after: Path, limit: int) -> None:
    old, new = _read(before), _read(after)
    moved: dict[tuple[str, str], list[tuple[str, str]]] = defaultdict(list)
    for key in old.keys() & new.keys():
        if old[key][0] != new[key][0]:
            moved[(old[key][0], new[key][0])].append((key[0], new[key][1]))
    if old.keys() ^ new.keys():
        print(f"({len(old.keys() ^ new.keys())} lines are in one file only: were both written from the same corpus "
              "and --split?)")
    print(f"{sum(len(v) for v in moved.values())} lines moved")
    for (was, now), rows in sorted(moved.items(), key=lambda kv: -len(kv[1])):
        print(f"\n{was} -> {now}: {len(rows)}")
        for path, text in rows[:limit]:
            print(f"  {path}: {text[:160]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out", type=Path, nargs="?", help="the TSV to write")
    parser.add_argument("--split", choices=("dev", "test"), default=None,
                        help="only the documents of this part's sites (benchmarks/labels/splits.tsv; a site it "
                             "does not name: the part its name's hash gives)")
    parser.add_argument("--corpus", type=Path, default=None, help="the corpus (default: ../shared/corpus)")
    parser.add_argument("--diff", type=Path, nargs=2, metavar=("BEFORE", "AFTER"), help="print the lines that moved")
    parser.add_argument("--limit", type=int, default=40, help="--diff: lines shown per move (default 40)")
    args = parser.parse_args()
    if args.diff:
        diff(*args.diff, args.limit)
        return
    if args.out is None:
        parser.error("give the TSV to write, or --diff BEFORE AFTER")
    corpus = Corpus(args.corpus) if args.corpus else Corpus()
    if not corpus.exists():
        sys.exit(f"no corpus at {corpus.root} (give --corpus DIR)")
    write(args.out, corpus, args.split)


if __name__ == "__main__":
    main()
