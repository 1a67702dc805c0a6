"""The column spec (builder/columns.py) is the one place that knows the output columns: the schemas,
Features, card, manifest and checks all follow it; per-document and declared metadata fields become
columns; a release's extra columns are declared in its manifest and checked against it."""

from __future__ import annotations

import dataclasses
import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import datasets
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from builder.columns import (
    RECORD_COLUMNS,
    REJECT_COLUMNS,
    SCHEMAS,
    SIGNALS,
    arrow_schema,
    features,
    metadata_columns,
    record_columns,
    schema_text,
)
from builder.config import BuildConfig, ConfigError, ReadSettings
from builder.outcomes import Document, Location, Paragraph
from builder.release.check import card_yaml, check_release
from builder.release.diff import diff
from builder.release.records import record_rows
from builder.run.pipeline import build
from builder.schemas import SCHEMA_DIR
from builder.text.quality import Signals
from tests.conftest import FIXTURES, ROOT, read_manifest, release_files
from tests.test_untrusted_release import relist

DOCUMENTS = FIXTURES / "document_columns.jsonl"
DECLARED = (("section", "string"), ("views", "int64"), ("score", "float64"), ("featured", "bool"))
BUILT_IN = [c.name for c in RECORD_COLUMNS]


def _build(out: Path, **settings: Any) -> Path:
    build([str(DOCUMENTS)], out, BuildConfig.load(**settings))
    return out


@pytest.fixture(scope="module")
def with_metadata(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _build(tmp_path_factory.mktemp("columns") / "release", metadata_columns=DECLARED)


def _load(release: Path, config: str | None = None) -> datasets.Dataset:
    return datasets.load_dataset(str(release), config, verification_mode="all_checks")["train"]


def test_schema_files_are_the_derived_ones(tmp_path: Path) -> None:
    """schema/record.schema.json and reject.schema.json are what `python -m builder.columns` writes."""
    for name in SCHEMAS:
        assert (SCHEMA_DIR / f"{name}.schema.json").read_text(encoding="utf-8") == schema_text(name)
    done = subprocess.run([sys.executable, "-m", "builder.columns", str(tmp_path)], capture_output=True, text=True,
                          cwd=ROOT, check=True)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["record.schema.json", "reject.schema.json"]
    assert done.stdout.count("wrote ") == 2
    for name in SCHEMAS:
        assert (tmp_path / f"{name}.schema.json").read_text(encoding="utf-8") == schema_text(name)
        properties = json.loads(schema_text(name))["properties"]
        columns = RECORD_COLUMNS if name == "record" else REJECT_COLUMNS
        assert [(n, p["description"]) for n, p in properties.items()] == [(c.name, c.description) for c in columns]


def test_parquet_schema_and_features_are_what_datasets_derives() -> None:
    extra = metadata_columns(DECLARED)
    for columns in (RECORD_COLUMNS, REJECT_COLUMNS, record_columns(extra)):
        schema = arrow_schema(columns)
        reference = datasets.Features({c.name: datasets.Value(c.dtype) for c in columns}).arrow_schema
        assert schema.metadata == reference.metadata
        assert [(f.name, f.type) for f in schema] == [(f.name, f.type) for f in reference]
        assert datasets.Features.from_arrow_schema(schema) == features(columns)
    assert [f.name for f in arrow_schema(RECORD_COLUMNS) if f.nullable] == [
        "url", "input_sha256", "title", "author", "date_published", "license"]
    assert [f.name for f in arrow_schema(REJECT_COLUMNS) if not f.nullable] == ["kind", "reason"]


def test_every_artefact_follows_the_column_spec(example_release: Path) -> None:
    """What "a built-in column is the spec and its producer" means: nothing else lists the columns.
    The shards, Features, card (YAML and field table), manifest, JSON Schema and the rows record_rows
    makes all have exactly the spec's columns, in its order; the quality signals are Signals' fields."""
    names = [c.name for c in RECORD_COLUMNS]
    assert pq.read_schema(next((example_release / "data").glob("*.parquet"))).names == names
    assert list(_load(example_release).features) == names
    info = {c["config_name"]: c for c in card_yaml(example_release)["dataset_info"]}
    assert [(f["name"], f["dtype"]) for f in info["default"]["features"]] == [(c.name, c.dtype) for c in RECORD_COLUMNS]
    assert [f["name"] for f in info["rejects"]["features"]] == [c.name for c in REJECT_COLUMNS]
    card = (example_release / "README.md").read_text(encoding="utf-8")
    table = [line.split(" | ")[0].removeprefix("| ").replace("\\_", "_") for line in
             card.split("| field | type | description |\n|---|---|---|\n")[1].split("\n\n")[0].splitlines()]
    assert table == names
    assert [c["name"] for c in read_manifest(example_release)["columns"]] == names
    assert list(json.loads(schema_text("record"))["required"]) == names
    doc = Document("d", "Some text here.", "a.txt", Location("a.txt"), columns={"title": "T"})
    rows = record_rows(doc, [Paragraph("Some text here.", 0, 15, 1)], "0" * 64)
    assert set(rows[0]) == set(names) - {"author", "date_published", "license"}  # missing per-document: null
    assert [f.name for f in dataclasses.fields(Signals)] == [c.name for c in SIGNALS]  # in the producer's order


def test_document_fields_and_declared_metadata_are_columns(with_metadata: Path) -> None:
    data = _load(with_metadata)
    assert list(data.features) == [*BUILT_IN, "section", "views", "score", "featured"]
    assert {n: data.features[n].dtype for n in ("title", "section", "views", "score", "featured")} == {
        "title": "string", "section": "string", "views": "int64", "score": "float64", "featured": "bool"}
    by_doc = {r["doc_id"]: r for r in data}
    assert {k: by_doc["dc-1"][k] for k in ("title", "author", "date_published", "license", "section", "views", "score",
                                           "featured")} == {
        "title": "Council approves the budget", "author": "Amina Haddad", "date_published": "2024-03-05",
        "license": "CC-BY-4.0", "section": "politics", "views": 1520, "score": 0.75, "featured": True}
    # free text like the paragraphs: an address in a title is replaced, and counted
    assert by_doc["dc-2"]["title"] == "Harbour reopens after the storm, write to <email>"
    assert read_manifest(with_metadata)["counts"]["pii_replaced"]["email"] >= 1
    assert (by_doc["dc-2"]["author"], by_doc["dc-2"]["score"], by_doc["dc-2"]["featured"]) == (None, None, False)
    assert all(by_doc["dc-3"][k] is None for k in ("title", "license", "section", "views", "featured"))
    assert check_release(with_metadata) == []


def test_a_metadata_value_of_the_wrong_type_is_a_located_reject(with_metadata: Path) -> None:
    rejects = _load(with_metadata, "rejects")
    assert [(r["kind"], r["reason"], r["doc_id"], r["line"]) for r in rejects] == [
        ("document", "schema_invalid", "dc-4", 4)]
    assert rejects[0]["message"] == ("$.metadata.views: 'many' is not an int64 (metadata_columns declares views as "
                                     "int64)")


@pytest.mark.slow
def test_strict_stops_at_a_metadata_value_of_the_wrong_type(with_metadata: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "builder", "build", str(DOCUMENTS), "--out", str(with_metadata.parent /
                           "strict"), "--strict", "--config", str(_config(with_metadata.parent))], capture_output=True,
                          text=True, cwd=ROOT, check=False)
    assert done.returncode == 1
    assert f"{DOCUMENTS}:4: schema_invalid: $.metadata.views: 'many' is not an int64" in done.stderr


