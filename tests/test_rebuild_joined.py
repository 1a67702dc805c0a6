"""A cached rebuild joins the batches it reads from the cache before placing them (pipeline.JOIN_ROWS): the
release must be the one a build without the cache makes, file by file, whatever the joins' boundaries,
with the decisions that span inputs (duplicate ids, near-duplicates, repeated paragraphs, which renumber
records) and the counts that travel with each batch (PII replacements) falling in joined batches."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from builder.config import BuildConfig
from builder.run import pipeline
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
