"""`build --out DIR` is safe by construction: it refuses folders that are not its own, never deletes
a file it did not write, never follows a symbolic link, never reads its own output back as input,
holds a lock against a second build, reads --previous before touching anything, and cleans up
after itself when it fails."""

from __future__ import annotations

import hashlib
import json
import logging
import os
import resource
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from builder.cli import main
from builder.release.check import check_release
from builder.release.diff import diff
from builder.release.outdir import claim
from tests.conftest import ROOT, release_files, text_for


def write_corpus(folder: Path, documents: int, seed: str = "") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / "docs.jsonl", "w", encoding="utf-8") as f:
        for i in range(documents):
            f.write(json.dumps({"id": f"doc-{i}", "text": "Headline\n" + text_for(f"{seed}{i}")}) + "\n")
    return folder


def snapshot(folder: Path) -> dict[str, object]:
    """Every entry under `folder`, links not followed: file bytes, link targets, folders."""
    found: dict[str, object] = {}
    for dirpath, dirnames, filenames in os.walk(folder, followlinks=False):
        for name in dirnames + filenames:
            path = Path(dirpath, name)
            key = path.relative_to(folder).as_posix()
            if path.is_symlink():
                found[key] = ("link", os.readlink(path))
            elif path.is_dir():
                found[key] = "dir"
            else:
                found[key] = path.read_bytes()
    return found


