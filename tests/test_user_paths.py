"""Every local path the user gives goes through one policy (builder.user_paths): a leading `~` is
expanded once, as a shell would, whether it comes from a flag, a config file or the Python API, and
every writer (pyarrow too) gets the same path, so nothing lands outside --out. A message about a
path names the flag or the config key it came from."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from builder import api
from builder.cli import main
from tests.conftest import SEED


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """HOME in a tmp folder, and the current folder another one beside it."""
    (tmp_path / "home").mkdir()
    (tmp_path / "work").mkdir()
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "seed.txt").write_bytes(SEED.read_bytes())
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.chdir(tmp_path / "work")
    return tmp_path / "home"


def files_under(folder: Path) -> set[str]:
    return {Path(d, name).relative_to(folder).as_posix() for d, _, names in os.walk(folder) for name in names}


def test_out_with_a_tilde_is_the_home_folder_and_nothing_is_written_elsewhere(home: Path,
                                                                               capsys: pytest.CaptureFixture[str]
                                                                               ) -> None:
    # Before: the marker and .cache went to a literal ./~/x, the Parquet parts (pyarrow expands `~`)
    # to $HOME/x/.staging, and the build failed with a missing .partial file
    assert main(["build", str(home.parent / "src"), "--out", "~/x", "--quiet", "--workers", "1"]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"built {home / 'x'}: 1 of 1 documents kept")
    written = files_under(home.parent)
    assert written - {"src/seed.txt"} and all(name.startswith("home/x/") for name in written - {"src/seed.txt"})
    assert {"home/x/manifest.json", "home/x/README.md", "home/x/data/train-00000-of-00001.parquet"} <= written
    assert main(["validate", "~/x"]) == 0


def test_a_folder_really_named_tilde_is_not_expanded_by_pyarrow(home: Path) -> None:
    # `./~/x` is no shell's `~`: the release is written there, all of it, parts included
    assert main(["build", str(home.parent / "src"), "--out", "./~/x", "--quiet", "--workers", "1"]) == 0
    assert "~/x/data/train-00000-of-00001.parquet" in files_under(home.parent / "work")
    assert files_under(home) == set()


def test_the_api_expands_a_tilde_in_out_and_sources(home: Path) -> None:
    result = api.build("~/../src", "~/apiout")  # before: a bare FileNotFoundError
    assert result.out == home / "apiout" and (home / "apiout" / "manifest.json").is_file()
    assert api.validate("~/apiout").valid
    assert api.diff("~/apiout", "~/apiout").paragraphs_added == 0


def test_a_config_files_exclude_file_with_a_tilde_is_expanded(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (home / "take.txt").write_text("seed\n", encoding="utf-8")
    config = home.parent / "tilde.toml"
    config.write_text('[run]\nexclude_file = "~/take.txt"\n', encoding="utf-8")
    assert main(["build", str(home.parent / "src"), "--out", "out", "--config", str(config), "--quiet",
                 "--workers", "1"]) == 1  # the one document was taken down: nothing kept
    assert "excluded 1" in capsys.readouterr().out


def test_a_path_that_cannot_be_read_is_named_by_where_it_came_from(home: Path,
                                                                    capsys: pytest.CaptureFixture[str]) -> None:
    config = home.parent / "tilde.toml"
    config.write_text('[run]\nexclude_file = "~/missing.txt"\n[card]\nprevious = "~/none"\n', encoding="utf-8")
    args = ["build", str(home.parent / "src"), "--out", "out", "--quiet", "--workers", "1"]
    assert main([*args, "--config", str(config)]) == 2
    assert (f"error: {config}: $.run.exclude_file {home / 'missing.txt'}: cannot read it: No such file or directory"
            in capsys.readouterr().err)
    (home / "take.txt").write_text("other\n", encoding="utf-8")
    assert main([*args, "--config", str(config), "--exclude", "~/take.txt"]) == 2
    assert f"error: {config}: $.card.previous {home / 'none'}: no such folder" in capsys.readouterr().err
    assert main([*args, "--exclude", "~/missing.txt"]) == 2
    assert f"error: --exclude {home / 'missing.txt'}: cannot read it" in capsys.readouterr().err
    assert not (home.parent / "work" / "out").exists()


def test_a_config_files_relative_paths_are_read_beside_it_not_in_the_current_folder(
        home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`exclude_file = "take.txt"` in conf/build.toml is conf/take.txt wherever the build is run from. Before, it was
    the current folder's take.txt: a build run from another folder silently used another takedown list (here one
    that names no document), and the document the config's own list takes down was published."""
    conf = home.parent / "conf"
    conf.mkdir()
    (conf / "take.txt").write_text("seed\n", encoding="utf-8")
    (home.parent / "work" / "take.txt").write_text("some-other-document\n", encoding="utf-8")
    config = conf / "build.toml"
    config.write_text('[run]\nexclude_file = "take.txt"\n[card]\nprevious = "old"\n', encoding="utf-8")
    args = ["build", str(home.parent / "src"), "--out", "out", "--quiet", "--workers", "1", "--config", str(config)]
    assert main(args) == 2  # previous: conf/old, which is not there (the current folder's `old` is not looked at)
    assert f"error: {config}: $.card.previous {conf / 'old'}: no such folder" in capsys.readouterr().err
    config.write_text('[run]\nexclude_file = "take.txt"\n', encoding="utf-8")
    assert main(args) == 1  # the one document was taken down: nothing kept
    assert "excluded 1" in capsys.readouterr().out
    assert main([*args, "--exclude", "take.txt"]) == 0  # a flag's path is the current folder's, as a shell's is
