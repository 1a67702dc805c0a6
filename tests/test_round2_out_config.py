"""Round two of issue 9 (attack review), the --out folder and the settings:

- nothing the build writes in --out goes through an existing file: a hard link to a file of the user's
  placed where the build writes (its marker, the card, the manifest) never gets new content;
- a document's line count is bounded (max_document_lines) and checked before any per-line work;
- NaN and infinity are refused in every numeric setting, from flags and from TOML;
- --config and --exclude must be regular files of bounded size: a FIFO or /dev/zero is refused at
  once, before --out is created;
- flags are checked strictly: empty language codes, integers past sane maxima, --ray-address without
  --executor ray.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from builder.cli import main
from builder.config import BuildConfig, ConfigError
from builder.release.layout import CARD, MANIFEST, MARKER
from builder.run.pipeline import build
from tests.conftest import text_for

PRECIOUS = b"MY PRECIOUS DATA\n"


@pytest.fixture()
def source(tmp_path: Path) -> Path:
    folder = tmp_path / "src"
    folder.mkdir()
    for name in ("a", "b", "c"):
        (folder / f"{name}.txt").write_text(text_for(name), encoding="utf-8")
    return folder


def _run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    try:
        code = main(args)
    except SystemExit as exc:  # argparse refuses a flag value itself
        code = int(exc.code or 0)
    return code, capsys.readouterr().err


# 1. hard links ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("name", [MARKER, CARD, MANIFEST])
@pytest.mark.slow
def test_a_hard_link_in_out_never_gets_the_builds_bytes(name: str, source: Path, tmp_path: Path,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "release"
    assert main(["build", str(source), "--out", str(out), "--quiet", "--workers", "1"]) == 0
    precious = tmp_path / "precious.txt"
    mine = (out / name).read_bytes() if (out / name).exists() else PRECIOUS  # the manifest must still read
    precious.write_bytes(mine)
    (out / name).unlink(missing_ok=True)
    os.link(precious, out / name)
    # another version: the card and the manifest change
    assert main(["build", str(source), "--out", str(out), "--quiet", "--workers", "1", "--version", "2"]) == 0
    assert precious.read_bytes() == mine
    assert b'"version": "2"' in (out / MANIFEST).read_bytes()
    assert not (out / MARKER).exists()


def test_the_marker_is_written_fresh_in_an_unfinished_build(source: Path, tmp_path: Path) -> None:
    """A killed build's folder (marker, no manifest) whose marker is a hard link of the user's file
    holding the marker text: the build rebuilds it, and the user's file keeps what it held."""
    out = tmp_path / "release"
    out.mkdir()
    from builder.release.outdir import SIGNATURE

    precious = tmp_path / "precious.txt"
    precious.write_bytes(SIGNATURE[:20])  # a start of the marker: what a build killed while writing it leaves
    os.link(precious, out / MARKER)
    build([str(source)], out, BuildConfig.load(workers=1))
    assert precious.read_bytes() == SIGNATURE[:20]


# 9. lines per document -----------------------------------------------------------------------------------

