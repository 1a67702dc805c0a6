"""Language ID once per document against every paragraph detected on its own: do they agree?

Runs the build's per-document work (`run_plan`: line rules, paragraphs, language, filters) twice over
the same documents, once with `language.detect_lines` (the document detected on a sample, a line
only where it can differ) and once with `language.detect_each_line` (every line of 20 characters or
more, as before), and compares every paragraph: its language, and whether it is kept when the build
keeps only the document's language (`--languages`, with the per-line path's document language, so that
paragraphs confidently in another language are dropped and a document elected differently is lost).

Sets: `fixtures` (tests/fixtures/labelled), `dev` and `test` (the held-out labelled documents,
benchmarks/labels) and `corpus` (every document of ../shared/corpus as the builder reads it, HTML pages
included). dev, test and corpus need the corpus; without it they are skipped.

Run:  .venv/bin/python -m benchmarks.language_agreement [--set fixtures dev test corpus] [--corpus DIR]
          [--show N]   # print N disagreements of each set
"""

from __future__ import annotations

import argparse
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from benchmarks.corpus_to_jsonl import DEFAULT_CORPUS, missing
from builder.config import BuildConfig, FilterSettings
from builder.outcomes import Document, Location, Processed
from builder.rules.paragraphs import raw_lines, site
from builder.rules.repeated import RepeatedLines
from builder.run.plan import Plan
from builder.run.work import run_plan
from builder.text import language
from tests.labelled import load

Detector = Callable[[Sequence[str]], tuple[list[language.Detected], tuple[str, float]]]


@dataclass
class Timed:
    """A detect_lines in place of the build's, that counts the seconds spent in it and keeps the
    languages it elects (one call per document, in order)."""

    detector: Detector
    seconds: float = 0.0
    characters: int = 0  # read by fastText
    elected: list[str] = field(default_factory=list)

    def __call__(self, texts: Sequence[str]) -> tuple[list[language.Detected], tuple[str, float]]:
        fasttext = language._detector()
        built_in = fasttext.detect

        def counted(text: str, **options: object) -> list[dict[str, object]]:
            self.characters += len(text)
            return built_in(text, **options)  # type: ignore[arg-type]

        fasttext.detect = counted  # type: ignore[method-assign]
        start = time.perf_counter()
        try:
            found = self.detector(texts)
        finally:
            self.seconds += time.perf_counter() - start
            del fasttext.detect
        self.elected.append(found[1][0])
        return found


@contextmanager
def using(detector: Timed) -> Iterator[None]:
    """The build's paragraphs call `language.detect_lines`: run them with `detector` instead."""
    built_in = language.detect_lines
    language.detect_lines = detector
    try:
        yield
    finally:
        language.detect_lines = built_in


def documents(name: str, corpus: Path) -> list[Document]:
    if name == "fixtures":
        return [Document(d.name, d.raw, d.name, Location(d.name)) for d in load()]
    from benchmarks.corpus_docs import Corpus, load_labelled

    source = Corpus(corpus)
    if name == "corpus":
        found = (source.get(path) for path in source.paths())
        return [Document(d.path, d.text, d.path, Location(d.path), url=d.url) for d in found if d.text.strip()]
    return [Document(d.path, d.raw, d.path, Location(d.path), url=d.url)
            for d in (_raw(x) for x in load_labelled(name, source))]


@dataclass(frozen=True)
class _Labelled:
    path: str
    raw: str
    url: str | None


def _raw(doc: object) -> _Labelled:
    lines = doc.lines  # type: ignore[attr-defined]
    return _Labelled(doc.path, "\n".join(text for _, text in lines), doc.url)  # type: ignore[attr-defined]


