"""A build imports only what it needs: Pillow only when it draws the card's figures (matplotlib never),
pandas never in the processes that run only our code (builder.run.lean). Each build runs in a fresh interpreter, so
what it imported is what the build imported."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pytest

from builder.run.executors import Processes

ROOT = Path(__file__).resolve().parent.parent
# the CLI's build in a fresh interpreter; prints which of the heavy modules it imported
CHILD = ("import json, sys\n"
         "if '--no-pillow' in sys.argv:\n"
         "    sys.argv.remove('--no-pillow')\n"
         "    sys.modules['PIL'] = None  # an environment without the plots extra: importing PIL fails\n"
         "from builder.cli import console\n"
         "code = console()\n"
         "print(json.dumps(sorted(m for m in ('PIL', 'matplotlib', 'pandas', 'datasets') if sys.modules.get(m))))\n"
         "sys.exit(code)\n")


def imported_by_build(tmp_path: Path, plots: bool, pillow: bool = True) -> tuple[list[str], Path]:
    config = tmp_path / "build.toml"
    config.write_text(f"[card]\nplots = {'true' if plots else 'false'}\n", encoding="utf-8")
    out = tmp_path / "release"
    no_pillow = [] if pillow else ["--no-pillow"]
    done = subprocess.run([sys.executable, "-c", CHILD, "build", "examples/corpus", "--out", str(out), "--config",
                           str(config), "--workers", "1", "--quiet", "--no-cache", *no_pillow], cwd=ROOT,
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.splitlines()[-1]), out


def test_a_build_with_plots_off_imports_neither_pillow_nor_pandas(tmp_path: Path) -> None:
    imported, out = imported_by_build(tmp_path, plots=False)
    assert imported == []
    assert not (out / "plots").exists()
    assert "![" not in (out / "README.md").read_text(encoding="utf-8")


@pytest.mark.skipif(importlib.util.find_spec("PIL") is None, reason="the plots extra is not installed")
def test_a_build_with_plots_imports_pillow_not_matplotlib_and_draws(tmp_path: Path) -> None:
    imported, out = imported_by_build(tmp_path, plots=True)
    assert imported == ["PIL"]
    assert sorted(p.name for p in (out / "plots").iterdir()) == ["languages.png", "paragraph_lengths.png"]
    from PIL import Image

    with Image.open(out / "plots" / "languages.png") as figure:
        assert (figure.format, figure.size) == ("PNG", (700, 320))
        assert len(figure.getcolors(1 << 16) or ()) > 20  # drawn: bars, axes and anti-aliased text, not a blank


def test_without_pillow_the_build_writes_no_figures(tmp_path: Path) -> None:
    imported, out = imported_by_build(tmp_path, plots=True, pillow=False)
    assert imported == []
    assert not (out / "plots").exists()
    assert "![" not in (out / "README.md").read_text(encoding="utf-8")


def test_workers_without_user_steps_refuse_pandas_and_others_allow_it() -> None:
    lean, plain = Processes(1, lean=True), Processes(1)
    try:
        with pytest.raises(ModuleNotFoundError, match="kept out of build processes"):
            list(lean.map(importlib.util.find_spec, ["pandas"]))
        assert [spec.name for spec in plain.map(importlib.util.find_spec, ["pandas"])] == ["pandas"]
    finally:
        lean.close()
        plain.close()


def test_main_called_from_python_leaves_the_callers_process_able_to_use_pandas(tmp_path: Path) -> None:
    """Only the command's own process keeps pandas out: a program (or a test) that calls main() goes on to
    load the release with datasets and pandas in the same interpreter."""
    out = tmp_path / "release"
    code = ("import sys\n"
            "from builder.cli import main\n"
            f"assert main(['build', 'examples/corpus', '--out', {str(out)!r}, '--workers', '1', '--quiet', "
            "'--no-cache']) == 0\n"
            "import datasets, pyarrow as pa\n"
            f"frame = datasets.load_dataset('parquet', data_dir={str(out / 'data')!r}, split='train').to_pandas()\n"
            "print(len(frame), pa.table({'a': [1]}).to_pandas().shape)\n")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    rows, shape = done.stdout.splitlines()[-1].split(maxsplit=1)
    assert int(rows) > 0 and shape.strip() == "(1, 1)"


def test_a_rebuild_the_cache_answers_imports_no_ftfy(tmp_path: Path) -> None:
    """The driver never repairs text (the work does), so a rebuild that finds every input in the cache has
    no use for ftfy, a tenth of a second of its start-up; a build with work to do still repairs mojibake."""
    src = tmp_path / "src"
    src.mkdir()
    (src / "docs.jsonl").write_text(json.dumps({"id": "a", "text": "CafÃ© au lait is served at the river "
                                                "market every morning."}) + "\n", encoding="utf-8")
    out = tmp_path / "release"
    child = ("import sys\n"
             "from builder.cli import main\n"
             "code = main(sys.argv[1:])\n"
             "print('ftfy' in sys.modules)\n"
             "sys.exit(code)\n")
    runs = [subprocess.run([sys.executable, "-c", child, "build", str(src), "--out", str(out), "--workers", "1",
                            "--quiet"], cwd=ROOT, capture_output=True, text=True, timeout=600) for _ in range(2)]
    assert [run.returncode for run in runs] == [0, 0], runs[-1].stderr
    assert [run.stdout.splitlines()[-1] for run in runs] == ["True", "False"]
    import pyarrow.parquet as pq

    assert pq.read_table(next((out / "data").glob("*.parquet"))).column("text").to_pylist() == [
        "Café au lait is served at the river market every morning."]
