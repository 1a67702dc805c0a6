"""`validate DIR` on built releases: a good one passes; each kind of corruption is caught and named."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
from pathlib import Path

import pytest

from builder.cli import main
from builder.config import BuildConfig
from builder.release.check import check_release
from builder.run.pipeline import build
from tests.conftest import EXAMPLES, FIXTURES


@pytest.fixture(scope="module")
def good(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("good") / "release"
    build([str(EXAMPLES)], out, BuildConfig.load(max_shard_bytes=8192))
    return out


@pytest.fixture
def release(good: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "release"
    shutil.copytree(good, copy)
    return copy


def messages(folder: Path) -> list[str]:
    return [f"{Path(i.location.path).relative_to(folder)}: {i.message}" for i in check_release(folder)]


def test_good_release_is_valid(good: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert len(list((good / "data").glob("*.parquet"))) > 2
    assert check_release(good) == []
    assert main(["validate", str(good)]) == 0
    assert capsys.readouterr().err.endswith(f"release {good}: valid\n")


def test_truncated_shard(release: Path) -> None:
    shard = release / "data" / "train-00001-of-00004.parquet"
    shard.write_bytes(shard.read_bytes()[:-100])
    found = messages(release)
    assert found[0].startswith("data/train-00001-of-00004.parquet: size ")
    assert "truncated, or written by another build" in found[0]
    assert any("not a readable Parquet file" in m for m in found)


def test_edited_card_count(release: Path) -> None:
    card = release / "README.md"
    card.write_text(card.read_text().replace("num_examples: 66", "num_examples: 65", 1))
    found = messages(release)
    # the card's prose is the user's (its sha256 alone is no problem, polish26): the claim its edit broke is named
    assert found == ["README.md: num_examples of default/train is 65, manifest.json says 66"]


def test_edited_card_body_counts_with_the_manifest_hash_recomputed(release: Path) -> None:
    """The numbers a reader sees in the card's body are checked too, not only its YAML and its hash."""
    card = release / "README.md"
    text = card.read_text()
    edited = re.sub(r"Documents in: \*\*\d+\*\* = kept \*\*\d+\*\*", "Documents in: **9** = kept **9**", text)
    assert edited != text
    card.write_text(edited)
    manifest = json.loads((release / "manifest.json").read_text())
    entry = next(o for o in manifest["outputs"] if o["path"] == "README.md")
    entry["sha256"] = hashlib.sha256(card.read_bytes()).hexdigest()
    entry["bytes"] = card.stat().st_size
    (release / "manifest.json").write_text(json.dumps(manifest))
    found = messages(release)
    assert len(found) == 1 and found[0].startswith("README.md: the card's body states in 9 = kept 9 + rejected ")


def test_missing_shard(release: Path) -> None:
    (release / "data" / "train-00002-of-00004.parquet").unlink()
    found = messages(release)
    assert "data/train-00002-of-00004.parquet: missing: listed in manifest.json but not in the release" in found
    assert any("data/train-*: shards of split 'train' are not numbered 0..n-1 of n" in m and "missing [2]" in m
               for m in found)


def test_shard_from_another_build(release: Path, tmp_path: Path) -> None:
    other = tmp_path / "other"
    build([str(FIXTURES / "malformed_and_invalid.jsonl")], other, BuildConfig())
    shutil.copy(other / "data" / "train-00000-of-00001.parquet", release / "data" / "train-00000-of-00004.parquet")
    shutil.copy(other / "data" / "train-00000-of-00001.parquet", release / "data" / "train-00000-of-00001.parquet")
    found = messages(release)
    assert any(m.startswith("data/train-00000-of-00004.parquet: size") for m in found)
    assert ("data/train-00000-of-00001.parquet: not listed in manifest.json (left by another build?); "
            "remove it or rebuild") in found


def test_interrupted_release_without_manifest(release: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (release / "manifest.json").unlink()
    assert main(["validate", str(release), "--format", "json"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert report["valid"] is False and report["issues"][0]["reason"] == "release_incomplete"
    assert report["issues"][0]["message"].startswith("missing: this is not a finished release")


def test_shards_without_manifest_or_card_are_an_unfinished_release(release: Path, tmp_path: Path,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    """A release copied or published in part (data/ only): before, read as a folder of raw documents
    (no document: "all valid", exit 0)."""
    half = tmp_path / "half"
    shutil.copytree(release / "data", half / "data")
    assert main(["validate", str(half)]) == 1
    out = capsys.readouterr().out
    assert "manifest.json: $: missing: this is not a finished release" in out and "name them or data/ itself" in out
    # the way out the message gives: the folder of shards itself is read as raw documents
    assert main(["validate", str(half / "data")]) == 0
    said = capsys.readouterr()
    assert "not a finished release" not in said.out + said.err and "document(s) checked" in said.err, said


def test_schema_drift_in_a_shard_is_named(release: Path) -> None:
    import pyarrow.parquet as pq

    shard = release / "data" / "train-00000-of-00004.parquet"
    table = pq.read_table(shard).drop_columns(["script"])
    pq.write_table(table, shard)
    found = messages(release)
    assert any("Arrow schema differs from the release schema: missing script" in m for m in found)


def test_a_symlinked_file_the_manifest_lists_is_one_problem(release: Path, tmp_path: Path,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    moved = tmp_path / "elsewhere.json"
    (release / "removed_lines.json").rename(moved)
    (release / "removed_lines.json").symlink_to(moved)
    assert main(["validate", str(release)]) == 1
    out, err = capsys.readouterr()
    assert out.splitlines() == [f"{release}/removed_lines.json: $: not a regular file (a symlink); a release holds "
                                "only regular files, and this one is never opened"]
    assert err.startswith(f"release {release}: 1 problem(s)")