def run(docs: list[Document], repeated: RepeatedLines, detector: Timed, languages: dict[str, str] | None,
        ) -> list[Processed]:
    """run_plan over `docs` with `detector`; with `languages` (doc id -> the language to keep) grouped by
    that language, each group built keeping only it."""
    with using(detector):
        if languages is None:
            return run_plan(docs, repeated, Plan.from_config(BuildConfig()))
        groups: dict[str, list[int]] = defaultdict(list)
        for i, doc in enumerate(docs):
            groups[languages[doc.id]].append(i)
        out: dict[int, Processed] = {}
        for lang, members in sorted(groups.items()):
            plan = Plan.from_config(BuildConfig(filter=FilterSettings(languages=(lang,))))
            for i, processed in zip(members, run_plan([docs[i] for i in members], repeated, plan), strict=True):
                out[i] = processed
        return [out[i] for i in range(len(docs))]


def paragraphs(processed: Processed) -> dict[int, tuple[str | None, bool, str]]:
    """char_start -> (language, kept, text) of every paragraph the line rules kept."""
    found: dict[int, tuple[str | None, bool, str]] = {}
    for p in processed.kept:
        found[p.char_start] = (p.language, True, p.text)
    for r in processed.dropped:
        if r.language is not None and r.char_start is not None:
            found[r.char_start] = (r.language, False, r.text or "")
    return found


def compare(name: str, docs: list[Document], show: int) -> None:
    repeated = RepeatedLines.count((site(doc), raw_lines(doc)[1]) for doc in docs)
    each, once = Timed(language.detect_each_line), Timed(language.detect_lines)
    baseline = Timed(language.detect_each_line)
    run(docs, repeated, baseline, None)
    keep = {doc.id: lang for doc, lang in zip(docs, baseline.elected, strict=True)}
    old = run(docs, repeated, each, keep)
    new = run(docs, repeated, once, keep)
    counts: Counter[str] = Counter()
    shown: list[str] = []
    for doc, a, b in zip(docs, old, new, strict=True):
        counts["documents"] += 1
        counts["document kept, both"] += a.doc_reject is None and b.doc_reject is None
        counts["document kept, one only"] += (a.doc_reject is None) != (b.doc_reject is None)
        before, after = paragraphs(a), paragraphs(b)
        for start in sorted(before.keys() | after.keys()):
            (lang_a, kept_a, text), (lang_b, kept_b, _) = before.get(start, _NONE), after.get(start, _NONE)
            counts["paragraphs"] += 1
            counts["same language"] += lang_a == lang_b
            counts["same kept/dropped"] += kept_a == kept_b
            if (lang_a, kept_a) != (lang_b, kept_b) and len(shown) < show:
                shown.append(f"  {doc.id} @{start}: per line {lang_a} {'kept' if kept_a else 'dropped'}, "
                             f"once {lang_b} {'kept' if kept_b else 'dropped'}: {text[:120]!r}")
    n = counts["paragraphs"]
    print(f"{name}: {counts['documents']} documents, {n} paragraphs; language ID per line {each.seconds:.2f} s "
          f"({each.characters:,} characters read by fastText), once per document {once.seconds:.2f} s "
          f"({once.characters:,}): {each.seconds / max(once.seconds, 1e-9):.1f}x faster")
    print(f"  same language {counts['same language']} ({counts['same language'] / max(n, 1):.4f}), "
          f"same kept/dropped {counts['same kept/dropped']} ({counts['same kept/dropped'] / max(n, 1):.4f}); "
          f"documents kept by one path only: {counts['document kept, one only']}")
    print("\n".join(shown))


# a paragraph of a document that one path dropped whole: no language, not kept
_NONE: tuple[str | None, bool, str] = (None, False, "")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--set", nargs="+", default=["fixtures", "dev", "test", "corpus"],
                        choices=["fixtures", "dev", "test", "corpus"])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--show", type=int, default=0, help="disagreements to print per set")
    args = parser.parse_args()
    for name in args.set:
        if name != "fixtures" and not (args.corpus / "MANIFEST.tsv").is_file():
            print(f"{name}: skipped, {missing(args.corpus)}")
            continue
        compare(name, documents(name, args.corpus), args.show)


if __name__ == "__main__":
    main()
