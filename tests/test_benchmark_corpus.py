"""The benchmarks find the real corpus from a checkout and from a git worktree, and say what to pass when they
cannot (fix19: from /work/wt/NAME the default was /work/wt/shared/corpus, which does not exist, and
corpus_to_jsonl wrote 0 documents without a word)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT

# benchmarks/ is not imported by tests (test_suite_rules): the variable's name, as documented
CORPUS_ENV = "DATASET_BUILDER_CORPUS"


def layout(tmp_path: Path) -> tuple[Path, Path, Path]:
    """A shared/corpus, a checkout next to it and a worktree two levels below (as /work/main and /work/wt/NAME),
    each holding a copy of the benchmark's module, so it is run from there as it would be."""
    corpus = tmp_path / "shared" / "corpus"
    (corpus / "urdu-news").mkdir(parents=True)
    (corpus / "urdu-news" / "a.txt").write_bytes("ایک خبر\r\n".encode())
    checkout, worktree = tmp_path / "main", tmp_path / "wt" / "fix"
    for repository in (checkout, worktree):
        (repository / "benchmarks").mkdir(parents=True)
        (repository / "benchmarks" / "__init__.py").touch()
        shutil.copy(ROOT / "benchmarks" / "corpus_to_jsonl.py", repository / "benchmarks")
    return corpus, checkout, worktree


def convert(repository: Path, out: Path, environ: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """`python -m benchmarks.corpus_to_jsonl OUT` run from `repository`, with no --corpus."""
    env = {k: v for k, v in os.environ.items() if k not in (CORPUS_ENV, "PYTHONPATH")} | environ
    return subprocess.run([sys.executable, "-m", "benchmarks.corpus_to_jsonl", str(out)], cwd=repository,
                          capture_output=True, text=True, timeout=60, env=env)


def test_the_corpus_is_found_above_a_checkout_and_a_worktree(tmp_path: Path) -> None:
    _, checkout, worktree = layout(tmp_path)
    for repository in (checkout, worktree):
        done = convert(repository, tmp_path / f"{repository.name}.jsonl", {})
        assert done.returncode == 0, done.stderr
        assert done.stdout == f"1 documents -> {tmp_path / f'{repository.name}.jsonl'}\n"


def test_the_environment_names_another_corpus(tmp_path: Path) -> None:
    _, checkout, _ = layout(tmp_path)
    done = convert(checkout, tmp_path / "out.jsonl", {CORPUS_ENV: str(tmp_path / "elsewhere")})
    assert done.returncode == 2 and f"no corpus at {tmp_path / 'elsewhere'}" in done.stderr


def test_a_missing_corpus_is_said_with_what_to_pass(tmp_path: Path) -> None:
    out = tmp_path / "docs.jsonl"
    done = subprocess.run([sys.executable, "-m", "benchmarks.corpus_to_jsonl", str(out), "--corpus",
                           str(tmp_path / "nowhere")], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert done.returncode == 2 and not out.exists()
    assert done.stderr.strip().endswith(f"no corpus at {tmp_path / 'nowhere'}: pass --corpus PATH (the folder "
                                        f"holding ant-*, saudinewsnet/, urdu-*/, ...) or set {CORPUS_ENV}=PATH")


def test_the_corpus_the_environment_names_is_read(tmp_path: Path) -> None:
    corpus, _, _ = layout(tmp_path)
    out = tmp_path / "docs.jsonl"
    done = subprocess.run([sys.executable, "-m", "benchmarks.corpus_to_jsonl", str(out)], cwd=ROOT,
                          capture_output=True, text=True, timeout=60, env={**os.environ, CORPUS_ENV: str(corpus)})
    assert done.returncode == 0, done.stderr
    assert done.stdout == f"1 documents -> {out}\n"
    assert '"id": "urdu-news/a.txt"' in out.read_text(encoding="utf-8")
