"""Boilerplate removal on a labelled set: our line classifier against datatrove's C4 line filter.

Sets:
- `fixtures` (default): tests/fixtures/labelled/SITE/*.txt, raw documents written for the project with
  every line marked `+ ` (article text: keep) or `- ` (chrome: drop). The rules were tuned on them.
- `dev` / `test`: the held-out set, documents drawn at random from ../shared/corpus and labelled
  line by line (benchmarks/labels/, references only; see benchmarks/corpus_docs.py). Split by site:
  look at dev's errors, keep test for measuring. Needs the corpus; without it the run is skipped.
- `web-dev` / `web-test`: tests/fixtures/labelled_web/{dev,test}/SITE/*.txt, whole web pages composed by
  the team in the shape of issue 11's set B (a crawl's visible text, menus and footers included), split
  by site like dev/test: read web-dev's errors, leave web-test to the one final run.

Prints, per language (and per corpus part for dev/test) and overall:

- content recall: share of keep-line characters that survive;
- boilerplate removal: share of drop lines that are removed.

for our default build (the line rules), our build with the learned line scorer (`line_scorer = true`)
and datatrove's C4 line filter, in one run.

For dev/test our cross-document pass (lines repeated on a site) counts over the whole corpus, as a
build of the corpus would; `--context set` counts over the scored documents only.

`--round N` (web sets only) scores one round of composed pages (its sites in `tests.test_web_pages.ROUNDS`;
round 1 is every site no later round names): a new round is scored untuned first, before any rule is written
from it.

Run:  .venv/bin/python -m benchmarks.boilerplate_eval [--set fixtures|dev|test|web-dev|web-test] [--round N]
      [--show-errors]
(datatrove is needed for the comparison column: pip install -e '.[bench]')
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

from builder.config import BuildConfig
from builder.outcomes import Document, Location
from tests.labelled import WEB_PAGES, Labelled, load, ours_reasons, score


def held_out(split: str, corpus_root: Path | None = None, labels: list[Path] | None = None,
             ) -> tuple[list[Labelled], list[Document]]:
    """The dev or test documents (of every labels file, or only of `labels`), and every corpus document as
    the builder would read it (the context of the cross-document pass)."""
    from benchmarks.corpus_docs import Corpus, load_labelled

    corpus = Corpus(corpus_root) if corpus_root else Corpus()
    found = [d for path in labels for d in load_labelled(split, corpus, labels=path)] if labels \
        else load_labelled(split, corpus)
    docs = [Labelled(d.path, d.language, d.lines, d.url, d.path, d.path.split("/", 1)[0], d.notes) for d in found]
    context = []
    for path in corpus.paths():
        doc = corpus.get(path)
        if doc.text.strip():
            context.append(Document(path, doc.text, path, Location(path), url=doc.url))
    return docs, context


def c4(docs: list[Labelled]) -> list[list[bool]]:
    """datatrove's C4QualityFilter(min_num_sentences=-1), lines matched back in order."""
    from datatrove.data import Document as DTDocument
    from datatrove.pipeline.filters import C4QualityFilter
    from datatrove.pipeline.filters.c4_filters import CITATION_REGEX

    line_filter = C4QualityFilter(min_num_sentences=-1)
    survived = []
    for d in docs:
        doc = DTDocument(text=d.raw, id=d.name)
        kept_doc = line_filter.filter(doc)
        kept = doc.text.split("\n") if kept_doc is True else []
        flags, k = [], 0
        for _, text in d.lines:
            if k < len(kept) and kept[k] and kept[k] == CITATION_REGEX.sub("", text.strip()):
                flags.append(True)
                k += 1
            else:
                flags.append(False)
        survived.append(flags)
    return survived


def per_document(docs: list[Labelled], survived: list[list[bool]]) -> tuple[float, float]:
    """The same two measures averaged over documents (each document counts once, whatever its length),
    over the documents that have keep lines, resp. drop lines."""
    recalls, removals = [], []
    for doc, flags in zip(docs, survived, strict=True):
        keep = [(len(text), alive) for (k, text), alive in zip(doc.lines, flags, strict=True) if k]
        drop = [alive for (k, _), alive in zip(doc.lines, flags, strict=True) if not k]
        if keep and sum(n for n, _ in keep):
            recalls.append(sum(n * alive for n, alive in keep) / sum(n for n, _ in keep))
        if drop:
            removals.append(sum(not alive for alive in drop) / len(drop))
    mean = lambda xs: sum(xs) / len(xs) if xs else float("nan")  # noqa: E731
    return mean(recalls), mean(removals)


