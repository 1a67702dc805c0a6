"""The selection decides most of a batch over arrays (dedup.selection.Selection.decide_all): its decisions
are those of deciding every document one by one, in build order, against the indexes and the batch's
earlier documents."""

from __future__ import annotations

import random
from pathlib import Path

import numpy as np

from builder.dedup.selection import Decision, Lookup, Selection


def one_by_one(selection: Selection, batch: list[tuple[str, list[int], list[int]]]) -> list[Decision]:
    """Every document through `_decide`, in order (what decide_all did for each one before)."""
    bands = np.array([band for _, keys, _ in batch for band in keys], dtype=np.uint64)
    keys = np.array([key for _, _, paragraphs in batch for key in paragraphs if key], dtype=np.uint64)
    band_index, paragraph_index = (Lookup.of(wanted[found], values[found])
                                   for wanted, (found, values) in ((bands, selection.bands.get_many(bands)),
                                                                   (keys, selection.paragraphs.get_many(keys))))
    decisions = [selection._decide(doc_id, doc_bands, doc_keys, band_index, paragraph_index)
                 for doc_id, doc_bands, doc_keys in batch]
    for index, lookup in ((selection.bands, band_index), (selection.paragraphs, paragraph_index)):
        index.add_many(np.array(lookup.added, dtype=np.uint64),
                       np.array([lookup.values[key] for key in lookup.added], dtype=np.uint64))
    return decisions


def columns(batch: list[tuple[str, list[int], list[int]]]) -> tuple[list[str], np.ndarray, np.ndarray, np.ndarray,
                                                                     np.ndarray]:
    return ([doc_id for doc_id, _, _ in batch], np.cumsum([len(bands) for _, bands, _ in batch], dtype=np.int64),
            np.array([band for _, bands, _ in batch for band in bands], dtype=np.uint64),
            np.cumsum([len(keys) for _, _, keys in batch], dtype=np.int64),
            np.array([key for _, _, keys in batch for key in keys], dtype=np.uint64))


def test_decisions_over_arrays_are_those_of_one_document_at_a_time(tmp_path: Path) -> None:
    chance = random.Random(13)
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    fast, slow = Selection(tmp_path / "a"), Selection(tmp_path / "b")
    fast.RECENT_IDS = slow.RECENT_IDS = 8  # the kept ids read back from their file, not only held
    seen = {"near": 0, "partial": 0, "empty": 0, "whole": 0, "near_in_batch": 0}
    for batch_number in range(40):
        batch = []
        for doc in range(chance.randint(0, 60)):
            # keys drawn from small pools, so that documents share bands and paragraphs within a batch and
            # across batches, a band may come twice in a document and a paragraph repeat in its own document
            bands = [chance.randint(1, 3000) for _ in range(chance.choice([0, 3, 14]))]
            keys = [chance.choice([0, chance.randint(1, 400), chance.randint(1, 10**6)])
                    for _ in range(chance.randint(0, 6))]
            batch.append((f"doc-{batch_number}-{doc}", bands, keys))
        expected = one_by_one(slow, batch)
        decided = fast.decide_all(*columns(batch))
        for at, want in enumerate(expected):
            if want.near is not None:
                seen["near"] += 1
                assert decided.near[at] == want.near and at not in decided.partial
            elif want.repeats or not want.unique:
                seen["partial" if want.unique else "empty"] += 1
                assert decided.near[at] == -1 and decided.partial[at] == want
            else:
                seen["whole"] += 1
                assert decided.near[at] == -1 and at not in decided.partial
        seen["near_in_batch"] += sum(1 for want in expected if want.near is not None
                                     and want.near >= len(slow.doc_ids) - len(batch))
        assert len(fast.doc_ids) == len(slow.doc_ids)
        kept = range(len(fast.doc_ids))
        assert [fast.kept_id(i) for i in kept] == [slow.kept_id(i) for i in kept]
    assert min(seen.values()) > 20, seen  # every kind of decision was compared, many times


def test_a_document_whose_paragraphs_all_repeat_has_its_reject_after_their_rejects(tmp_path: Path) -> None:
    """Placed over arrays, a document emptied by dedup keeps the order of a document's rows: its repeated
    paragraphs' rejects, then the document's own reject (place.Placer._partial)."""
    import json

    import pyarrow.parquet as pq

    from builder.api import build
    from builder.config import BuildConfig

    words = "the committee met on tuesday to discuss the regional water plan and its budget".split()
    paragraphs = [" ".join(words[i:] + words[:i]) + f" in district number {i}." for i in range(8)]
    documents = [{"id": "first", "text": "\n\n".join(paragraphs)},
                 {"id": "second", "text": "\n\n".join(paragraphs[:3])}]  # every paragraph an earlier one's
    (tmp_path / "in.jsonl").write_text("".join(json.dumps(d) + "\n" for d in documents), encoding="utf-8")
    build([tmp_path / "in.jsonl"], tmp_path / "out", BuildConfig.load(workers=1))
    rejects = pq.read_table(next((tmp_path / "out" / "rejects").glob("*.parquet"))).to_pylist()
    second = [(r["kind"], r["reason"]) for r in rejects if r["doc_id"] == "second"]
    assert second == [("line", "duplicate_paragraph")] * 3 + [("document", "empty_after_clean")]