def build(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    code = main(["build", *args, "--quiet", "--workers", "1"])
    return code, capsys.readouterr().err


@pytest.fixture(scope="module")
def released(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A small corpus and a release of it, to copy into each test."""
    base = tmp_path_factory.mktemp("safety")
    src = write_corpus(base / "src", 40)
    out = base / "release"
    assert main(["build", str(src), "--out", str(out), "--quiet", "--workers", "1", "--version", "1.0.0"]) == 0
    return src, out


def copy_release(released: tuple[Path, Path], tmp_path: Path) -> tuple[Path, Path]:
    src, out = released
    shutil.copytree(src, tmp_path / "src")
    shutil.copytree(out, tmp_path / "out", symlinks=True)
    return tmp_path / "src", tmp_path / "out"


# --- 1. a folder that is not a release is refused, untouched ----------------------------------------

def test_a_folder_of_the_users_is_refused_and_left_untouched(tmp_path: Path,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    src = write_corpus(tmp_path / "src", 5)
    mine = tmp_path / "mine"
    for relative in ("data/keep.parquet", "rejects/keep.txt", "plots/keep.png", ".cache/keep/x", "README.md",
                     "manifest.txt", "notes.txt"):
        (mine / relative).parent.mkdir(parents=True, exist_ok=True)
        (mine / relative).write_text(f"the user's {relative}")
    before = snapshot(mine)
    code, err = build(capsys, str(src), "--out", str(mine))
    assert code == 2
    assert f"--out {mine}: not empty, and not a release written by dataset-builder" in err
    assert "choose an empty or new folder" in err
    assert snapshot(mine) == before


@pytest.mark.slow
def test_build_into_the_project_folder_does_not_delete_the_raw_inputs(tmp_path: Path) -> None:
    """`build data/raw --out .` in a git project: the reported case that deleted data/."""
    project = tmp_path / "project"
    write_corpus(project / "data" / "raw", 5)
    (project / ".git").mkdir()
    (project / ".git" / "HEAD").write_text("ref: refs/heads/main\n")
    (project / "README.md").write_text("# my project\n")
    before = snapshot(project)
    result = subprocess.run([sys.executable, "-m", "builder", "build", "data/raw", "--out", ".", "--quiet"],
                            cwd=project, capture_output=True, text=True,
                            env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert result.returncode == 2, result.stderr
    assert "contains the source data/raw" in result.stderr
    assert snapshot(project) == before


def test_an_empty_folder_is_accepted(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = write_corpus(tmp_path / "src", 5)
    (tmp_path / "empty").mkdir()
    assert build(capsys, str(src), "--out", str(tmp_path / "empty"))[0] == 0
    assert check_release(tmp_path / "empty") == []


@pytest.mark.parametrize("out", ["nothere/../rel", "nothere/deeper/../../rel", "src/../nothere/../rel"])
def test_an_out_that_steps_back_out_of_a_missing_folder_is_refused_and_creates_nothing(
        out: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """ux27's trial: `--out nothere/../rel` built `rel` and left an empty `nothere` beside it."""
    src = write_corpus(tmp_path / "src", 2)
    monkeypatch.chdir(tmp_path)
    code, said = build(capsys, str(src), "--out", out)
    assert code == 2 and "/.. leads nowhere" in said and f"error: --out {out}: " in said
    assert sorted(p.name for p in tmp_path.iterdir()) == ["src"]


def test_an_out_that_steps_back_out_of_an_existing_folder_builds(tmp_path: Path,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    src = write_corpus(tmp_path / "src", 2)
    assert build(capsys, str(src), "--out", str(tmp_path / "src" / ".." / "rel"))[0] == 0
    assert check_release(tmp_path / "rel") == []


# --- 2. --out equal to, inside or above a source -------------------------------------------------------

@pytest.mark.parametrize("where, message", [
    ("src", "is the source"), ("src/release", "is inside the source"), (".", "contains the source")])
def test_out_equal_to_inside_or_above_a_source_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                          where: str, message: str) -> None:
    src = write_corpus(tmp_path / "src", 5)
    before = snapshot(tmp_path)
    code, err = build(capsys, str(src), "--out", str(tmp_path / where))
    assert code == 2
    assert message in err and "put --out outside the source folders" in err
    assert snapshot(tmp_path) == before


def test_out_holding_an_input_file_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                              released: tuple[Path, Path]) -> None:
    src, out = copy_release(released, tmp_path)
    shutil.move(src / "docs.jsonl", out / "docs.jsonl")  # a release folder the user keeps an input in
    before = snapshot(out)
    code, err = build(capsys, str(out / "docs.jsonl"), "--out", str(out))
    assert code == 2 and "contains the source" in err
    assert snapshot(out) == before


def test_a_glob_that_would_read_the_release_back_is_refused_and_one_that_cannot_is_not(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = write_corpus(tmp_path / "src", 5)
    code, err = build(capsys, f"{src}/**/*.json*", "--out", str(src / "release"))
    assert code == 2 and "is inside the source" in err
    assert not (src / "release").exists()
    # a pattern for top-level files cannot reach into a sub-folder
    assert build(capsys, f"{src}/*.jsonl", "--out", str(src / "release"))[0] == 0


@pytest.mark.parametrize("key", [".cache/k", "cache.key", "sub/../.cache/k"])
def test_a_cache_key_inside_out_is_refused_before_anything_is_written(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, key: str) -> None:
    """Session 15's tester: the key that signs the cache was kept in the folder that is published (anyone with
    the release could sign entries the user's next build trusts). With --no-cache no key is used."""
    src, out = write_corpus(tmp_path / "src", 5), tmp_path / "release"
    monkeypatch.setenv("DATASET_BUILDER_CACHE_KEY_FILE", str(out / key))
    code, err = build(capsys, str(src), "--out", str(out))
    assert code == 2
    assert f"the cache key {out / key} is inside it" in err and "DATASET_BUILDER_CACHE_KEY_FILE" in err
    assert not out.exists()
    assert build(capsys, str(src), "--out", str(out), "--no-cache")[0] == 0 and not (out / key).exists()


# --- 1. symbolic links are never followed --------------------------------------------------------------

@pytest.mark.parametrize("name", [".cache", ".staging", "data", "rejects", "plots"])
def test_a_symlinked_build_folder_is_refused_and_its_target_untouched(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], released: tuple[Path, Path], name: str) -> None:
    src, out = copy_release(released, tmp_path)
    victim = tmp_path / "victim"
    (victim / "folder").mkdir(parents=True)
    (victim / "folder" / "precious.txt").write_text("keep me")
    (victim / "precious.parquet").write_text("keep me too")
    shutil.rmtree(out / name, ignore_errors=True)
    (out / name).symlink_to(victim, target_is_directory=True)
    before, victim_before = snapshot(out), snapshot(victim)
    code, err = build(capsys, str(src), "--out", str(out))
    assert code == 2
    assert f"{out / name} is a symbolic link" in err
    assert snapshot(victim) == victim_before
    assert snapshot(out) == before


# --- 1. only files the build wrote are replaced -------------------------------------------------------

@pytest.mark.parametrize("extra, named", [
    ("data/train-00000-of-00001.parquet.bak", "data/train-00000-of-00001.parquet.bak"),
    ("rejects/notes.txt", "rejects/notes.txt"), ("data/sub/x", "data/sub")])
def test_unknown_files_in_a_release_are_named_not_deleted(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                          released: tuple[Path, Path], extra: str, named: str) -> None:
    src, out = copy_release(released, tmp_path)
    (out / extra).parent.mkdir(parents=True, exist_ok=True)
    (out / extra).write_text("mine")
    before = snapshot(out)
    code, err = build(capsys, str(src), "--out", str(out))
    assert code == 2
    assert named in err and "not written by this build" in err
    assert snapshot(out) == before


@pytest.mark.parametrize("extra", [".rejected-build/notes.txt", ".rejected-build/rejects/mine.parquet",
                                   ".staging/mine.txt", ".staging/release/data/sub/x", ".staging/parts/notes"])
def test_a_file_of_the_users_in_a_scratch_folder_is_named_not_deleted(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], released: tuple[Path, Path], extra: str) -> None:
    """.staging and .rejected-build are the build's own, and the next build clears them, but only of what a
    build writes there: anything else (here beside a set-aside shard and a killed build's ledger and part, which
    alone would be cleared) stops the build, named, with every file as it was."""
    src, out = copy_release(released, tmp_path)
    own = [".rejected-build/rejects/train-00000-of-00001.parquet", ".staging/parts/train-00000.parquet.partial"]
    for path in [*own, extra]:
        (out / path).parent.mkdir(parents=True, exist_ok=True)
        (out / path).write_text("mine" if path == extra else "the build's")
    before = snapshot(out)
    code, err = build(capsys, str(src), "--out", str(out))
    assert code == 2
    assert extra.removesuffix("/x") in err and "not written by this tool" in err, err
    assert snapshot(out) == before
    # without the user's file, the next build clears what a build left there, and nothing else remains
    (out / extra).unlink()
    if extra.endswith("/sub/x"):
        (out / extra).parent.rmdir()
    assert build(capsys, str(src), "--out", str(out))[0] == 0
    assert not (out / ".rejected-build").exists() and not (out / ".staging").exists()


