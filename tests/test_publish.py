"""Publishing: to a local path and to a real S3-compatible server on loopback (moto), with verification,
refusal to overwrite a version and --force; the Hub path up to the network call."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from builder.cli import main
from builder.config import BuildConfig
from builder.release.publish import PublishError, publish
from builder.run.pipeline import build
from tests.conftest import EXAMPLES, release_files


@pytest.fixture(scope="module")
def release(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("pub") / "release"
    build([str(EXAMPLES)], out, BuildConfig.load(version="1.0.0"))
    return out


def test_publish_to_a_local_path_verifies_and_refuses_to_overwrite(release: Path, tmp_path: Path,
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    dest = tmp_path / "mirror"
    assert main(["publish", str(release), "--to", str(dest)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("published 7 files (") and f"to {dest}/1.0.0; verified against the manifest" in out
    assert release_files(dest / "1.0.0") == release_files(release)
    assert main(["publish", str(release), "--to", str(dest)]) == 1
    # built as 1.0.0, it is published only as that: the way out is a new build, not another --version
    assert ("already exists and versions are immutable; build the release again with another --version (it was "
            "built as 1.0.0) and publish that (or --force to replace it)") in capsys.readouterr().err
    (dest / "1.0.0" / "README.md").write_text("tampered")
    assert main(["publish", str(release), "--to", str(dest), "--force"]) == 0
    assert release_files(dest / "1.0.0") == release_files(release)


def test_dry_run_lists_every_file_with_its_size(release: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["publish", str(release), "--to", "hf://datasets/acme/news", "--dry-run"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("would upload 7 files (") and lines[0].endswith("to hf://datasets/acme/news@1.0.0:")
    import json

    outputs = [o["path"] for o in json.loads((release / "manifest.json").read_text())["outputs"]]
    assert [line.split()[-1] for line in lines[1:]] == [*outputs, "manifest.json"]
    sizes = {line.split()[1]: int(line.split()[0]) for line in lines[1:]}
    assert sizes["README.md"] == (release / "README.md").stat().st_size


def test_hub_needs_a_token_and_never_prints_it(release: Path, monkeypatch: pytest.MonkeyPatch,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.delenv("HF_TOKEN", raising=False)
    monkeypatch.delenv("HUGGING_FACE_HUB_TOKEN", raising=False)
    assert main(["publish", str(release), "--to", "hf://datasets/acme/news"]) == 1
    assert "no Hugging Face token: set HF_TOKEN" in capsys.readouterr().err
    with pytest.raises(PublishError, match="expected hf://datasets/ORG/NAME"):
        publish(release, "hf://datasets/just-a-name")


def test_an_invalid_release_is_not_published(release: Path, tmp_path: Path) -> None:
    import shutil

    broken = tmp_path / "broken"
    shutil.copytree(release, broken)
    (broken / "README.md").write_text("edited")
    with pytest.raises(PublishError, match="is not a valid release"):
        publish(broken, str(tmp_path / "dest"))


@pytest.mark.slow
def test_publish_to_s3_on_loopback(release: Path, s3_server: str, capsys: pytest.CaptureFixture[str]) -> None:
    import s3fs

    args = ["publish", str(release), "--to", "s3://releases/news", "--storage-option", f"endpoint_url={s3_server}"]
    assert main(args) == 0
    assert "to s3://releases/news/1.0.0; verified" in capsys.readouterr().out
    fs = s3fs.S3FileSystem(endpoint_url=s3_server)
    landed = {p.removeprefix("releases/news/1.0.0/"): fs.cat(p) for p in fs.find("releases/news/1.0.0")}
    assert landed == release_files(release)
    assert main(args) == 1
    assert "already exists and versions are immutable" in capsys.readouterr().err
    assert main([*args, "--force"]) == 0


def test_a_folder_of_raw_documents_is_not_a_release(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "a.txt").write_text("Some article text.\n", encoding="utf-8")
    assert main(["publish", str(raw), "--to", str(tmp_path / "mirror")]) == 1
    err = capsys.readouterr().err
    assert (f"{raw}/manifest.json: $: missing: this folder is not a release (no manifest.json, data/ or dataset "
            "card); make one with `dataset-builder build SOURCE --out DIR`") in err
    assert "interrupted" not in err and not (tmp_path / "mirror").exists()
    assert "dataset-builder validate" not in err  # on raw documents it checks them as documents


def test_a_bucket_name_of_the_wrong_length_says_so(release: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for bucket, found in (("b", "too short for a bucket name (1 characters"),
                          ("b" * 223, "too long for a bucket name (223 characters")):
        assert main(["publish", str(release), "--to", f"s3://{bucket}/x", "--dry-run"]) == 2
        assert (f"{found}; a bucket name has 3 to 63, up to 222 with dots in Google Cloud Storage)"
                in capsys.readouterr().err)
    assert main(["publish", str(release), "--to", "s3://Bad_Bucket/x", "--dry-run"]) == 2
    assert "'Bad_Bucket' is not a bucket name (lower-case letters, digits, . _ -)" in capsys.readouterr().err


def test_a_local_version_folder_that_is_the_release_inside_it_or_holding_it_is_refused(
        release: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`publish pub/1.0.0 --to pub --force` removed the release's own files before copying them (both
    lost); `--to RELEASE/data` wrote a version into the release and broke it. Refused up front, exit 2,
    symlinks resolved, nothing written or removed."""
    import shutil

    mirror = tmp_path / "mirror"
    assert main(["publish", str(release), "--to", str(mirror)]) == 0
    published = mirror / "1.0.0"
    holder = tmp_path / "holder" / "1.0.0"
    shutil.copytree(release, holder / "inner")
    (tmp_path / "link").symlink_to(mirror)
    cases = [(published, mirror, "the release itself"), (published, tmp_path / "link", "the release itself"),
             (release, release / "data", "inside the release"), (release, release / "pub", "inside the release"),
             (holder / "inner", tmp_path / "holder", "a folder holding the release")]
    for source, to, why in cases:
        before = {p: release_files(p) for p in (published, release, holder / "inner")}
        capsys.readouterr()
        assert main(["publish", str(source), "--to", str(to), "--force"]) == 2, (source, to)
        err = capsys.readouterr().err
        assert f"would be {why}" in err and "publish to a folder outside it" in err, err
        assert {p: release_files(p) for p in before} == before
        assert not (release / "pub").exists() and not (release / "data" / "1.0.0").exists()


