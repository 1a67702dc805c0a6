"""Small input files go several to a task, and their batches are joined into one call of a pass's work
(builder.run.tasks.GROUP_BYTES): what each file gets back must be what a task of its own gives, so the
release is the same byte for byte and a build that groups files reads the cache entries of one that did
not (and the other way round), with the decisions that span inputs and the PII counts that travel with
each file's batch falling inside joined batches."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from builder.config import BuildConfig
from builder.read.inputs import LocalFile
from builder.read.registry import ReadOptions
from builder.run import pipeline, tasks
from builder.run.pipeline import build
from tests.conftest import release_files
from tests.test_rebuild_joined import FILES, _corpus


def _counting(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many files' batches each call of the second pass's work was given (a spy: the real work runs)."""
    parts: list[int] = []
    work = pipeline.process_parted

    def counted(batches: list[list[Any]], *args: Any) -> Any:
        parts.append(len(batches))
        return work(batches, *args)

    monkeypatch.setattr(pipeline, "process_parted", counted)
    return parts


def test_small_files_go_several_to_a_task_and_a_small_build_still_has_tasks_to_spread() -> None:
    def grouping(sizes: list[int]) -> list[int]:
        files = [LocalFile(f"{i}.jsonl", Path(f"/in/{i}.jsonl"), Path("/in")) for i in range(len(sizes))]
        made = list(tasks.tasks(files, dict(zip(files, sizes, strict=True)), ReadOptions()))
        assert [f for task in made for f in task.files] == files  # every file once, in order
        return [len(task.files) for task in made]

    kib = 1024
    assert grouping([150 * kib] * 400) == [7] * 57 + [1]  # up to GROUP_BYTES
    assert grouping([150 * kib] * 100) == [7] * 14 + [2]  # up to the build's bytes / MIN_TASKS
    assert grouping([50 * kib] * 4 + [600 * kib] + [50 * kib] * 150) == [4, 1, *[11] * 13, 7]
    assert grouping([2 * kib] * 12) == [1] * 12  # a small build: MIN_TASKS tasks at most of it, not one
    assert grouping([1 * kib] * 48) == [3] * 16


def test_the_last_tasks_are_smaller_with_more_than_one_worker() -> None:
    kib = 1024
    files = [LocalFile(f"{i}.jsonl", Path(f"/in/{i}.jsonl"), Path("/in")) for i in range(100)]
    sizes = dict(zip(files, [150 * kib] * 100, strict=True))

    def grouping(workers: int) -> list[int]:
        made = list(tasks.tasks(files, sizes, ReadOptions(), workers))
        assert [f for task in made for f in task.files] == files  # every file once, in order
        return [len(task.files) for task in made]

    assert grouping(1) == [7] * 14 + [2]  # one worker: whole groups to the end
    # two: a group (960,000 bytes here: 7 files) is at most the bytes left / 4 once fewer than 3,840,000 are
    # left (23 files: 6 of 883,200; 17: 5 of 652,800; 12: 3 of 460,800; 9: 3 of 345,600), and at least a
    # quarter of a group (240,000: 2 files)
    assert grouping(2) == [7] * 11 + [6, 5, 3, 3, 2, 2, 2]
    assert len(grouping(4)) > len(grouping(2)) and grouping(4)[-2:] == [2, 1]  # the bytes left / 8


