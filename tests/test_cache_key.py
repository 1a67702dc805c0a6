"""The cache is keyed by exactly the settings that change the per-document work: [read], [clean],
[filter] and the user's steps (class, settings, module source). What only changes how the release is
written ([output], [card]) or how the work is spread ([run]) reuses every entry, and the release is
still the one a build without the cache gives."""

from __future__ import annotations

import dataclasses
import shutil
import sys
from pathlib import Path

import pytest

from builder.config import BuildConfig
from builder.run.pipeline import build
from tests.conftest import EXAMPLE_CONFIG, EXAMPLES, release_files

pytestmark = pytest.mark.slow  # some thirty builds of the example corpus

INPUTS = 10  # files in examples/corpus
PASSES = 2  # every input has a cache entry per pass

STEP_MODULE = '''
from dataclasses import dataclass

import pyarrow as pa

from builder.steps import DocumentFilter


@dataclass(frozen=True)
class TitleLength(DocumentFilter):
    name = "title_length"
    reasons = {"long_title": "the title is longer than max_chars"}
    max_chars: int = 1000

    def decide(self, documents: pa.Table) -> pa.Array:
        return pa.array([None] * documents.num_rows, pa.string())
'''


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    src = tmp_path / "corpus"
    shutil.copytree(EXAMPLES, src)
    return src


@pytest.mark.slow  # three builds for each of seven settings
@pytest.mark.parametrize("change", [
    {"version": "2.0.0"}, {"pretty_name": "Another name"}, {"license": "cc0-1.0"},
    {"content_defined_chunking": False}, {"splits": (("train", 0.5), ("test", 0.5))}, {"workers": 2},
    {"max_shard_bytes": 8192},
], ids=lambda change: next(iter(change)))
def test_output_card_and_run_settings_keep_every_cache_entry(change: dict, corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "release"
    first = build([str(corpus)], out, BuildConfig.load(EXAMPLE_CONFIG))
    assert (first.cache_hits, first.cache_misses) == (0, PASSES * INPUTS)
    changed = BuildConfig.load(EXAMPLE_CONFIG, **change)
    again = build([str(corpus)], out, changed)
    assert (again.cache_hits, again.cache_misses) == (PASSES * INPUTS, 0)
    # split assignment, shards and the card happen after the cache: the release is that of a fresh build
    fresh = tmp_path / "fresh"
    build([str(corpus)], fresh, dataclasses.replace(changed, run=dataclasses.replace(changed.run, cache=False)))
    assert release_files(out) == release_files(fresh)


@pytest.mark.slow
@pytest.mark.parametrize("change", [{"min_words": 3}, {"pii_phones": True}, {"max_document_lines": 500},
                                    {"html_extraction": "balanced"}], ids=lambda change: next(iter(change)))
def test_settings_of_the_per_document_work_miss(change: dict, corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "release"
    build([str(corpus)], out, BuildConfig.load(EXAMPLE_CONFIG))
    again = build([str(corpus)], out, BuildConfig.load(EXAMPLE_CONFIG, **change))
    assert again.cache_hits == 0 and again.cache_misses == PASSES * INPUTS


def test_a_user_steps_setting_and_source_are_in_the_key(corpus: Path, tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    modules = tmp_path / "modules"
    modules.mkdir()
    (modules / "cache_key_steps.py").write_text(STEP_MODULE, encoding="utf-8")
    monkeypatch.syspath_prepend(str(modules))
    monkeypatch.delitem(sys.modules, "cache_key_steps", raising=False)
    config = tmp_path / "build.toml"
    # top-level keys come before the first table
    config.write_text('steps = ["cache_key_steps:TitleLength"]\n' + EXAMPLE_CONFIG.read_text(encoding="utf-8"),
                      encoding="utf-8")
    out = tmp_path / "release"
    build([str(corpus)], out, BuildConfig.load(config))
    same = build([str(corpus)], out, BuildConfig.load(config))
    assert (same.cache_hits, same.cache_misses) == (PASSES * INPUTS, 0)

    with_setting = tmp_path / "setting.toml"
    with_setting.write_text(config.read_text(encoding="utf-8") + "\n[settings.title_length]\nmax_chars = 50\n",
                            encoding="utf-8")
    changed = build([str(corpus)], out, BuildConfig.load(with_setting))
    assert (changed.cache_hits, changed.cache_misses) == (0, PASSES * INPUTS)

    # a new session imports the edited module (another size: a .pyc of the same second and size would be taken
    # as current); edited under a session that imported it, see tests/test_edited_steps.py
    (modules / "cache_key_steps.py").write_text(STEP_MODULE.replace("1000", "20000"), encoding="utf-8")
    monkeypatch.delitem(sys.modules, "cache_key_steps")
    edited = build([str(corpus)], out, BuildConfig.load(with_setting))  # same settings, the step's code changed
    assert (edited.cache_hits, edited.cache_misses) == (0, PASSES * INPUTS)
