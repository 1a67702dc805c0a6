"""Boilerplate removal on the labelled set: our line classifier against datatrove's C4 line filter.

Each file in tests/fixtures/labelled/SITE/ is a raw document with every line marked `+ ` (article
text: keep) or `- ` (chrome: drop). Prints, per language and overall:

- content recall: share of keep-line characters that survive;
- boilerplate removal: share of drop lines that are removed.

Run:  .venv/bin/python -m benchmarks.boilerplate_eval [--show-errors]
(datatrove is needed for the comparison column: pip install -e '.[bench]')
"""

from __future__ import annotations

import argparse
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from builder.boilerplate import RepeatedLines
from builder.document import Document, Location
from builder.paragraphs import paragraphs, raw_lines, site

LABELLED = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "labelled"


@dataclass(frozen=True)
class Labelled:
    name: str
    language: str
    lines: list[tuple[bool, str]]  # (keep?, raw line)

    @property
    def raw(self) -> str:
        return "\n".join(text for _, text in self.lines)


def load(folder: Path = LABELLED) -> list[Labelled]:
    docs = []
    for path in sorted(folder.rglob("*.txt")):
        lines = []
        for line in path.read_bytes().decode("utf-8").splitlines():
            if line.strip():
                mark, text = line[:2], line[2:]
                assert mark in ("+ ", "- "), f"{path}: every line must start with '+ ' or '- ': {line!r}"
                lines.append((mark == "+ ", text))
        docs.append(Labelled(path.relative_to(folder).as_posix(), path.parent.name.split("-")[0], lines))
    return docs


def ours(docs: list[Labelled]) -> list[list[bool]]:
    """Which lines of each document survive a build (same stages, same cross-document pass)."""
    documents = [Document(d.name, d.raw, d.name, Location(d.name)) for d in docs]
    repeated = RepeatedLines.count((site(doc), raw_lines(doc)[1]) for doc in documents)
    survived = []
    for doc, labelled in zip(documents, docs):
        kept = paragraphs(doc, repeated)[0]
        starts = {p.char_start for p in kept}
        offsets, pos = [], 0
        for _, text in labelled.lines:
            offsets.append(pos + len(text) - len(text.lstrip()))
            pos += len(text) + 1
        survived.append([o in starts for o in offsets])
    return survived


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


def score(docs: list[Labelled], survived: list[list[bool]]) -> dict[str, tuple[float, float]]:
    """language (and 'all') -> (content recall, boilerplate removal)."""
    keep_chars: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    drop_lines: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for doc, flags in zip(docs, survived):
        for (keep, text), alive in zip(doc.lines, flags):
            for group in (doc.language, "all"):
                if keep:
                    keep_chars[group][0] += len(text) * alive
                    keep_chars[group][1] += len(text)
                else:
                    drop_lines[group][0] += not alive
                    drop_lines[group][1] += 1
    return {g: (keep_chars[g][0] / keep_chars[g][1], drop_lines[g][0] / drop_lines[g][1]) for g in keep_chars}


def errors(docs: list[Labelled], survived: list[list[bool]]) -> list[str]:
    return [f"{'LOST' if keep else 'KEPT'} {doc.name}: {text}"
            for doc, flags in zip(docs, survived) for (keep, text), alive in zip(doc.lines, flags) if keep != alive]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--show-errors", action="store_true", help="list every misjudged line")
    args = parser.parse_args()
    docs = load()
    systems: dict[str, Callable[[list[Labelled]], list[list[bool]]]] = {"dataset-builder": ours, "datatrove C4": c4}
    results = {}
    for name, run in systems.items():
        try:
            results[name] = run(docs)
        except ImportError as exc:
            print(f"({name} skipped: {exc}; pip install -e '.[bench]')")
    n_lines = sum(len(d.lines) for d in docs)
    print(f"{len(docs)} documents, {n_lines} labelled lines "
          f"({sum(k for d in docs for k, _ in d.lines)} keep, {sum(not k for d in docs for k, _ in d.lines)} drop)\n")
    scores = {name: score(docs, s) for name, s in results.items()}
    groups = ["all", *sorted(g for g in scores["dataset-builder"] if g != "all")]
    header = "".join(f"{name:>34}" for name in scores)
    print(f"{'language':<10}{header}")
    print(f"{'':<10}" + "".join(f"{'content recall':>17}{'chrome removed':>17}" for _ in scores))
    for g in groups:
        print(f"{g:<10}" + "".join(f"{s[g][0]:>17.3f}{s[g][1]:>17.3f}" for s in scores.values()))
    if args.show_errors:
        for name, s in results.items():
            print(f"\n{name}:")
            print("\n".join(errors(docs, s)) or "  no errors")


if __name__ == "__main__":
    main()
