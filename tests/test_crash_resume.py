"""Builds killed with SIGKILL at each named point of the build (builder/run/faults.py) leave either the
previous release, whole, or a folder without manifest.json with no half-written shard under a final
name; running the same command again gives a release byte-identical to an uninterrupted one."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from builder.api import build
from builder.cli import main
from builder.config import BuildConfig
from builder.release.check import check_release
from builder.release.layout import MARKER, STAGING
from builder.run.faults import ENVIRONMENT, POINTS
from tests.conftest import ROOT, release_files, text_for

pytestmark = pytest.mark.slow  # builds killed with SIGKILL in processes of their own

DOCUMENTS = 600
# small shards, so a release has several and a commit moves several files
ARGS = ["--workers", "1", "--quiet", "--max-shard-mb", "0.05"]


def write_corpus(src: Path, documents: int, seed: str) -> None:
    src.mkdir(parents=True, exist_ok=True)
    with open(src / "docs.jsonl", "w", encoding="utf-8") as f:
        for i in range(documents):
            f.write(json.dumps({"id": f"doc-{i}", "text": "Headline of the day\n" + text_for(f"{seed}{i}")}) + "\n")


def finished_part(folder: Path) -> dict[str, bytes]:
    """The release's own files: what is left once the build's working state is set aside."""
    return {path: data for path, data in release_files(folder).items()
            if not path.startswith(f"{STAGING}/") and path != MARKER}


@pytest.fixture(scope="module")
def releases(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Path]:
    """The corpus, its uninterrupted release, and an older release (other documents, fewer shards)
    for the killed builds to replace."""
    base = tmp_path_factory.mktemp("crash")
    write_corpus(base / "old-src", DOCUMENTS // 3, seed="old")
    previous = base / "previous"
    assert main(["build", str(base / "old-src"), "--out", str(previous), *ARGS]) == 0
    src = base / "src"
    write_corpus(src, DOCUMENTS, seed="")
    reference = base / "reference"
    assert main(["build", str(src), "--out", str(reference), *ARGS]) == 0
    assert len(list((reference / "data").iterdir())) > len(list((previous / "data").iterdir())) > 1
    return src, reference, previous


CASES = [(point, "previous release") for point in POINTS] + [
    (point, "empty folder") for point in ("after-first-batch", "after-swap-data", "after-manifest")]


@pytest.mark.parametrize("point, start", CASES)
def test_a_build_killed_at_any_point_is_never_mistaken_for_finished_and_resumes_identically(
        releases: tuple[Path, Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str], point: str,
        start: str) -> None:
    src, reference, previous = releases
    out = tmp_path / "out"
    if start == "previous release":
        shutil.copytree(previous, out)
    killed = subprocess.run([sys.executable, "-m", "builder", "build", str(src), "--out", str(out), *ARGS], cwd=ROOT,
                            env={**os.environ, ENVIRONMENT: point})
    assert killed.returncode == -signal.SIGKILL, f"the build never reached {point}"
    if (out / "manifest.json").exists():  # killed before the commit began, or after it ended: a whole release
        assert check_release(out, load=False) == []
        assert finished_part(out) in (finished_part(previous), finished_part(reference))
    else:
        assert [i.reason for i in check_release(out, load=False)] == ["release_incomplete"]
        assert main(["validate", str(out)]) == 1  # reported as an unfinished release, not read as documents
        assert "not a finished release" in capsys.readouterr().out
        for folder in ("data", "rejects"):
            for shard in (out / folder).glob("*.parquet") if (out / folder).exists() else []:
                assert pq.ParquetFile(shard).metadata.num_rows >= 0  # a file under a final name is a whole Parquet file
    assert main(["build", str(src), "--out", str(out), *ARGS]) == 0
    assert release_files(out) == release_files(reference)  # no staging, marker or old shard left either


def test_a_point_that_is_not_armed_does_nothing(releases: tuple[Path, Path, Path], tmp_path: Path) -> None:
    src, reference, _ = releases
    result = subprocess.run([sys.executable, "-m", "builder", "build", str(src), "--out", str(tmp_path / "out"), *ARGS],
                            cwd=ROOT, env={**os.environ, ENVIRONMENT: "no-such-point"})
    assert result.returncode == 0
    assert release_files(tmp_path / "out") == release_files(reference)


@pytest.mark.parametrize("point", ["after-old-removed", "after-swap-data", "before-manifest"])
def test_another_build_after_a_killed_one_leaves_nothing_of_it(
        releases: tuple[Path, Path, Path], tmp_path: Path, point: str) -> None:
    """The next build clears the killed one's files by its ledger, even when it writes other files."""
    src, _, previous = releases
    out = tmp_path / "out"
    shutil.copytree(previous, out)
    killed = subprocess.run([sys.executable, "-m", "builder", "build", str(src), "--out", str(out), *ARGS], cwd=ROOT,
                            env={**os.environ, ENVIRONMENT: point})
    assert killed.returncode == -signal.SIGKILL
    assert main(["build", str(src.parent / "old-src"), "--out", str(out), *ARGS]) == 0
    assert release_files(out) == release_files(previous)


def test_a_build_killed_mid_way_reruns_only_the_inputs_it_had_not_finished(tmp_path: Path) -> None:
    """Resume at task granularity: each input's results are cached as soon as its task is done, so a
    build killed after the first input's documents were written recomputes only the other inputs' work."""
    src = tmp_path / "src"
    src.mkdir()
    for f in range(5):  # five inputs of one batch each
        (src / f"part-{f}.jsonl").write_text("".join(
            json.dumps({"id": f"doc-{f}-{i}", "text": text_for(f"{f}-{i}")}) + "\n" for i in range(20)),
            encoding="utf-8")
    out = tmp_path / "out"
    killed = subprocess.run([sys.executable, "-m", "builder", "build", str(src), "--out", str(out), "--workers", "1",
                             "--quiet"], cwd=ROOT, env={**os.environ, ENVIRONMENT: "after-first-batch"})
    assert killed.returncode == -signal.SIGKILL
    resumed = build([str(src)], out, BuildConfig())
    # first pass: all five inputs were done before the kill; second pass: only the first
    assert (resumed.summary.cache_hits, resumed.summary.cache_misses) == (5 + 1, 4)
    reference = tmp_path / "reference"
    build([str(src)], reference, BuildConfig.load(cache=False))
    assert release_files(out) == release_files(reference)
