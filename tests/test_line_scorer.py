"""The learned line scorer (builder/rules/scorer.py): its weights file loads and matches the features the
code computes, `[clean] line_scorer = true` runs it in a real build with its own reason codes (a default
build does without it), it costs the composed labelled set nothing, and the cache forgets results when
its weights change."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from datasets import load_dataset

from builder import BuildConfig, build, reasons, validate
from builder.outcomes import Document, Location
from builder.rules.line_features import FAMILIES, NAMES, features
from builder.rules.paragraphs import lines_table
from builder.rules.scorer import MODEL, LineScorer, Model, ModelMismatch
from builder.run.pipeline import code_fingerprint
from builder.run.plan import Plan
from tests.labelled import _documents, load, ours_reasons, score

ARTICLE = ["Council approves the new budget after a long debate",
           "The council approved the budget on Tuesday after six hours of debate in the town hall.",
           "Work on the new bus lanes starts in March and should end within two years, the mayor said.",
           "The opposition voted against the plan, saying it raises taxes for small shops in the centre."]
# two citations under the article: fewer than a reference list (rules/references.py wants three), with full
# stops and four or more words, so no rule takes them as chrome
REFERENCES = [r + f" [PMID: {n}] CrossrefMedlineGoogle Scholar" for n, r in enumerate([
    "- 1.  Novak P ,Brandt K ,Okafor L ,et al . Bus lanes and city budgets: a panel study. J Urban Econ. 2011;70:12-9.",
    "- 2.  Haddad R andMoreau C . Local taxes after transport reforms. Reg Sci Urban Econ. 2015;51:88-97.",
], start=2010301)]


FAMILIES_BY_CODE = dict(FAMILIES.values())


def test_the_weights_file_is_the_model_of_the_features_the_code_computes() -> None:
    model = Model.load()
    assert len(model.feature) > 0 and model.feature.max() < len(NAMES)
    data = json.loads(MODEL.read_text(encoding="utf-8"))
    assert data["features"] == list(NAMES)
    # trained on dev by the documented command, with its cross-validated figures recorded
    assert data["training"]["dev_cross_validated"]["recall"] >= data["training"]["target_recall"]


def test_weights_for_other_features_are_refused(tmp_path: Path) -> None:
    data = json.loads(MODEL.read_text(encoding="utf-8"))
    data["features"] = data["features"][:-1]
    stale = tmp_path / "line_scorer.json"
    stale.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ModelMismatch, match="retrain"):
        Model.load(stale)


ON = BuildConfig.load(line_scorer=True)


def test_the_scorer_runs_last_and_only_on_lines_the_rules_keep() -> None:
    plan = Plan.from_config(ON)
    assert isinstance(plan.line_rules[-1], LineScorer)
    assert not any(isinstance(r, LineScorer) for r in Plan.from_config(BuildConfig()).line_rules)  # off by default
    doc = Document("d", "\n".join([*ARTICLE, "Share", *REFERENCES]), "news/d.txt", Location("d"))
    lines = lines_table([doc])
    decided = plan.classify(lines).to_pylist()
    assert decided[4] == "boilerplate_phrase"  # a rule's reason is never replaced by the scorer's
    assert decided[:4] == [None] * 4
    assert any(r in {code for code, _ in FAMILIES.values()} for r in decided[5:])


def test_a_build_rejects_the_lines_the_scorer_drops_with_its_reason(tmp_path: Path) -> None:
    source = tmp_path / "corpus" / "news"
    source.mkdir(parents=True)
    (source / "budget.txt").write_text("\n".join([*ARTICLE, *REFERENCES]) + "\n", encoding="utf-8")
    out = tmp_path / "release"
    result = build([str(source.parent)], out, ON)
    scored = {code for code, _ in FAMILIES.values()}
    rejects = load_dataset(str(out), "rejects", split="train")
    dropped = [row for row in rejects if row["reason"] in scored]
    assert dropped and all(row["text"] in REFERENCES for row in dropped)
    assert all(row["message"] == FAMILIES_BY_CODE[row["reason"]] for row in dropped)
    assert sum(n for code, n in result.line_rejects.items() if code in scored) == len(dropped)
    assert list(load_dataset(str(out), split="train")["text"])[: len(ARTICLE)] == ARTICLE
    assert validate([str(out)]).valid  # its codes are known to the release checks
    card = (out / "README.md").read_text(encoding="utf-8")
    assert all(f"| line | {n} | {FAMILIES_BY_CODE[code]} |" in card  # the card counts and explains them
               for code, n in result.line_rejects.items() if code in scored)

    off = tmp_path / "off"
    build([str(source.parent)], off, BuildConfig())
    assert list(load_dataset(str(off), split="train")["text"]) == [" ".join(t.split()) for t in [*ARTICLE, *REFERENCES]]


def test_the_scorer_costs_the_composed_labelled_set_nothing() -> None:
    docs = load()
    assert score(docs, ours_reasons_as_kept(docs))["all"] == (1.0, 1.0)
    # and it really scored them: every line the rules keep got features and a score under the threshold
    lines = lines_table(_documents(docs))
    rules = Plan()  # the rules alone: what the scorer is given
    lines = lines.set_column(lines.schema.get_field_index("reason"), "reason", rules.classify(lines))
    kept = [i for i, r in enumerate(lines.column("reason").to_pylist()) if r is None]
    assert len(kept) >= 150
    assert (Model.load().score(features(lines)[kept]) <= Model.load().threshold).all()


def ours_reasons_as_kept(docs: list) -> list[list[bool]]:  # type: ignore[type-arg]
    return [[r is None for r in doc] for doc in ours_reasons(docs, None, ON)]


def test_its_reasons_are_listed_with_their_explanations() -> None:
    listed = reasons(ON).line
    for code, explanation in FAMILIES.values():
        assert listed[code] == explanation


def test_the_cache_key_changes_with_the_weights(tmp_path: Path) -> None:
    package = tmp_path / "builder"
    shutil.copytree(Path(MODEL).parents[1], package, ignore=shutil.ignore_patterns("__pycache__"))
    before = code_fingerprint(package)
    weights = package / "rules" / MODEL.name
    data = json.loads(weights.read_text(encoding="utf-8"))
    data["threshold"] += 1.0
    weights.write_text(json.dumps(data), encoding="utf-8")
    assert code_fingerprint(package) != before