def test_a_link_in_a_scratch_folder_is_refused_and_its_target_untouched(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], released: tuple[Path, Path]) -> None:
    src, out = copy_release(released, tmp_path)
    (tmp_path / "precious.txt").write_text("keep me")
    (out / ".rejected-build" / "rejects").mkdir(parents=True)
    (out / ".rejected-build" / "rejects" / "train-00000-of-00001.parquet").symlink_to(tmp_path / "precious.txt")
    before = snapshot(tmp_path)
    code, err = build(capsys, str(src), "--out", str(out))
    assert code == 2 and ".rejected-build/rejects/train-00000-of-00001.parquet" in err
    assert snapshot(tmp_path) == before


@pytest.mark.parametrize("path", ["../victim.txt", "/etc/hostname", "data/../../victim.txt", "notes/a.txt"])
def test_a_manifest_listing_paths_the_tool_never_writes_is_not_trusted(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], released: tuple[Path, Path], path: str) -> None:
    src, out = copy_release(released, tmp_path)
    (tmp_path / "victim.txt").write_text("keep me")
    document = json.loads((out / "manifest.json").read_text())
    document["outputs"].append({"path": path, "bytes": 7, "sha256": "0" * 64})
    (out / "manifest.json").write_text(json.dumps(document))
    before = snapshot(tmp_path)
    code, err = build(capsys, str(src), "--out", str(out))
    assert code == 2
    assert "manifest.json" in err and repr(path) in err
    assert snapshot(tmp_path) == before


