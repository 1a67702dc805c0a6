"""Usage the CLI refuses before anything is written (exit 2, a message that says what to do), and a
card license the Hub does not know, which it warns about."""

from __future__ import annotations

from pathlib import Path

import pytest

from builder.cli import main
from tests.conftest import text_for


@pytest.fixture
def source(tmp_path: Path) -> str:
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "a.txt").write_text(text_for("refusals"), encoding="utf-8")
    return str(tmp_path / "src")


def build(*args: str) -> int:
    return main(["build", *args, "--quiet", "--workers", "1"])


def test_a_split_named_rejects_is_a_usage_error(source: str, tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    # Before: exit 1, "…/.staging/parts/rejects-00000.parquet.partial: No such file or directory"
    assert build(source, "--out", str(tmp_path / "rel"), "--split", "rejects=1") == 2
    assert capsys.readouterr().err == ("error: --split: 'rejects' is the name of the release's rejects; give the "
                                       "split another name\n(run `dataset-builder build --help` for usage)\n")
    assert not (tmp_path / "rel").exists()


def test_a_shard_size_over_the_limit_is_said_in_mb(source: str, tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    # Before: "104857598951424 is greater than the maximum of 1099511627776" (bytes, for a flag in MB)
    with pytest.raises(SystemExit) as exit_:
        build(source, "--out", str(tmp_path / "rel"), "--max-shard-mb", "99999999")
    assert exit_.value.code == 2
    assert ("argument --max-shard-mb: must be a number from 0.001 to 1048576, got '99999999'"
            in capsys.readouterr().err)


def test_validate_checks_one_release_at_a_time(source: str, tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    assert build(source, "--out", str(tmp_path / "one")) == 0
    capsys.readouterr()
    # Before: both read as raw documents, with an error for each of their files
    assert main(["validate", str(tmp_path / "one"), str(tmp_path / "one")]) == 2
    assert capsys.readouterr().err.startswith(f"error: {tmp_path / 'one'} is a release folder: validate checks one "
                                              "release at a time")


def test_a_license_the_hub_does_not_know_is_warned_about_and_a_line_break_refused(
        source: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert build(source, "--out", str(tmp_path / "a"), "--license", "CC BY 4.0") == 0
    assert capsys.readouterr().err.startswith("warning: the license 'CC BY 4.0' is not one the Hugging Face Hub knows "
                                              "(did you mean cc-by-4.0?)")
    assert build(source, "--out", str(tmp_path / "b"), "--license", "cc-by-4.0") == 0
    assert capsys.readouterr().err == ""
    assert build(source, "--out", str(tmp_path / "c"), "--license", "mit\n---\nx: 1") == 2
    assert not (tmp_path / "c").exists()


@pytest.mark.parametrize("argv, argument", [
    (["build", "", "--out", "{tmp}/rel"], "SOURCE"),
    (["build", "{src}", "--out", ""], "--out"),
    (["build", "{src}", "--out", "{tmp}/rel", "--config", ""], "--config"),
    (["build", "{src}", "--out", "{tmp}/rel", "--exclude", ""], "--exclude"),
    (["build", "{src}", "--out", "{tmp}/rel", "--previous", ""], "--previous"),
    (["validate", ""], "SOURCE"),
    (["publish", "", "--to", "{tmp}/pub"], "DIR"),
    (["publish", "{tmp}", "--to", ""], "--to"),
    (["diff", "", "{tmp}"], "OLD"),
    (["diff", "{tmp}", ""], "NEW"),
    (["reasons", "--config", ""], "--config"),
])
def test_an_empty_path_argument_is_a_usage_error_naming_it(
        argv: list[str], argument: str, source: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    """ux27's trial: an empty argument (`"$OUT"` with the variable unset) was the current folder for a Path
    (`publish ""` said `. is not a release`, `--config ""` read `.`) or was named as the Python API names it
    (`sources[0]: an empty path`, `to: …`)."""
    monkeypatch.chdir(tmp_path)
    with pytest.raises(SystemExit) as exit_:
        main([arg.format(tmp=tmp_path, src=source) for arg in argv])
    assert exit_.value.code == 2
    assert capsys.readouterr().err.splitlines()[-1].endswith(f": error: argument {argument}: an empty path; give a "
                                                             "path (. for the current folder)")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["src"]
