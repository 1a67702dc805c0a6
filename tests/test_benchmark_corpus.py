"""The benchmarks find the real corpus from a checkout and from a git worktree, and say what to pass when they
cannot (fix19: from /work/wt/NAME the default was /work/wt/shared/corpus, which does not exist, and
corpus_to_jsonl wrote 0 documents without a word)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from benchmarks.corpus_to_jsonl import CORPUS_ENV, default_corpus
from tests.conftest import ROOT


def layout(tmp_path: Path) -> tuple[Path, Path, Path]:
    """A shared/corpus, a checkout next to it and a worktree two levels below (as /work/main and /work/wt/NAME)."""
    corpus = tmp_path / "shared" / "corpus"
    (corpus / "urdu-news").mkdir(parents=True)
    (corpus / "urdu-news" / "a.txt").write_bytes("ایک خبر\r\n".encode())
    checkout, worktree = tmp_path / "main", tmp_path / "wt" / "fix"
    checkout.mkdir()
    worktree.mkdir(parents=True)
    return corpus, checkout, worktree


def test_the_corpus_is_found_above_a_checkout_and_a_worktree(tmp_path: Path) -> None:
    corpus, checkout, worktree = layout(tmp_path)
    assert default_corpus(checkout, {}) == corpus
    assert default_corpus(worktree, {}) == corpus


def test_the_environment_names_another_corpus(tmp_path: Path) -> None:
    _, checkout, _ = layout(tmp_path)
    assert default_corpus(checkout, {CORPUS_ENV: str(tmp_path / "elsewhere")}) == tmp_path / "elsewhere"


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