@pytest.mark.parametrize("path", ["plots/my-plot.png", "data/notes.parquet", "rejects/train.parquet",
                                  "data/train-00000-of-00001.parquet.bak"])
def test_a_file_of_the_users_listed_with_its_own_hash_is_not_the_tools(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], released: tuple[Path, Path], path: str) -> None:
    """A manifest edited to list a file of the user's in a release folder, with that file's true size and sha256:
    the next build deleted it (ux28). Inside data/ and rejects/ a build writes only shards named as it names them,
    in plots/ only its two figures: any other name is no file of the tool's, and the build stops, naming it."""
    src, out = copy_release(released, tmp_path)
    (out / path).write_bytes(b"mine")
    document = json.loads((out / "manifest.json").read_text())
    document["outputs"].append({"path": path, "bytes": 4, "sha256": hashlib.sha256(b"mine").hexdigest()})
    (out / "manifest.json").write_text(json.dumps(document))
    before = snapshot(out)
    code, err = build(capsys, str(src), "--out", str(out))
    assert code == 2
    assert f"manifest.json lists {path!r}, which dataset-builder never writes" in err
    assert snapshot(out) == before
    assert [i.json_path for i in check_release(out)] == [f"$.outputs[{len(document['outputs']) - 1}].path"]


@pytest.mark.slow
def test_a_release_whose_shards_changed_name_is_rebuilt_without_leftovers(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], released: tuple[Path, Path]) -> None:
    """The files of the previous release that the new one does not have are removed: they were the tool's."""
    src, out = copy_release(released, tmp_path)
    assert build(capsys, str(src), "--out", str(out), "--split", "train=0.5", "--split", "test=0.5")[0] == 0
    assert check_release(out) == []
    assert build(capsys, str(src), "--out", str(out), "--version", "1.0.0")[0] == 0
    assert release_files(out) == release_files(released[1])


# --- 3. two builds at once -------------------------------------------------------------------------------

