"""--out as an object-storage URL, on a real S3-compatible server (moto) on loopback: the release in
the bucket is byte for byte the local build of the same inputs, loads with `datasets` once
downloaded, and `validate URL` checks it. The commit keeps a local --out's promises: a build killed
mid-commit leaves a prefix without manifest.json that the next run rebuilds, and objects the tool
did not write are never replaced or deleted."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from builder.cli import main
from builder.run.faults import ENVIRONMENT
from tests.conftest import EXAMPLES, ROOT, release_files

pytestmark = pytest.mark.slow  # a real S3 server and several builds


def fs_for(endpoint: str):  # type: ignore[no-untyped-def]
    import s3fs

    fs = s3fs.S3FileSystem(endpoint_url=endpoint, skip_instance_cache=True)
    fs.invalidate_cache()
    return fs


def objects(endpoint: str, prefix: str) -> dict[str, bytes]:
    fs = fs_for(endpoint)
    return {p.removeprefix(f"{prefix}/"): fs.cat_file(p) for p in fs.find(prefix)}


def upload(endpoint: str, folder: Path, prefix: str) -> None:
    fs = fs_for(endpoint)
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            fs.pipe_file(f"{prefix}/{path.relative_to(folder).as_posix()}", path.read_bytes())


def download(endpoint: str, prefix: str, into: Path) -> Path:
    for name, data in objects(endpoint, prefix).items():
        (into / name).parent.mkdir(parents=True, exist_ok=True)
        (into / name).write_bytes(data)
    return into


def args(endpoint: str) -> list[str]:
    return ["--quiet", "--workers", "1", "--version", "1.0.0", "--storage-option", f"endpoint_url={endpoint}"]


@pytest.fixture(scope="module")
def local_release(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("local") / "release"
    assert main(["build", str(EXAMPLES), "--out", str(out), "--quiet", "--workers", "1", "--version", "1.0.0"]) == 0
    return out


def test_from_s3_to_s3_is_the_local_release_and_loads(s3_server: str, local_release: Path, tmp_path: Path) -> None:
    import datasets

    upload(s3_server, EXAMPLES, "releases/corpus")
    assert main(["build", "s3://releases/corpus/", "--out", "s3://releases/built/news", *args(s3_server)]) == 0
    landed = objects(s3_server, "releases/built/news")
    assert landed == release_files(local_release)  # every shard, the rejects, card, manifest; no staging, no lock
    copy = download(s3_server, "releases/built/news", tmp_path / "copy")
    loaded = datasets.load_dataset(str(copy))
    assert loaded["train"].num_rows == datasets.load_dataset(str(local_release))["train"].num_rows > 0
    assert main(["validate", "s3://releases/built/news", "--storage-option", f"endpoint_url={s3_server}"]) == 0


def test_the_summary_after_a_build_to_s3_prints_a_command_that_loads_its_rejects(
        s3_server: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """It printed load_dataset('s3://…', 'rejects'), which datasets takes for a local folder named "s3:"."""
    import shlex

    url = "s3://releases/summary"
    assert main(["build", str(EXAMPLES), "--out", url, "--workers", "1", "--storage-option",
                 f"endpoint_url={s3_server}"]) == 0
    (hint,) = [line for line in capsys.readouterr().out.splitlines() if "see them with:" in line]
    command = shlex.split(hint.split("see them with:", 1)[1])
    assert command[:2] == ["python", "-c"] and f"data_files='{url}/rejects/*.parquet'" in command[2]
    shown = subprocess.run([sys.executable, "-c", command[2]], capture_output=True, text=True, timeout=300,
                           env={**os.environ, "HF_DATASETS_CACHE": str(tmp_path / "hf")})
    assert shown.returncode == 0, shown.stderr
    assert "boilerplate_" in shown.stdout  # the rejects' rows, printed


def test_validate_names_a_tampered_object_by_its_url(s3_server: str, local_release: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["build", str(EXAMPLES), "--out", "s3://releases/tampered", *args(s3_server)]) == 0
    fs = fs_for(s3_server)
    fs.pipe_file("releases/tampered/README.md", b"edited")
    fs.pipe_file("releases/tampered/data/extra.parquet", b"not listed")
    capsys.readouterr()
    assert main(["validate", "s3://releases/tampered", "--storage-option", f"endpoint_url={s3_server}"]) == 1
    out = capsys.readouterr().out
    # the card is fetched whatever its size (its prose is the user's, polish26) and named by what its edit broke
    assert ("s3://releases/tampered/README.md: $: cannot read the card's YAML: no YAML front matter between --- lines "
            "at the top") in out
    assert "s3://releases/tampered/data/extra.parquet: $: not listed in manifest.json" in out


def test_a_rebuild_replaces_only_its_own_objects(s3_server: str, tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    first = tmp_path / "first"
    (first / "a").mkdir(parents=True)
    (first / "a" / "one.txt").write_text("The council met on Monday to debate the budget for the coming year.\n")
    url = "s3://releases/rebuilt"
    assert main(["build", str(first), "--out", url, *args(s3_server)]) == 0
    fs = fs_for(s3_server)
    fs.pipe_file("releases/rebuilt/notes.txt", b"the user's own")  # beside the release: left alone
    assert main(["build", str(EXAMPLES), "--out", url, *args(s3_server)]) == 0
    assert objects(s3_server, "releases/rebuilt")["notes.txt"] == b"the user's own"
    assert main(["validate", url, "--storage-option", f"endpoint_url={s3_server}"]) == 0
    fs.pipe_file("releases/rebuilt/data/mine.parquet", b"a file of the user's")  # where a build writes: refused
    before = objects(s3_server, "releases/rebuilt")
    capsys.readouterr()
    assert main(["build", str(first), "--out", url, *args(s3_server)]) == 2
    assert "data/mine.parquet: not written by this build" in capsys.readouterr().err
    assert objects(s3_server, "releases/rebuilt") == before


def test_an_edited_card_object_is_kept_beside_the_new_card(s3_server: str, tmp_path: Path,
                                                           caplog: pytest.LogCaptureFixture) -> None:
    """trial20's finding 11: a card edited in the bucket was replaced by the next build without a word (a local
    --out keeps it as README.edited-HASH.md); at a URL it is kept the same way, and the build says so. A rebuild
    over the tool's own card keeps nothing."""
    import hashlib
    import logging

    first = tmp_path / "first"
    first.mkdir()
    (first / "one.txt").write_text("The council met on Monday to debate the budget for the coming year.\n")
    url = "s3://releases/edited"
    assert main(["build", str(first), "--out", url, *args(s3_server)]) == 0
    card = objects(s3_server, "releases/edited")["README.md"]
    edited = card + b"\nA note of mine.\n"
    fs_for(s3_server).pipe_file("releases/edited/README.md", edited)
    kept = f"README.edited-{hashlib.sha256(edited).hexdigest()[:12]}.md"
    with caplog.at_level(logging.WARNING):
        assert main(["build", str(first), "--out", url, *args(s3_server)]) == 0
    assert any(kept in record.getMessage() for record in caplog.records)
    found = objects(s3_server, "releases/edited")
    assert found[kept] == edited and found["README.md"] == card
    caplog.clear()
    with caplog.at_level(logging.WARNING):
        assert main(["build", str(first), "--out", url, *args(s3_server)]) == 0
    assert not any("README.edited-" in record.getMessage() for record in caplog.records)
    assert objects(s3_server, "releases/edited") == found
    assert main(["validate", url, "--storage-option", f"endpoint_url={s3_server}"]) == 0


