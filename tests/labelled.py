"""The line-labelled documents in tests/fixtures/labelled: their format, what a build keeps of each line,
and the two scores (content recall, boilerplate removal).

The test suite and `benchmarks/boilerplate_eval.py` both score with these, so the figures the
benchmark prints and the thresholds the tests hold are computed the same way.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from builder.config import BuildConfig
from builder.outcomes import Document, Location
from builder.rules.paragraphs import raw_lines, site
from builder.rules.repeated import RepeatedLines
from builder.run.plan import Plan
from builder.run.work import run_plan

LABELLED = Path(__file__).resolve().parent / "fixtures" / "labelled"
WEB_PAGES = LABELLED.parent / "labelled_web"  # composed pages of set B's kinds: dev/ and test/, split by site


@dataclass(frozen=True)
class Labelled:
    name: str
    language: str
    lines: list[tuple[bool, str]]  # (keep?, raw line)
    url: str | None = None
    source: str | None = None  # where the builder would have read it (its site when there is no URL)
    part: str = ""  # the corpus part, for the held-out set
    notes: dict[int, str] = field(default_factory=dict)  # index in lines -> the labeller's note

    @property
    def raw(self) -> str:
        return "\n".join(text for _, text in self.lines)


def load(folder: Path = LABELLED) -> list[Labelled]:
    """SITE/*.txt files whose every line is marked `+ ` (article text: keep) or `- ` (chrome: drop)."""
    docs = []
    for path in sorted(folder.rglob("*.txt")):
        lines = []
        for line in path.read_bytes().decode("utf-8").splitlines():
            if line.strip():
                mark, text = line[:2], line[2:]
                if mark not in ("+ ", "- "):
                    raise ValueError(f"{path}: every line must start with '+ ' or '- ': {line!r}")
                lines.append((mark == "+ ", text))
        docs.append(Labelled(path.relative_to(folder).as_posix(), path.parent.name.split("-")[0], lines))
    return docs


def _documents(docs: list[Labelled]) -> list[Document]:
    return [Document(d.name, d.raw, d.source or d.name, Location(d.name), url=d.url) for d in docs]


def ours_reasons(docs: list[Labelled], context: Sequence[Document] | None = None,
                 config: BuildConfig | None = None) -> list[list[str | None]]:
    """Why each line of each document is dropped by a build (None: kept): the plan of a build with
    `config` (default: the default build's), the same cross-document pass, counted over `context`
    (default: the documents themselves)."""
    documents = _documents(docs)
    pool = documents if context is None else context
    repeated = RepeatedLines.count((site(doc), raw_lines(doc)[1]) for doc in pool)
    reasons = []
    processed_docs = run_plan(documents, repeated, Plan.from_config(config or BuildConfig()))
    for labelled, processed in zip(docs, processed_docs, strict=True):
        starts = {p.char_start for p in processed.kept}
        why = {r.char_start: r.reason for r in processed.dropped}
        offsets, pos = [], 0
        for _, text in labelled.lines:
            offsets.append(pos + len(text) - len(text.lstrip()))
            pos += len(text) + 1
        reasons.append([None if o in starts else why.get(o, "?") for o in offsets])
    return reasons


def ours(docs: list[Labelled], context: Sequence[Document] | None = None) -> list[list[bool]]:
    """Which lines of each document survive a build."""
    return [[r is None for r in doc] for doc in ours_reasons(docs, context)]


def score(docs: list[Labelled], survived: list[list[bool]], key: Callable[[Labelled], str] = lambda d: d.language,
          ) -> dict[str, tuple[float, float]]:
    """group (by default the language; and 'all') -> (content recall, boilerplate removal); nan where the
    group has no keep (or no drop) line."""
    keep_chars: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    drop_lines: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for doc, flags in zip(docs, survived, strict=True):
        for (keep, text), alive in zip(doc.lines, flags, strict=True):
            for group in (key(doc), "all"):
                if keep:
                    keep_chars[group][0] += len(text) * alive
                    keep_chars[group][1] += len(text)
                else:
                    drop_lines[group][0] += not alive
                    drop_lines[group][1] += 1
    return {g: (keep_chars[g][0] / keep_chars[g][1] if keep_chars[g][1] else float("nan"),
                drop_lines[g][0] / drop_lines[g][1] if drop_lines[g][1] else float("nan"))
            for g in keep_chars.keys() | drop_lines.keys()}
