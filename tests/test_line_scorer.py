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

TITLE = "Council approves the new budget after a long debate"
PROSE = ["The council approved the budget on Tuesday after six hours of debate in the town hall.",
         "Work on the new bus lanes starts in March and should end within two years, the mayor said.",
         "The opposition voted against the plan, saying it raises taxes for small shops in the centre.",
         "The plan also sets aside money for two new playgrounds and the repair of the old library roof.",
         "Shop owners in the centre said they would meet the mayor next week to ask for lower parking fees.",
         "The budget has to be signed by the regional office before the end of the year, as every year.",
         "Last year's budget was approved in under two hours, with only three members voting against it.",
         "The council will publish the full document on its website on Friday, the town clerk said.",
         "A public meeting on the bus lanes is planned for February in the school hall on Mill Road.",
         "Residents can send their questions to the council by post or by email until the end of January."]
FIGURES = ["Key figures", "Budget: 12 million", "New bus lanes: 4 km", "Playgrounds: 2"]
# two readers' comments near the article's end, each between links the rules drop ("Share", "Reply"): short
# lines that end no sentence, so no rule takes them as chrome; the scorer does, for their shape and place (the
# kind it takes held out by site: short lines among dropped ones at the body's end)
COMMENTS = ["Great news", "Parking is hard"]
PAGE = [TITLE, *PROSE[:2], *FIGURES, *PROSE[2:9], "Share", COMMENTS[0], "Reply", COMMENTS[1], "Reply", PROSE[9]]
ARTICLE = [line for line in PAGE if line not in {"Share", "Reply", *COMMENTS}]


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
    doc = Document("d", "\n".join(PAGE), "news/d.txt", Location("d"))
    lines = lines_table([doc])
    decided = dict(zip(PAGE, plan.classify(lines).to_pylist(), strict=True))
    assert decided["Share"] == decided["Reply"] == "boilerplate_phrase"  # a rule's reason is never replaced
    assert all(decided[line] is None for line in ARTICLE)
    assert all(decided[line] in {code for code, _ in FAMILIES.values()} for line in COMMENTS)


def test_a_build_rejects_the_lines_the_scorer_drops_with_its_reason(tmp_path: Path) -> None:
    source = tmp_path / "corpus" / "news"
    source.mkdir(parents=True)
    (source / "budget.txt").write_text("\n".join(PAGE) + "\n", encoding="utf-8")
    out = tmp_path / "release"
    result = build([str(source.parent)], out, ON)
    scored = {code for code, _ in FAMILIES.values()}
    rejects = load_dataset(str(out), "rejects", split="train")
    dropped = [row for row in rejects if row["reason"] in scored]
    assert sorted(row["text"] for row in dropped) == sorted(COMMENTS)
    assert all(row["message"] == FAMILIES_BY_CODE[row["reason"]] for row in dropped)
    assert sum(n for code, n in result.line_rejects.items() if code in scored) == len(dropped)
    assert list(load_dataset(str(out), split="train")["text"]) == ARTICLE
    assert validate([str(out)]).valid  # its codes are known to the release checks
    card = (out / "README.md").read_text(encoding="utf-8")
    assert all(f"| line | {n} | {FAMILIES_BY_CODE[code]} |" in card  # the card counts and explains them
               for code, n in result.line_rejects.items() if code in scored)

    off = tmp_path / "off"
    build([str(source.parent)], off, BuildConfig())
    ruled = ("Share", "Reply")  # the rules' own drops; the comments stay without the scorer
    assert list(load_dataset(str(off), split="train")["text"]) == [line for line in PAGE if line not in ruled]


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
