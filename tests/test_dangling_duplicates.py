"""A reject's `duplicate_of` names the copy kept instead (a record or a document of the release). After a takedown
no row is left pointing at the removed copy: a takedown is a rebuild with `--exclude`, and the duplicates are chosen
again without it. A release edited by hand can have one: `validate` names the row, the value and what to do. A shard
that could not be read (missing, a link) is the one problem: what a duplicate_of names, the counts and the card's
figures are unknown then, not wrong (ux27 row 5: each reference into the unread shard was a second problem)."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from pathlib import Path

import pyarrow.compute as pc
import pyarrow.parquet as pq
import pytest

from builder import api
from builder.cli import main
from builder.release.check import MAX_ROW_ISSUES, check_release

FIRST = "The river council met on Monday to discuss the new bridge over the old canal and its cost to the town."
SECOND = "Residents asked why the work had been delayed for three years and who would pay for the extra repairs."
THIRD = "A third paragraph only the last document has, about the weather in the valley during the long winter."
DATA = "data/train-00000-of-00001.parquet"
REJECTS = "rejects/train-00000-of-00001.parquet"


def sources(folder: Path, copies: int = 1) -> Path:
    """`a`, then `copies` near-duplicates of it (document rejects naming `a`), then `c`, whose first paragraph is
    a's (a line reject naming a's first record)."""
    docs = [{"id": "a", "text": f"{FIRST}\n\n{SECOND}"}]
    docs += [{"id": f"b{i}", "text": f"{FIRST}\n\n{SECOND}"} for i in range(copies)]
    docs.append({"id": "c", "text": f"{FIRST}\n\n{THIRD}"})
    for i, doc in enumerate(docs):  # each from its own site: lines many pages of one site repeat are its template
        doc["url"] = f"https://site{i}.example.org/news/{doc['id']}"
    folder.mkdir()
    (folder / "docs.jsonl").write_text("".join(json.dumps(d) + "\n" for d in docs), encoding="utf-8")
    return folder


def rows(release: Path, folder: str) -> list[dict]:
    return pq.read_table(release / folder, columns=["doc_id", "reason", "duplicate_of"]
                         if folder == "rejects" else ["id", "doc_id"]).to_pylist()


def without_document(release: Path, doc_id: str) -> None:
    """The document's rows taken out of the data shard by hand, and the manifest's entry for the shard made to
    match, as someone "taking a document down" in a published release might."""
    shard = release / DATA
    table = pq.read_table(shard)
    pq.write_table(table.filter(pc.not_equal(table["doc_id"], doc_id)), shard)
    manifest = json.loads((release / "manifest.json").read_text(encoding="utf-8"))
    entry = next(o for o in manifest["outputs"] if o["path"] == DATA)
    entry.update(bytes=shard.stat().st_size, sha256=hashlib.sha256(shard.read_bytes()).hexdigest(),
                 rows=pq.read_metadata(shard).num_rows)
    (release / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")


def test_a_takedown_of_the_kept_copy_leaves_no_reference_to_it(tmp_path: Path) -> None:
    source = sources(tmp_path / "src")
    api.build(source, tmp_path / "rel")
    assert {(r["doc_id"], r["duplicate_of"]) for r in rows(tmp_path / "rel", "rejects")} >= {("b0", "a")}
    (tmp_path / "take.txt").write_text("a\n", encoding="utf-8")
    assert main(["build", str(source), "--out", str(tmp_path / "rel"), "--exclude", str(tmp_path / "take.txt")]) == 0
    kept = rows(tmp_path / "rel", "data")
    assert {r["doc_id"] for r in kept} == {"b0", "c"}
    references = {r["duplicate_of"] for r in rows(tmp_path / "rel", "rejects") if r["duplicate_of"] is not None}
    assert references and references <= {r["id"] for r in kept}
    assert check_release(tmp_path / "rel") == []


def test_a_duplicate_of_naming_a_copy_removed_by_hand_is_named_with_what_to_do(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    api.build(sources(tmp_path / "src"), tmp_path / "rel")
    first_record = next(r["id"] for r in rows(tmp_path / "rel", "data") if r["doc_id"] == "a")
    without_document(tmp_path / "rel", "a")
    assert main(["validate", str(tmp_path / "rel")]) == 1
    out = capsys.readouterr().out.splitlines()
    told = ("names no record or document of the release: the copy kept instead of this one is gone (removed by "
            "hand?); rebuild the release (a takedown is a rebuild with --exclude, which keeps the next copy instead)")
    assert f"{tmp_path / 'rel' / REJECTS}: $.duplicate_of: row 1: duplicate_of 'a' {told}" in out
    assert f"{tmp_path / 'rel' / REJECTS}: $.duplicate_of: row 2: duplicate_of {first_record!r} {told}" in out


def test_many_such_rows_are_listed_up_to_the_limit_then_counted(tmp_path: Path) -> None:
    api.build(sources(tmp_path / "src", copies=MAX_ROW_ISSUES + 5), tmp_path / "rel")
    without_document(tmp_path / "rel", "a")
    found = [i.message for i in check_release(tmp_path / "rel") if i.json_path == "$.duplicate_of"]
    assert len(found) == MAX_ROW_ISSUES + 1
    assert found[-1].endswith(f"and {MAX_ROW_ISSUES + 5 + 1 - MAX_ROW_ISSUES:,} more reject rows from here on whose "
                              "duplicate_of names no record or document of the release")


@pytest.mark.parametrize("how", ["link", "missing"])
def test_a_data_shard_that_cannot_be_read_is_the_one_problem(tmp_path: Path, how: str) -> None:
    api.build(sources(tmp_path / "src"), tmp_path / "rel")
    shard = tmp_path / "rel" / DATA
    shutil.move(shard, tmp_path / "elsewhere.parquet")
    if how == "link":
        os.symlink(tmp_path / "elsewhere.parquet", shard)
    found = [f"{i.location.path}: {i.json_path}: {i.message}" for i in check_release(tmp_path / "rel")]
    assert len(found) == 1 and found[0].startswith(f"{shard}: $: "), found
