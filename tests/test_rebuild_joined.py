"""A cached rebuild joins the batches it reads from the cache before placing them (pipeline.JOIN_ROWS): the
release must be the one a build without the cache makes, file by file, whatever the joins' boundaries,
with the decisions that span inputs (duplicate ids, near-duplicates, repeated paragraphs, which renumber
records) and the counts that travel with each batch (PII replacements) falling in joined batches."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from builder.config import BuildConfig
from builder.run import parted, pipeline
from builder.run.pipeline import build
from builder.text import pii, sanitise
from builder.text.ids import record_id
from builder.text.sanitise import Sanitiser, identifier
from tests.conftest import release_files, text_for

FILES = 12


def _corpus(src: Path) -> None:
    src.mkdir()
    shared = text_for("shared paragraph").split("\n")[0]  # a paragraph repeated in later documents
    for f in range(FILES):
        docs = [{"id": f"doc-{f}-{i}", "text": text_for(f"{f}-{i}")} for i in range(3)]
        if f in (3, 8):  # twice: not so often that it counts as a site's repeated line
            docs.append({"id": f"doc-{f}-shared", "text": text_for(f"{f}-own") + "\n" + shared})
        if f % 3 == 1:  # a near-duplicate of the first file's first document
            docs.append({"id": f"copy-{f}", "text": text_for("0-0")})
        if f % 4 == 2:  # an id seen before, an invalid document, an address to redact
            docs += [{"id": "doc-0-1", "text": text_for(f"again-{f}")}, {"id": f"bad-{f}"},
                     {"id": f"mail-{f}", "text": text_for(f"mail-{f}") + f"\nWrite to writer{f}@example.org today."}]
        (src / f"part-{f:02d}.jsonl").write_text("".join(json.dumps(d) + "\n" for d in docs), encoding="utf-8")


@pytest.mark.parametrize("join_rows", [1, 7, 1_000_000])
def test_a_rebuild_of_joined_cached_batches_equals_a_build_without_the_cache(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, join_rows: int) -> None:
    src, out = tmp_path / "src", tmp_path / "out"
    _corpus(src)
    build([str(src)], out, BuildConfig())
    first = src / "part-00.jsonl"  # changed: every decision after it is taken again over cached rows
    first.write_text(first.read_text(encoding="utf-8").replace('"doc-0-2"', '"doc-0-2b"'), encoding="utf-8")
    monkeypatch.setattr(pipeline, "JOIN_ROWS", join_rows)
    again = build([str(src)], out, BuildConfig())
    assert (again.cache_hits, again.cache_misses) == (2 * (FILES - 1), 2)
    assert again.document_rejects["near_duplicate"] and again.line_rejects["duplicate_paragraph"]
    assert sum(again.pii.values())
    reference = tmp_path / "reference"
    build([str(src)], reference, BuildConfig.load(cache=False))
    assert release_files(out) == release_files(reference)


def test_a_rebuild_sanitises_the_ids_of_only_the_documents_whose_rejects_the_driver_makes(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The ids a reject made in placing shows (a near-duplicate's, a repeated paragraph's, a duplicate id's) are
    pseudonymised where that reject is made: a rebuild outlines every cached document, and pseudonymising each id
    there (about 16 us an id) was the largest part of the rebuild's outline. Since scale22 not even those, where the
    document has candidate records: the outline carries the doc_id they publish (parted.Outline.published), and
    every document this corpus's driver makes a reject of has some. An address in a near-duplicate's id is still
    hidden, and the release is that of a build without the cache."""
    src, out = tmp_path / "src", tmp_path / "out"
    _corpus(src)
    fourth = src / "part-04.jsonl"  # a near-duplicate whose id holds an address
    fourth.write_text(fourth.read_text(encoding="utf-8").replace('"copy-4"', '"copy-of-ann@example.org"'),
                      encoding="utf-8")
    build([str(src)], out, BuildConfig())
    first = src / "part-00.jsonl"
    first.write_text(first.read_text(encoding="utf-8").replace('"doc-0-2"', '"doc-0-2b"'), encoding="utf-8")
    sanitised: list[str] = []
    identifiers = parted.identifiers

    def counted(values: list[str]) -> list[str | None]:
        sanitised.extend(values)
        return identifiers(values)

    monkeypatch.setattr(parted, "identifiers", counted)
    build([str(src)], out, BuildConfig())
    rejects = pq.read_table(out / "rejects").to_pylist()
    made = [r for r in rejects if r["reason"] in ("near_duplicate", "duplicate_paragraph", "duplicate_id")]
    assert {r["reason"] for r in made} == {"near_duplicate", "duplicate_paragraph", "duplicate_id"}
    assert sanitised == [] and len(made) < sum(1 for line in _lines(src))  # each doc_id as the records published it
    assert any(r["doc_id"].startswith("<email:") for r in made if r["reason"] == "near_duplicate")
    assert not any("ann@example.org" in (r["doc_id"] or "") for r in rejects)
    monkeypatch.undo()
    reference = tmp_path / "reference"
    build([str(src)], reference, BuildConfig.load(cache=False))
    assert release_files(out) == release_files(reference)


