"""A rebuild does not check again the cache entries the last build of the folder wrote or checked
(builder.run.cache_checked), and everything else is still checked in full: an entry planted with this
machine's key, a record that is damaged, a release copied to another folder."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pyarrow as pa
import pytest

from builder.config import BuildConfig
from builder.run import cache_format
from builder.run.cache_checked import SIZE, CheckedEntries
from builder.run.cache_key import load_key
from builder.run.pipeline import build
from tests.conftest import EXAMPLE_CONFIG, EXAMPLES, release_files
from tests.test_cache_safety import INPUTS, _forge, _leaks


@pytest.fixture(scope="module")
def uncached(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    out = tmp_path_factory.mktemp("uncached") / "release"
    build([str(EXAMPLES)], out, BuildConfig.load(EXAMPLE_CONFIG, cache=False))
    return release_files(out)


@pytest.fixture
def checks(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The number of tables each full check of a cached entry's texts looked at, one item per check."""
    seen: list[int] = []
    check = cache_format._check_sanitised

    def counted(tables):  # type: ignore[no-untyped-def]
        tables = list(tables)
        seen.append(len(tables))
        check(tables)

    monkeypatch.setattr(cache_format, "_check_sanitised", counted)
    return seen


def _record(out: Path) -> Path:
    return CheckedEntries(out / ".cache", load_key()[0]).path


def test_a_rebuild_checks_only_what_no_build_of_the_folder_wrote_or_checked(
        uncached: dict[str, bytes], tmp_path: Path, checks: list[int]) -> None:
    out = tmp_path / "release"
    build([str(EXAMPLES)], out, BuildConfig.load(EXAMPLE_CONFIG))
    assert checks == []  # nothing read from the cache
    assert _record(out).stat().st_size == 2 * INPUTS * SIZE  # both passes' entries of every input, as written
    again = build([str(EXAMPLES)], out, BuildConfig.load(EXAMPLE_CONFIG))
    assert (again.cache_hits, again.cache_misses) == (2 * INPUTS, 0)
    assert checks == []  # every entry was written by the last build: none checked again
    assert release_files(out) == uncached
    # the same release in another folder has no record there: each of its paragraph entries is checked once, then known
    moved = tmp_path / "moved"
    shutil.copytree(out, moved)
    build([str(EXAMPLES)], moved, BuildConfig.load(EXAMPLE_CONFIG))
    assert len(checks) >= INPUTS and set(checks) == {2}  # records and rejects of each batch
    checks.clear()
    build([str(EXAMPLES)], moved, BuildConfig.load(EXAMPLE_CONFIG))
    assert checks == []
    assert release_files(moved) == uncached


@pytest.mark.slow
def test_an_entry_planted_with_this_machines_key_in_a_known_folder_is_checked(
        uncached: dict[str, bytes], tmp_path: Path, checks: list[int]) -> None:
    """Should the key leak, an entry written with it is not one the record names: its texts are checked,
    the planted address found, and the entry recomputed."""
    out = tmp_path / "release"
    build([str(EXAMPLES)], out, BuildConfig.load(EXAMPLE_CONFIG))
    build([str(EXAMPLES)], out, BuildConfig.load(EXAMPLE_CONFIG))  # every entry known now
    _forge(out)
    summary = build([str(EXAMPLES)], out, BuildConfig.load(EXAMPLE_CONFIG))
    assert summary.cache_misses == 1
    # the planted entry's batches up to the planted one, where it is refused; no other entry's
    assert 0 < len(checks) < INPUTS and set(checks) == {2}
    assert not _leaks(out)
    assert release_files(out) == uncached


@pytest.mark.parametrize("damage", ["cut", "fifo", "symlink"])
def test_a_record_that_is_not_one_this_tool_writes_is_ignored(
        uncached: dict[str, bytes], tmp_path: Path, checks: list[int], damage: str) -> None:
    out = tmp_path / "release"
    build([str(EXAMPLES)], out, BuildConfig.load(EXAMPLE_CONFIG))
    record = _record(out)
    if damage == "cut":  # a part of an HMAC: not a record of whole ones
        record.write_bytes(record.read_bytes()[:-1])
    elif damage == "fifo":  # would hang a reader that waits on it
        record.unlink()
        os.mkfifo(record)
    else:  # a link to a record of whole HMACs: followed, it would be trusted
        target = tmp_path / "elsewhere"
        target.write_bytes(record.read_bytes())
        record.unlink()
        record.symlink_to(target)
    build([str(EXAMPLES)], out, BuildConfig.load(EXAMPLE_CONFIG))
    assert len(checks) >= INPUTS  # every paragraph entry checked in full
    assert release_files(out) == uncached


def test_a_record_names_exactly_the_entries_added_for_its_folder(tmp_path: Path) -> None:
    key = load_key()[0]
    here, there = CheckedEntries(tmp_path / "a" / ".cache", key), CheckedEntries(tmp_path / "b" / ".cache", key)
    assert here.path != there.path
    here.add(b"\x01" * 32)
    here.save()
    again = CheckedEntries(tmp_path / "a" / ".cache", key)
    assert again.known(b"\x01" * 32) and not again.known(b"\x02" * 32)
    assert not CheckedEntries(tmp_path / "b" / ".cache", key).known(b"\x01" * 32)
    again.save()  # nothing added by this build: the entry it did not use is forgotten
    assert not CheckedEntries(tmp_path / "a" / ".cache", key).known(b"\x01" * 32)


def test_a_record_s_title_or_declared_field_with_an_address_makes_the_entry_corrupt() -> None:
    """Defence in depth behind the cache's signature (attack28): a record's free-text columns other than its text (a
    title, a declared field) are sanitised where made, so one that sanitising would change was not written by this
    tool; its identifiers (pseudonymised) and hashes are not free text."""
    clean = pa.table({"text": ["A paragraph."], "doc_id": ["<email:0123456789ab> 4111 1111 1111 1111"],
                      "title": ["A title"], "section": ["news"]})
    cache_format._check_sanitised([clean])
    for name in ("title", "section"):
        planted = clean.set_column(clean.schema.get_field_index(name), name, pa.array(["write to ali@example.com"]))
        with pytest.raises(cache_format.CorruptEntry, match=name):
            cache_format._check_sanitised([planted])


def test_an_entry_s_snippet_with_an_address_makes_the_entry_corrupt() -> None:
    """A document's snippet (published for a document the driver rejects) is sanitised where made too, so an entry
    whose snippet sanitising would change was not written by this tool (attack28: it was read unchecked). An honest
    entry decodes, unchecked or known."""
    import dataclasses

    from tests.test_cache_safety import PLANTED, _rows, _schema

    rows = _rows()
    honest = cache_format.encode_rows(rows)
    assert cache_format.decode_rows(honest, _schema()).entries == rows.entries
    index = next(i for i, entry in enumerate(rows.entries) if entry.snippet is not None)
    rows.entries[index] = dataclasses.replace(rows.entries[index], snippet=PLANTED)
    rows.cache_entry = None
    planted = cache_format.encode_rows(rows)
    with pytest.raises(cache_format.CorruptEntry, match="snippet"):
        cache_format.decode_rows(planted, _schema())
    cache_format.decode_rows(planted, _schema(), known=True)  # known sound: not checked again
