"""A release from someone else is untrusted input to validate, publish and diff.

Each test crafts a release the way an attacker (or a broken tool) could — its manifest consistent with
its files, so only the rule under test can catch it — and runs the real CLI on it: paths in the
manifest, versions, destinations, --force, buckets, FIFOs and devices, absurd rows, row invariants,
GitHub annotations, garbage Parquet and a fuzz-ish set of manifest and card mutations. User and
environment errors exit 1 or 2, never 3.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
import yaml

from builder.cli import main
from builder.config import BuildConfig
from builder.release.check import check_release
from builder.release.names import release_path_problem, version_problem
from builder.release.records import RECORD_SCHEMA, REJECT_SCHEMA
from builder.run.pipeline import build
from tests.conftest import EXAMPLES, ROOT, release_files

SHARD = "data/train-00000-of-00001.parquet"
REJECTS_SHARD = "rejects/train-00000-of-00001.parquet"
HANG = 120  # seconds: a command that takes longer is blocked on a FIFO or a device


def manifest_of(release: Path) -> dict[str, Any]:
    return json.loads((release / "manifest.json").read_text(encoding="utf-8"))


def write_manifest(release: Path, manifest: dict[str, Any]) -> None:
    (release / "manifest.json").write_text(json.dumps(manifest, indent=2), encoding="utf-8")


def list_output(release: Path, path: str, data: bytes) -> None:
    """List `path` in the manifest with the size and sha256 of `data`, as a crafted release would."""
    manifest = manifest_of(release)
    manifest["outputs"].append({"path": path, "bytes": len(data), "sha256": hashlib.sha256(data).hexdigest()})
    write_manifest(release, manifest)


def relist(release: Path, path: str) -> None:
    """Make the manifest agree with the file at `path` again (size, sha256 and Parquet row count)."""
    manifest = manifest_of(release)
    data = (release / path).read_bytes()
    for entry in manifest["outputs"]:
        if entry["path"] == path:
            entry.update(bytes=len(data), sha256=hashlib.sha256(data).hexdigest())
            if "rows" in entry:
                entry["rows"] = pq.ParquetFile(release / path).metadata.num_rows
    write_manifest(release, manifest)


def rewrite_rows(release: Path, path: str, change: Callable[[list[dict[str, Any]]], None], **options: Any) -> None:
    schema = RECORD_SCHEMA if path.startswith("data/") else REJECT_SCHEMA
    rows = pq.read_table(release / path).to_pylist()
    change(rows)
    pq.write_table(pa.Table.from_pylist(rows, schema=schema), release / path, **options)
    relist(release, path)


def messages(release: Path) -> list[str]:
    """Each issue as PATH: JSON_PATH: MESSAGE, PATH relative to the release (the test's own folder name
    must not be what a match finds)."""
    return [f"{i.location.path.removeprefix(f'{release}/')}: {i.json_path}: {i.message}"
            for i in check_release(release)]


def cli(*args: str, timeout: int = HANG) -> subprocess.CompletedProcess[str]:
    """The real command in its own process, so a read that blocks fails the test instead of hanging it."""
    return subprocess.run([sys.executable, "-m", "builder", *args], capture_output=True, text=True,
                          timeout=timeout, cwd=ROOT)


# --- 1. paths read from a manifest -------------------------------------------------------------------------

@pytest.mark.parametrize("path", [
    "/etc/hostname", "data/../../payload.sh", "x/../../0.9/README.md", "..", "./README.md", "data/./x.parquet",
    "data//x.parquet", "data/", "", "data\\x.parquet", "C:/x", "c:x", "~/x", ".cache/x", "data/.hidden",
    "data/x\n.parquet", "data/*.parquet", "data/[a].parquet", "a" * 300, 5, None,
])
def test_a_path_that_could_leave_the_release_is_refused(path: Any) -> None:
    assert release_path_problem(path)


@pytest.mark.parametrize("path", [SHARD, REJECTS_SHARD, "plots/languages.png", "README.md", "removed_lines.json",
                                  "data/تدريب-00000-of-00001.parquet"])
def test_the_paths_a_build_writes_are_allowed(path: str) -> None:
    assert release_path_problem(path) is None


def test_validate_and_publish_refuse_paths_outside_the_release(release: Path, tmp_path: Path,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("not yours to publish\n")
    (tmp_path / "payload.sh").write_text("#!/bin/sh\necho pwned\n")  # release/data/../../payload.sh
    list_output(release, str(secret), secret.read_bytes())
    list_output(release, "data/../../payload.sh", (tmp_path / "payload.sh").read_bytes())
    found = messages(release)
    assert any(str(secret) in m and "absolute" in m for m in found), found
    assert any("data/../../payload.sh" in m and ".." in m for m in found), found
    assert main(["validate", str(release)]) == 1
    mirror = tmp_path / "mirror"
    assert main(["publish", str(release), "--to", str(mirror / "sub")]) == 1
    assert "is not a valid release" in capsys.readouterr().err
    assert not mirror.exists()


def test_a_crafted_path_cannot_overwrite_a_published_version(release: Path, tmp_path: Path) -> None:
    mirror = tmp_path / "mirror"
    old = tmp_path / "old"
    shutil.copytree(release, old)
    manifest = manifest_of(old)
    manifest["version"] = "0.9"
    write_manifest(old, manifest)
    assert main(["publish", str(old), "--to", str(mirror)]) == 0
    published = release_files(mirror / "0.9")
    # release/x/../../0.9/README.md is tmp_path/0.9/README.md: make it exist, with its sha256 listed
    (tmp_path / "0.9").mkdir()
    (tmp_path / "0.9" / "README.md").write_text("pwned")
    (release / "x").mkdir()
    list_output(release, "x/../../0.9/README.md", b"pwned")
    assert main(["publish", str(release), "--to", str(mirror)]) == 1
    assert release_files(mirror / "0.9") == published
    assert not (mirror / "1.0.0").exists()


def test_a_symlink_in_the_release_is_never_followed(release: Path, tmp_path: Path) -> None:
    outside = tmp_path / "outside.parquet"
    shutil.copy(release / SHARD, outside)
    # named as a build names a shard: any other name is refused as no file of a build's before its kind is looked at
    (release / "data" / "link-00000-of-00001.parquet").symlink_to(outside)
    list_output(release, "data/link-00000-of-00001.parquet", outside.read_bytes())
    found = messages(release)
    assert any("data/link-00000-of-00001.parquet" in m and "symlink" in m for m in found), found


def test_a_symlinked_folder_in_the_release_is_refused(release: Path, tmp_path: Path) -> None:
    shutil.move(release / "plots", tmp_path / "plots")
    (release / "plots").symlink_to(tmp_path / "plots")
    found = messages(release)
    assert any("plots/languages.png" in m and "symlink" in m for m in found), found


# --- 6. FIFOs, devices and absurd rows: never block, never decode ---------------------------------------------

def _fifo_listed(release: Path) -> None:
    os.mkfifo(release / "data" / "extra-00000-of-00001.parquet")
    list_output(release, "data/extra-00000-of-00001.parquet", b"")


def _fifo_in_data(release: Path) -> None:
    os.mkfifo(release / "data" / "train-00000-of-00002.parquet")


def _manifest_fifo(release: Path) -> None:
    (release / "manifest.json").unlink()
    os.mkfifo(release / "manifest.json")


def _card_fifo(release: Path) -> None:
    (release / "README.md").unlink()
    os.mkfifo(release / "README.md")


def _dev_zero(release: Path) -> None:
    """Listed where and as a release may hold a file (builder.release.names), so only its kind is wrong."""
    (release / "plots" / "languages.png").unlink()
    (release / "plots" / "languages.png").symlink_to("/dev/zero")


def _dev_zero_as_shard(release: Path) -> None:
    (release / SHARD).unlink()
    (release / SHARD).symlink_to("/dev/zero")


def _dev_zero_beside(release: Path) -> None:
    """Unlisted, beside the card: a release holds regular files and folders, nothing else."""
    (release / "dataset_infos.json").symlink_to("/dev/zero")


@pytest.mark.parametrize("craft", [_fifo_listed, _fifo_in_data, _manifest_fifo, _card_fifo, _dev_zero,
                                   _dev_zero_as_shard, _dev_zero_beside])
@pytest.mark.slow
def test_fifos_and_devices_never_block_validate_publish_or_diff(release: Path, tmp_path: Path,
                                                                 craft: Callable[[Path], None], built: Path) -> None:
    craft(release)
    result = cli("validate", str(release))
    assert result.returncode == 1, result.stderr
    assert "not a regular file" in result.stdout + result.stderr
    result = cli("publish", str(release), "--to", str(tmp_path / "mirror"), "--dry-run")
    assert result.returncode == 1, result.stderr
    result = cli("diff", str(built), str(release))
    assert result.returncode in (0, 1), result.stderr


def _peak_rss_mb(*args: str) -> tuple[int, float, str]:
    """Exit code, peak RSS (MB) and stdout of the real CLI in a process of its own."""
    code = ("import resource, sys\nfrom builder.cli import main\ncode = main(sys.argv[1:])\n"
            "print('peak', resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)\nsys.exit(code)")
    result = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, timeout=HANG,
                            cwd=ROOT)
    peak = float(result.stdout.rsplit("peak ", 1)[1])
    return result.returncode, peak, result.stdout


@pytest.mark.slow
def test_absurdly_large_rows_are_reported_without_decoding_them(release: Path, built: Path) -> None:
    """The reproduced case, smaller: one 17 MiB text in 16 rows is stored once (a dictionary page,
    a few KB compressed) but decodes to 16 x 17 MiB; validate measures it and never decodes it."""
    big = "x" * (17 * 1024 * 1024)

    def inflate(rows: list[dict[str, Any]]) -> None:
        for row in rows[:16]:
            row["text"] = big
    rewrite_rows(release, SHARD, inflate)
    assert (release / SHARD).stat().st_size < 1024 * 1024
    found = messages(release)
    assert any(SHARD in m and "row 1: text is 17825792 bytes" in m and "not decoded" in m for m in found), found
    _, baseline, _ = _peak_rss_mb("validate", str(built))
    code, peak, out = _peak_rss_mb("validate", str(release))
    assert code == 1 and "17825792 bytes" in out
    assert peak < baseline + 100, (peak, baseline)  # 16 decoded copies would be 272 MiB more, and Python's again


@pytest.mark.slow
def test_a_row_group_of_absurd_rows_is_refused_from_its_metadata(release: Path) -> None:
    """The reproduced case in small: every row tens of MiB, a few KB on disk; the footer says so, and
    the rows are never decoded (validate, publish --dry-run and diff alike)."""
    def inflate(rows: list[dict[str, Any]]) -> None:
        del rows[3:]
        for row in rows:
            row["text"] = "y" * (20 * 1024 * 1024)
    rewrite_rows(release, SHARD, inflate, use_dictionary=False, compression="zstd")  # the footer tells their sizes
    assert (release / SHARD).stat().st_size < 1024 * 1024
    found = messages(release)
    assert any(SHARD in m and "row group 0 holds" in m and "not decoded" in m for m in found), found
    assert main(["publish", str(release), "--to", str(release.parent / "mirror"), "--dry-run"]) == 1


# --- 7. every data and reject row, with its invariants -----------------------------------------------------

def _set(index: int, **values: Any) -> Callable[[list[dict[str, Any]]], None]:
    def change(rows: list[dict[str, Any]]) -> None:
        rows[index].update(values)
    return change


def _duplicate_row(rows: list[dict[str, Any]]) -> None:
    rows[5] = dict(rows[4])


@pytest.mark.parametrize(("path", "change", "expected"), [
    (SHARD, _set(3, char_start=10, char_end=5), "char_end 5 is before char_start 10"),
    (SHARD, _set(3, char_end=10**12), "char_end"),
    (SHARD, _set(3, char_start=-1), "char_start"),
    (SHARD, _duplicate_row, "duplicate record id"),
    (SHARD, _set(3, id="0" * 32), "is not the record id of"),
    (SHARD, _set(3, doc_sha256="a" * 64 + "\n"), "doc_sha256"),
    (SHARD, _set(3, doc_sha256="A" * 64), "doc_sha256"),
    (SHARD, _set(3, input_sha256="b" * 64 + "\n"), "input_sha256"),
    (SHARD, _set(3, language_score=float("nan")), "language_score"),
    (REJECTS_SHARD, _set(2, kind="bogus"), "kind"),
    (REJECTS_SHARD, _set(2, reason="no_such_reason"), "no_such_reason"),
    (REJECTS_SHARD, _set(2, char_start=10, char_end=5), "char_end 5 is before char_start 10"),
    (REJECTS_SHARD, _set(2, char_end=10**12), "char_end"),
    (REJECTS_SHARD, _set(2, char_start=None), "char_start"),
    (REJECTS_SHARD, _set(2, line=-3), "line"),
    (REJECTS_SHARD, _set(2, doc_id="bidi\u202egnp.exe"), "doc_id holds U+202E"),  # a build writes it as an escape
])
def test_each_row_is_checked_against_its_schema_and_invariants(release: Path, path: str,
                                                             change: Callable[[list[dict[str, Any]]], None],
                                                             expected: str) -> None:
    rewrite_rows(release, path, change)
    found = messages(release)
    assert any(path in m and expected in m for m in found), found
    assert main(["validate", str(release)]) == 1


def test_a_row_that_breaks_its_schema_still_takes_its_place_in_its_document(release: Path) -> None:
    """One language_score over 1 was also reported as a gap in the next row's paragraph_index."""
    rewrite_rows(release, SHARD, _set(5, language_score=1.5))
    found = messages(release)
    assert found == [f"{SHARD}: $.language_score: row 6: 1.5 is greater than the maximum of 1"], found


