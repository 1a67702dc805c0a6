"""Documents of ../shared/corpus as the builder reads them, and the labelled held-out set built on them.

The corpus may not be copied into the repository (its licenses), so `benchmarks/labels/labels.tsv`
(round 1), `benchmarks/labels/labels-round2-*.tsv` (round 2, drawn excluding round 1),
`benchmarks/labels/labels-round3.tsv` (round 3, drawn excluding both, toward chrome-rich parts),
`benchmarks/labels/labels-round4.tsv` (round 4, excluding all three: a plain random sample of the text
parts, ANT, SaudiNewsNet, Urdu and Fars News), `benchmarks/labels/labels-round5.tsv` (round 5, another
such sample, excluding rounds 1-4), `benchmarks/labels/labels-round6.tsv` (round 6, excluding rounds
1-5, the text parts toward the sites with most chrome), `benchmarks/labels/labels-round7.tsv` (round 7,
excluding rounds 1-6, a plain random sample of the text parts again) and `benchmarks/labels/labels-round8.tsv`
(round 8, excluding rounds 1-7, the text parts toward the sites with most chrome again) hold references
only, one row per non-blank line of a labelled document:

    site  corpus_path  line_number  line_sha1_prefix  label  language  notes

- `corpus_path`: relative to the corpus root; an item of a JSON array is `FILE#INDEX` (the same ids
  as `corpus_to_jsonl`).
- `line_number`: 0-based index in `text.splitlines()` of the document's raw text (the builder's own
  line splitting, `builder.text.segment`, breaks lines exactly where `str.splitlines` does; its 1-based
  `Span.line` is `line_number + 1`). Blank lines are not labelled.
- `line_sha1_prefix`: the first 10 hex digits of sha1 of the stripped line, UTF-8, so that a change
  in the corpus or in the HTML extractor is caught instead of silently scoring the wrong lines.
- `label`: `keep` (article text) or `drop` (anything else); `notes` says why when it was a close call.

`benchmarks/labels/splits.tsv` puts every site in `dev` or `test`. A site first seen in round 2 or later
was put in a part by a rule fixed before any of its lines were labelled (`sample_for_labelling.new_site_split`).

The raw text of a document is what a build of the corpus gets:
- `ant-*` (TREC-like XML): the `<TITLE>` as the first line, then the `<TEXT>` body;
- `saudinewsnet`, `farsnews-persian`, `urdu-*`: the `text` that `corpus_to_jsonl` writes;
- `*.html`: the text trafilatura extracts, with `builder.read.html.extract` at trafilatura's default
  trade-off (`html_extraction = "balanced"`, the builder's default when the labels were made; it is
  now "precision", measured against it by `benchmarks/html_extraction.py`);
- other `.txt` files (newspaper4k's): the file, strict UTF-8, as the builder's `.txt` reader reads it.
"""

from __future__ import annotations

import csv
import functools
import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from benchmarks.corpus_to_jsonl import DEFAULT_CORPUS, documents as _jsonl_documents
from builder.read.html import extract

LABELS_DIR = Path(__file__).resolve().parent / "labels"
LABELS = LABELS_DIR / "labels.tsv"
SPLITS = LABELS_DIR / "splits.tsv"
LABEL_COLUMNS = ("site", "corpus_path", "line_number", "line_sha1_prefix", "label", "language", "notes")
SPLIT_COLUMNS = ("site", "split", "sources", "languages", "documents")


@dataclass(frozen=True)
class CorpusDoc:
    path: str  # corpus_path
    text: str  # the raw text the builder gets
    url: str | None = None

    @property
    def source(self) -> str:
        """The corpus part: ant-multisource, saudinewsnet, trafilatura-html, ..."""
        return self.path.split("/", 1)[0]


def line_hash(line: str) -> str:
    return hashlib.sha1(line.strip().encode("utf-8")).hexdigest()[:10]


class Corpus:
    """Random access to the corpus documents, by corpus_path."""

    def __init__(self, root: Path = DEFAULT_CORPUS) -> None:
        self.root = Path(root)

    def exists(self) -> bool:
        return (self.root / "MANIFEST.tsv").is_file()

    @functools.cached_property
    def _records(self) -> dict[str, dict]:
        """The documents corpus_to_jsonl reads (ant-*, saudinewsnet, farsnews-persian, urdu-*), by id."""
        return {doc["id"]: doc for doc in _jsonl_documents(self.root)}

    def paths(self) -> list[str]:
        """Every document: corpus_to_jsonl's, then the HTML pages and the other .txt files."""
        others = sorted(p.relative_to(self.root).as_posix() for p in self.root.glob("*/**/*")
                        if p.is_file() and p.suffix in (".html", ".htm", ".txt"))
        return [*self._records, *(p for p in others if p not in self._records)]

    def get(self, path: str, **html_options: Any) -> CorpusDoc:
        """The document at `path`; an HTML page extracted with trafilatura's `html_options` on top of the
        builder's call (benchmarks/html_extraction.py compares them)."""
        if path in self._records:
            record = self._records[path]
            text = record["text"]
            if path.startswith("ant-") and record.get("title"):
                text = f"{record['title']}\n{text}"
            return CorpusDoc(path, text, (record.get("url") or "").strip() or None)
        file = self.root / path
        if file.suffix in (".html", ".htm"):
            return _html(path, file.read_bytes(), **html_options)
        if file.suffix == ".txt":
            return CorpusDoc(path, file.read_bytes().decode("utf-8"))
        raise KeyError(f"{path}: not a document of the corpus at {self.root}")


