"""The plan of a build: the ordered steps the per-document work runs, built from the config.

Line rules run in order on the lines table, each deciding only the lines still kept; then, after
paragraphs are made, the document filters, the paragraph filters and the annotators. User steps
(`extra`) come after the built-in steps of their kind. The plan is shipped to the workers, and its
fingerprint (step classes and settings) is part of the cache key.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import sys
import traceback
from collections.abc import Callable, Iterable
from dataclasses import dataclass, fields
from typing import TYPE_CHECKING, Any

import pyarrow as pa
import pyarrow.compute as pc

from builder.columns import SIGNALS, Column
from builder.reasons import Reasons
from builder.rules import masks
from builder.rules.bios import AuthorBio
from builder.rules.blocks import HeadlineRun, LabelledBox
from builder.rules.comments import CommentPolicy, DatedComments, NamedComments, SignedComment
from builder.rules.copies import NextLineCopy, RepeatedBlock
from builder.rules.credits import CapsLabel, Caption, Credit, ReporterLine, Rights
from builder.rules.disclaimers import Disclaimer
from builder.rules.filters import (
    LanguageDocuments,
    LanguageParagraphs,
    MinAlphaRatio,
    MinWords,
)
from builder.rules.forms import FormFields
from builder.rules.handles import HandleRows
from builder.rules.islands import Island
from builder.rules.menus import Menu
from builder.rules.offers import PaywallOffer
from builder.rules.patterns import (
    Byline,
    Dateline,
    EmptyLine,
    Image,
    Link,
    Navigation,
    Phrase,
    Reactions,
    RepetitiveLine,
    Separator,
    SlashCrumbs,
    Teaser,
)
from builder.rules.pointers import Pointer
from builder.rules.posters import PosterName
from builder.rules.rankings import RankedBox
from builder.rules.references import References
from builder.rules.repeated import OtherHeadline, Repeated, TemplateBlock
from builder.rules.repetition import RepeatedPhraseLine
from builder.rules.rows import Attachment, PostCredit, RelatedQuestions, RepeatedRow, ThreadRows
from builder.rules.scorer import LineScorer
from builder.rules.shop import AnswerRows, ShopRows
from builder.rules.signoff import SignOff
from builder.rules.structure import Structure
from builder.rules.tails import PageTail
from builder.rules.threads import QuotedRepeat
from builder.rules.web import CallToAction, ConsentBanner, Embed, WebNotice
from builder.steps import (
    Annotator,
    DocumentFilter,
    LineRule,
    ParagraphFilter,
    Reader,
    Step,
    StepError,
)
from builder.text.quality import QualitySignals

if TYPE_CHECKING:
    from builder.config import BuildConfig

# The line rules, in the order they decide (the first reason a line gets is the one it keeps). The learned
# scorer, when the config turns it on, comes after them: their decisions are among its features.
LINE_RULES: tuple[LineRule, ...] = (EmptyLine(), RepetitiveLine(), RepeatedPhraseLine(),
                                    Separator(), Link(), Image(), Byline(), Dateline(), Reactions(),
                                    Navigation(), SlashCrumbs(), Phrase(), Repeated(), OtherHeadline(), NextLineCopy(),
                                    SignOff(), Caption(), Credit(), ReporterLine(), Rights(), CapsLabel(), Pointer(),
                                    WebNotice(), CommentPolicy(), FormFields(), SignedComment(), DatedComments(),
                                    NamedComments(), CallToAction(), ConsentBanner(), Embed(), QuotedRepeat(),
                                    Attachment(), RepeatedRow(), PostCredit(), RepeatedBlock(), Menu(), ThreadRows(),
                                    RelatedQuestions(), HandleRows(), Teaser(), HeadlineRun(), LabelledBox(),
                                    RankedBox(),
                                    References(), AuthorBio(), PageTail(), PaywallOffer(), ShopRows(),
                                    AnswerRows(), Structure(), Island(), PosterName(),
                                    Disclaimer(), TemplateBlock())
# Every built-in step class, whether a config puts it in the plan or not: their reasons are the
# codes a build of this version can give.
BUILT_IN: tuple[type[Step], ...] = (*(type(r) for r in LINE_RULES), LineScorer, LanguageDocuments, LanguageParagraphs,
                                    MinWords, MinAlphaRatio, QualitySignals)


def _is_users(step: Step) -> bool:
    return not type(step).__module__.startswith("builder.")


def _named(step: Step) -> str:
    return f"step {step.name or type(step).__name__!r} ({type(step).__module__}:{type(step).__qualname__})"


def _called(step: Step, method: Callable[[pa.Table], Any], table: pa.Table) -> Any:
    """`method(table)` of `step`. What a user's step raises is the user's: a StepError naming the step, the
    exception and the last line of theirs it passed through (a built-in step's is our bug, and stays as it is).
    What it prints goes to stderr: stdout is the build's summary, which scripts read."""
    if not _is_users(step):
        return method(table)
    try:
        with contextlib.redirect_stdout(sys.stderr):  # a print() in it goes with the logs, not into the summary
            return method(table)
    except Exception as exc:
        module = getattr(sys.modules.get(type(step).__module__), "__file__", None)
        frames = traceback.extract_tb(exc.__traceback__)
        theirs = [f for f in frames if f.filename == module] or frames
        line = f" (at {theirs[-1].filename}:{theirs[-1].lineno}, in {theirs[-1].name})" if theirs else ""
        raise StepError(f"{_named(step)} raised {type(exc).__name__}: {exc}{line}") from None


@dataclass(frozen=True)
class Plan:
    line_rules: tuple[LineRule, ...] = LINE_RULES
    document_filters: tuple[DocumentFilter, ...] = ()
    paragraph_filters: tuple[ParagraphFilter, ...] = ()
    annotators: tuple[Annotator, ...] = (QualitySignals(),)

    def __post_init__(self) -> None:
        self.reasons  # noqa: B018  a code declared twice with different meanings fails here, not mid-build
        names = [c.name for c in self.columns]
        if len(set(names)) != len(names):
            raise StepError(f"annotators declare a column twice: {sorted(n for n in names if names.count(n) > 1)}")

    @classmethod
    def from_config(cls, config: BuildConfig, extra: Iterable[Step] = ()) -> Plan:
        """The built-in steps the config's [filter] section asks for, then the config's own user steps,
        then `extra`."""
        settings = config.filter
        languages = frozenset(settings.languages)
        documents: list[DocumentFilter] = [LanguageDocuments(languages)] if languages else []
        paragraphs: list[ParagraphFilter] = [LanguageParagraphs(languages)] if languages else []
        if settings.min_words:
            paragraphs.append(MinWords(settings.min_words))
        if settings.min_alpha_ratio:
            paragraphs.append(MinAlphaRatio(settings.min_alpha_ratio))
        rules = (*LINE_RULES, LineScorer()) if config.clean.line_scorer else LINE_RULES
        return cls(rules, tuple(documents), tuple(paragraphs)).with_steps([*config.steps, *extra])

    def with_steps(self, extra: Iterable[Step]) -> Plan:
        """This plan with user steps appended, each after the steps of its kind."""
        rules, documents = [*self.line_rules], [*self.document_filters]
        paragraphs, annotators = [*self.paragraph_filters], [*self.annotators]
        for step in extra:
            if isinstance(step, LineRule):
                rules.append(step)
            elif isinstance(step, DocumentFilter):
                documents.append(step)
            elif isinstance(step, ParagraphFilter):
                paragraphs.append(step)
            elif isinstance(step, Annotator):
                annotators.append(step)
            else:
                what = "a reader (readers go to the reader registry)" if isinstance(step, Reader) else repr(step)
                raise StepError(f"{what} is not a line rule, document filter, paragraph filter or annotator")
        return Plan(tuple(rules), tuple(documents), tuple(paragraphs), tuple(annotators))

    @property
    def steps(self) -> tuple[Step, ...]:
        return (*self.line_rules, *self.document_filters, *self.paragraph_filters, *self.annotators)

    @property
    def reasons(self) -> Reasons:
        return Reasons.of(self.steps)

    @property
    def columns(self) -> tuple[Column, ...]:
        """The columns the annotators add to every record, in order."""
        return tuple(c for a in self.annotators for c in a.columns)

    @property
    def extra_columns(self) -> tuple[Column, ...]:
        """The annotators' columns that are not built-in record columns: the release adds these."""
        return tuple(c for c in self.columns if c not in SIGNALS)

    def fingerprint(self) -> str:
        """What of the plan changes the output: each step's class and settings, in order."""
        described = [[f"{type(s).__module__}:{type(s).__qualname__}", {f.name: _plain(getattr(s, f.name))
                                                                         for f in fields(s)}] for s in self.steps]
        return hashlib.sha256(json.dumps(described, sort_keys=True).encode()).hexdigest()[:16]

    def classify(self, lines: pa.Table) -> pa.Array[Any]:
        """Run the line rules in order: each line's first reason, null where it is kept. The rules share their
        regex masks over the batch (masks.shared: several ask for the same pattern)."""
        with masks.shared():
            for rule in self.line_rules:
                decided = _checked(rule, _called(rule, rule.decide, lines), len(lines)).cast(pa.string())
                reasons = pc.coalesce(lines.column("reason").combine_chunks(), decided)
                lines = lines.set_column(lines.schema.get_field_index("reason"), "reason", reasons)
        return lines.column("reason").combine_chunks()

    def drop(self, filters: Iterable[DocumentFilter | ParagraphFilter], table: pa.Table) -> list[str | None]:
        """The first reason the filters, in order, give each row (None: kept)."""
        reasons: list[str | None] = [None] * len(table)
        for step in filters:
            for i, reason in enumerate(_checked(step, _called(step, step.decide, table), len(table)).to_pylist()):
                reasons[i] = reasons[i] or reason
        return reasons

    def annotate(self, paragraphs: pa.Table) -> list[dict[str, Any]]:
        """Each paragraph's annotator columns, as {column name: value}."""
        names: list[str] = []
        columns: list[list[Any]] = []
        for annotator in self.annotators:
            arrays = _called(annotator, annotator.annotate, paragraphs)
            if not isinstance(arrays, (list, tuple)) or len(arrays) != len(annotator.columns):
                got = f"{len(arrays)} columns" if isinstance(arrays, (list, tuple)) else type(arrays).__name__
                raise StepError(f"{_named(annotator)}: annotate() returned {got}; expected a list of "
                                f"{len(annotator.columns)} arrays, one per declared column")
            for column, array in zip(annotator.columns, arrays, strict=True):
                names.append(column.name)
                columns.append(_checked(annotator, array, len(paragraphs), False).to_pylist())
        # each row's dict made at once from the columns, not a Python step per value
        return [dict(zip(names, row, strict=True)) for row in zip(*columns, strict=True)] if columns \
            else [{} for _ in range(len(paragraphs))]


def _checked(step: Step, array: Any, rows: int, reasons: bool = True) -> pa.Array[Any]:
    """What a step returned, checked where it is taken: an Arrow array of one value a row and, for a step that
    decides (`reasons`), no code its class does not declare (the release's validate would refuse it)."""
    what = "one reason code (or null) a row" if reasons else "one value a row"
    if not isinstance(array, (pa.Array, pa.ChunkedArray)):
        raise StepError(f"{_named(step)}: returned a {type(array).__name__}; expected a pyarrow Array of {what} "
                        f"({rows} rows): wrap it in pa.array(..., pa.string())")
    if len(array) != rows:
        raise StepError(f"{_named(step)}: returned {len(array)} values for {rows} rows; expected {what}")
    taken: pa.Array[Any] = array.combine_chunks() if isinstance(array, pa.ChunkedArray) else array
    if reasons and _is_users(step):
        codes = {code for code in pc.unique(taken.cast(pa.string())).to_pylist() if code is not None}
        if unknown := sorted(codes - set(step.reasons)):
            raise StepError(f"{_named(step)}: returned reason code {unknown[0]!r}, which it does not declare "
                            f"(its reasons: {', '.join(sorted(step.reasons))}); add it to the class's `reasons`, "
                            "with the sentence that explains it")
    return taken


def _plain(value: Any) -> Any:
    """A setting as JSON: sets sorted, so the fingerprint does not depend on their order."""
    if isinstance(value, (set, frozenset)):
        return sorted(value)
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value if isinstance(value, (str, int, float, bool, type(None))) else repr(value)


def built_in_reasons() -> Reasons:
    """Every code this version of the builder can give by itself (user steps add theirs)."""
    return Reasons.of(BUILT_IN)
