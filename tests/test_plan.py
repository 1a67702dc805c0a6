"""The plan: built from the config, extended with user steps, checked when made, fingerprinted for the cache."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from builder.columns import Column, arrow_schema, record_columns
from builder.config import BuildConfig, FilterSettings
from builder.outcomes import BatchResult, Document, Location
from builder.reasons import ReasonConflict
from builder.rules.filters import LanguageDocuments, LanguageParagraphs, MinAlphaRatio, MinWords
from builder.run.cache_format import decode_rows, encode_rows
from builder.run.pipeline import build
from builder.run.plan import LINE_RULES, Plan, StepError
from builder.run.rows import batch_rows
from builder.run.work import run_plan
from builder.steps import Annotator, DocumentFilter, LineRule

BODY = ("The council approved the new budget on Tuesday after six hours of debate and many amendments.\n"
        "Opposition members said the increase in local taxes was not justified by the accounts.\n"
        "The mayor answered that the new bus lanes and two libraries had to be paid for somehow.")


@dataclass(frozen=True)
class NoTaxes(LineRule):
    """A user's rule: drops every kept line that mentions a word."""

    name = "no_taxes"
    reasons = {"mentions_taxes": "the line mentions the word the user filters"}  # noqa: RUF012
    word: str = "taxes"

    def decide(self, lines: pa.Table) -> pa.Array[Any]:  # type: ignore[type-arg]
        return pa.array(["mentions_taxes" if self.word in t else None for t in lines.column("text").to_pylist()])


@dataclass(frozen=True)
class Shouting(Annotator):
    name = "shouting"
    columns = (Column("upper_share", pa.float64(), "Share of letters in upper case."),)

    def annotate(self, paragraphs: pa.Table) -> list[pa.Array[Any]]:  # type: ignore[type-arg]
        texts = paragraphs.column("text").to_pylist()
        return [pa.array([sum(c.isupper() for c in t) / max(1, sum(c.isalpha() for c in t)) for t in texts],
                         pa.float64())]


@dataclass(frozen=True)
class Contact(Annotator):
    """A careless user's annotator: copies an address into its column."""

    name = "contact"
    columns = (Column("contact", pa.string(), "Who to write to about the paragraph.", nullable=True),)

    def annotate(self, paragraphs: pa.Table) -> list[pa.Array[Any]]:  # type: ignore[type-arg]
        return [pa.array([f"write to desk.{i}@example.org" for i in range(len(paragraphs))], pa.string())]


def test_the_config_picks_the_filters_and_their_settings() -> None:
    assert Plan.from_config(BuildConfig()) == Plan()
    plan = Plan.from_config(BuildConfig(filter=FilterSettings(languages=("fr", "ar"), min_words=3,
                                                              min_alpha_ratio=0.5)))
    assert plan.line_rules == LINE_RULES
    assert plan.document_filters == (LanguageDocuments(frozenset({"ar", "fr"})),)
    assert plan.paragraph_filters == (LanguageParagraphs(frozenset({"ar", "fr"})), MinWords(3), MinAlphaRatio(0.5))


def test_user_steps_come_after_the_built_in_steps_of_their_kind() -> None:
    plan = Plan.from_config(BuildConfig().with_extensions(steps=(Shouting(),)), extra=[NoTaxes()])
    assert plan.line_rules == (*LINE_RULES, NoTaxes()) and plan.annotators[-1] == Shouting()
    assert plan.columns[-1].name == "upper_share"
    assert plan.reasons.explain("mentions_taxes") == "the line mentions the word the user filters"


def test_a_code_declared_twice_with_two_meanings_fails_when_the_plan_is_made() -> None:
    @dataclass(frozen=True)
    class Clash(NoTaxes):
        reasons = {"boilerplate_phrase": "something else"}  # noqa: RUF012

    with pytest.raises(ReasonConflict, match="boilerplate_phrase"):
        Plan().with_steps([Clash()])
    Plan().with_steps([NoTaxes(), NoTaxes(word="rates")])  # the same meaning twice is fine


def test_the_fingerprint_follows_steps_and_settings() -> None:
    assert Plan().fingerprint() == Plan.from_config(BuildConfig()).fingerprint()
    prints = {Plan().fingerprint(), Plan().with_steps([NoTaxes()]).fingerprint(),
              Plan().with_steps([NoTaxes(word="rates")]).fingerprint(),
              Plan.from_config(BuildConfig(filter=FilterSettings(min_words=3))).fingerprint()}
    assert len(prints) == 4


