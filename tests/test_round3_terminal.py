"""Issue 9, third round: text from outside never reaches the terminal as an escape sequence."""

from __future__ import annotations

from pathlib import Path

import pytest

from builder.cli import main, printable


def test_control_characters_are_shown_as_escapes() -> None:
    assert printable("doc9\x1b]0;PWNED\x07\x1b[2J\x00") == "doc9\\x1b]0;PWNED\\x07\\x1b[2J\\x00"
    assert printable("ok\nnext line, عربي") == "ok\nnext line, عربي"


def test_an_unmatched_takedown_entry_is_printed_without_its_escape_sequences(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "src"
    src.mkdir()
    (src / "a.txt").write_text("A paragraph long enough to be kept in the release, for this test.\n", encoding="utf-8")
    takedown = tmp_path / "takedown.txt"
    takedown.write_bytes(b"doc9\x1b]0;PWNED\x07\x1b[2J\n")
    assert main(["build", str(src), "--out", str(tmp_path / "out"), "--exclude", str(takedown), "--quiet"]) == 0
    captured = capsys.readouterr()
    assert "matched no document" in captured.out + captured.err
    assert "\x1b" not in captured.out + captured.err and "\x07" not in captured.out + captured.err