def _config(folder: Path) -> Path:
    path = folder / "metadata.toml"
    path.write_text("[read.metadata_columns]\n" + "".join(f'{k} = "{v}"\n' for k, v in DECLARED), encoding="utf-8")
    return path


def test_metadata_columns_cannot_take_a_built_in_name(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"\$\.read\.metadata_columns\.title: 'title' is a built-in column"):
        ReadSettings(metadata_columns=(("title", "string"),))
    with pytest.raises(ConfigError, match=r"metadata_columns.*'date'"):
        ReadSettings(metadata_columns=(("when", "date"),))
    config = tmp_path / "clash.toml"
    config.write_text('[read.metadata_columns]\ntext = "string"\n', encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "builder", "build", str(DOCUMENTS), "--out", str(tmp_path / "out"),
                           "--config", str(config)], capture_output=True, text=True, cwd=ROOT, check=False)
    assert done.returncode == 2
    assert f"{config}: $.read.metadata_columns.text: 'text' is a built-in column of every release" in done.stderr
    assert not (tmp_path / "out").exists()


def _copy(release: Path, to: Path) -> Path:
    shutil.copytree(release, to, ignore=shutil.ignore_patterns(".cache"))
    return to


def _problems(release: Path) -> list[str]:
    """What `validate` finds wrong with the release, each as PATH: MESSAGE, PATH relative to the release."""
    return [f"{i.location.path.removeprefix(f'{release}/')}: {i.message}" for i in check_release(release)]


def _rewrite_shard(release: Path, change: Any) -> str:
    path = next(p for p in sorted(release_files(release)) if p.startswith("data/"))
    table = change(pq.read_table(release / path))
    pq.write_table(table, release / path)
    relist(release, path)
    return path


def test_validate_refuses_an_undeclared_column(with_metadata: Path, tmp_path: Path) -> None:
    release = _copy(with_metadata, tmp_path / "r")
    path = _rewrite_shard(release, lambda t: t.append_column(pa.field("secret", pa.string()),
                                                             pa.array(["x"] * t.num_rows)))
    problems = _problems(release)
    assert problems == [f"{path}: Arrow schema differs from the release schema: unexpected secret"]


def test_validate_refuses_a_mistyped_declared_column(with_metadata: Path, tmp_path: Path) -> None:
    release = _copy(with_metadata, tmp_path / "r")
    index = [*BUILT_IN, "section", "views"].index("views")
    path = _rewrite_shard(release, lambda t: t.set_column(index, pa.field("views", pa.string()),
                                                          t.column("views").cast(pa.string())))
    problems = _problems(release)
    assert problems == [f"{path}: Arrow schema differs from the release schema: views is string, expected int64"]