@pytest.mark.slow
def test_a_second_build_into_the_same_folder_stops_at_once(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = write_corpus(tmp_path / "src", 3000)
    out = tmp_path / "out"
    first = subprocess.Popen([sys.executable, "-m", "builder", "build", str(src), "--out", str(out), "--quiet",
                              "--workers", "1"], cwd=ROOT)
    try:
        deadline = time.monotonic() + 120
        while not (out / ".staging").exists():  # the first build has started writing
            assert first.poll() is None and time.monotonic() < deadline
            time.sleep(0.005)
        first.send_signal(signal.SIGSTOP)  # hold it mid-build, whatever the machine's speed
        before = snapshot(out)
        code, err = build(capsys, str(src), "--out", str(out))
        assert code == 2
        assert "another build is writing this folder" in err
        assert snapshot(out) == before
    finally:
        first.send_signal(signal.SIGCONT)
        assert first.wait() == 0
    assert check_release(out, load=False) == []


def test_a_build_finding_another_builds_work_in_progress_says_so(tmp_path: Path,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    src = write_corpus(tmp_path / "src", 5)
    out = tmp_path / "out"
    running = claim(out, [str(src)], None)  # a build holding --out, half-way through writing it
    try:
        (out / "data").mkdir()
        (out / "data" / "train-00000.parquet.partial").write_bytes(b"PAR1")
        code, err = build(capsys, str(src), "--out", str(out))
        assert code == 2
        assert "another build is writing this folder" in err
    finally:
        running.close()


# --- 4. --previous is read and checked before anything is touched --------------------------------------

def test_a_misspelled_previous_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                released: tuple[Path, Path]) -> None:
    src, out = copy_release(released, tmp_path)
    before = snapshot(out)
    code, err = build(capsys, str(src), "--out", str(out), "--previous", str(tmp_path / "relase"))
    assert code == 2
    assert f"--previous {tmp_path / 'relase'}: no such folder" in err
    assert snapshot(out) == before


@pytest.mark.parametrize("damage", ["truncated manifest", "not a release", "corrupt shard"])
def test_a_bad_previous_leaves_the_release_in_out_intact(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                         released: tuple[Path, Path], damage: str) -> None:
    src, out = copy_release(released, tmp_path)
    previous = tmp_path / "previous"
    if damage == "not a release":
        shutil.copytree(src, previous)
    else:
        shutil.copytree(out, previous)
        if damage == "truncated manifest":
            (previous / "manifest.json").write_text((previous / "manifest.json").read_text()[:100])
        else:
            next((previous / "data").glob("*.parquet")).write_bytes(b"PAR1 not really")
    before = snapshot(out)
    code, err = build(capsys, str(src), "--out", str(out), "--previous", str(previous))
    assert code == 2
    assert f"--previous {previous}:" in err
    assert snapshot(out) == before
    assert check_release(out) == []


@pytest.mark.slow
def test_previous_may_be_the_out_folder_itself(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                               released: tuple[Path, Path]) -> None:
    """What users will do: rebuild in place, with the release being replaced as the changelog's base."""
    src, out = copy_release(released, tmp_path)
    old = tmp_path / "old"
    shutil.copytree(out, old)
    with open(src / "docs.jsonl", "a", encoding="utf-8") as f:
        f.write(json.dumps({"id": "doc-new", "text": "Headline\n" + text_for("new")}) + "\n")
    assert build(capsys, str(src), "--out", str(out), "--previous", str(out), "--version", "1.1.0")[0] == 0
    changes = json.loads((out / "manifest.json").read_text())["changes"]
    assert changes["documents_added"] == ["doc-new"]
    assert changes == diff(old, out).to_dict()
    assert "Since 1.0.0: documents added 1 (doc-new)" in (out / "README.md").read_text()
    assert check_release(out) == []


# --- 5. a failed build cleans up after itself -----------------------------------------------------------

def test_a_build_stopped_by_strict_leaves_no_staging_and_the_release_intact(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], released: tuple[Path, Path]) -> None:
    src, out = copy_release(released, tmp_path)
    with open(src / "docs.jsonl", "a", encoding="utf-8") as f:
        f.write("{not json\n")
    before = release_files(out)
    code, _ = build(capsys, str(src), "--out", str(out), "--strict")
    assert code == 1
    assert not (out / ".staging").exists()
    assert release_files(out) == before and check_release(out) == []


def _small_files(limit: int):  # type: ignore[no-untyped-def]
    def apply() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails with EFBIG, like a full disk
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    return apply


