"""Failures of the environment (a closed pipe, a full disk, no permission) are reported as such, with
what to do, and exit 1: never as a bug (exit 3), never as a traceback, and a closed pipe is not a full disk."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, text_for

pytestmark = pytest.mark.slow  # the CLI in processes of its own, against a closed pipe, a full disk, a locked folder


def _cli(*args: str, **kwargs) -> list[str]:  # type: ignore[no-untyped-def]
    return [sys.executable, "-m", "builder", *args]


def _invalid_documents(path: Path, n: int = 5000) -> Path:
    path.write_text("".join(json.dumps({"id": f"d{i}", "text": i}) + "\n" for i in range(n)), encoding="utf-8")
    return path


def test_a_closed_pipe_is_not_a_disk_problem(tmp_path: Path) -> None:
    docs = _invalid_documents(tmp_path / "d.jsonl")
    # `dataset-builder validate d.jsonl | head -1`
    process = subprocess.Popen(_cli("validate", str(docs)), cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert process.stdout is not None and process.stdout.readline().startswith(str(docs).encode())
    process.stdout.close()
    err = process.stderr.read().decode() if process.stderr else ""
    code = process.wait(timeout=120)
    assert code == 1, err
    assert "output was closed" in err
    assert not any(word in err for word in ("disk", "Traceback", "Exception ignored", "internal error"))


def test_a_full_disk_says_so(tmp_path: Path) -> None:
    docs = _invalid_documents(tmp_path / "d.jsonl")
    with open("/dev/full", "w") as full:  # every write fails with ENOSPC
        result = subprocess.run(_cli("validate", str(docs)), cwd=ROOT, stdout=full, stderr=subprocess.PIPE, timeout=120)
    err = result.stderr.decode()
    assert result.returncode == 1, err
    assert "no space left" in err.lower() and "free some space" in err
    assert "Traceback" not in err and "Exception ignored" not in err and "internal error" not in err


def test_no_permission_names_the_path(tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    (src / "a.txt").write_text(text_for("a"), encoding="utf-8")
    out = Path("/sys/dataset-builder-test/out")  # not writable, even for root
    result = subprocess.run(_cli("build", str(src), "--out", str(out), "--quiet"), cwd=ROOT, capture_output=True,
                            timeout=120)
    err = result.stderr.decode()
    assert result.returncode in (1, 2), err
    assert "/sys/dataset-builder-test" in err and "a folder you can write to" in err
    assert "internal error" not in err and "Traceback" not in err


@pytest.mark.parametrize("below", ["a-file", "missing/deeper"])
def test_an_out_that_cannot_be_made_names_the_option(tmp_path: Path, below: str) -> None:
    # trial22 finding 4: `--out /proc/self/x` said `error: /proc/self/x: No such file or directory`, not which
    # option; a folder under a regular file (ENOTDIR) and one under /proc (ENOENT, not writable) alike
    src = tmp_path / "src"
    src.mkdir()
    (src / "a.txt").write_text(text_for("a"), encoding="utf-8")
    (tmp_path / "a-file").write_text("not a folder", encoding="utf-8")
    base = Path("/proc/self") if below.startswith("missing") else tmp_path
    out = base / below / "out"
    result = subprocess.run(_cli("build", str(src), "--out", str(out), "--quiet"), cwd=ROOT, capture_output=True,
                            timeout=120)
    err = result.stderr.decode()
    assert result.returncode == 1, err
    assert err.startswith(f"error: --out {out}: cannot create this folder"), err
    assert "internal error" not in err and "Traceback" not in err


@pytest.mark.parametrize("below", ["", "deeper"])
def test_an_out_through_a_link_to_nothing_says_so(tmp_path: Path, below: str) -> None:
    # trial26: `--out dangling` (a symbolic link whose target is missing) said `cannot create this folder: File
    # exists`, which the user, who sees no file there, cannot act on
    src = tmp_path / "src"
    src.mkdir()
    (src / "a.txt").write_text(text_for("a"), encoding="utf-8")
    link = tmp_path / "dangling"
    link.symlink_to(tmp_path / "nowhere")
    out = link / below if below else link
    result = subprocess.run(_cli("build", str(src), "--out", str(out), "--quiet"), cwd=ROOT, capture_output=True,
                            timeout=120)
    err = result.stderr.decode()
    assert result.returncode == 1, err
    assert err.startswith(f"error: --out {out}: cannot create this folder: {link} is a symbolic link to "
                          f"{tmp_path / 'nowhere'}, which does not exist"), err
    assert not (tmp_path / "nowhere").exists() and link.is_symlink()
