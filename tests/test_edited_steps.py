"""A user step's module edited after it was imported (a notebook's kernel, not restarted): the loaded
code is what runs, the file is what the cache key hashes. A build in that state must not cache results
under the file's key, or a later process running the file's code would reuse them."""

from __future__ import annotations

import importlib
import logging
import subprocess
import sys
from pathlib import Path

import pytest

from builder.api import build
from builder.config import BuildConfig
from builder.step_loader import edited_since_import
from tests.conftest import EXAMPLES, release_files

MODULE = '''
from dataclasses import dataclass

import pyarrow as pa

from builder.steps import ParagraphFilter

FACTOR = 1


@dataclass(frozen=True)
class DropLong(ParagraphFilter):
    limit: int = 60  # characters, times FACTOR
    name = "drop_long"
    reasons = {"too_long_para": "a paragraph longer than the limit"}

    def decide(self, paragraphs: pa.Table) -> pa.Array:
        texts = paragraphs.column("text").to_pylist()
        return pa.array(["too_long_para" if len(t) > self.limit * FACTOR else None for t in texts], pa.string())
'''

# builds the example corpus with DropLong as the module file now holds it, in a process of its own
FRESH = '''
import sys
sys.path.insert(0, sys.argv[1])
from builder.api import build
from builder.config import BuildConfig
from edited_steps_module import DropLong
r = build([sys.argv[2]], sys.argv[3], BuildConfig.load(cache=sys.argv[4] == "cache"), steps=[DropLong()])
print(r.cache_hits, r.cache_misses, r.line_rejects.get("too_long_para", 0))
'''


@pytest.fixture()
def module(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "modules"
    folder.mkdir()
    (folder / "edited_steps_module.py").write_text(MODULE, encoding="utf-8")
    monkeypatch.syspath_prepend(str(folder))
    monkeypatch.delitem(sys.modules, "edited_steps_module", raising=False)
    return folder / "edited_steps_module.py"


@pytest.mark.parametrize("edit", [
    ("len(t) > self.limit * FACTOR", "len(t) >= self.limit * FACTOR"),  # the method's code
    ("FACTOR = 1", "FACTOR = 5"),  # a module constant the method reads
    ("limit: int = 60", "limit: int = 70"),  # a dataclass field's default
    ("    def decide(", "    def __post_init__(self) -> None:\n        pass\n\n    def decide("),  # a method added
], ids=["method", "module-constant", "field-default", "added-method"])
def test_an_edit_after_the_import_is_seen(module: Path, edit: tuple[str, str]) -> None:
    step = importlib.import_module("edited_steps_module").DropLong()
    assert edited_since_import(step) is None
    module.write_text(MODULE.replace(*edit), encoding="utf-8")
    assert edited_since_import(step) == str(module)


def test_an_unchanged_module_and_a_comment_are_not_edits(module: Path) -> None:
    step = importlib.import_module("edited_steps_module").DropLong()
    module.write_text(MODULE.replace("FACTOR = 1", "FACTOR = 1  # a comment"), encoding="utf-8")
    assert edited_since_import(step) is None
    module.unlink()
    assert edited_since_import(step) == str(module)  # the file is gone: the loaded code is all there is


def test_a_build_with_an_edited_module_leaves_nothing_a_fresh_process_would_reuse(
        module: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    step_module = importlib.import_module("edited_steps_module")
    out = tmp_path / "release"
    first = build([str(EXAMPLES)], out, BuildConfig.load(), steps=[step_module.DropLong()])
    assert first.cache_misses > 0
    module.write_text(MODULE.replace("FACTOR = 1", "FACTOR = 5"), encoding="utf-8")  # not reloaded
    with caplog.at_level(logging.WARNING):
        stale = build([str(EXAMPLES)], out, BuildConfig.load(), steps=[step_module.DropLong()])
    assert (stale.cache_hits, stale.cache_misses) == (0, 0)  # the loaded code's results were not cached
    warned = [r.getMessage() for r in caplog.records if "build cache is not used" in r.getMessage()]
    assert len(warned) == 1 and str(module) in warned[0] and "importlib.reload()" in warned[0]

    def fresh(folder: Path, cache: str) -> list[int]:
        done = subprocess.run([sys.executable, "-c", FRESH, str(module.parent), str(EXAMPLES), str(folder), cache],
                              capture_output=True, text=True, check=True)
        return [int(n) for n in done.stdout.split()]

    hits, _, dropped = fresh(out, "cache")
    assert hits == 0  # the entries under the edited file's key were never written
    uncached = tmp_path / "uncached"
    assert fresh(uncached, "nocache")[2] == dropped
    assert dropped < first.line_rejects["too_long_para"]  # the edit changed what is dropped
    assert release_files(out) == release_files(uncached)