def test_published_files_are_readable_as_the_umask_allows(release: Path, tmp_path: Path) -> None:
    """Files were created 0o600 (mkstemp) whatever the umask: a shared mirror was unreadable to others."""
    import os
    import stat

    old = os.umask(0o022)
    try:
        assert main(["publish", str(release), "--to", str(tmp_path / "mirror")]) == 0
    finally:
        os.umask(old)
    modes = {stat.S_IMODE(p.stat().st_mode) for p in (tmp_path / "mirror" / "1.0.0").rglob("*") if p.is_file()}
    assert modes == {0o644}


def _killed_publish(release: Path, to: str, *options: str) -> None:
    """A publish killed (SIGKILL) after its ledger and its first file, as a power cut would."""
    import os
    import subprocess
    import sys

    from builder.run.faults import ENVIRONMENT
    from tests.conftest import ROOT

    killed = subprocess.run([sys.executable, "-m", "builder", "publish", str(release), "--to", to, *options],
                            env={**os.environ, ENVIRONMENT: "publish-after-first-file"}, cwd=ROOT, capture_output=True)
    assert killed.returncode == -9, killed.stderr


def test_an_interrupted_publish_to_a_folder_is_finished_by_the_next(release: Path, tmp_path: Path,
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    """Before: the rerun said "holds files … but no manifest.json … remove them yourself", with or without --force."""
    dest = tmp_path / "mirror"
    _killed_publish(release, str(dest))
    version = dest / "1.0.0"
    assert (version / ".publishing.json").is_file() and not (version / "manifest.json").exists()
    assert main(["validate", str(version)]) == 1  # shards and no manifest: unfinished, not raw documents
    capsys.readouterr()
    assert main(["publish", str(release), "--to", str(dest)]) == 0
    assert "clearing the 1 file(s) an interrupted publish left" in capsys.readouterr().err
    assert release_files(version) == release_files(release)
    assert sorted(p.name for p in version.iterdir()) == sorted(p.name for p in release.iterdir() if p.name != ".cache")


def test_a_file_the_ledger_does_not_list_is_neither_removed_nor_published_over(
        release: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    dest = tmp_path / "mirror"
    _killed_publish(release, str(dest))
    version = dest / "1.0.0"
    (version / "notes.txt").write_text("someone's own file")
    before = {p.relative_to(version): p.read_bytes() for p in version.rglob("*") if p.is_file()}
    for force in ([], ["--force"]):
        assert main(["publish", str(release), "--to", str(dest), *force]) == 1
        assert "notes.txt" in capsys.readouterr().err
        assert {p.relative_to(version): p.read_bytes() for p in version.rglob("*") if p.is_file()} == before


def test_an_interrupted_publish_to_s3_is_finished_by_the_next(release: Path, s3_server: str,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    import s3fs

    options = ["--storage-option", f"endpoint_url={s3_server}"]
    _killed_publish(release, "s3://releases/cut", *options)
    fs = s3fs.S3FileSystem(endpoint_url=s3_server, skip_instance_cache=True)
    left = sorted(p.removeprefix("releases/cut/1.0.0/") for p in fs.find("releases/cut/1.0.0"))
    assert ".publishing.json" in left and "manifest.json" not in left and len(left) == 2
    assert main(["publish", str(release), "--to", "s3://releases/cut", *options]) == 0
    fs.invalidate_cache()
    landed = {p.removeprefix("releases/cut/1.0.0/"): fs.cat(p) for p in fs.find("releases/cut/1.0.0")}
    assert landed == release_files(release)


def test_a_planted_publish_ledger_in_a_bucket_is_checked_by_size(release: Path, s3_server: str,
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    """In object storage the ledger's record is checked by the listing's size: an object of another size under a
    listed name is refused, named, and left."""
    import s3fs

    fs = s3fs.S3FileSystem(endpoint_url=s3_server, skip_instance_cache=True)
    fs.pipe_file("releases/planted/1.0.0/README.md", b"someone's own notes\n")
    record = {"bytes": 5, "sha256": "0" * 64}
    fs.pipe_file("releases/planted/1.0.0/.publishing.json", json.dumps({"files": {"README.md": record}}).encode())
    assert main(["publish", str(release), "--to", "s3://releases/planted",
                 "--storage-option", f"endpoint_url={s3_server}"]) == 1
    assert "README.md (20 bytes, .publishing.json lists 5)" in capsys.readouterr().err
    fs.invalidate_cache()
    assert fs.cat("releases/planted/1.0.0/README.md") == b"someone's own notes\n"


def test_publishing_a_release_as_another_version_says_what_to_do(release: Path, tmp_path: Path,
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    """--version of a release built with one must be that one (its manifest and card name it): a usage error that
    says so and what to do instead (it was exit 1, "built as version '1.0.0', not '2.0'", and no next step)."""
    assert main(["publish", str(release), "--to", str(tmp_path / "mirror"), "--version", "2.0", "--dry-run"]) == 2
    assert capsys.readouterr().err.startswith(
        "error: --version 2.0: the release was built as version 1.0.0, which its manifest and card name, so it can be "
        "published only as that: leave out --version, or build it again with --version 2.0 and publish that\n")
    assert not (tmp_path / "mirror").exists()


def test_a_planted_publish_ledger_does_not_get_a_users_file_removed(
        release: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A version folder holding a user's README.md and a `.publishing.json` that lists it (publish never wrote
    either): the file is not what an interrupted publish left (its bytes are not the release's card), so publish
    must refuse, as it refuses a file the ledger does not list, not remove it and publish over it."""
    version = tmp_path / "mirror" / "1.0.0"
    version.mkdir(parents=True)
    (version / "README.md").write_text("someone's own notes\n", encoding="utf-8")
    (version / ".publishing.json").write_text('{"files": ["README.md"]}', encoding="utf-8")
    assert main(["publish", str(release), "--to", str(tmp_path / "mirror")]) == 1
    assert "README.md" in capsys.readouterr().err
    assert (version / "README.md").read_text(encoding="utf-8") == "someone's own notes\n"


def test_a_planted_publish_ledger_with_records_is_checked_against_the_files(
        release: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A ledger in the format publish writes (size and sha256 of each file) whose records are not the files there:
    publish names the file and refuses, removing nothing."""
    version = tmp_path / "mirror" / "1.0.0"
    version.mkdir(parents=True)
    (version / "README.md").write_text("someone's own notes\n", encoding="utf-8")
    record = {"bytes": 20, "sha256": "0" * 64}  # the size of the notes, another file's hash
    (version / ".publishing.json").write_text(json.dumps({"files": {"README.md": record}}), encoding="utf-8")
    assert main(["publish", str(release), "--to", str(tmp_path / "mirror")]) == 1
    assert "README.md (its sha256 is not the one .publishing.json lists)" in capsys.readouterr().err
    assert (version / "README.md").read_text(encoding="utf-8") == "someone's own notes\n"


def test_a_version_folder_that_is_a_symbolic_link_is_named_as_one(release: Path, tmp_path: Path,
                                                                    capsys: pytest.CaptureFixture[str]) -> None:
    """fix20: a version folder that is a link to a folder was refused as "is there and is not a folder", which it
    is (a folder, through the link); the message says it is a link, that publish writes through none, and what
    to do. Nothing is written where the link points."""
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    mirror = tmp_path / "mirror"
    mirror.mkdir()
    (mirror / "1.0.0").symlink_to(elsewhere)
    assert main(["publish", str(release), "--to", str(mirror)]) == 1
    assert capsys.readouterr().err.startswith(
        f"error: {mirror / '1.0.0'} is a symbolic link (to {elsewhere}); publish writes a version folder of its own, "
        f"never through a link: remove the link, or give --to the folder the version should be published in\n")
    assert list(elsewhere.iterdir()) == []
    with pytest.raises(PublishError, match=r"never through a link: remove the link, or give to= the folder"):
        publish(release, str(mirror))
def test_a_publish_ledger_nested_too_deeply_is_refused_not_a_crash(
        release: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A `.publishing.json` of 100,000 nested arrays: json.loads raises RecursionError, not ValueError, and publish
    stopped with `internal error` (exit 3, "a bug") instead of saying that the ledger is not one it wrote."""
    version = tmp_path / "mirror" / "1.0.0"
    version.mkdir(parents=True)
    (version / "README.md").write_text("someone's own notes\n", encoding="utf-8")
    (version / ".publishing.json").write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    assert main(["publish", str(release), "--to", str(tmp_path / "mirror")]) == 1
    err = capsys.readouterr().err
    assert ".publishing.json is not a ledger publish wrote (not JSON" in err and "internal error" not in err
    assert (version / "README.md").read_text(encoding="utf-8") == "someone's own notes\n"


@pytest.mark.parametrize("to, said", [
    ("/dev/null", "--to /dev/null: cannot hold a version folder: it is not a folder (a device, a FIFO or a socket)"),
    ("afile", "--to {tmp}/afile: cannot hold a version folder: it is a file"),
    ("afile/sub", "--to {tmp}/afile/sub: cannot hold a version folder; {tmp}/afile, on its path, is a file"),
    ("/dev/null/x", "--to /dev/null/x: cannot hold a version folder; /dev/null, on its path, is not a folder"),
    ("gone", "--to {tmp}/gone: cannot hold a version folder: it is a symbolic link to something that does not exist"),
])
@pytest.mark.parametrize("dry_run", [True, False])
def test_a_local_to_that_is_no_folder_is_refused_naming_the_option(
        release: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], to: str, said: str, dry_run: bool) -> None:
    """trial26 row 10: `--to /dev/null --dry-run` said `would upload 7 files … to /dev/null/1.0.0` (exit 0), and for
    real `error: /dev/null/1.0.0: Not a directory` named no option (exit 1); both now a usage error naming --to."""
    (tmp_path / "afile").write_text("notes\n")
    (tmp_path / "gone").symlink_to(tmp_path / "nowhere")
    target = to if to.startswith("/") else str(tmp_path / to)
    assert main(["publish", str(release), "--to", target, *(["--dry-run"] if dry_run else [])]) == 2
    printed = capsys.readouterr()
    assert printed.out == ""
    assert printed.err.startswith("error: " + said.format(tmp=tmp_path))
    assert (tmp_path / "afile").read_text() == "notes\n" and not (tmp_path / "nowhere").exists()


@pytest.mark.parametrize("dry_run", [True, False])
def test_a_local_to_that_steps_out_of_a_missing_folder_is_refused(
        release: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
        dry_run: bool) -> None:
    """ux27's trial: `--to nope/../mirror` published into mirror/ and left an empty nope/ beside it."""
    monkeypatch.chdir(tmp_path)
    assert main(["publish", str(release), "--to", "nope/../mirror", *(["--dry-run"] if dry_run else [])]) == 2
    assert capsys.readouterr().err.startswith("error: --to nope/../mirror: nope does not exist, so nope/.. leads "
                                              "nowhere")
    assert list(tmp_path.iterdir()) == []
    (tmp_path / "here").mkdir()
    assert main(["publish", str(release), "--to", "here/../mirror"]) == 0  # from a folder that exists: as the system
    assert (tmp_path / "mirror" / "1.0.0" / "manifest.json").is_file()