def test_small_files_grouped_in_one_batch_give_the_release_of_a_task_per_file(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    src = tmp_path / "src"
    _corpus(src)
    monkeypatch.setattr(tasks, "MIN_TASKS", 1)  # group this small build as a large one would be
    calls = _counting(monkeypatch)
    grouped = build([str(src)], tmp_path / "grouped", BuildConfig.load(cache=False))
    assert max(calls) > 1 and sum(calls) == FILES  # files' batches joined: fewer calls than files
    assert grouped.document_rejects["near_duplicate"] and grouped.line_rejects["duplicate_paragraph"]
    assert grouped.document_rejects["duplicate_id"] and sum(grouped.pii.values())
    calls.clear()
    monkeypatch.setattr(tasks, "GROUP_BYTES", 0)  # a task per file
    build([str(src)], tmp_path / "alone", BuildConfig.load(cache=False))
    assert calls == [1] * FILES
    assert release_files(tmp_path / "grouped") == release_files(tmp_path / "alone")


@pytest.mark.parametrize("first_grouped", [False, True])
def test_grouped_and_ungrouped_builds_read_each_others_cache_entries(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, first_grouped: bool) -> None:
    src, out = tmp_path / "src", tmp_path / "out"
    _corpus(src)
    monkeypatch.setattr(tasks, "MIN_TASKS", 1)
    monkeypatch.setattr(tasks, "GROUP_BYTES", tasks.GROUP_BYTES if first_grouped else 0)
    build([str(src)], out, BuildConfig())
    changed = src / "part-05.jsonl"  # in the middle of a group
    changed.write_text(changed.read_text(encoding="utf-8").replace('"doc-5-2"', '"doc-5-2b"'), encoding="utf-8")
    monkeypatch.setattr(tasks, "GROUP_BYTES", 0 if first_grouped else 1 << 20)
    again = build([str(src)], out, BuildConfig())
    assert (again.cache_hits, again.cache_misses) == (2 * (FILES - 1), 2)
    reference = tmp_path / "reference"
    build([str(src)], reference, BuildConfig.load(cache=False))
    assert release_files(out) == release_files(reference)


@pytest.mark.slow  # builds in a pool of worker processes
def test_worker_processes_read_a_tasks_files_and_give_the_same_release(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The grouping is decided here and the files read where the task runs: a pool's workers, given tasks of
    several files, give the release of this process's task-per-file build."""
    src = tmp_path / "src"
    _corpus(src)
    monkeypatch.setattr(tasks, "GROUP_BYTES", 0)
    alone = build([str(src)], tmp_path / "alone", BuildConfig.load(workers=1, cache=False))
    assert not alone.worker_pids
    monkeypatch.setattr(tasks, "GROUP_BYTES", 1 << 20)
    monkeypatch.setattr(tasks, "MIN_TASKS", 3)  # 12 files in 3 or 4 tasks
    monkeypatch.setattr(pipeline, "SMALL_WORK_BYTES", 0)  # start the pool for this small build
    pooled = build([str(src)], tmp_path / "pooled", BuildConfig.load(workers=2, cache=False))
    assert pooled.worker_pids and os.getpid() not in pooled.worker_pids and pooled.reader_pids <= pooled.worker_pids
    assert release_files(tmp_path / "pooled") == release_files(tmp_path / "alone")


@pytest.mark.parametrize(("documents", "groups", "reads"), [(2500, [[1024], [1024], [452]], [2048, 2500, 2500]),
                                                         (2048, [[1024], [1024, 0]], [2048, 2048])])
def test_a_file_s_batches_end_with_the_rest_marked_last_and_one_batch_at_most_is_read_ahead(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, documents: int, groups: list[list[int]], reads: list[int]
        ) -> None:
    """The rest after the last full batch is the file's last batch (none left: an empty one, joined to the one
    before), and when a joined batch is handed on, only the batch after it has been read (to see whether it
    joins), not the one after that too (2,500 documents: 2,048 read when the first 1,024 are handed on)."""
    path = tmp_path / "docs.jsonl"
    path.write_text("".join(f'{{"id": "d{i}", "text": "Words of document {i}."}}\n' for i in range(documents)))
    read = [0]

    def counted(*args: Any) -> Any:
        for item in real(*args):
            read[0] += 1
            yield item

    real = tasks.read_file
    monkeypatch.setattr(tasks, "read_file", counted)
    seen, read_then = [], []
    for parts in tasks.joined_parts([LocalFile("docs.jsonl", path, tmp_path)], ReadOptions()):
        seen.append([(len(part.items), part.last) for part in parts])
        read_then.append(read[0])
    last = len(groups) - 1
    assert seen == [[(n, g == last and j == len(group) - 1) for j, n in enumerate(group)]
                    for g, group in enumerate(groups)]
    assert read_then == reads
