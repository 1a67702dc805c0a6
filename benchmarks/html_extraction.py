"""trafilatura's extraction settings on real HTML pages, measured both ways: the extraction alone, and the
extraction followed by our line rules (a default build's plan, as `dataset-builder build` runs them).

Pages: the HTML pages of the held-out labelled set (benchmarks/labels/: 44 pages of
../shared/corpus, each its own site, in dev or test by site as in splits.tsv). Those labels were made on
the lines of the builder's extraction call; the lines another setting gives that it does not are labelled
in `benchmarks/labels/html-settings.tsv` (same keep/drop rules, references only). Its `same_as` names
the labelled line a line is another form of (cut, or run together differently): one piece of text, so
it counts once.

For each setting, over the union of every setting's lines of a page (an item: a labelled line with its
other forms):

- content recall: the share of keep items' characters that survive (an item's longest surviving form,
  stripped);
- chrome removal: the share of drop items that do not survive (not extracted, or removed by the rules).

A drop line that no setting extracts counts for none of them. Lines repeated across a site are counted
over the whole corpus, its HTML pages extracted with the setting measured, as a build of it would.

The setting is chosen on dev by a rule fixed before test was run: the highest chrome removal after the
rules among the settings whose content recall after the rules is at least the builder's extraction's
(`balanced`) minus 0.005; `balanced` on a tie. Look at dev; run test once to report.

`deduplicate=True` is not a candidate: trafilatura's duplicate test is a process-wide cache, so a
page's text would depend on which pages the same worker read before it (builds must be byte-identical
for any number of workers).

Run:  .venv/bin/python -m benchmarks.html_extraction --set dev|test [--corpus ../shared/corpus] [--show-errors]
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from benchmarks.corpus_docs import LABELS_DIR, Corpus, line_hash, nonblank_lines, read_all_labels, read_splits
from benchmarks.corpus_to_jsonl import missing
from builder.outcomes import Document, Location
from builder.read.html import EXTRACTION
from tests.labelled import Labelled, ours_reasons

SETTINGS_LABELS = LABELS_DIR / "html-settings.tsv"
SETTINGS_COLUMNS = ("corpus_path", "line_sha1_prefix", "label", "same_as", "notes")

# name -> trafilatura keyword arguments on top of the builder's call (builder.read.html.extract)
CANDIDATES: dict[str, dict[str, Any]] = {
    "balanced": EXTRACTION["balanced"],  # the builder's extraction before this measure: trafilatura's default
    "precision": EXTRACTION["precision"],
    "recall": EXTRACTION["recall"],
    "no tables": {"include_tables": False},
    "comments": {"include_comments": True},
    "fast (no fallback)": {"fast": True},
    "precision + fast": {**EXTRACTION["precision"], "fast": True},
    "recall, no tables": {**EXTRACTION["recall"], "include_tables": False},
}
BASELINE = "balanced"
RECALL_SLACK = 0.005  # how much content recall (after the rules) a setting may lose on dev against BASELINE


@dataclass(frozen=True)
class Page:
    path: str
    site: str
    split: str
    labels: dict[str, tuple[str, bool]]  # line sha1 prefix -> (item, keep?)


class Unlabelled(Exception):
    """A setting gives lines nobody labelled: label them in html-settings.tsv before scoring."""


def pages(split: str) -> list[Page]:
    splits = read_splits()
    extra: dict[str, dict[str, tuple[str, bool]]] = defaultdict(dict)
    with open(SETTINGS_LABELS, encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE)
        columns = tuple(reader.fieldnames or ())
        assert columns == SETTINGS_COLUMNS, f"{SETTINGS_LABELS}: columns must be {SETTINGS_COLUMNS}"
        for row in reader:
            assert row["label"] in ("keep", "drop"), f"{SETTINGS_LABELS}: label must be keep or drop: {row}"
            item = row["same_as"] or row["line_sha1_prefix"]
            extra[row["corpus_path"]][row["line_sha1_prefix"]] = (item, row["label"] == "keep")
    out = []
    for path, rows in read_all_labels().items():
        site = rows[0]["site"]
        if not path.endswith((".html", ".htm")) or splits[site]["split"] != split:
            continue
        labels = {r["line_sha1_prefix"]: (r["line_sha1_prefix"], r["label"] == "keep") for r in rows}
        out.append(Page(path, site, split, {**labels, **extra.get(path, {})}))
    return out


def survivors(corpus: Corpus, scored: list[Page], options: dict[str, Any], others: list[Document],
              html_paths: list[str]) -> tuple[list[list[tuple[str, bool, str]]], list[list[bool]]]:
    """For each page: its lines as (item, keep?, text), and which of them survive the rules."""
    context = list(others)
    texts: dict[str, tuple[str, str | None]] = {}
    for path in html_paths:
        doc = corpus.get(path, **options)
        texts[path] = (doc.text, doc.url)
        if doc.text.strip():
            context.append(Document(path, doc.text, path, Location(path), url=doc.url))
    lines, docs, missing = [], [], []
    for page in scored:
        text, url = texts[page.path]
        found = []
        for _, line in nonblank_lines(text):
            h = line_hash(line)
            if h not in page.labels:
                missing.append(f"{page.path}: {h} {line.strip()[:100]!r}")
                continue
            item, keep = page.labels[h]
            found.append((item, keep, line))
        lines.append(found)
        docs.append(Labelled(page.path, "", [(keep, line) for _, keep, line in found], url, page.path))
    if missing:
        raise Unlabelled("\n  ".join([f"{len(missing)} lines with no label:", *missing[:30]]))
    reasons = ours_reasons(docs, context)
    return lines, [[r is None for r in doc] for doc in reasons]


def score(per_setting: dict[str, tuple[list[list[tuple[str, bool, str]]], list[list[bool]]]],
          ) -> dict[str, dict[str, tuple[float, float, float, float]]]:
    """setting -> {"extraction": ..., "with rules": ...}: (recall, removal) over the union of items, then the
    same averaged over pages (each page once, over the pages that have keep, resp. drop, items)."""
    n_pages = len(next(iter(per_setting.values()))[0])
    size: list[dict[str, int]] = [defaultdict(int) for _ in range(n_pages)]
    keep_of: list[dict[str, bool]] = [{} for _ in range(n_pages)]
    for lines, _ in per_setting.values():
        for p, page in enumerate(lines):
            for item, keep, text in page:
                size[p][item] = max(size[p][item], len(text.strip()))
                keep_of[p][item] = keep
    out: dict[str, dict[str, tuple[float, float, float, float]]] = {}
    for name, (lines, alive) in per_setting.items():
        result = {}
        for way in ("extraction", "with rules"):
            totals = [0, 0, 0, 0]  # keep chars kept, keep chars, drop items removed, drop items
            recalls, removals = [], []
            for p, page in enumerate(lines):
                surviving: dict[str, int] = defaultdict(lambda: -1)
                for (item, _, text), lives in zip(page, alive[p], strict=True):
                    if way == "extraction" or lives:
                        surviving[item] = max(surviving[item], len(text.strip()))
                counts = [0, 0, 0, 0]
                for item, keep in keep_of[p].items():
                    if keep:
                        counts[0] += min(max(surviving[item], 0), size[p][item])
                        counts[1] += size[p][item]
                    else:
                        counts[2] += surviving[item] < 0
                        counts[3] += 1
                totals = [t + c for t, c in zip(totals, counts, strict=True)]
                if counts[1]:
                    recalls.append(counts[0] / counts[1])
                if counts[3]:
                    removals.append(counts[2] / counts[3])
            result[way] = (_ratio(totals[0], totals[1]), _ratio(totals[2], totals[3]),
                           _ratio(sum(recalls), len(recalls)), _ratio(sum(removals), len(removals)))
        out[name] = result
    return out


def _ratio(a: float, b: float) -> float:
    return a / b if b else float("nan")


def choose(scores: dict[str, dict[str, tuple[float, float, float, float]]]) -> str:
    floor = scores[BASELINE]["with rules"][0] - RECALL_SLACK
    allowed = [name for name, s in scores.items() if s["with rules"][0] >= floor]
    return max(allowed, key=lambda name: (scores[name]["with rules"][1], name == BASELINE))


def errors(per_setting: dict[str, tuple[list[list[tuple[str, bool, str]]], list[list[bool]]]],
           scored: list[Page], name: str) -> list[str]:
    """The lines `name` gets wrong after the rules, and the keep items another setting extracts and it does not."""
    lines, alive = per_setting[name]
    out = []
    for p, (page, found, flags) in enumerate(zip(scored, lines, alive, strict=True)):
        out += [f"{'LOST' if keep else 'KEPT'} {page.path}: {text.strip()[:120]}"
                for (_, keep, text), lives in zip(found, flags, strict=True) if keep != lives]
        own = {item for item, _, _ in found}
        missed = {item: text for other, _ in per_setting.values() for item, keep, text in other[p]
                  if keep and item not in own}
        out += [f"NOT EXTRACTED {page.path}: {text.strip()[:120]}" for text in missed.values()]
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--set", choices=("dev", "test"), default="dev", dest="which")
    parser.add_argument("--corpus", type=Path, default=None,
                        help="default: $DATASET_BUILDER_CORPUS, or the shared/corpus above the repository")
    parser.add_argument("--show-errors", metavar="SETTING", default=None,
                        help="list the lines a setting gets wrong after the rules")
    args = parser.parse_args()
    corpus = Corpus(args.corpus) if args.corpus else Corpus()
    if not corpus.exists():
        print(f"skipped: {missing(corpus.root)} (the labels reference the corpus and store none of its text)")
        return
    scored = pages(args.which)
    all_paths = corpus.paths()
    html_paths = [p for p in all_paths if p.endswith((".html", ".htm"))]
    others = []
    for path in all_paths:
        if path not in html_paths:
            doc = corpus.get(path)
            if doc.text.strip():
                others.append(Document(path, doc.text, path, Location(path), url=doc.url))
    try:
        per_setting = {name: survivors(corpus, scored, options, others, html_paths)
                       for name, options in CANDIDATES.items()}
    except Unlabelled as exc:
        sys.exit(str(exc))
    scores = score(per_setting)
    items = score_items(per_setting)
    print(f"{args.which}: {len(scored)} HTML pages ({len({p.site for p in scored})} sites); union of every "
          f"setting's lines: {items[0]} keep items, {items[1]} drop items; repeated lines counted over "
          f"the corpus ({len(others)} other documents and {len(html_paths)} HTML pages)\n")
    for title, first in (("all lines", 0), ("mean per page", 2)):
        print(f"{title:<20}{'trafilatura alone':>34}{'trafilatura + line rules':>34}")
        print(f"{'':<20}" + f"{'content recall':>17}{'chrome removed':>17}" * 2)
        for name, s in scores.items():
            print(f"{name:<20}" + "".join(f"{s[way][first]:>17.3f}{s[way][first + 1]:>17.3f}"
                                          for way in ("extraction", "with rules")))
        print()
    print(f"chosen by the dev rule on this set (removal after the rules, recall at least {BASELINE}'s "
          f"- {RECALL_SLACK}): {choose(scores)}")
    if args.show_errors:
        print("\n".join(errors(per_setting, scored, args.show_errors)) or "no errors")


def score_items(per_setting: dict[str, tuple[list[list[tuple[str, bool, str]]], list[list[bool]]]],
                ) -> tuple[int, int]:
    """(keep items, drop items) in the union of every setting's lines."""
    n_pages = len(next(iter(per_setting.values()))[0])
    union: list[dict[str, bool]] = [{} for _ in range(n_pages)]
    for lines, _ in per_setting.values():
        for p, page in enumerate(lines):
            union[p].update((item, keep) for item, keep, _ in page)
    return sum(k for u in union for k in u.values()), sum(not k for u in union for k in u.values())


if __name__ == "__main__":
    main()