def test_validate_names_the_nullability_that_differs(with_metadata: Path, tmp_path: Path) -> None:
    # a shard rewritten with a nullable `text` (as pa.array makes it) was told 'text is string, expected string'
    release = _copy(with_metadata, tmp_path / "r")
    index = BUILT_IN.index("text")
    path = _rewrite_shard(release, lambda t: t.set_column(index, pa.field("text", pa.string()), t.column("text")))
    problems = _problems(release)
    assert problems == [f"{path}: Arrow schema differs from the release schema: text is string, expected string "
                        "not null"]


@pytest.mark.parametrize("change, where, message", [
    (lambda cs: cs.pop(BUILT_IN.index("title")), "$.columns[20]",
     "expected the built-in column title (string, nullable), found author (string, nullable)"),
    (lambda cs: cs[0].update(type="int64"), "$.columns[0]",
     "expected the built-in column id (string), found id (int64)"),
    (lambda cs: cs.append({"name": "text", "type": "string", "nullable": True, "description": ""}), "$.columns",
     "column 'text' is a built-in column of every release; choose another name"),
    (lambda cs: cs.append(dict(cs[-1])), "$.columns", "column 'featured' is declared twice"),
    (lambda cs: cs[-1].update(name="featured\n"), f"$.columns[{len(BUILT_IN) + 3}].name",
     # the manifest schema's pattern refuses it first: its `$` is the end of the text (schemas.ecma_pattern)
     "'featured\\n' does not match '^[A-Za-z_][A-Za-z0-9_]{0,63}$'"),
    (lambda cs: cs[-1].update(type="object"), f"$.columns[{len(BUILT_IN) + 3}].type", "'object' is not one of"),
])
def test_validate_holds_the_manifest_columns_to_the_built_in_ones(with_metadata: Path, tmp_path: Path, change: Any,
                                                                  where: str, message: str) -> None:
    release = _copy(with_metadata, tmp_path / "r")
    manifest = read_manifest(release)
    change(manifest["columns"])
    (release / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    issues = check_release(release)  # nothing else is checked against a manifest that cannot be trusted
    assert {i.location.path for i in issues} == {str(release / "manifest.json")}
    assert (issues[0].json_path, issues[0].message[:len(message)]) == (where, message)


@pytest.mark.slow
def test_diff_compares_releases_with_different_extra_columns(with_metadata: Path, tmp_path: Path) -> None:
    plain = _build(tmp_path / "plain", metadata_columns=(("section", "string"), ("rank", "int64")))
    result = diff(plain, with_metadata)
    assert (result.columns_added, result.columns_removed) == (["views", "score", "featured"], ["rank"])
    # dc-4's views is no column of the first release: kept there, a reject in the second
    assert (result.documents_added, result.documents_removed, result.documents_changed) == ([], ["dc-4"], [])
    assert (result.paragraphs_kept, result.paragraphs_added, result.paragraphs_removed) == (6, 0, 2)
    # and in the changelog of a build against the previous release
    again = build([str(DOCUMENTS)], tmp_path / "next", BuildConfig.load(previous=str(plain), metadata_columns=DECLARED))
    assert again.changes is not None and again.changes.columns_removed == ["rank"]
    assert ("paragraphs added 0, removed 2, unchanged 6; columns added 3 (views, score, featured), columns removed 1 "
            "(rank).") in (tmp_path / "next" / "README.md").read_text(encoding="utf-8")
    assert check_release(tmp_path / "next") == []


def test_document_columns_go_through_the_cache_unchanged(with_metadata: Path, tmp_path: Path) -> None:
    first = _build(tmp_path / "cached", metadata_columns=DECLARED)
    summary = build([str(DOCUMENTS)], first, BuildConfig.load(metadata_columns=DECLARED))
    assert summary.cache_hits > 0 and summary.cache_misses == 0
    assert release_files(first) == release_files(with_metadata)


def test_column_name_rule_is_one_in_every_schema() -> None:
    from builder.columns import DTYPES, NAME_PATTERN
    from builder.schemas import load_schema

    manifest = load_schema("manifest")["properties"]["columns"]["items"]["properties"]
    config = load_schema("config")["properties"]["read"]["properties"]["metadata_columns"]
    assert manifest["name"]["pattern"] == config["propertyNames"]["pattern"] == NAME_PATTERN
    assert manifest["type"]["enum"] == list(DTYPES)
    assert set(config["additionalProperties"]["enum"]) <= set(manifest["type"]["enum"])


def test_validate_says_to_rebuild_a_release_from_before_the_columns_were_declared(with_metadata: Path,
                                                                                  tmp_path: Path) -> None:
    release = _copy(with_metadata, tmp_path / "r")
    manifest = read_manifest(release)
    del manifest["columns"]  # as manifests were written before the column spec
    (release / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    issues = check_release(release)
    assert [(i.location.path, i.json_path) for i in issues] == [(str(release / "manifest.json"), "$")]
    assert issues[0].message.startswith("'columns' is a required property: the release was made by an older "
                                        "dataset-builder")
    assert "rebuild it with this version" in issues[0].message