@pytest.mark.parametrize("rows_a_batch", [3, 1 << 16])
def test_signals_are_recomputed_a_batch_at_a_time_and_the_row_is_named(release: Path, rows_a_batch: int,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """validate computes the signals of a batch at once, as a build does (one row at a time was half its time):
    an edited signal is still found, at its own row, in the first batch and past it alike."""
    import builder.release.untrusted

    monkeypatch.setattr(builder.release.untrusted, "BATCH_ROWS", rows_a_batch)
    assert check_release(release) == []
    rewrite_rows(release, SHARD, lambda rows: (rows[1].update(script="Cyrillic"), rows[7].update(num_words=10**6)))
    found = messages(release)
    assert len(found) == 2, found
    assert found[0].startswith(f"{SHARD}: $.script: row 2: script is 'Cyrillic', the text gives "), found
    assert found[1].startswith(f"{SHARD}: $.num_words: row 8: num_words is 1000000, the text gives "), found


@pytest.mark.parametrize("rows_a_batch", [3, 1 << 16])
def test_addresses_are_looked_for_a_batch_at_a_time_and_the_row_is_named(release: Path, rows_a_batch: int,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """validate re-checks a batch's free text and identifiers at once, as a build sanitises them (row by row it
    was a quarter of validate's time): each address is still found at its own row and column, in the first
    batch and past it, in data/ and rejects/, with the message the row-by-row check gave."""
    import builder.release.untrusted

    monkeypatch.setattr(builder.release.untrusted, "BATCH_ROWS", rows_a_batch)
    rewrite_rows(release, SHARD, lambda rows: (rows[1].update(url="https://example.com/?mail=jane.doe@example.com"),
                                               rows[7].update(url="https://example.com/u/jane(at)example(dot)com")))
    last = pq.read_metadata(release / REJECTS_SHARD).num_rows
    assert last > 3  # the second edit is past the first 3-row batch
    rewrite_rows(release, REJECTS_SHARD, lambda rows: (rows[1].update(message="seen at 10.1.2.3"),
                                                       rows[-1].update(text="write to jane.doe@example.com",
                                                                       duplicate_of=None)))
    raw = "holds an e-mail or IP address or a URL secret, which a build always replaces"
    assert sorted(messages(release)) == sorted([
        f"{SHARD}: $.url: row 2: url {raw} (with <email>/<ip>/<secret> or <kind:HASH>)",
        f"{SHARD}: $.url: row 8: url {raw} (with <email>/<ip>/<secret> or <kind:HASH>)",
        f"{REJECTS_SHARD}: $.message: row 2: message {raw} (with <email>/<ip>/<secret>)",
        f"{REJECTS_SHARD}: $.text: row {last}: text {raw} (with <email>/<ip>/<secret>)",
    ])


# --- 2. versions -------------------------------------------------------------------------------------------

@pytest.mark.parametrize("version", ["../../evil", ".", "..", "a/b", "", " 1", "1.0\n", "-1", "v1?x", "1.0:x",
                                     "x" * 200])
def test_a_version_must_be_a_plain_name(release: Path, tmp_path: Path, version: str,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    assert version_problem(version)
    manifest = manifest_of(release)
    manifest["version"] = None
    write_manifest(release, manifest)
    target = tmp_path / "a" / "b" / "mirror"
    assert main(["publish", str(release), "--to", str(target), "--version", version]) == 2
    assert "--version" in capsys.readouterr().err
    assert not (tmp_path / "a").exists()


@pytest.mark.parametrize("version", ["1.0.0", "v2", "2024.01.15", "1.0.0+build.5", "1.0.0-rc_1"])
def test_ordinary_versions_are_accepted(version: str) -> None:
    assert version_problem(version) is None


def test_a_version_in_the_manifest_is_checked_too(release: Path) -> None:
    manifest = manifest_of(release)
    manifest["version"] = "../../evil"
    write_manifest(release, manifest)
    assert any("manifest.json: $.version" in m for m in messages(release))


# --- 3. --force replaces the whole version; verification checks the exact set of files -----------------------

@pytest.mark.slow
def test_force_replaces_the_whole_version(tmp_path: Path) -> None:
    import datasets

    many, one = tmp_path / "many", tmp_path / "one"
    build([str(EXAMPLES)], many, BuildConfig.load(version="1.0.0", max_shard_bytes=8192, cache=False))
    build([str(EXAMPLES)], one, BuildConfig.load(version="1.0.0", cache=False))
    mirror = tmp_path / "mirror"
    assert main(["publish", str(many), "--to", str(mirror)]) == 0
    assert main(["publish", str(one), "--to", str(mirror), "--force"]) == 0
    assert release_files(mirror / "1.0.0") == release_files(one)
    loaded = datasets.load_dataset(str(mirror / "1.0.0"), cache_dir=str(tmp_path / "cache"))
    assert loaded["train"].num_rows == 66


def test_verification_fails_on_a_file_the_manifest_does_not_list(release: Path, tmp_path: Path,
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["publish", str(release), "--to", str(tmp_path / "mirror")]) == 0
    stray = tmp_path / "mirror" / "1.0.0" / "data" / "train-00003-of-00004.parquet"
    shutil.copy(release / SHARD, stray)  # another build's shard, copied in by hand
    assert main(["publish", str(release), "--to", str(tmp_path / "mirror"), "--force"]) == 1
    err = capsys.readouterr().err  # --force replaces only what the version published (tests/test_round2_release.py)
    assert "train-00003-of-00004.parquet" in err and "does not list" in err
    stray.unlink()
    assert main(["publish", str(release), "--to", str(tmp_path / "mirror"), "--force"]) == 0
    assert release_files(tmp_path / "mirror" / "1.0.0") == release_files(release)


@pytest.mark.slow
def test_force_on_s3_removes_stale_objects(tmp_path: Path, s3_server: str) -> None:
    import s3fs

    many, one = tmp_path / "many", tmp_path / "one"
    build([str(EXAMPLES)], many, BuildConfig.load(version="1.0.0", max_shard_bytes=8192, cache=False))
    build([str(EXAMPLES)], one, BuildConfig.load(version="1.0.0", cache=False))
    option = ["--storage-option", f"endpoint_url={s3_server}"]  # moto keeps its buckets across servers:
    assert main(["publish", str(many), "--to", "s3://releases/forced", *option]) == 0  # a prefix of our own
    fs = s3fs.S3FileSystem(endpoint_url=s3_server)
    fs.pipe_file("releases/forced/1.0.0-other/keep.txt", b"another version's file, not ours to delete")
    assert main(["publish", str(one), "--to", "s3://releases/forced", *option, "--force"]) == 0
    fs.invalidate_cache()
    landed = {p.removeprefix("releases/forced/1.0.0/"): fs.cat(p) for p in fs.find("releases/forced/1.0.0/")}
    assert landed == release_files(one)
    assert fs.cat("releases/forced/1.0.0-other/keep.txt").startswith(b"another version")


# --- 4. buckets are never created ---------------------------------------------------------------------------

@pytest.mark.slow
def test_a_missing_bucket_is_never_created(release: Path, s3_server: str,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    import boto3

    args = ["publish", str(release), "--to", "s3://no-such-bucket/news",
            "--storage-option", f"endpoint_url={s3_server}"]
    assert main(args) == 1
    err = capsys.readouterr().err
    assert "no-such-bucket" in err and "does not exist" in err and "create it" in err
    buckets = boto3.client("s3", endpoint_url=s3_server).list_buckets()["Buckets"]
    assert [b["Name"] for b in buckets] == ["releases"]


# --- 5. destinations, parsed strictly; environment errors are not internal errors -----------------------------

@pytest.mark.parametrize("url", [
    "s3://bkt/../x", "s3://bkt/./x", "s3://bkt//x", "s3://", "s3://bkt/x?x=1", "s3://bkt/x#frag",
    "hf://datasets/../name", "hf://datasets/org/../name", "hf://myorg/news", "HF://datasets/org/name",
    "hf://models/org/name", "hf://spaces/org/name", "hf://datasets/org/name@rev", "hf://datasets/org/name?x=1",
    "hf://datasets/just-a-name", "hf://datasets/org/name/extra", "hf://datasets/org--x/name",
    "hf://datasets/-org/name", "nosuch://bucket/x", "simplecache::s3://bkt/x", "http://example.com/x",
    "zip://x", "S3://bkt/x", "file://relative/x",
])
def test_a_destination_url_is_parsed_strictly(release: Path, url: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["publish", str(release), "--to", url, "--dry-run"]) == 2
    err = capsys.readouterr().err
    assert "hf://datasets/ORG/NAME" in err and "s3://BUCKET/PREFIX" in err, err


def test_storage_options_are_for_object_storage_only(release: Path, tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["publish", str(release), "--to", str(tmp_path / "m"), "--storage-option", "endpoint_url=x"]) == 2
    assert "--storage-option" in capsys.readouterr().err
    assert not (tmp_path / "m").exists()


@pytest.mark.slow
def test_an_unreachable_endpoint_is_an_environment_error(release: Path, monkeypatch: pytest.MonkeyPatch,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    pytest.importorskip("s3fs")
    for key, value in {"AWS_ACCESS_KEY_ID": "test", "AWS_SECRET_ACCESS_KEY": "test", "AWS_DEFAULT_REGION": "us-east-1",
                       "AWS_MAX_ATTEMPTS": "1"}.items():
        monkeypatch.setenv(key, value)
    args = ["publish", str(release), "--to", "s3://releases/unreachable", "--storage-option",
            "endpoint_url=http://127.0.0.1:9"]
    assert main(args) == 1
    err = capsys.readouterr().err
    assert "s3://releases/unreachable" in err and "internal error" not in err and "endpoint" in err


@pytest.mark.slow
def test_missing_credentials_are_an_environment_error(release: Path, s3_server: str,
                                                      monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    for key in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_PROFILE"):
        monkeypatch.delenv(key, raising=False)
    for key in ("AWS_SHARED_CREDENTIALS_FILE", "AWS_CONFIG_FILE"):
        monkeypatch.setenv(key, str(tmp_path / "none"))
    monkeypatch.setenv("AWS_EC2_METADATA_DISABLED", "true")
    args = ["publish", str(release), "--to", "s3://releases/fresh", "--storage-option", f"endpoint_url={s3_server}",
            "--storage-option", "skip_instance_cache=true"]
    assert main(args) == 1
    err = capsys.readouterr().err
    assert "credentials" in err.lower() and "internal error" not in err


@pytest.mark.slow
def test_a_storage_option_the_backend_rejects_is_a_user_error(release: Path, s3_server: str,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    args = ["publish", str(release), "--to", "s3://releases/options", "--storage-option", f"endpoint_url={s3_server}",
            "--storage-option", "retries=3"]
    assert main(args) in (1, 2)
    err = capsys.readouterr().err
    assert "--storage-option" in err and "internal error" not in err


# --- 8. GitHub annotations are escaped ------------------------------------------------------------------------

def test_github_annotations_escape_file_names_and_messages(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "raw"
    source.mkdir()
    (source / "bad\n::warning file=x.py::pwned, 100%: x.jsonl").write_text("{not json\n")
    assert main(["validate", str(source), "--format", "github"]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 1 and lines[0].startswith("::error file="), lines
    file_property = lines[0].split("::")[1]
    assert "%0A" in file_property and "%3A" in file_property and "%2C" in file_property and "%25" in file_property
    assert "\n" not in file_property and ":" not in file_property.removeprefix("error file=").split(",title=")[0]


def test_github_annotations_show_escape_and_bidi_characters_of_a_file_name_as_escapes(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A file name with ESC (a terminal's colour sequence) and U+202E (which reverses what follows it on screen): the
    text format showed them as escapes, the annotation's `file=` held them raw, for the log viewer to act on."""
    source = tmp_path / "raw"
    source.mkdir()
    (source / "f\x1b[31mred\u202elnosj.jsonl").write_text("{not json\n")
    assert main(["validate", str(source), "--format", "github"]) == 1
    out = capsys.readouterr().out
    assert out.startswith("::error file=") and "\x1b" not in out and "\u202e" not in out
    assert "f\\x1b[31mred\\u202elnosj.jsonl" in out


def test_github_annotations_for_a_release_are_escaped(release: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (release / "data" / "x\n::warning::pwned").write_bytes(b"")
    assert main(["validate", str(release), "--format", "github"]) == 1
    out = capsys.readouterr().out
    assert all(line.startswith("::error file=") for line in out.splitlines()), out
    assert "::warning" not in out


# --- 9. diff on broken releases -------------------------------------------------------------------------------

def test_diff_of_a_garbage_shard_is_a_located_error(built: Path, release: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    (release / SHARD).write_bytes(b"garbage" * 100)
    assert main(["diff", str(built), str(release)]) == 1
    assert SHARD in capsys.readouterr().err


def test_diff_of_a_shard_with_the_wrong_columns_is_a_located_error(built: Path, release: Path,
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    pq.write_table(pa.table({"doc_id": [1, 2], "text": [3, 4]}), release / SHARD)
    assert main(["diff", str(built), str(release)]) == 1
    assert SHARD in capsys.readouterr().err


def test_diff_of_an_unreadable_manifest_is_a_located_error(built: Path, release: Path,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    (release / "manifest.json").write_text("{not json")
    assert main(["diff", str(built), str(release)]) == 1
    assert "manifest.json" in capsys.readouterr().err


def test_diff_of_a_release_missing_a_listed_shard_is_a_located_error(built: Path, release: Path,
                                                                      capsys: pytest.CaptureFixture[str]) -> None:
    """Not 'documents removed': the shard's documents are not gone from the release, the release is broken."""
    (release / SHARD).unlink()
    assert main(["diff", str(built), str(release)]) == 1
    err = capsys.readouterr().err
    assert SHARD in err and "listed in manifest.json" in err


def test_diff_of_a_manifest_listing_a_path_out_of_the_release_is_a_located_error(
        built: Path, release: Path, capsys: pytest.CaptureFixture[str]) -> None:
    manifest = json.loads((release / "manifest.json").read_text())
    manifest["outputs"].append({"path": "../outside.parquet", "rows": 1, "bytes": 1, "sha256": "0" * 64})
    (release / "manifest.json").write_text(json.dumps(manifest))
    assert main(["diff", str(built), str(release)]) == 1
    assert "../outside.parquet" in capsys.readouterr().err


def test_a_shard_edited_after_the_build_is_refused_by_diff_and_previous(
        built: Path, release: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Rows reversed: as many as the manifest gives, so only the sha256 tells. `diff` said "unchanged" and a build's
    --previous wrote that into the next card; both refuse it, naming the shard, and no --out is made."""
    table = pq.read_table(release / SHARD)
    pq.write_table(table.take(list(reversed(range(table.num_rows)))), release / SHARD)
    message = f"{SHARD}: its sha256 is not the one manifest.json gives: the shard was changed after the build"
    assert main(["diff", str(release), str(built)]) == 1
    assert message in capsys.readouterr().err
    out = tmp_path / "next"
    assert main(["build", str(EXAMPLES), "--out", str(out), "--previous", str(release), "--quiet"]) == 2
    assert f"--previous {release}: {message}; check it with `dataset-builder validate" in capsys.readouterr().err
    assert not out.exists()


def test_a_release_validate_rejects_is_refused_by_diff_and_previous(
        built: Path, release: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A row duplicated and the manifest rewritten to match the shard: it read, so `diff` counted a paragraph
    added and a build's --previous published "paragraphs removed 1" in the next card, of a paragraph that never
    existed. Both hold the release to validate's checks and refuse it, naming the problem; no --out is made."""
    rewrite_rows(release, SHARD, lambda rows: rows.insert(3, dict(rows[2])))
    assert main(["diff", str(built), str(release)]) == 1
    err = capsys.readouterr().err
    assert f"{SHARD}: $.id: row 4: duplicate record id" in err and "`validate` rejects the release" in err
    out = tmp_path / "next"
    assert main(["build", str(EXAMPLES), "--out", str(out), "--previous", str(release), "--quiet"]) == 2
    err = capsys.readouterr().err
    assert f"--previous {release}: {SHARD}: $.id: row 4: duplicate record id" in err
    assert "`validate` rejects the release; check it with `dataset-builder validate" in err
    assert not out.exists()


def test_rows_of_another_version_of_an_input_are_found(release: Path, tmp_path: Path,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    """A shard swapped in from an older release, the manifest's outputs rewritten to match: validate and publish
    passed it, and diff said 'changed 0'. A .txt file read as one document has the file's sha256 as its rows'
    doc_sha256, so the rows of an older version of it contradict the manifest's inputs; so does an extracted
    document's input_sha256 (HTML, TREC)."""
    source = "news/en/001_solar_farm.txt"
    older = hashlib.sha256(b"the article before one word of it was edited").hexdigest()
    rewrite_rows(release, SHARD, lambda rows: [r.update(doc_sha256=older) for r in rows if r["source"] == source])
    found = messages(release)
    assert len(found) == 1 and found[0].startswith("manifest.json: $.inputs: gives the sha256 of each input"), found
    assert f"doc_sha256 (a .txt file read as one document is its raw text) {older[:12]}…" in found[0]
    assert f"another version of {source!r}" in found[0]
    assert main(["publish", str(release), "--to", str(tmp_path / "mirror")]) == 1
    assert main(["diff", str(release), str(release)]) == 1
    capsys.readouterr()
    # an extracted document's rows name their input: one that is not the listed one is found the same way
    rewrite_rows(release, SHARD, lambda rows: [r.update(doc_sha256=hashlib.sha256(b"x").hexdigest(),
                                                        input_sha256=older) for r in rows if r["source"] == source])
    found = messages(release)
    assert len(found) == 1 and f"input_sha256 {older[:12]}…, the sha256 of another version of {source!r}" in found[0]
    # a release made before TREC rows carried input_sha256 (manifest_version 1) cannot tell a TREC file of one
    # document from a plain .txt: its .txt rows are not tied (nor, so, a swap that sets the version back)
    rewrite_rows(release, SHARD, lambda rows: [r.update(input_sha256=None) for r in rows if r["source"] == source])
    manifest = manifest_of(release)
    manifest["manifest_version"] = 1
    write_manifest(release, manifest)
    assert messages(release) == []


def test_documents_of_a_split_that_the_rows_contradict(release: Path) -> None:
    manifest = manifest_of(release)
    manifest["counts"]["splits"]["train"]["documents"] += 1
    write_manifest(release, manifest)
    found = messages(release)
    documents = manifest["counts"]["splits"]["train"]["documents"]
    assert (f"manifest.json: $.counts.splits.train.documents: {documents}; the data/ shards of split 'train' hold "
            f"the rows of {documents - 1} documents") in found, found


# --- everything read from a release is untrusted: manifest and card mutations ---------------------------------

def _outputs(change: Callable[[list[Any]], Any]) -> Callable[[dict[str, Any]], None]:
    def mutate(m: dict[str, Any]) -> None:
        change(m["outputs"])
    return mutate


MANIFEST_MUTATIONS: dict[str, Callable[[dict[str, Any]], Any] | str | bytes] = {
    "not JSON": "{not json",
    "not UTF-8": b"\xff\xfe{}",
    "nested too deeply": "[" * 100_000 + "]" * 100_000,
    "a list": "[]",
    "a string": '"manifest"',
    "outputs missing": lambda m: m.pop("outputs"),
    "outputs not a list": lambda m: m.update(outputs={"path": "README.md"}),
    "an output not an object": _outputs(lambda o: o.append(5)),
    "path a number": _outputs(lambda o: o[0].update(path=5)),
    "path missing": _outputs(lambda o: o[0].pop("path")),
    "bytes a string": _outputs(lambda o: o[0].update(bytes="20479")),
    "bytes negative": _outputs(lambda o: o[0].update(bytes=-1)),
    "bytes a float": _outputs(lambda o: o[0].update(bytes=1.5)),
    "bytes true": _outputs(lambda o: o[0].update(bytes=True)),
    "bytes huge": _outputs(lambda o: o[0].update(bytes=10**30)),
    "sha256 uppercase": _outputs(lambda o: o[0].update(sha256=o[0]["sha256"].upper())),
    "sha256 with a newline": _outputs(lambda o: o[0].update(sha256=o[0]["sha256"] + "\n")),
    "sha256 missing": _outputs(lambda o: o[0].pop("sha256")),
    "rows a string": _outputs(lambda o: o[0].update(rows="66")),
    "rows wrong": _outputs(lambda o: o[0].update(rows=65)),
    "a path listed twice": _outputs(lambda o: o.append(dict(o[0]))),
    "counts not an object": lambda m: m.update(counts=[]),
    "splits not an object": lambda m: m["counts"].update(splits=3),
    "a split not an object": lambda m: m["counts"]["splits"].update(train=3),
    "paragraphs a string": lambda m: m["counts"]["splits"]["train"].update(paragraphs="66"),
    "rejects a string": lambda m: m["counts"].update(rejects="75"),
    "documents_in a list": lambda m: m["counts"].update(documents_in=[13]),
    "version a number": lambda m: m.update(version=5),
    "config not an object": lambda m: m.update(config="x"),
    "max_document_bytes a string": lambda m: m["config"].update(max_document_bytes="16"),
}


def _apply(release: Path, mutation: Callable[[dict[str, Any]], Any] | str | bytes) -> None:
    if isinstance(mutation, bytes):
        (release / "manifest.json").write_bytes(mutation)
    elif isinstance(mutation, str):
        (release / "manifest.json").write_text(mutation)
    else:
        manifest = manifest_of(release)
        mutation(manifest)
        write_manifest(release, manifest)


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(MANIFEST_MUTATIONS))
def test_a_mutated_manifest_is_a_located_issue_never_a_crash(release: Path, built: Path, tmp_path: Path, name: str,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    _apply(release, MANIFEST_MUTATIONS[name])
    issues = check_release(release)
    assert issues and any(i.location.path.endswith("manifest.json") for i in issues), issues
    assert main(["validate", str(release)]) == 1
    assert main(["publish", str(release), "--to", str(tmp_path / "mirror"), "--dry-run"]) == 1
    assert main(["diff", str(built), str(release)]) in (0, 1)
    assert "internal error" not in capsys.readouterr().err
    assert not (tmp_path / "mirror").exists()


def _card(change: Callable[[dict[str, Any]], Any] | bytes) -> Callable[[Path], None]:
    def craft(release: Path) -> None:
        card = release / "README.md"
        if isinstance(change, bytes):
            card.write_bytes(change)
        else:
            text = card.read_text(encoding="utf-8")
            _, front, body = text.split("---\n", 2)
            meta = yaml.safe_load(front)
            change(meta)
            card.write_text(f"---\n{yaml.safe_dump(meta, allow_unicode=True)}---\n{body}", encoding="utf-8")
        relist(release, "README.md")
    return craft


def _outside_data_files(meta: dict[str, Any]) -> None:
    meta["configs"][0]["data_files"][0]["path"] = "../outside/*.parquet"


CARD_MUTATIONS: dict[str, Callable[[Path], None]] = {
    "not UTF-8": _card(b"---\n\xff\xfe\n---\n"),
    "no front matter": _card(b"# just a title\n"),
    "YAML not a mapping": _card(b"---\n- 1\n- 2\n---\n"),
    "YAML unparseable": _card(b"---\nkey: [unclosed\n---\n"),
    "dataset_info a number": _card(lambda m: m.update(dataset_info=5)),
    "dataset_info items numbers": _card(lambda m: m.update(dataset_info=[5, 6])),
    "splits a number": _card(lambda m: m["dataset_info"][0].update(splits=5)),
    "a split a string": _card(lambda m: m["dataset_info"][0].update(splits=["train"])),
    "num_examples a string": _card(lambda m: m["dataset_info"][0]["splits"][0].update(num_examples="66")),
    "configs a string": _card(lambda m: m.update(configs="default")),
    "data_files outside the release": _card(_outside_data_files),
}


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(CARD_MUTATIONS))
def test_a_mutated_card_is_a_located_issue_never_a_crash(release: Path, tmp_path: Path, name: str,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    outside = release.parent / "outside"
    outside.mkdir()
    shutil.copy(release / SHARD, outside / "train-00000-of-00001.parquet")
    CARD_MUTATIONS[name](release)
    issues = check_release(release)
    assert any(i.location.path.endswith("README.md") for i in issues), issues
    assert main(["validate", str(release)]) == 1
    assert "internal error" not in capsys.readouterr().err
