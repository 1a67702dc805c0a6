"""Incremental rebuilds: only changed inputs are reprocessed, and the release equals a full build."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

from builder.config import BuildConfig
from builder.run.pipeline import among, build
from tests.conftest import EXAMPLE_CONFIG, EXAMPLES, release_files, text_for

INPUTS = 10  # files in examples/corpus


def full_build(src: Path, out: Path) -> dict[str, bytes]:
    build([str(src)], out, BuildConfig.load(EXAMPLE_CONFIG, cache=False))
    assert not (out / ".cache").exists()
    return release_files(out)


def test_rebuild_after_a_change_an_addition_and_a_removal(tmp_path: Path) -> None:
    src = tmp_path / "corpus"
    shutil.copytree(EXAMPLES, src)
    out = tmp_path / "release"
    config = BuildConfig.load(EXAMPLE_CONFIG)
    first = build([str(src)], out, config)
    assert (first.cache_hits, first.cache_misses) == (0, 2 * INPUTS)  # two passes over every file

    changed = src / "news" / "en" / "001_solar_farm.txt"
    changed.write_text(changed.read_text().replace("200,000 homes", "250,000 homes"))
    (src / "news" / "ar" / "003_culture_festival.txt").unlink()
    (src / "news" / "fr" / "002_added.txt").write_text("Société\n" + text_for("added"), encoding="utf-8")
    again = build([str(src)], out, config)
    assert again.cache_misses == 2 * 2  # the changed and the added file, in both passes
    assert again.cache_hits == 2 * (INPUTS - 2)
    assert release_files(out) == full_build(src, tmp_path / "full")
    assert len(list((out / ".cache").iterdir())) == INPUTS  # the removed file's entry is gone


@pytest.mark.slow
def test_new_documents_that_make_a_line_repeated_reprocess_the_old_files(tmp_path: Path) -> None:
    src = tmp_path / "corpus"
    (src / "site").mkdir(parents=True)
    sign_off = "خدمة الأخبار العاجلة عبر الهاتف"
    for i in range(2):
        (src / "site" / f"old{i}.txt").write_text(text_for(f"old{i}") + "\n" + sign_off, encoding="utf-8")
    out = tmp_path / "release"
    config = BuildConfig()
    build([str(src)], out, config)
    (src / "site" / "new.txt").write_text(text_for("new") + "\n" + sign_off, encoding="utf-8")
    again = build([str(src)], out, config)
    # the sign-off is now in 3 documents of the site: the old files' second pass is redone
    assert again.cache_hits == 2 and again.cache_misses == 4
    assert release_files(out) == release_files(_full(src, tmp_path / "full"))
    assert again.line_rejects["boilerplate_repeated"] == 3


def _full(src: Path, out: Path) -> Path:
    build([str(src)], out, BuildConfig.load(cache=False))
    return out


@settings(max_examples=300, deadline=None)
@given(st.lists(st.integers(0, 2**64 - 1) | st.sampled_from([0, 1, 2**63, 2**64 - 1]), max_size=60),
       st.lists(st.integers(0, 2**64 - 1) | st.sampled_from([0, 1, 2**63, 2**64 - 1]), max_size=30))
def test_among_is_intersect1d(keys: list[int], known: list[int]) -> None:
    """The cached second pass's entry names hash these bytes: `among` must give intersect1d's, to the byte."""
    keys_array, known_array = np.array(keys, dtype=np.uint64), np.unique(np.array(known, dtype=np.uint64))
    found = among(keys_array, known_array)
    expected = np.intersect1d(keys_array, known_array)
    assert found.dtype == expected.dtype == np.uint64
    assert found.tobytes() == expected.tobytes()