@pytest.mark.slow
def test_a_build_that_runs_out_of_space_leaves_no_staging_and_the_release_intact(
        tmp_path: Path, released: tuple[Path, Path]) -> None:
    src, out = copy_release(released, tmp_path)
    write_corpus(src, 3000, seed="bigger")  # the release grows past what the "disk" takes
    before = release_files(out)
    result = subprocess.run([sys.executable, "-m", "builder", "build", str(src), "--out", str(out), "--quiet",
                             "--workers", "1", "--no-cache"], cwd=ROOT, capture_output=True, text=True,
                            preexec_fn=_small_files(200_000), env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"})
    assert result.returncode == 1, result.stderr
    assert "File too large" in result.stderr and "the disk has room" in result.stderr
    # the file being written, not "the output (stdout)": Arrow's error names none, the shard writer adds it
    assert f"error: cannot write {out}/.staging/parts/" in result.stderr and ".parquet.partial (" in result.stderr
    assert not (out / ".staging").exists()
    assert release_files(out) == before and check_release(out) == []


def test_a_forked_process_does_not_keep_the_lock_on_out(tmp_path: Path) -> None:
    """A build's forked workers (builder.run.executors) drop their copy of the lock: one left behind by a
    killed build would otherwise keep --out locked for as long as it lives."""
    src = write_corpus(tmp_path / "src", 5)
    out = tmp_path / "out"
    running = claim(out, [str(src)], None)
    release_r, release_w = os.pipe()
    started_r, started_w = os.pipe()
    child = os.fork()
    if child == 0:  # stays alive, holding whatever it kept, until the test lets it go
        os.close(release_w)
        os.write(started_w, b"!")  # after the fork's handlers ran
        os.read(release_r, 1)
        os._exit(0)
    os.close(release_r)
    os.close(started_w)
    try:
        assert os.read(started_r, 1) == b"!"
        running.close()  # the build let go; its child is still there
        again = claim(out, [str(src)], None)  # OutDirError if the child still held the lock
        again.close()
    finally:
        os.close(release_w)
        os.close(started_r)
        os.waitpid(child, 0)


# --- a planted manifest: a listed file that is not what it lists is the user's, never replaced ----------

@pytest.mark.parametrize("how", ["size", "content"])
def test_a_listed_file_that_differs_from_the_manifest_is_refused_and_kept(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], released: tuple[Path, Path], how: str) -> None:
    """A release's manifest.json copied beside a user's file of a listed name: the file differs from what the
    manifest lists (its size, or only its bytes), so it is not the build's, and the build refuses to replace it."""
    src, release = released
    mine = tmp_path / "mine"
    (mine / "data").mkdir(parents=True)
    shutil.copy(release / "manifest.json", mine / "manifest.json")
    listed = json.loads((release / "manifest.json").read_text())["outputs"]
    shard = next(e for e in listed if e["path"].startswith("data/"))
    precious = b"precious" if how == "size" else bytes(reversed((release / shard["path"]).read_bytes()))
    (mine / shard["path"]).write_bytes(precious)
    before = snapshot(mine)
    code, err = build(capsys, str(src), "--out", str(mine))
    assert code == 2
    why = f"{len(precious)} bytes, the manifest lists {shard['bytes']}" if how == "size" else "its sha256 is not"
    assert f"--out {mine}: {shard['path']} ({why}" in err
    assert "differs from what manifest.json lists for it" in err and "move it elsewhere" in err
    assert snapshot(mine) == before


def test_an_edited_card_is_replaced_and_kept_beside_it_and_an_honest_rebuild_works(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], caplog: pytest.LogCaptureFixture,
        released: tuple[Path, Path]) -> None:
    """The card's prose is the user's to edit: it is not checked against the manifest, and a rebuild writes the new
    card, but the edited one is kept beside it (README.edited-HASH.md), never deleted, and the build says so. The
    tool's own release, unchanged, rebuilds into itself with nothing kept."""
    import hashlib

    src, out = copy_release(released, tmp_path)
    with open(out / "README.md", "a", encoding="utf-8") as f:
        f.write("\nA note of mine.\n")
    edited = (out / "README.md").read_bytes()
    kept = f"README.edited-{hashlib.sha256(edited).hexdigest()[:12]}.md"
    with caplog.at_level(logging.WARNING):
        assert build(capsys, str(src), "--out", str(out), "--version", "1.0.0")[0] == 0
    assert any(kept in record.getMessage() for record in caplog.records)
    assert release_files(out) == {**release_files(released[1]), kept: edited}
    (out / kept).unlink()
    caplog.clear()
    with caplog.at_level(logging.WARNING):
        assert build(capsys, str(src), "--out", str(out), "--version", "1.0.0")[0] == 0
    assert not any("README.edited-" in record.getMessage() for record in caplog.records)
    assert release_files(out) == release_files(released[1])