def test_a_planted_manifest_does_not_make_an_object_of_another_size_the_tools(
        s3_server: str, local_release: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A release's manifest.json copied beside a user's object of a listed name and another size: refused, kept."""
    fs = fs_for(s3_server)
    shard = next(p.relative_to(local_release).as_posix() for p in sorted((local_release / "data").iterdir()))
    fs.pipe_file("releases/planted/manifest.json", (local_release / "manifest.json").read_bytes())
    fs.pipe_file(f"releases/planted/{shard}", b"precious")
    before = objects(s3_server, "releases/planted")
    capsys.readouterr()
    assert main(["build", str(EXAMPLES), "--out", "s3://releases/planted", *args(s3_server)]) == 2
    err = capsys.readouterr().err
    size = (local_release / shard).stat().st_size
    assert f"--out s3://releases/planted: {shard} (8 bytes, the manifest lists {size}): differs from what" in err
    assert objects(s3_server, "releases/planted") == before


def test_a_prefix_that_is_not_a_release_is_refused(s3_server: str, capsys: pytest.CaptureFixture[str]) -> None:
    fs_for(s3_server).pipe_file("releases/theirs/report.pdf", b"someone's")
    assert main(["build", str(EXAMPLES), "--out", "s3://releases/theirs", *args(s3_server)]) == 2
    assert "not a release written by dataset-builder" in capsys.readouterr().err
    assert objects(s3_server, "releases/theirs") == {"report.pdf": b"someone's"}
    for out, message in [("hf://datasets/org/name", "build into a folder and `dataset-builder publish` it"),
                         ("s3://releases/corpus/out", "lies inside or holds the source"),
                         ("s3://Bad_Bucket/x", "is not a bucket name"),
                         ("s3://no-such-bucket/x", "bucket 'no-such-bucket' does not exist")]:
        assert main(["build", "s3://releases/corpus/", "--out", out, *args(s3_server)]) == 2, out
        assert message in capsys.readouterr().err, out


@pytest.mark.parametrize("point", ["before-commit", "after-swap-data", "before-manifest"])
def test_a_build_killed_mid_commit_leaves_no_release_and_the_next_run_finishes_it(
        s3_server: str, local_release: Path, point: str, capsys: pytest.CaptureFixture[str]) -> None:
    prefix = f"releases/killed-{point}"
    # an earlier release there (of fewer inputs: other shards), for the killed commit to be replacing
    assert main(["build", str(EXAMPLES / "news"), "--out", f"s3://{prefix}", *args(s3_server)]) == 0
    command = [sys.executable, "-m", "builder", "build", str(EXAMPLES), "--out", f"s3://{prefix}", *args(s3_server)]
    killed = subprocess.run(command, env={**os.environ, ENVIRONMENT: point}, cwd=ROOT, capture_output=True)
    assert killed.returncode == -9, killed.stderr
    left = objects(s3_server, prefix)
    if point == "before-commit":
        assert "manifest.json" in left  # the previous release is whole until its manifest goes
    else:
        assert "manifest.json" not in left
        capsys.readouterr()
        assert main(["validate", f"s3://{prefix}", "--storage-option", f"endpoint_url={s3_server}"]) == 1
        assert f"s3://{prefix}/manifest.json: $: missing: this is not a finished release" in capsys.readouterr().out
    again = subprocess.run(command, cwd=ROOT, capture_output=True)  # the dead build's lock is taken over
    assert again.returncode == 0, again.stderr
    assert objects(s3_server, prefix) == release_files(local_release)


def test_a_prefix_of_shards_alone_is_an_unfinished_release(s3_server: str, local_release: Path,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    upload(s3_server, local_release / "data", "releases/half/data")  # a publish that stopped after data/
    assert main(["validate", "s3://releases/half", "--storage-option", f"endpoint_url={s3_server}"]) == 1
    assert "s3://releases/half/manifest.json: $: missing: this is not a finished release" in capsys.readouterr().out


def test_validate_of_a_bucket_that_does_not_exist_names_it(s3_server: str, capsys: pytest.CaptureFixture[str]) -> None:
    """Before: "error: the output (stdout): The specified bucket does not exist", exit 1."""
    assert main(["validate", "s3://nosuchbkt/x", "--storage-option", f"endpoint_url={s3_server}"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: s3://nosuchbkt/x: cannot be listed: ") and "bucket" in err and "stdout" not in err


def test_a_large_file_of_the_release_goes_up_in_parts_of_a_bounded_size(s3_server: str, tmp_path: Path) -> None:
    """The driver uploads the release: s3fs would read a shard of under 100 MiB whole (and send 10 parts of
    50 MiB at once), which was the driver's peak RSS; it goes up in parts of UPLOAD_PART, whole."""
    from builder.release.remote_out import UPLOAD_PART, _upload

    data = os.urandom(2 * UPLOAD_PART + 1000)
    (tmp_path / "shard.parquet").write_bytes(data)
    fs = fs_for(s3_server)
    _upload(fs, str(tmp_path / "shard.parquet"), "releases/big/data/shard.parquet")
    assert fs.cat_file("releases/big/data/shard.parquet") == data
    assert fs.info("releases/big/data/shard.parquet")["ETag"].strip('"').endswith("-3")  # a multipart upload of 3
