"""Builds killed with SIGKILL at several points leave no half-written shard under a final name and no
manifest, and running the same command again gives a release byte-identical to an uninterrupted one."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from builder.check_release import check_release
from tests.conftest import release_files, ROOT, text_for

DOCUMENTS = 3000


def command(src: Path, out: Path) -> list[str]:
    return [sys.executable, "-m", "builder", "build", str(src), "--out", str(out), "--workers", "1", "--quiet"]




@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, float]:
    """A corpus that takes a few seconds to build, and its uninterrupted release (and how long it took)."""
    src = tmp_path_factory.mktemp("crash") / "src"
    src.mkdir()
    with open(src / "docs.jsonl", "w", encoding="utf-8") as f:
        for i in range(DOCUMENTS):
            f.write(json.dumps({"id": f"doc-{i}", "text": "Headline of the day\n" + text_for(str(i))}) + "\n")
    reference = src.parent / "reference"
    started = time.monotonic()
    subprocess.run(command(src, reference), check=True, cwd=ROOT)
    return src, reference, time.monotonic() - started


@pytest.mark.parametrize("fraction", [0.15, 0.35, 0.55, 0.75, 0.9, 0.97])
def test_killed_build_is_never_mistaken_for_finished_and_resumes_identically(
        corpus: tuple[Path, Path, float], tmp_path: Path, fraction: float) -> None:
    src, reference, duration = corpus
    out = tmp_path / "out"
    process = subprocess.Popen(command(src, out), cwd=ROOT)
    time.sleep(duration * fraction)
    process.send_signal(signal.SIGKILL)
    process.wait()
    if (out / "manifest.json").exists():  # it finished before the kill: then it must be complete
        assert check_release(out, load=False) == []
    else:
        assert [i.reason for i in check_release(out, load=False)] == ["release_incomplete"]
        for shard in (out / "data").glob("*.parquet") if (out / "data").exists() else []:
            pq.ParquetFile(shard).metadata  # a file under a final name is always a whole Parquet file
    subprocess.run(command(src, out), check=True, cwd=ROOT)
    assert release_files(out) == release_files(reference)
    assert not (out / ".staging").exists()


def test_kill_points_cover_the_build(corpus: tuple[Path, Path, float]) -> None:
    """The kill times above are only meaningful if the build takes long enough to be caught mid-way."""
    assert corpus[2] > 1.5, f"the crash corpus builds in {corpus[2]:.2f}s; make it bigger"