def test_a_document_over_max_document_lines_is_too_large_before_line_work(tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    line = "The council debated the budget for the river bridge and the school."
    (src / "long.txt").write_text("\n".join([line] * 1001), encoding="utf-8")
    (src / "fits.txt").write_text("\n".join(f"{line} {i}" for i in range(1000)), encoding="utf-8")
    (src / "ok.txt").write_text(text_for("ok"), encoding="utf-8")
    out = tmp_path / "release"
    summary = build([str(src)], out, BuildConfig.load(workers=1, max_document_lines=1000, cache=False))
    assert summary.document_rejects == {"too_large": 1}
    import datasets

    rejects = datasets.load_dataset(str(out), "rejects")["train"].to_list()
    (reject,) = [r for r in rejects if r["reason"] == "too_large"]
    assert reject["doc_id"] == "long"
    assert "1001 lines" in reject["message"] and "max_document_lines" in reject["message"]


def test_max_document_lines_is_a_checked_setting(source: Path, tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    assert BuildConfig().read.max_document_lines == 100_000
    config = tmp_path / "build.toml"
    config.write_text("[read]\nmax_document_lines = 0\n", encoding="utf-8")
    code, err = _run(["build", str(source), "--out", str(tmp_path / "o"), "--config", str(config)], capsys)
    assert code == 2 and "$.read.max_document_lines: 0 is less than the minimum of 1" in err


# 10a. NaN and infinity -----------------------------------------------------------------------------------

@pytest.mark.parametrize("toml, where", [
    ("[output]\nsplits = {train = nan, test = 1.0}", "$.output.splits.train"),
    ("[output]\nsplits = {train = inf}", "$.output.splits.train"),
    ("[filter]\nmin_alpha_ratio = nan", "$.filter.min_alpha_ratio"),
    ("[filter]\nmin_alpha_ratio = -nan", "$.filter.min_alpha_ratio"),
    ("[output]\nmax_shard_bytes = inf", "$.output.max_shard_bytes"),
    ("[filter]\nmin_words = nan", "$.filter.min_words"),
])
def test_nan_and_infinity_in_the_config_file_are_located_usage_errors(toml: str, where: str, source: Path,
                                                                       tmp_path: Path,
                                                                       capsys: pytest.CaptureFixture[str]) -> None:
    config = tmp_path / "build.toml"
    config.write_text(toml + "\n", encoding="utf-8")
    out = tmp_path / "o"
    code, err = _run(["build", str(source), "--out", str(out), "--config", str(config), "--quiet"], capsys)
    assert code == 2, err
    assert f"{config}: {where}: " in err and "finite" in err
    assert not out.exists()


@pytest.mark.parametrize("flags", [
    ["--split", "train=nan"], ["--split", "train=inf"], ["--split", "train=0.5", "--split", "test=nan"],
    ["--min-alpha-ratio", "nan"], ["--max-shard-mb", "inf"], ["--max-shard-mb", "nan"],
])
def test_nan_and_infinity_in_flags_are_usage_errors(flags: list[str], source: Path, tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "o"
    code, err = _run(["build", str(source), "--out", str(out), "--quiet", *flags], capsys)
    assert code == 2, err
    assert flags[-2] in err
    assert not out.exists()


def test_nan_in_a_config_made_in_python_is_refused() -> None:
    with pytest.raises(ConfigError, match=r"\$\.output\.splits\.train: nan is not a finite number"):
        BuildConfig.load(splits=(("train", float("nan")),))


# 10b. --config and --exclude: regular files of bounded size, checked before --out -------------------------

def _cli(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "builder", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=120)


@pytest.mark.parametrize("flag", ["--config", "--exclude"])
@pytest.mark.parametrize("kind", ["fifo", "dev-zero", "folder"])
@pytest.mark.slow
def test_a_setting_file_that_is_not_a_regular_file_is_refused_at_once(flag: str, kind: str, source: Path,
                                                                      tmp_path: Path) -> None:
    if kind == "fifo":
        path = tmp_path / "settings"
        os.mkfifo(path)
    elif kind == "folder":
        path = tmp_path / "settings"
        path.mkdir()
    else:
        path = Path("/dev/zero")
    out = tmp_path / "o"
    result = _cli(["build", str(source), "--out", str(out), "--quiet", flag, str(path)], tmp_path)
    assert result.returncode == 2, result.stderr
    assert f"{flag} {path}: not a regular file" in result.stderr
    assert not out.exists()


@pytest.mark.parametrize(("flag", "cap"), [("--config", 16), ("--exclude", 4096)])  # MiB: real opt-out lists are big
def test_a_setting_file_over_the_size_cap_is_refused_before_out(flag: str, cap: int, source: Path, tmp_path: Path,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    big = tmp_path / "big"
    with open(big, "wb") as f:
        f.truncate(cap * 1024 * 1024 + 1)  # sparse: costs no disk
    out = tmp_path / "o"
    code, err = _run(["build", str(source), "--out", str(out), "--quiet", flag, str(big)], capsys)
    assert code == 2, err
    assert f"{flag} {big}: " in err and f"larger than {cap} MiB" in err
    assert not out.exists()


def test_an_unreadable_exclude_list_leaves_an_existing_release_unmarked(source: Path, tmp_path: Path,
                                                                         capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "release"
    assert main(["build", str(source), "--out", str(out), "--quiet", "--workers", "1"]) == 0
    before = {p.name: p.stat().st_mtime_ns for p in out.iterdir()}
    code, err = _run(["build", str(source), "--out", str(out), "--quiet", "--exclude", str(tmp_path / "nope")],
                     capsys)
    assert code == 2 and "--exclude" in err
    assert {p.name: p.stat().st_mtime_ns for p in out.iterdir()} == before


# 10e. flags checked strictly --------------------------------------------------------------------------------

@pytest.mark.parametrize("flags, message", [
    (["--languages", ""], "--languages: an empty list"),
    (["--languages", "ar,,fa"], "--languages: an empty code"),
    (["--languages", "ar, "], "--languages: an empty code"),
    (["--workers", "99999"], "--workers: 99999 is greater than the maximum of 1024"),
    (["--min-words", "20000"], "--min-words: 20000 is greater than the maximum of 10000"),
    (["--max-shard-mb", "1e30"], "--max-shard-mb: "),
    (["--ray-address", "ray://head:10001"], "--ray-address needs --executor ray"),
])
def test_flags_are_checked_strictly(flags: list[str], message: str, source: Path, tmp_path: Path,
                                    capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "o"
    code, err = _run(["build", str(source), "--out", str(out), "--quiet", *flags], capsys)
    assert code == 2, err
    assert message in err
    assert not out.exists()


@pytest.mark.parametrize("toml, message", [
    ("[filter]\nmin_words = 99999999999999999999999",
     "$.filter.min_words: 99999999999999999999999 is greater than the maximum"),
    ("[run]\nworkers = 5000", "$.run.workers: 5000 is greater than the maximum of 1024"),
    ("[output]\nmax_shard_bytes = 1e20", "$.output.max_shard_bytes: "),
    ("[read]\nmax_document_bytes = 1e20", "$.read.max_document_bytes: "),
    ("[read]\nmax_decompression_ratio = 99999999999", "$.read.max_decompression_ratio: "),
    ('[run]\nray_address = "ray://head:10001"', "$.run.ray_address: set without executor = \"ray\""),
])
def test_settings_have_sane_maxima(toml: str, message: str, source: Path, tmp_path: Path,
                                   capsys: pytest.CaptureFixture[str]) -> None:
    config = tmp_path / "build.toml"
    config.write_text(toml + "\n", encoding="utf-8")
    code, err = _run(["build", str(source), "--out", str(tmp_path / "o"), "--config", str(config), "--quiet"],
                     capsys)
    assert code == 2, err
    assert message in err


def test_ray_address_with_executor_ray_in_the_file_is_accepted() -> None:
    config = BuildConfig.load(executor="ray", ray_address="ray://head:10001")
    assert config.run.ray_address == "ray://head:10001"


@pytest.mark.parametrize("text", ["", "a", "a\n", "\n\n", "a\r\nb\rc\nd",
                                  "a\x0bb\x0cc\x1cd\x1de\x1ef\x85g\u2028h\u2029i", "\r\n\r\n\r", "x\n\r\ny"])
def test_the_cheap_line_count_agrees_with_the_segmenter(text: str) -> None:
    from builder.text.segment import line_count
    from tests.test_fast_paths import LINE_BREAK

    assert line_count(text) == len(LINE_BREAK.split(text))