def test_a_step_that_returns_the_wrong_number_of_rows_is_named() -> None:
    @dataclass(frozen=True)
    class Short(NoTaxes):
        def decide(self, lines: pa.Table) -> pa.Array[Any]:  # type: ignore[type-arg]
            return pa.array([None], pa.string())

    doc = Document("d", BODY, "a.txt", Location("a.txt"))
    with pytest.raises(StepError, match=r"no_taxes.*: returned 1 values for 3 rows"):
        run_plan([doc], None, Plan().with_steps([Short()]))


def test_user_annotator_columns_reach_the_paragraphs_and_the_cache() -> None:
    doc = Document("d", BODY.upper(), "a.txt", Location("a.txt"))
    (processed,) = run_plan([doc], None, Plan().with_steps([Shouting()]))
    assert [p.columns["upper_share"] for p in processed.kept] == [1.0, 1.0, 1.0]
    assert processed.kept[0].columns["num_words"] == 16  # the built-in signals are there too
    schema = arrow_schema(record_columns(Plan().with_steps([Shouting()]).extra_columns))
    rows = decode_rows(encode_rows(batch_rows(BatchResult([processed]), schema, False)), schema)
    assert rows.records.column("upper_share").to_pylist() == [1.0, 1.0, 1.0]


def test_user_steps_in_a_real_build_reach_rejects_records_and_card(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps({"id": "a", "text": BODY}) + "\n", encoding="utf-8")
    build([str(source)], tmp_path / "out", BuildConfig().with_extensions(steps=(NoTaxes(), Shouting())))
    records = pq.read_table(tmp_path / "out" / "data").to_pylist()
    assert [round(r["upper_share"], 3) for r in records] == [0.026, 0.014]
    rejects = pq.read_table(tmp_path / "out" / "rejects").to_pylist()
    assert [(r["reason"], r["message"], r["char_start"]) for r in rejects] == \
        [("mentions_taxes", "the line mentions the word the user filters", BODY.index("Opposition"))]
    card = (tmp_path / "out" / "README.md").read_text(encoding="utf-8")
    assert "| mentions\\_taxes | line | 1 | the line mentions the word the user filters |" in card


def test_strings_from_a_user_annotator_are_redacted_and_counted_like_the_text(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps({"id": "a", "text": BODY}) + "\n", encoding="utf-8")
    build([str(source)], tmp_path / "out", BuildConfig().with_extensions(steps=(Contact(),)))
    contacts = pq.read_table(tmp_path / "out" / "data").column("contact").to_pylist()
    assert len(contacts) == 3 and not any("@example.org" in c for c in contacts)
    manifest = json.loads((tmp_path / "out" / "manifest.json").read_text(encoding="utf-8"))
    assert "example.org" not in json.dumps(manifest)
    assert manifest["counts"]["pii_replaced"]["email"] == 3
    assert "example.org" not in (tmp_path / "out" / "README.md").read_text(encoding="utf-8")


@dataclass(frozen=True)
class NotBy(DocumentFilter):
    """A user's filter on a per-document column: drops what one author wrote."""

    name = "not_by"
    reasons = {"unwanted_author": "written by the author the user leaves out"}  # noqa: RUF012
    author: str = "A. Writer"

    def decide(self, documents: pa.Table) -> pa.Array[Any]:  # type: ignore[type-arg]
        return pa.array(["unwanted_author" if a == self.author else None
                         for a in documents.column("author").to_pylist()], pa.string())


def test_document_filters_see_the_per_document_columns(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text("".join(json.dumps({"id": i, "text": BODY, "author": a}) + "\n"
                              for i, a in (("a", "A. Writer"), ("b", "B. Other"))), encoding="utf-8")
    build([str(source)], tmp_path / "out", BuildConfig().with_extensions(steps=(NotBy(),)))
    assert set(pq.read_table(tmp_path / "out" / "data").column("doc_id").to_pylist()) == {"b"}
    rejects = pq.read_table(tmp_path / "out" / "rejects").to_pylist()
    assert [(r["doc_id"], r["reason"]) for r in rejects if r["kind"] == "document"] == [("a", "unwanted_author")]