def _html(path: str, data: bytes, **options: Any) -> CorpusDoc:
    """The page as builder.read.html extracts it, with `options` (trafilatura's keyword arguments) on top;
    the labels were made with none (trafilatura's "balanced" default)."""
    found = extract(data, **options)
    return CorpusDoc(path, found.get("text") or "", found.get("url") or None)


def nonblank_lines(text: str) -> Iterator[tuple[int, str]]:
    for number, line in enumerate(text.splitlines()):
        if line.strip():
            yield number, line


# ---- the labelled set ----------------------------------------------------------------------------


@dataclass(frozen=True)
class LabelledDoc:
    path: str  # corpus_path
    site: str
    language: str
    split: str
    url: str | None
    lines: list[tuple[bool, str]]  # (keep?, raw line), the document's non-blank lines in order
    numbers: list[int]  # the line_number of each of them
    notes: dict[int, str]  # index in lines -> the labeller's note


class LabelDrift(Exception):
    """The corpus (or the HTML extractor) no longer gives the lines that were labelled."""


def label_files() -> list[Path]:
    """Every labels file: round 1 (labels.tsv), then rounds 2 to 8 (labels-round*.tsv), in name order."""
    return [LABELS, *sorted(LABELS_DIR.glob("labels-round*.tsv"))]


def read_all_labels() -> dict[str, list[dict[str, str]]]:
    """corpus_path -> its label rows, from every labels file (a document is labelled in one only)."""
    docs: dict[str, list[dict[str, str]]] = {}
    for path in label_files():
        found = read_labels(path)
        twice = sorted(set(found) & set(docs))
        assert not twice, f"{path}: labelled again: {twice[:5]}"
        docs.update(found)
    return docs


def read_labels(path: Path = LABELS) -> dict[str, list[dict[str, str]]]:
    """corpus_path -> its label rows, in file order."""
    docs: dict[str, list[dict[str, str]]] = {}
    with open(path, encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE)
        assert tuple(reader.fieldnames or ()) == LABEL_COLUMNS, f"{path}: columns must be {LABEL_COLUMNS}"
        for row in reader:
            assert row["label"] in ("keep", "drop"), f"{path}: label must be keep or drop: {row}"
            docs.setdefault(row["corpus_path"], []).append(row)
    return docs


def read_splits(path: Path = SPLITS) -> dict[str, dict[str, str]]:
    """site -> its row of splits.tsv."""
    with open(path, encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE)
        assert tuple(reader.fieldnames or ()) == SPLIT_COLUMNS, f"{path}: columns must be {SPLIT_COLUMNS}"
        return {row["site"]: row for row in reader}


def load_labelled(split: str | None = None, corpus: Corpus | None = None, labels: Path | None = None,
                  splits: Path = SPLITS) -> list[LabelledDoc]:
    """The labelled documents of `split` ('dev', 'test', or None for both), rebuilt from the corpus.

    Raises LabelDrift when a labelled line's hash no longer matches, or when the document's non-blank
    lines are not exactly the labelled ones."""
    corpus = corpus or Corpus()
    parts = read_splits(splits)
    out, problems = [], []
    for path, rows in (read_labels(labels) if labels else read_all_labels()).items():
        site = rows[0]["site"]
        assert site in parts, f"{labels or LABELS_DIR}: site {site!r} ({path}) is missing from {splits}"
        if split is not None and parts[site]["split"] != split:
            continue
        doc = corpus.get(path)
        lines = dict(nonblank_lines(doc.text))
        labelled = {int(r["line_number"]): r for r in rows}
        for number in sorted(labelled.keys() ^ lines.keys()):
            problems.append(f"{path}:{number}: " + ("labelled but blank or missing" if number in labelled
                                                     else "non-blank line with no label"))
        for number, row in labelled.items():
            if number in lines and line_hash(lines[number]) != row["line_sha1_prefix"]:
                problems.append(f"{path}:{number}: the line's sha1 is {line_hash(lines[number])}, "
                                f"labelled {row['line_sha1_prefix']}")
        numbers = [n for n in sorted(lines) if n in labelled]
        out.append(LabelledDoc(
            path, site, rows[0]["language"], parts[site]["split"], doc.url,
            [(labelled[n]["label"] == "keep", lines[n]) for n in numbers], numbers,
            {i: labelled[n]["notes"] for i, n in enumerate(numbers) if labelled[n]["notes"]},
        ))
    if problems:
        shown = "\n  ".join(problems[:20])
        raise LabelDrift(f"{len(problems)} labelled lines do not match the corpus at {corpus.root} "
                         f"(changed corpus, or another trafilatura version than the labels were made "
                         f"with):\n  {shown}")
    return out
