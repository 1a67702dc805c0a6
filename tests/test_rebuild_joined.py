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
    there (about 16 us an id) was the largest part of the rebuild's outline. An address in a near-duplicate's id is
    still hidden, and the release is that of a build without the cache."""
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
    assert len(sanitised) == len(made) < sum(1 for line in _lines(src))
    assert any(r["doc_id"].startswith("<email:") for r in made if r["reason"] == "near_duplicate")
    assert not any("ann@example.org" in (r["doc_id"] or "") for r in rejects)
    monkeypatch.undo()
    reference = tmp_path / "reference"
    build([str(src)], reference, BuildConfig.load(cache=False))
    assert release_files(out) == release_files(reference)


def _lines(src: Path) -> list[str]:
    return [line for path in sorted(src.glob("*.jsonl")) for line in path.read_text(encoding="utf-8").splitlines()]