def test_a_users_readme_beside_a_copied_manifest_is_kept(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], caplog: pytest.LogCaptureFixture,
        released: tuple[Path, Path]) -> None:
    """A folder of the user's with their own README.md and a release's manifest.json copied into it: the build may
    take the folder for a release (every other listed file is absent), but the README is theirs, so it is kept."""
    src, release = released
    mine = tmp_path / "mine"
    mine.mkdir()
    shutil.copy(release / "manifest.json", mine / "manifest.json")
    notes = b"# My project\n\nNotes written by hand.\n"
    (mine / "README.md").write_bytes(notes)
    with caplog.at_level(logging.WARNING):
        assert build(capsys, str(src), "--out", str(mine), "--version", "1.0.0")[0] == 0
    kept = [p for p in mine.iterdir() if p.name.startswith("README.edited-")]
    assert [p.read_bytes() for p in kept] == [notes]
    assert any(kept[0].name in record.getMessage() for record in caplog.records)


def test_a_planted_commit_ledger_does_not_get_a_users_file_deleted(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], released: tuple[Path, Path]) -> None:
    """A folder that holds the marker of an interrupted build and a `.staging/commit.json` listing README.md and a
    shard: the files there under those names are a user's, not what an interrupted commit left, so the build must
    refuse (as a copied manifest.json is refused for a file that differs from its entry), not delete them."""
    from builder.release.layout import LEDGER, MARKER, STAGING
    from builder.release.outdir import SIGNATURE

    src, _ = released
    mine = tmp_path / "mine"
    (mine / STAGING).mkdir(parents=True)
    (mine / "data").mkdir()
    (mine / MARKER).write_bytes(SIGNATURE)
    (mine / STAGING / LEDGER).write_text(json.dumps({"replacing": ["README.md", "data/train-00000-of-00001.parquet"],
                                                     "writing": []}), encoding="utf-8")
    (mine / "README.md").write_text("my notes, written by hand\n", encoding="utf-8")
    (mine / "data" / "train-00000-of-00001.parquet").write_bytes(b"my own table")
    code, err = build(capsys, str(src), "--out", str(mine))
    assert code == 2 and "README.md" in err
    assert (mine / "README.md").read_text(encoding="utf-8") == "my notes, written by hand\n"
    assert (mine / "data" / "train-00000-of-00001.parquet").read_bytes() == b"my own table"


@pytest.mark.parametrize("planted", ["manifest.json", ".staging/commit.json"])
def test_a_manifest_or_ledger_nested_too_deeply_is_refused_not_a_crash(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], released: tuple[Path, Path], planted: str) -> None:
    """A manifest.json (or, beside the marker, a commit ledger) of 100,000 nested arrays: json.loads raises
    RecursionError, which is not a ValueError, and the build stopped with `internal error` (exit 3, "a bug")
    instead of refusing the folder as not its own (exit 2). Nothing in it changes."""
    from builder.release.layout import MARKER
    from builder.release.outdir import SIGNATURE

    src, _ = released
    mine = tmp_path / "mine"
    (mine / ".staging").mkdir(parents=True)
    if planted != "manifest.json":
        (mine / MARKER).write_bytes(SIGNATURE)
    (mine / planted).write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    (mine / "README.md").write_text("my notes\n", encoding="utf-8")
    before = snapshot(mine)
    code, err = build(capsys, str(src), "--out", str(mine))
    assert code == 2 and "nested too deeply" in err and "internal error" not in err
    assert snapshot(mine) == before


def test_a_planted_ledger_with_records_is_checked_against_the_files(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], released: tuple[Path, Path]) -> None:
    """A ledger in the format builds write (each file's size and sha256) that does not describe the files there:
    the build names the file and refuses, and nothing is deleted. The ledger's claims are checked, not its paths."""
    import hashlib

    from builder.release.layout import LEDGER, MARKER, STAGING
    from builder.release.outdir import SIGNATURE

    src, _ = released
    mine = tmp_path / "mine"
    (mine / STAGING).mkdir(parents=True)
    (mine / MARKER).write_bytes(SIGNATURE)
    notes = b"my notes, written by hand\n"
    (mine / "README.md").write_bytes(notes)
    other = {"bytes": len(notes), "sha256": hashlib.sha256(b"x" * len(notes)).hexdigest()}  # same size, other bytes
    (mine / STAGING / LEDGER).write_text(json.dumps({"replacing": {"README.md": other}, "writing": {}}),
                                         encoding="utf-8")
    code, err = build(capsys, str(src), "--out", str(mine))
    assert code == 2 and "README.md (its sha256 is not the one .staging/commit.json lists)" in err
    assert (mine / "README.md").read_bytes() == notes