def _lines(src: Path) -> list[str]:
    return [line for path in sorted(src.glob("*.jsonl")) for line in path.read_text(encoding="utf-8").splitlines()]


def texts_looked_at(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every text pii._apply is given from now on (one looked at one by one), with the identifiers and pseudonyms
    earlier builds in this process remembered forgotten first (sanitise.identifier's cache)."""
    sanitise.identifier.cache_clear()
    looked_at: list[str] = []
    apply = pii._apply

    def spied(text: str, phones: bool, make: pii.Make) -> str:
        looked_at.append(text)
        return apply(text, phones, make)

    monkeypatch.setattr(pii, "_apply", spied)
    return looked_at


def test_a_rebuild_pseudonymises_the_ids_of_the_near_duplicates_rejects_as_a_batch(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A rebuild makes the near-duplicates' rejects in the driver, from cached rows: each names the kept document
    it repeats by its id as published, and shows its own id so. Both went through pseudonymise one by one where
    the RE2 pass picked them, as it picks an id with a date in it (`-20180423.txt`: four and three digits, as a
    card number starts), about 28 us an id, Python's re running every detector's prefilter (at 15 MB, 2,201 kept
    ids and 2,360 near-duplicates' in a rebuild). Both now go in one batch (pii.pseudonymise_all), whose RE2
    passes give each id to the detectors that may change it; one that a detector changes (an address) is
    pseudonymised as before, and the release is that of a build without the cache."""
    src, out = tmp_path / "src", tmp_path / "out"
    src.mkdir()
    kept = [f"doc-2018042{i}.txt" for i in range(6)] + ["ann@example.org"]
    copies = [f"copy-2018042{i}.txt" for i in range(len(kept))]
    for name, ids in (("part-0", kept), ("part-1", copies)):
        docs = [{"id": doc_id, "text": text_for(f"kept-{i}")} for i, doc_id in enumerate(ids)]
        (src / f"{name}.jsonl").write_text("".join(json.dumps(d) + "\n" for d in docs), encoding="utf-8")
    (src / "part-2.jsonl").write_text(json.dumps({"id": "other", "text": text_for("other")}) + "\n", encoding="utf-8")
    assert all(Sanitiser().may_change([*kept, *copies]))  # each picked by the RE2 pass
    build([str(src)], out, BuildConfig())
    (src / "part-2.jsonl").write_text(json.dumps({"id": "other", "text": text_for("changed")}) + "\n", encoding="utf-8")
    looked_at = texts_looked_at(monkeypatch)  # as in a rebuild's own process: nothing remembered
    monkeypatch.setattr(pii, "BATCH_MIN", 2, raising=False)  # a batch as a large build's (fewer: one by one)
    summary = build([str(src)], out, BuildConfig())
    assert summary.document_rejects["near_duplicate"] == len(kept) and summary.cache_hits == 4
    near = [r for r in pq.read_table(out / "rejects").to_pylist() if r["reason"] == "near_duplicate"]
    assert {r["duplicate_of"] for r in near} == {*kept[:-1], identifier("ann@example.org")}
    assert identifier("ann@example.org").startswith("<email:") and {r["doc_id"] for r in near} == set(copies)
    assert not any(value in looked_at for value in [*kept[:-1], *copies])  # none looked at one by one
    assert "ann@example.org" in looked_at  # pseudonymised as pseudonymise does it
    monkeypatch.undo()
    reference = tmp_path / "reference"
    build([str(src)], reference, BuildConfig.load(cache=False))
    assert release_files(out) == release_files(reference)


def test_a_documents_records_pseudonymise_its_id_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A worker making a document's records pseudonymised its id twice where the RE2 pass picked it (an id with
    a date in it): for the doc_id column (identifier) and for the record ids (ids.record_ids). Once now, the
    record ids derived from the doc_id as published; an id with an invisible character in it (where identifier
    and pseudonymise differ) still gives the record ids of pseudonymise."""
    src, out = tmp_path / "src", tmp_path / "out"
    src.mkdir()
    ids = ["doc-20180420.txt", "ann@example.org-20180421", "doc\u2060-20180422.txt"]
    docs = [{"id": doc_id, "text": text_for(f"own-{i}")} for i, doc_id in enumerate(ids)]
    (src / "part-0.jsonl").write_text("".join(json.dumps(d) + "\n" for d in docs), encoding="utf-8")
    looked_at = texts_looked_at(monkeypatch)
    build([str(src)], out, BuildConfig.load(cache=False))
    assert looked_at.count(ids[0]) == 1 and looked_at.count(ids[1]) == 1
    monkeypatch.undo()
    records = pq.read_table(out / "data").to_pylist()
    for doc_id in ids:
        mine = [r for r in records if r["doc_id"] == identifier(doc_id)]
        assert mine and [r["id"] for r in mine] == [record_id(doc_id, r["paragraph_index"]) for r in mine]


def test_the_paragraphs_after_a_repeated_one_are_renumbered_without_pseudonymising_the_id_again(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The driver gives the paragraphs after a repeated one their record ids anew (their index moves up): from the
    id as the document's records publish it, not pseudonymise(id) once a paragraph (an id with a date in it is
    looked at as a card number's start: 2,766 times in a 50 MB rebuild). The ids are record_id's, the same as
    a build without the cache makes; an id with an invisible character still goes through pseudonymise."""
    src, out = tmp_path / "src", tmp_path / "out"
    src.mkdir()
    shared = text_for("shared paragraph").split("\n")[0]
    ids = ["doc-20180425-b.txt", "doc\u2060-20180426.txt"]
    docs = [{"id": "doc-20180424-a.txt", "text": text_for("first") + "\n" + shared},
            *({"id": doc_id, "text": shared + "\n" + text_for(doc_id)} for doc_id in ids)]
    (src / "part-0.jsonl").write_text("".join(json.dumps(d) + "\n" for d in docs), encoding="utf-8")
    looked_at = texts_looked_at(monkeypatch)
    build([str(src)], out, BuildConfig.load(cache=False))
    assert looked_at.count(ids[0]) == 1  # the doc_id column's, in the worker; not once more per paragraph after
    monkeypatch.undo()
    records = pq.read_table(out / "data").to_pylist()
    for doc_id in ids:
        mine = [r for r in records if r["doc_id"] == identifier(doc_id)]
        assert [r["paragraph_index"] for r in mine] == [0, 1]  # renumbered: the repeat was paragraph 0
        assert [r["id"] for r in mine] == [record_id(doc_id, index) for index in (0, 1)]


def test_a_rebuild_makes_arrow_strings_of_the_snippets_of_only_the_documents_its_driver_rejects(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A rebuild outlines its cached rows in the driver (parted): each document's snippet, which only a reject the
    driver makes shows, was made an Arrow string for every document (0.8 CPU-s of a 50 MB rebuild, 96% of whose
    documents are kept); now only the near-duplicates' and the other rejects' made there. The release is the one
    a build without the cache makes."""
    src, out = tmp_path / "src", tmp_path / "out"
    _corpus(src)
    build([str(src)], out, BuildConfig())
    made_arrow: list[str | None] = []
    encodable_array = parted.encodable_array

    def spied(values: list[str | None]) -> object:
        made_arrow.extend(values)
        return encodable_array(values)

    monkeypatch.setattr(parted, "encodable_array", spied)
    again = build([str(src)], out, BuildConfig())
    monkeypatch.undo()
    assert again.cache_misses == 0 and again.document_rejects["near_duplicate"]
    assert text_for("0-0") in made_arrow  # the near-duplicates' reject text (copies of doc-0-0)
    assert not any(text_for(f"{f}-{i}") in made_arrow for f in range(1, FILES) for i in range(3))  # kept ones'
    reference = tmp_path / "reference"
    build([str(src)], reference, BuildConfig.load(cache=False))
    assert release_files(out) == release_files(reference)
