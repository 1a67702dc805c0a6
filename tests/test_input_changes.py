"""An input that changes while the build reads it: the build stops (exit 1), --out keeps what it had,
and the cache never keeps results under a hash of content that was not the content read."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from builder.cli import main
from builder.config import BuildConfig
from builder.release import manifest
from builder.run.pipeline import InputChangedError, build
from tests.conftest import release_files, text_for


def _source(tmp_path: Path) -> tuple[Path, Path, str]:
    src = tmp_path / "corpus"
    src.mkdir()
    (src / "a.txt").write_text(text_for("a"), encoding="utf-8")
    second = src / "b.txt"
    original = text_for("b")
    second.write_text(original, encoding="utf-8")
    return src, second, original


def _change_after_describing(monkeypatch: pytest.MonkeyPatch, target: Path) -> None:
    """Describe (hash) each input as usual, then rewrite `target` right after its hash is taken:
    deterministic stand-in for a file that changes between describe and read."""
    describe = manifest.describe_input

    def changing(file: Any) -> dict[str, Any]:
        entry = describe(file)
        if file.path == target:
            target.write_text(text_for("changed") + "\n" + text_for("more"), encoding="utf-8")
        return entry

    monkeypatch.setattr(manifest, "describe_input", changing)


def test_changed_input_stops_the_build_and_does_not_poison_the_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                     capsys: pytest.CaptureFixture[str]) -> None:
    src, second, original = _source(tmp_path)
    out = tmp_path / "release"
    _change_after_describing(monkeypatch, second)
    assert main(["build", str(src), "--out", str(out), "--quiet"]) == 1
    err = capsys.readouterr().err
    assert "b.txt" in err and "changed while it was being read" in err
    assert not (out / "manifest.json").exists() and not (out / ".staging").exists()
    assert set(release_files(out)) <= {".dataset-builder-build"}  # no release: only the tool's marker

    monkeypatch.undo()
    second.write_text(original, encoding="utf-8")
    rebuilt = build([str(src)], out, BuildConfig())
    assert rebuilt.documents_kept == 2
    reference = tmp_path / "reference"
    build([str(src)], reference, BuildConfig.load(cache=False))
    assert release_files(out) == release_files(reference)


@pytest.mark.slow
def test_changed_input_leaves_the_previous_release_as_it_was(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    src, second, original = _source(tmp_path)
    out = tmp_path / "release"
    build([str(src)], out, BuildConfig.load(cache=False))
    before = release_files(out)
    _change_after_describing(monkeypatch, second)
    with pytest.raises(InputChangedError, match="changed while it was being read"):
        build([str(src)], out, BuildConfig())
    assert release_files(out) == before
    assert not (out / ".staging").exists()

    monkeypatch.undo()
    second.write_text(original, encoding="utf-8")
    build([str(src)], out, BuildConfig())
    assert release_files(out) == before
