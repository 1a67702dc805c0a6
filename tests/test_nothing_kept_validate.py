"""ux29: `validate DIR` after a build into DIR that kept no document said "not a finished release (an interrupted
build …)". It says now that the last build kept nothing, and where its rejects are."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from builder.config import BuildConfig
from builder.run.pipeline import build
from tests.planted import release_problems


def test_validate_after_a_build_that_kept_nothing_points_at_its_rejects(tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    (src / "items.jsonl").write_text(json.dumps({"url": "https://example.org/a", "content": ["a", "b"]}) + "\n",
                                     encoding="utf-8")
    out = tmp_path / "out"
    with pytest.raises(Exception, match="no document was kept"):
        build([str(src)], out, BuildConfig())
    problems = release_problems(out)
    assert len(problems) == 1, problems
    assert "the last build into this folder kept no document, so it wrote no release" in problems[0]
    assert f"{out / '.rejected-build' / 'rejects'}" in problems[0] and "interrupted" not in problems[0]


def test_an_interrupted_build_is_still_called_one(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / ".dataset-builder-build").write_text("{}", encoding="utf-8")  # the build's marker, and no manifest yet
    problems = release_problems(out)
    assert len(problems) == 1 and "not a finished release (an interrupted build" in problems[0], problems


def test_the_api_s_nothing_kept_error_gives_the_mapping_hint_the_command_line_gives(tmp_path: Path) -> None:
    """ux29: `builder.build` of records keyed `url`/`content` raised "… the rejects say why: DIR" and no more; the
    command line adds a hint with the mapping, and so does the error now, in Python's terms."""
    from builder import api

    src = tmp_path / "src"
    src.mkdir()
    (src / "items.jsonl").write_text(json.dumps({"url": "https://example.org/a", "content": "Some text."}) + "\n",
                                     encoding="utf-8")
    with pytest.raises(api.NothingKeptError) as caught:
        api.build([str(src)], tmp_path / "out")
    assert "most documents do not match the document schema" in str(caught.value)
    assert "BuildConfig.load(None, fields={'id': 'url', 'text': 'content'})" in str(caught.value)
