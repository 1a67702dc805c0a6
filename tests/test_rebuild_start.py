"""A rebuild the cache answers starts no worker: the command guesses it before forking its pool
(builder.run.foresee), and the release is the one a clean build makes."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from builder.config import BuildConfig
from builder.run.foresee import cache_answers
from builder.run.pipeline import SMALL_WORK_BYTES, build
from tests.conftest import EXAMPLE_CONFIG, EXAMPLES, ROOT, release_files

CHANGED = Path("news") / "en" / "001_solar_farm.txt"


def built(tmp_path: Path) -> tuple[Path, Path, BuildConfig]:
    src, out = tmp_path / "corpus", tmp_path / "release"
    shutil.copytree(EXAMPLES, src)
    config = BuildConfig.load(EXAMPLE_CONFIG)
    build([str(src)], out, config)
    return src, out, config


def test_the_cache_answers_a_rebuild_after_no_change_or_a_small_one(tmp_path: Path) -> None:
    src, out, config = built(tmp_path)
    assert cache_answers([str(src)], str(out), config, SMALL_WORK_BYTES)
    (src / CHANGED).write_text((src / CHANGED).read_text(encoding="utf-8") + "One more line.\n", encoding="utf-8")
    assert cache_answers([str(src)], str(out), config, SMALL_WORK_BYTES)  # less than SMALL_WORK_BYTES changed
    assert not cache_answers([str(src)], str(out), config, 1)  # more changed than the build works here


def test_no_cache_or_a_new_input_guesses_a_build_that_needs_workers(tmp_path: Path) -> None:
    src, out, config = built(tmp_path)
    assert not cache_answers([str(src)], str(out), BuildConfig.load(EXAMPLE_CONFIG, cache=False), SMALL_WORK_BYTES)
    assert not cache_answers([str(src)], str(tmp_path / "elsewhere"), config, SMALL_WORK_BYTES)
    assert not cache_answers([str(src)], "s3://bucket/release", config, SMALL_WORK_BYTES)
    (src / "news" / "en" / "009_new.txt").write_text("A new input of a few words.\n" * 50, encoding="utf-8")
    assert not cache_answers([str(src)], str(out), config, 100)
    shutil.rmtree(out / ".cache")
    assert not cache_answers([str(src)], str(out), config, SMALL_WORK_BYTES)


@pytest.mark.parametrize("manifest", [b"not json", b"[]", b'{"inputs": {"path": 1}}', b'{"inputs": [{"path": []}]}',
                                      b'{"inputs": [{"path": "a", "bytes": {}}]}'])
def test_a_manifest_of_another_shape_guesses_a_build_that_needs_workers(tmp_path: Path, manifest: bytes) -> None:
    src, out, config = built(tmp_path)
    (out / "manifest.json").write_bytes(manifest)
    assert not cache_answers([str(src)], str(out), config, SMALL_WORK_BYTES)


STARTS = """
import json, sys
from builder import cli
from builder.run import executors, pipeline

started, hits = [], []
original_start, original_build = executors.Processes.start, pipeline.build

def start(self, *args, **kwargs):
    started.append(self.workers)
    return original_start(self, *args, **kwargs)

def build(*args, **kwargs):
    summary = original_build(*args, **kwargs)
    hits.append([summary.cache_hits, summary.cache_misses])
    return summary

executors.Processes.start, pipeline.build = start, build
code = cli.main(["build", sys.argv[1], "--out", sys.argv[2], "--workers", "2", "--quiet"], own_process=True)
print(json.dumps({"code": code, "started": started, "hits": hits, "loaded": "fasttext" in sys.modules}))
"""


def command(src: Path, out: Path) -> dict:
    done = subprocess.run([sys.executable, "-c", STARTS, str(src), str(out)], cwd=ROOT, capture_output=True,
                          text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.splitlines()[-1])


@pytest.mark.slow
def test_a_rebuild_the_cache_answers_forks_no_worker_and_releases_what_a_clean_build_does(tmp_path: Path) -> None:
    """The command forked two workers before every build, each loading the validator and the language model; a
    rebuild the cache answered never used them. A process of its own: the command forks, which pytest's may not."""
    src, out = tmp_path / "corpus", tmp_path / "release"
    shutil.copytree(EXAMPLES, src)
    first = command(src, out)
    assert first["code"] == 0 and first["started"] == [2]  # a first build: its pool prestarted as ever
    again = command(src, out)
    assert again["code"] == 0 and again["started"] == [] and again["hits"] == [[20, 0]], again
    assert not again["loaded"]  # nothing worked: the language model not loaded
    (src / CHANGED).write_text((src / CHANGED).read_text(encoding="utf-8") + "One more line.\n", encoding="utf-8")
    changed = command(src, out)
    assert changed["code"] == 0 and changed["started"] == [] and changed["hits"] == [[18, 2]], changed
    clean = tmp_path / "clean"
    build([str(src)], clean, BuildConfig.load(cache=False))
    assert release_files(out) == release_files(clean)


def test_other_settings_guess_a_build_that_needs_workers(tmp_path: Path) -> None:
    """Other work settings change every entry's key: the cache answers nothing, whatever the inputs."""
    src, out, _ = built(tmp_path)
    assert not cache_answers([str(src)], str(out), BuildConfig.load(EXAMPLE_CONFIG, min_words=9), SMALL_WORK_BYTES)
