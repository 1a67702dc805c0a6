"""Build the example corpus, load it with `datasets`, and hold it against the card and golden files."""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path

import datasets
import pyarrow.parquet as pq
import pytest

from builder.columns import RECORD_COLUMNS, features
from builder.config import BuildConfig
from builder.outcomes import Location
from builder.read.validate import schema_issues
from builder.release.records import RECORD_SCHEMA
from builder.rules.paragraphs import paragraph_text
from builder.run.pipeline import build
from builder.text.clean import clean_line
from tests.conftest import EXAMPLES, GOLDEN, ROOT, SEED, read_manifest, release_files, text_for

RECORD_FEATURES = features(RECORD_COLUMNS)

UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"  # UPDATE_GOLDEN=1 pytest rewrites goldens; review with git diff


def card_yaml(release: Path) -> dict:
    from builder.release.check import card_yaml as read_card_yaml

    return read_card_yaml(release)


def test_load_dataset_matches_card(example_release: Path) -> None:
    data = datasets.load_dataset(str(example_release), verification_mode="all_checks")
    info = {c["config_name"]: c for c in card_yaml(example_release)["dataset_info"]}["default"]
    assert sorted(data) == sorted(s["name"] for s in info["splits"]) == ["test", "train"]
    for split in info["splits"]:
        assert data[split["name"]].num_rows == split["num_examples"] > 0
    assert data["train"].features == RECORD_FEATURES
    assert [{"name": k, "dtype": v.dtype} for k, v in data["train"].features.items()] == info["features"]


def test_rejects_load_as_second_config(example_release: Path) -> None:
    rejects = datasets.load_dataset(str(example_release), "rejects", verification_mode="all_checks")["train"]
    counts = read_manifest(example_release)["counts"]
    assert rejects.num_rows == counts["rejects"] == sum(counts["lines_dropped_by_reason"].values())
    assert set(rejects["kind"]) == {"line"}
    assert all(r["line"] and r["char_end"] > r["char_start"] for r in rejects)


def test_a_card_says_what_the_release_has_and_how_its_language_list_is_made(tmp_path: Path) -> None:
    """A release with nothing dropped has no rejects config, and its card no longer says every dropped line is
    in one; the YAML `language:` list, which can name fewer languages than the table, states its rule."""
    src = tmp_path / "src"
    src.mkdir()
    for name in ("a", "b"):
        (src / f"{name}.txt").write_text(text_for(name), encoding="utf-8")
    out = tmp_path / "release"
    build([str(src)], out, BuildConfig.load(languages=("en", "fr"), cache=False))
    card = (out / "README.md").read_text(encoding="utf-8")
    assert not list(out.glob("rejects/*.parquet"))
    with pytest.raises(ValueError, match="rejects"):
        datasets.load_dataset(str(out), "rejects")
    assert "No document or line was dropped, so the release has no `rejects` config." in card
    assert "is in the `rejects` config" not in card
    assert ("The `language:` list of the YAML header, which hubs filter datasets by, names the languages with at "
            "least 1% of the kept characters, of the languages the build keeps (en, fr); this table counts the "
            "paragraphs of every language detected, misdetected ones included.") in card
    assert "\nlanguage:\n- en\n" in card
    assert not (out / "rejects").exists()  # before: an empty rejects/ folder