def test_a_url_previous_with_a_local_out_says_to_download_it(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                            released: tuple[Path, Path]) -> None:
    """--previous is read from a local folder, whatever --out is. With a local --out a URL was taken for a path
    (`s3:/releases/v1: no such folder`, the URL mangled); a URL --out said to download it: both say that now."""
    src, _ = released
    code, err = build(capsys, str(src), "--out", str(tmp_path / "out"), "--previous", "s3://releases/v1")
    assert code == 2
    assert "--previous s3://releases/v1: give a local folder (download the previous release first)" in err
    assert not (tmp_path / "out").exists()
def test_a_rebuild_reads_each_release_file_once_for_its_sha256_and_the_ledger_records_what_was_there(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The previous release's files are checked against its manifest under the lock, and the new files hashed for
    the new manifest: the commit's ledger records those sizes and sha256s without reading the files again (the
    card, which the claim does not check, is read for the ledger). What it records is what the files were."""
    from builder.release import listed_files, manifest, outdir
    from builder.release.layout import LEDGER

    src, out = write_corpus(tmp_path / "src", 30), tmp_path / "out"
    assert main(["build", str(src), "--out", str(out), "--quiet"]) == 0
    before = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    card = (out / "README.md").read_bytes()
    write_corpus(src, 31, "again")
    hashed: list[tuple[int, int]] = []
    sha256_of = manifest.sha256_of

    def counted(f: Any) -> str:
        info = os.fstat(f.fileno())
        hashed.append((info.st_dev, info.st_ino))
        return sha256_of(f)

    monkeypatch.setattr(manifest, "sha256_of", counted)
    monkeypatch.setattr(listed_files, "sha256_of", counted)
    ledgers: list[bytes] = []
    replace_with_new = outdir.replace_with_new

    def kept(path: Path, data: bytes) -> None:
        if path.name.startswith(LEDGER):
            ledgers.append(data)
        replace_with_new(path, data)

    monkeypatch.setattr(outdir, "replace_with_new", kept)
    assert main(["build", str(src), "--out", str(out), "--quiet"]) == 0
    assert hashed and len(hashed) == len(set(hashed))  # no file's bytes hashed twice
    after = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    ledger = json.loads(ledgers[0])
    assert ledger["writing"] == {o["path"]: {"bytes": o["bytes"], "sha256": o["sha256"]} for o in after["outputs"]}
    old = {o["path"]: {"bytes": o["bytes"], "sha256": o["sha256"]} for o in before["outputs"]}
    assert ledger["replacing"] == {**old, "README.md": {"bytes": len(card), "sha256": hashlib.sha256(card).hexdigest()}}


@pytest.mark.parametrize("folder", ["data", "rejects"])
def test_a_listed_shard_that_is_a_link_is_named_as_one_and_its_target_untouched(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], released: tuple[Path, Path], folder: str) -> None:
    # trial23: a shard the manifest lists, replaced by a link to a file elsewhere, was refused as "not written by this
    # build (not listed in manifest.json)", which the manifest contradicts; README.md or manifest.json as a link
    # already said "is a link or a folder"
    src, out = copy_release(released, tmp_path)
    [shard] = sorted((out / folder).iterdir())
    target = tmp_path / "elsewhere.parquet"
    shard.rename(target)
    shard.symlink_to(target)
    before, kept = snapshot(out), target.read_bytes()
    code, err = build(capsys, str(src), "--out", str(out))
    assert code == 2
    assert f"{folder}/{shard.name} is a link or a folder, not a file this tool wrote" in err
    assert "not listed in" not in err
    assert snapshot(out) == before and target.read_bytes() == kept