def errors(docs: list[Labelled], survived: list[list[bool]],
           reasons: list[list[str | None]] | None = None) -> list[str]:
    out = []
    for d, doc in enumerate(docs):
        for i, ((keep, text), alive) in enumerate(zip(doc.lines, survived[d], strict=True)):
            if keep != alive:
                why = f" ({reasons[d][i]})" if reasons and reasons[d][i] else ""
                note = f"   [note: {doc.notes[i]}]" if i in doc.notes else ""
                out.append(f"{'LOST' if keep else 'KEPT'}{why} {doc.name}: {text.strip()}{note}")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--set", choices=("fixtures", "dev", "test", "web-dev", "web-test"), default="fixtures",
                        dest="which",
                        help="the labelled set to score (default: fixtures)")
    parser.add_argument("--corpus", type=Path, default=None,
                        help="the corpus, for dev/test (default: $DATASET_BUILDER_CORPUS, or the "
                             "shared/corpus above the repository)")
    parser.add_argument("--context", choices=("corpus", "set"), default="corpus",
                        help="dev/test: count repeated lines over the whole corpus (default) "
                             "or the scored documents only")
    parser.add_argument("--show-errors", action="store_true", help="list every misjudged line")
    parser.add_argument("--labels", type=Path, nargs="+", default=None,
                        help="dev/test: only the documents of these labels files (default: every round's), "
                             "e.g. benchmarks/labels/labels-round5.tsv")
    parser.add_argument("--round", type=int, default=None,
                        help="web-dev/web-test: only this round's sites (tests/test_web_pages.py's ROUNDS; "
                             "1 is the first round's)")
    args = parser.parse_args()
    if args.round is not None and not args.which.startswith("web-"):
        parser.error("--round applies to --set web-dev or web-test only")
    context: list[Document] | None = None
    if args.which == "fixtures":
        docs = load()
    elif args.which.startswith("web-"):
        part = args.which.removeprefix("web-")
        docs = load(WEB_PAGES / part)
        if args.round is not None:
            from tests.test_web_pages import ROUNDS, web_round

            if args.round != 1 and args.round not in ROUNDS:
                parser.error(f"--round {args.round}: rounds are 1 to {max(ROUNDS)}")
            docs = [d for d in docs if web_round(part, d) == args.round]
    else:
        from benchmarks.corpus_docs import Corpus, LabelDrift

        corpus = Corpus(args.corpus) if args.corpus else Corpus()
        if not corpus.exists():
            from benchmarks.corpus_to_jsonl import missing

            print(f"--set {args.which} skipped: {missing(corpus.root)} (the held-out set references the corpus and "
                  "stores none of its text)")
            return
        try:
            docs, all_docs = held_out(args.which, corpus.root, args.labels)
        except LabelDrift as exc:
            sys.exit(str(exc))
        context = all_docs if args.context == "corpus" else None
    reasons = ours_reasons(docs, context)
    results = {"dataset-builder": [[r is None for r in doc] for doc in reasons],
               "with the line scorer": [[r is None for r in doc] for doc in
                                        ours_reasons(docs, context, BuildConfig.load(line_scorer=True))]}
    try:
        results["datatrove C4"] = c4(docs)
    except ImportError as exc:
        print(f"(datatrove C4 skipped: {exc}; pip install -e '.[bench]')")
    n_lines = sum(len(d.lines) for d in docs)
    print(f"{args.which}: {len(docs)} documents, {n_lines} labelled lines "
          f"({sum(k for d in docs for k, _ in d.lines)} keep, {sum(not k for d in docs for k, _ in d.lines)} drop)"
          + (f"; repeated lines counted over {len(context)} corpus documents" if context else "") + "\n")
    keys: list[tuple[str, Callable[[Labelled], str]]] = [("language", lambda d: d.language)]
    if args.which in ("dev", "test"):
        keys.append(("part", lambda d: d.part))
    for title, key in keys:
        scores = {name: score(docs, s, key) for name, s in results.items()}
        counts: dict[str, int] = defaultdict(int)
        for d in docs:
            counts[key(d)] += 1
            counts["all"] += 1
        groups = ["all", *sorted(g for g in scores["dataset-builder"] if g != "all")]
        width = max(10, *(len(g) + 7 for g in groups))
        header = "".join(f"{name:>34}" for name in scores)
        print(f"{title:<{width}}{header}")
        print(f"{'':<{width}}" + "".join(f"{'content recall':>17}{'chrome removed':>17}" for _ in scores))
        for g in groups:
            label = f"{g} ({counts[g]})"
            print(f"{label:<{width}}" + "".join(f"{s[g][0]:>17.3f}{s[g][1]:>17.3f}" for s in scores.values()))
        print()
    averages = {name: per_document(docs, s) for name, s in results.items()}
    with_keep = sum(any(k for k, _ in d.lines) for d in docs)
    with_drop = sum(any(not k for k, _ in d.lines) for d in docs)
    print(f"mean per document ({with_keep} with keep lines, {with_drop} with drop lines): "
          + "; ".join(f"{name} {r:.3f} / {m:.3f}" for name, (r, m) in averages.items()))
    if args.show_errors:
        if args.which in ("test", "web-test"):
            print("\n(test is the held-out part: study dev's errors, not these)")
        for name, s in results.items():
            print(f"\n{name}:")
            print("\n".join(errors(docs, s, reasons if name == "dataset-builder" else None)) or "  no errors")


if __name__ == "__main__":
    main()