def test_a_rejects_folder_emptied_by_a_rebuild_goes(tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    for name in ("a", "b"):
        (src / f"{name}.txt").write_text(text_for(name), encoding="utf-8")
    (src / "copy.txt").write_text(text_for("a"), encoding="utf-8")
    out = tmp_path / "release"
    build([str(src)], out, BuildConfig.load(cache=False))
    assert [p.name for p in (out / "rejects").iterdir()] == ["train-00000-of-00001.parquet"]
    (src / "copy.txt").unlink()
    build([str(src)], out, BuildConfig.load(cache=False))
    assert not (out / "rejects").exists()
    assert sorted(p.name for p in out.iterdir()) == ["README.md", "data", "manifest.json", "plots",
                                                     "removed_lines.json"]


def test_documents_add_up(example_release: Path) -> None:
    counts = read_manifest(example_release)["counts"]
    assert counts["documents_in"] == counts["documents_kept"] + counts["documents_rejected"] == 13
    assert sum(s["documents"] for s in counts["splits"].values()) == counts["documents_kept"]


def test_shards_share_one_explicit_schema_with_features(tmp_path: Path) -> None:
    out = tmp_path / "small-shards"
    build([str(EXAMPLES)], out, BuildConfig.load(max_shard_bytes=4096))
    shards = sorted((out / "data").glob("*.parquet"))
    assert len(shards) > 2
    assert [p.name for p in shards][-1] == f"train-{len(shards) - 1:05d}-of-{len(shards):05d}.parquet"
    for shard in shards:
        schema = pq.read_schema(shard)
        assert schema.equals(RECORD_SCHEMA, check_metadata=True)
        assert datasets.Features.from_arrow_schema(schema) == RECORD_FEATURES
        assert pq.ParquetFile(shard).metadata.row_group(0).column(0).compression == "ZSTD"
    loaded = datasets.load_dataset(str(out), verification_mode="all_checks")
    assert loaded["train"].num_rows == read_manifest(out)["counts"]["splits"]["train"]["paragraphs"]


def test_every_record_validates_and_points_into_raw_text(example_release: Path) -> None:
    raw = {**_txt_documents(), **_jsonl_documents()}
    rows = pq.read_table(example_release / "data").to_pylist()
    assert len(rows) == read_manifest(example_release)["counts"]["lines_kept"]
    for row in rows:
        assert schema_issues(row, Location("row"), "record") == []
        assert paragraph_text(raw[row["doc_id"]][row["char_start"] : row["char_end"]]) == row["text"]


def _txt_documents() -> dict[str, str]:
    # bytes, not read_text: universal newlines would turn the Urdu file's CRLF into LF and shift offsets
    return {p.relative_to(EXAMPLES).as_posix()[:-4]: p.read_bytes().decode("utf-8") for p in EXAMPLES.rglob("*.txt")}


def _jsonl_documents() -> dict[str, str]:
    docs = {}
    for path in EXAMPLES.rglob("*.jsonl"):
        for line in path.read_text(encoding="utf-8").splitlines():
            doc = json.loads(line)
            docs[doc["id"]] = doc["text"]
    return docs


def test_seed_builds_to_title_and_nine_paragraphs(tmp_path: Path) -> None:
    build([str(SEED)], tmp_path / "seed", BuildConfig())
    rows = pq.read_table(tmp_path / "seed" / "data").to_pylist()
    lines = [line.strip() for line in SEED.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert [r["text"] for r in rows] == [lines[1], *[clean_line(line) for line in lines[4:13]]]
    assert {r["language"] for r in rows} == {"ar"}


def test_golden_records(example_release: Path) -> None:
    rows = pq.read_table(example_release / "data").to_pylist()
    rows = [{k: (round(v, 3) if isinstance(v, float) else v) for k, v in r.items()} for r in rows]
    text = "".join(json.dumps(r, ensure_ascii=False, sort_keys=True) + "\n" for r in rows)
    _compare_golden(GOLDEN / "example_records.jsonl", text)


def test_example_card_has_not_drifted(example_release: Path) -> None:
    """DATASET_CARD.md is the example release's card (its plots are in plots/, so it renders here too);
    rebuild both with UPDATE_GOLDEN=1 pytest."""
    _compare_golden(ROOT / "DATASET_CARD.md", (example_release / "README.md").read_text(encoding="utf-8"))
    if UPDATE:
        shutil.rmtree(ROOT / "plots", ignore_errors=True)
        shutil.copytree(example_release / "plots", ROOT / "plots")
    referenced = re.findall(r"\]\((plots/[^)]+)\)", (ROOT / "DATASET_CARD.md").read_text(encoding="utf-8"))
    assert referenced and all((ROOT / path).is_file() for path in referenced)


def _compare_golden(path: Path, actual: str) -> None:
    if UPDATE:
        path.write_text(actual, encoding="utf-8")
    if not path.exists():
        pytest.fail(f"{path} is missing; create it with UPDATE_GOLDEN=1 pytest")
    expected = path.read_text(encoding="utf-8")
    assert actual == expected, f"{path.name} drifted; UPDATE_GOLDEN=1 pytest and review the diff"




@pytest.mark.slow
def test_rebuild_with_two_workers_is_byte_identical(example_release: Path, tmp_path: Path) -> None:
    again = tmp_path / "again"
    build([str(EXAMPLES)], again, BuildConfig.load(ROOT / "examples" / "build.toml", workers=2))
    assert release_files(again) == release_files(example_release)
    # 2 data shards, 1 rejects shard, 2 plots, card, manifest, removed-lines report
    assert len(release_files(again)) == 8
