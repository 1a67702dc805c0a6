"""Object storage as a hostile user would use it, each against a real S3-compatible server (moto) on
loopback: an --out prefix holding someone's objects or a doctored release, URLs with credentials or
odd protocols, oversized objects where the tool keeps its own small files, and `validate` of a
release whose object names cannot be local paths. Every case is a usage error (exit 2) or a reject,
never a deleted or replaced object of the user's, a traceback or a leaked secret."""

from __future__ import annotations

import functools
import http.server
import json
import threading
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import pytest

from builder.cli import main
from tests.conftest import EXAMPLES, release_files
from tests.test_remote_out import args, fs_for, objects

pytestmark = pytest.mark.slow  # a real S3 server and several builds

LINE = '{{"id": "{0}", "text": "The council met on Monday to debate the budget for {0} in the coming year."}}\n'


def corpus(tmp_path: Path, name: str = "corpus") -> Path:
    folder = tmp_path / name
    folder.mkdir()
    (folder / "a.jsonl").write_text(LINE.format("a") + LINE.format("b"))
    return folder


def opt(endpoint: str) -> list[str]:
    return ["--storage-option", f"endpoint_url={endpoint}"]


# --- --out: what a build deletes or replaces ---------------------------------------------------------

@pytest.mark.parametrize("listed", ["../theirs/report.pdf", "/releases/theirs/report.pdf", "data//mine.parquet",
                                    "data/%2e%2e/mine.parquet", "s3://releases/theirs/report.pdf",
                                    "data/../../theirs/report.pdf", "notes.txt"])
def test_a_doctored_manifest_or_ledger_never_gets_an_object_deleted(s3_server: str, tmp_path: Path, listed: str,
                                                                    capsys: pytest.CaptureFixture[str]) -> None:
    prefix = f"releases/{tmp_path.name}"  # moto keeps its objects across servers of one process
    url, fs = f"s3://{prefix}", fs_for(s3_server)
    assert main(["build", str(corpus(tmp_path)), "--out", url, *args(s3_server)]) == 0
    fs.pipe_file("releases/theirs/report.pdf", b"someone's")
    fs.pipe_file(f"{prefix}/notes.txt", b"the user's own")
    manifest = json.loads(fs.cat_file(f"{prefix}/manifest.json"))
    manifest["outputs"].append({"path": listed, "bytes": 9, "sha256": "0" * 64})
    fs.pipe_file(f"{prefix}/manifest.json", json.dumps(manifest).encode())
    before = {**objects(s3_server, prefix), **objects(s3_server, "releases/theirs")}
    capsys.readouterr()
    assert main(["build", str(corpus(tmp_path, "again")), "--out", url, *args(s3_server)]) == 2
    assert "which dataset-builder never writes" in capsys.readouterr().err
    # an interrupted build's ledger listing the same names: refused the same way
    fs.rm_file(f"{prefix}/manifest.json")
    fs.pipe_file(f"{prefix}/.dataset-builder-build", b"dataset-builder")
    fs.pipe_file(f"{prefix}/.staging/commit.json", json.dumps({"replacing": [listed], "writing": []}).encode())
    assert main(["build", str(corpus(tmp_path, "third")), "--out", url, *args(s3_server)]) == 2
    assert "lists objects a build never writes" in capsys.readouterr().err
    after = {**objects(s3_server, prefix), **objects(s3_server, "releases/theirs")}
    assert {k: v for k, v in after.items() if k != ".staging/commit.json" and k != ".dataset-builder-build"} == \
        {k: v for k, v in before.items() if k != "manifest.json"}


def test_a_planted_ledger_beside_the_users_objects_gets_none_deleted(s3_server: str, tmp_path: Path,
                                                                     capsys: pytest.CaptureFixture[str]) -> None:
    """An interrupted build's prefix (the marker, no manifest) where the user's own objects sit at names a release
    uses, with a ledger listing them: one of bare paths (an older version's, or planted) is refused, and so is one
    whose recorded size is not the object's; nothing is deleted. (The same hole as trial19's finding 8 for a
    local --out, here for a URL.)"""
    prefix = f"releases/{tmp_path.name}"
    url, fs = f"s3://{prefix}", fs_for(s3_server)
    fs.pipe_file(f"{prefix}/.dataset-builder-build", b"dataset-builder")
    fs.pipe_file(f"{prefix}/README.md", b"the user's own notes")
    fs.pipe_file(f"{prefix}/data/train-00000-of-00001.parquet", b"the user's own table")
    listed = ["README.md", "data/train-00000-of-00001.parquet"]
    fs.pipe_file(f"{prefix}/.staging/commit.json", json.dumps({"replacing": listed, "writing": []}).encode())
    before = objects(s3_server, prefix)
    capsys.readouterr()
    assert main(["build", str(corpus(tmp_path)), "--out", url, *args(s3_server)]) == 2
    assert "without the size of each" in capsys.readouterr().err
    assert objects(s3_server, prefix) == before
    sized = {path: {"bytes": 7} for path in listed}  # a size the user's objects do not have
    fs.pipe_file(f"{prefix}/.staging/commit.json", json.dumps({"replacing": sized, "writing": {}}).encode())
    before = objects(s3_server, prefix)
    assert main(["build", str(corpus(tmp_path, "again")), "--out", url, *args(s3_server)]) == 2
    err = capsys.readouterr().err
    assert "differs from what .staging/commit.json records" in err and "README.md" in err
    assert objects(s3_server, prefix) == before


def test_a_failed_build_leaves_the_previous_release_and_the_users_objects(s3_server: str, tmp_path: Path,
                                                                        capsys: pytest.CaptureFixture[str]) -> None:
    url, fs = "s3://releases/failing", fs_for(s3_server)
    assert main(["build", str(corpus(tmp_path)), "--out", url, *args(s3_server)]) == 0
    fs.pipe_file("releases/failing/notes.txt", b"the user's own")
    before = objects(s3_server, "releases/failing")
    bad = corpus(tmp_path, "bad")
    (bad / "b.jsonl").write_text("not json\n")
    capsys.readouterr()
    assert main(["build", str(bad), "--out", url, "--strict", *args(s3_server)]) == 1
    assert objects(s3_server, "releases/failing") == before  # no staging, marker or lock left; nothing replaced


def test_a_lock_held_elsewhere_is_respected_and_left(s3_server: str, tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    url, fs = "s3://releases/locked", fs_for(s3_server)
    assert main(["build", str(corpus(tmp_path)), "--out", url, *args(s3_server)]) == 0
    fs.pipe_file("releases/locked/.dataset-builder-lock", json.dumps({"host": "elsewhere", "pid": 1}).encode())
    before = objects(s3_server, "releases/locked")
    capsys.readouterr()
    assert main(["build", str(corpus(tmp_path, "again")), "--out", url, *args(s3_server)]) == 2
    assert "another build is writing this prefix right now, from elsewhere (process 1)" in capsys.readouterr().err
    assert objects(s3_server, "releases/locked") == before


@pytest.mark.parametrize("name", [".dataset-builder-build", ".staging/commit.json", ".dataset-builder-lock"])
def test_the_tools_own_small_objects_are_not_downloaded_when_huge(s3_server: str, tmp_path: Path, name: str,
                                                                  monkeypatch: pytest.MonkeyPatch,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    """The marker, the ledger and the lock are small when this tool writes them: one of gigabytes in
    their place is refused from its listed size, never read into memory. (The ledger may be as large
    as a manifest, 256 MiB: its limit is lowered here rather than uploading that much to moto.)"""
    from builder.release import remote_out

    monkeypatch.setattr(remote_out, "MAX_LEDGER_BYTES", 1024 * 1024)
    fs, prefix = fs_for(s3_server), f"releases/{tmp_path.name}"
    if name != ".dataset-builder-build":
        fs.pipe_file(f"{prefix}/.dataset-builder-build", b"dataset-builder")
    fs.pipe_file(f"{prefix}/{name}", b"{" * (20 * 1024 * 1024))
    before = objects(s3_server, prefix)
    capsys.readouterr()
    assert main(["build", str(corpus(tmp_path)), "--out", f"s3://{prefix}", *args(s3_server)]) == 2
    err = capsys.readouterr().err
    assert f"{name} is 20971520 bytes" in err and "Traceback" not in err
    assert objects(s3_server, prefix) == before


def test_out_urls_that_name_no_plain_prefix_are_refused(s3_server: str, tmp_path: Path,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    fs = fs_for(s3_server)
    fs.pipe_file("releases/someone/file.bin", b"someone's")
    before = objects(s3_server, "releases")
    source = str(corpus(tmp_path))
    assert main(["build", source, "--out", "s3://releases/new", "--previous", "s3://releases/someone",
                 *args(s3_server)]) == 2
    assert "--previous s3://releases/someone: give a local folder" in capsys.readouterr().err
    for out, message in [("s3://releases", "not empty, and not a release written by dataset-builder"),
                         ("s3://releases/x/..", "an empty, . or .. part"),
                         ("s3://releases/x/./y", "an empty, . or .. part"),
                         ("s3://releases//x", "an empty, . or .. part"),
                         ("s3://releases/x?versionId=1", "is not a plain path part"),
                         ("s3://releases/x#frag", "is not a plain path part"),
                         ("s3://releases/%2e%2e/x", "is not a plain path part"),
                         ("local:///tmp/x", "local:// is not a storage this tool writes to"),
                         ("memory://releases/x", "memory:// is not a storage this tool writes to")]:
        assert main(["build", source, "--out", out, *args(s3_server)]) == 2, out
        assert message in capsys.readouterr().err, out
    assert objects(s3_server, "releases") == before


def test_out_inside_a_source_named_by_another_protocol_of_the_same_store(s3_server: str, tmp_path: Path,
                                                                          capsys: pytest.CaptureFixture[str]) -> None:
    """s3a:// is s3fs too: a release written into the prefix it reads would be read back as input."""
    fs_for(s3_server).pipe_file("releases/aliased/a.jsonl", LINE.format("a").encode())
    before = objects(s3_server, "releases/aliased")
    assert main(["build", "s3a://releases/aliased/", "--out", "s3://releases/aliased/out", *args(s3_server)]) == 2
    assert "is, lies inside or holds the source s3a://releases/aliased/" in capsys.readouterr().err
    assert objects(s3_server, "releases/aliased") == before


def test_out_as_a_file_url_is_that_local_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    """As for publish --to: file:///ABSOLUTE/PATH is the local folder, held to a local --out's rules; a
    mistyped URL (`file:/x`) is refused rather than made into a folder named `file:` here."""
    monkeypatch.chdir(tmp_path)
    source = str(corpus(tmp_path))
    assert main(["build", source, "--out", f"file://{tmp_path}/out", "--quiet", "--workers", "1"]) == 0
    assert (tmp_path / "out" / "manifest.json").is_file()
    assert main(["build", source, "--out", f"file:{tmp_path}/other", "--quiet"]) == 2
    assert "looks like a URL's protocol" in capsys.readouterr().err
    assert not (tmp_path / "file:").exists()


# --- URLs and options ---------------------------------------------------------------------------------

def test_credentials_in_a_url_are_refused_and_never_printed(s3_server: str, tmp_path: Path,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    fs_for(s3_server).pipe_file("releases/creds/a.jsonl", LINE.format("a").encode())
    source = str(corpus(tmp_path))
    for command in (["build", "s3://AKIAEXAMPLE:hunter2secret@releases/creds/", "--out", str(tmp_path / "o1")],
                    ["build", source, "--out", "s3://AKIAEXAMPLE:hunter2secret@releases/out"],
                    ["validate", "s3://AKIAEXAMPLE:hunter2secret@releases/creds/"],
                    ["build", "https://user:hunter2secret@127.0.0.1:9/a.jsonl", "--out", str(tmp_path / "o2")]):
        assert main([*command, *opt(s3_server)]) == 2, command
        err = capsys.readouterr().err
        assert "credentials in a URL" in err, err
        assert "hunter2secret" not in err and "Traceback" not in err
    assert not (tmp_path / "o1").exists() and not (tmp_path / "o2").exists()


@pytest.mark.parametrize(("url", "hint"), [
    ("s3://AKIAEXAMPLE:hunter2secret@releases/creds/", "AWS_ACCESS_KEY_ID"),
    ("hf://someone:hunter2secret@datasets/org/name/", "HF_TOKEN"),
    ("gs://someone:hunter2secret@bucket/creds/", "GOOGLE_APPLICATION_CREDENTIALS"),
    ("https://user:hunter2secret@127.0.0.1:9/a.jsonl", "read without credentials"),
])
def test_a_refused_url_says_where_its_protocols_credentials_go(url: str, hint: str, tmp_path: Path,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    for command in (["build", url, "--out", str(tmp_path / "o")], ["validate", url]):
        assert main(command) == 2, command
        err = capsys.readouterr().err
        assert "credentials in a URL" in err and hint in err, err
        assert ("AWS_" in err) == url.startswith("s3://"), err  # no AWS advice for another store
        assert "hunter2secret" not in err and "Traceback" not in err
    if not url.startswith("https://"):  # a web server is not a place to write a release to
        assert main(["build", str(corpus(tmp_path)), "--out", url + "out"]) == 2
        err = capsys.readouterr().err
        assert hint in err and "hunter2secret" not in err, err
    assert not (tmp_path / "o").exists()


@pytest.mark.parametrize("url", [
    "https://127.0.0.1:9/dump.jsonl?X-Amz-Signature=hunter2secret&X-Amz-Expires=3600",  # a pre-signed URL
    "http://127.0.0.1:9/dump.jsonl?token=hunter2secret",
    "s3://releases/creds/?access_token=hunter2secret",
])
def test_a_credential_in_a_urls_query_is_refused_and_never_printed(url: str, tmp_path: Path,
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    """trial21: a signed or token URL was taken for a glob (`?`) and printed whole: `…?token=hunter2secret: the
    pattern matches no objects`, or, with the server up, `no input found (only 1 other file(s), e.g. …)`."""
    for command in (["build", url, "--out", str(tmp_path / "o")], ["validate", url]):
        assert main(command) == 2, command
        err = capsys.readouterr().err
        assert "credentials in a URL" in err and "hunter2secret" not in err and "Traceback" not in err, err
    if url.startswith("s3://"):  # nor as a place to write to
        assert main(["build", str(corpus(tmp_path)), "--out", url + "out"]) == 2
        err = capsys.readouterr().err
        assert "credentials in a URL" in err and "hunter2secret" not in err, err
    assert not (tmp_path / "o").exists()


def test_a_backends_error_never_prints_a_credential_of_an_option(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    """trial21: botocore's message quotes the endpoint_url option whole (`Custom endpoint
    `http://127.0.0.1:9/?token=…` was not a valid URI`), and storage options are never printed."""
    pytest.importorskip("s3fs")
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "x")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "y")
    for endpoint in ("http://127.0.0.1:9/?token=hunter2secret", "http://u:hunter2secret@127.0.0.1:9/"):
        assert main(["build", "s3://bucket/x", "--out", str(tmp_path / "o"), "--storage-option",
                     f"endpoint_url={endpoint}"]) == 2
        err = capsys.readouterr().err
        assert "listing failed" in err and "hunter2secret" not in err, err
    assert not (tmp_path / "o").exists()


def test_a_web_source_with_a_query_is_refused_with_what_to_do(web: tuple[str, str], tmp_path: Path,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    """trial21: `…/wire.jsonl?v=2` was read as a glob and refused as `no input found (only 1 other file(s), e.g.
    …/wire.jsonl?v=2)`, which names the very file the user gave."""
    pytest.importorskip("aiohttp")
    first, _ = web
    assert main(["build", f"{first}/wire.jsonl?v=2", "--out", str(tmp_path / "out"), "--quiet"]) == 2
    err = capsys.readouterr().err
    assert f"{first}/wire.jsonl?v=2: a web SOURCE is read by its path" in err and "no input found" not in err, err
    assert not (tmp_path / "out").exists()


def test_storage_options_that_are_secrets_never_reach_the_release(s3_server: str, tmp_path: Path,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    fs_for(s3_server).pipe_file("releases/secret/a.jsonl", LINE.format("a").encode())
    url = "s3://releases/secret-out"
    assert main(["build", "s3://releases/secret/", "--out", url, *args(s3_server), "--storage-option",
                 "key=test", "--storage-option", "secret=test", "--storage-option", "token=hunter2token"]) == 0
    assert main(["validate", url, *opt(s3_server), "--storage-option", "token=hunter2token"]) == 0
    assert "hunter2token" not in str(capsys.readouterr())
    landed = objects(s3_server, "releases/secret-out")
    assert landed and not any(b"hunter2token" in data or s3_server.encode() in data for data in landed.values())


@pytest.mark.parametrize("value", ['{"endpoint_url": "http://127.0.0.1:9"}', '["a"]'])
def test_a_nested_storage_option_is_refused_by_name(s3_server: str, tmp_path: Path, value: str,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    fs_for(s3_server).pipe_file("releases/nested/a.jsonl", LINE.format("a").encode())
    assert main(["build", "s3://releases/nested/", "--out", str(tmp_path / "out"), *opt(s3_server),
                 "--storage-option", f"client_kwargs={value}"]) == 2
    err = capsys.readouterr().err
    assert "--storage-option client_kwargs: a value is a string, a number, true, false or null" in err, err
    assert not (tmp_path / "out").exists()


def test_local_and_wrapping_protocols_are_not_sources(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`local://` and `file://` read through fsspec would follow a symlink out of the folder, and
    `reference://`, `simplecache://`, `zip://`, `dir://` wrap another file system chosen by options:
    the protocols a SOURCE may use are the stores', as for --out; a file:///ABSOLUTE/PATH is that local
    path, with a local path's checks."""
    secret = tmp_path / "secret.txt"
    secret.write_text("The council met on Monday to debate the budget for the coming year.\n")
    folder = corpus(tmp_path)
    (folder / "link.txt").symlink_to(secret)
    for source in (f"local://{folder}", "memory://bucket/x/", "reference://x", "simplecache://x", "zip://x",
                   "dir://x", "data://x"):
        assert main(["build", source, "--out", str(tmp_path / "out"), "--quiet"]) == 2, source
        err = capsys.readouterr().err
        assert "is not a storage a SOURCE can be read from" in err, (source, err)
    assert not (tmp_path / "out").exists()
    assert main(["build", f"file://{folder}", "--out", str(tmp_path / "out"), "--quiet", "--workers", "1"]) == 0
    import pyarrow.parquet as pq

    [shard] = (tmp_path / "out" / "rejects").glob("*.parquet")
    assert {r["source"]: r["reason"] for r in pq.read_table(shard).to_pylist()} == {"link.txt": "outside_source_root"}


@pytest.fixture
def web() -> Iterator[tuple[str, str]]:
    """Two web servers on loopback; the first answers /to-other/… with a redirect to the second."""

    class Handler(http.server.SimpleHTTPRequestHandler):
        def do_HEAD(self) -> None:
            if self.path.startswith("/to-"):
                self.send_response(302)
                target = f"{others}/wire.jsonl" if self.path.startswith("/to-other/") else "file:///etc/passwd"
                self.send_header("Location", target)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            super().do_HEAD()

        do_GET = do_HEAD  # type: ignore[assignment]

        def log_message(self, *_: object) -> None:
            pass

    servers = []
    for _ in range(2):
        handler = functools.partial(Handler, directory=str(EXAMPLES / "feeds"))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
    first, others = (f"http://127.0.0.1:{s.server_address[1]}" for s in servers)
    yield first, others
    for server in servers:
        server.shutdown()
        server.server_close()


def test_a_web_source_that_redirects_is_refused(web: tuple[str, str], tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    """A redirect is not followed: it could send the build to a host of the user's own network (a cloud
    metadata endpoint, say) and put what it answers into a dataset that gets published."""
    pytest.importorskip("aiohttp")
    first, others = web
    for path, where in [("/to-other/wire.jsonl", f"{others}/wire.jsonl"), ("/to-file/wire.jsonl", "file:///etc/passwd")]:
        assert main(["build", first + path, "--out", str(tmp_path / "out"), "--quiet"]) == 2, path
        err = capsys.readouterr().err
        assert f"{first}{path}: the server redirects to {where}; redirects are not followed" in err, err
    assert not (tmp_path / "out").exists()


# --- inputs ---------------------------------------------------------------------------------------------

def test_keys_that_differ_in_normalisation_or_case_or_hold_double_slashes(s3_server: str, tmp_path: Path) -> None:
    fs = fs_for(s3_server)
    text = "The council met on Monday to debate the budget for the coming year, said {0}.\n"
    for name in (unicodedata.normalize("NFC", "café"), unicodedata.normalize("NFD", "café"), "Cafe", "cafe"):
        fs.pipe_file(f"releases/names/{name}.txt", text.format(name).encode())
    fs.pipe_file("releases/names/sub//double.txt", text.format("double").encode())
    out = tmp_path / "out"
    assert main(["build", "s3://releases/names/", "--out", str(out), "--quiet", "--workers", "1",
                 *opt(s3_server)]) == 0
    assert main(["validate", str(out)]) == 0
    import pyarrow.parquet as pq

    rejects = [r for s in sorted((out / "rejects").glob("*.parquet")) for r in pq.read_table(s).to_pylist()]
    assert {r["source"]: r["reason"] for r in rejects if r["reason"] == "outside_source_root"} == \
        {"sub%2F%2Fdouble.txt": "outside_source_root"}  # percent-encoded: a plain name, so the release is valid


def test_a_key_that_holds_the_encoding_of_a_slash_keeps_a_source_of_its_own(s3_server: str, tmp_path: Path) -> None:
    """Session 15's tester: the key `sub%2F%2Fdouble.txt` was shown as written, the spelling a rejected
    `sub//double.txt` gets, so two keys had one `source`. `%` itself is encoded in a plain name now."""
    fs = fs_for(s3_server)
    for name, text in [("sub//double.txt", "The council met on Monday to debate the budget for next year."),
                       ("sub%2F%2Fdouble.txt", "Fishermen reported record catches of sardines along the coast."),
                       ("plain name.txt", "A new bridge over the river will open next spring after years of work.")]:
        fs.pipe_file(f"releases/percent/{name}", f"{text}\n".encode())
    out = tmp_path / "out"
    assert main(["build", "s3://releases/percent/", "--out", str(out), "--quiet", "--workers", "1",
                 *opt(s3_server)]) == 0
    assert main(["validate", str(out)]) == 0
    import pyarrow.parquet as pq

    rejects = [r for s in sorted((out / "rejects").glob("*.parquet")) for r in pq.read_table(s).to_pylist()]
    records = [r for s in sorted((out / "data").glob("*.parquet")) for r in pq.read_table(s).to_pylist()]
    assert {r["source"] for r in rejects if r["reason"] == "outside_source_root"} == {"sub%2F%2Fdouble.txt"}
    assert {r["source"] for r in records} == {"sub%252F%252Fdouble.txt", "plain name.txt"}  # no `%`: as written


def test_an_object_replaced_between_the_passes_by_one_of_the_same_size_stops_the_build(
        s3_server: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """Only the ETag tells: the second pass would read other text than the first counted and hashed."""
    from builder.run import pipeline

    fs = fs_for(s3_server)
    fs.pipe_file("releases/swapped/a.jsonl", LINE.format("a").encode())
    fs.pipe_file("releases/swapped/b.jsonl", LINE.format("b").encode())
    frequent = pipeline.RepeatedLines.frequent

    def swapping(counter: object) -> object:  # runs once, between the passes
        fs.pipe_file("releases/swapped/b.jsonl", LINE.format("c").encode())  # same size, other text
        return frequent(counter)

    monkeypatch.setattr(pipeline.RepeatedLines, "frequent", staticmethod(swapping))
    url = f"s3://releases/{tmp_path.name}"
    assert main(["build", "s3://releases/swapped/", "--out", url, *args(s3_server)]) == 1
    assert "s3://releases/swapped/b.jsonl: changed while it was being read" in capsys.readouterr().err
    # the prefix was empty: left marked as an unfinished build (as a new local --out is), no staging, no lock
    assert set(objects(s3_server, f"releases/{tmp_path.name}")) == {".dataset-builder-build"}


# --- validate URL ---------------------------------------------------------------------------------------

def test_validate_of_a_release_whose_names_are_no_local_paths(s3_server: str, tmp_path: Path,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    """Objects `data/x` and `data/x/y` (a file and a folder of the same name on disk), a name longer
    than a file system allows, a manifest listing a path outside the release: reported, not a crash."""
    url, fs = "s3://releases/odd", fs_for(s3_server)
    assert main(["build", str(corpus(tmp_path)), "--out", url, *args(s3_server)]) == 0
    fs.pipe_file("releases/odd/data/extra.parquet", b"x")
    fs.pipe_file("releases/odd/data/extra.parquet/inner.parquet", b"y")
    fs.pipe_file(f"releases/odd/data/{'n' * 300}.parquet", b"z")
    capsys.readouterr()
    assert main(["validate", url, *opt(s3_server)]) == 1
    out = capsys.readouterr()
    assert "Traceback" not in out.err and "internal error" not in out.err, out.err
    assert f"{url}/data/extra.parquet/inner.parquet: $:" in out.out
    assert f"{url}/data/{'n' * 300}.parquet: $:" in out.out
    manifest = json.loads(fs.cat_file("releases/odd/manifest.json"))
    manifest["outputs"].append({"path": "../someone/file.bin", "bytes": 9, "sha256": "0" * 64})
    fs.pipe_file("releases/odd/manifest.json", json.dumps(manifest).encode())
    fs.pipe_file("releases/someone/file.bin", b"someone's")
    assert main(["validate", url, *opt(s3_server)]) == 1
    assert "../someone/file.bin" in capsys.readouterr().out


def test_rebuilding_in_place_from_a_prefix_keeps_release_files_equal(s3_server: str, tmp_path: Path) -> None:
    """The same build twice into one prefix: the second replaces only its own objects and lands the
    same bytes (a sanity anchor for the refusals above)."""
    source = corpus(tmp_path)
    url = "s3://releases/twice"
    assert main(["build", str(source), "--out", url, *args(s3_server)]) == 0
    first = objects(s3_server, "releases/twice")
    assert main(["build", str(source), "--out", url, *args(s3_server)]) == 0
    assert objects(s3_server, "releases/twice") == first
    local = tmp_path / "local"
    assert main(["build", str(source), "--out", str(local), "--quiet", "--workers", "1", "--version", "1.0.0"]) == 0
    assert first == release_files(local)


def test_validate_refuses_to_download_more_than_the_disk_has(s3_server: str, tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    """A manifest may list terabytes: validate URL checks the free space of the folder it downloads to
    before fetching anything. Here the room it must leave is set above this disk's free space, so even
    the small release does not fit; the same release validates with the normal margin."""
    import shutil

    from builder.release import remote_check

    url = "s3://releases/roomy"
    assert main(["build", str(corpus(tmp_path)), "--out", url, *args(s3_server)]) == 0
    assert main(["validate", url, *opt(s3_server)]) == 0
    fetched: list[str] = []
    make = remote_check._make

    def recorded(path: Path, data: bytes) -> None:  # every file written locally, downloads included
        fetched.append(path.name)
        make(path, data)

    monkeypatch.setattr(remote_check, "_make", recorded)
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    monkeypatch.setattr(remote_check.tempfile, "tempdir", None)  # TMPDIR is read again
    # a margin 8 GiB over today's free space: other processes freeing disk while the test runs cannot make room
    monkeypatch.setattr(remote_check, "ROOM_MARGIN", shutil.disk_usage(tmp_path).free + 8 * 2**30)
    capsys.readouterr()
    assert main(["validate", url, *opt(s3_server)]) == 1
    err = capsys.readouterr().err
    assert "no space left" in err and "files its manifest lists" in err and "Set TMPDIR" in err, err
    assert "Traceback" not in err
    assert fetched == ["manifest.json"]  # read to know the sizes; no shard, card or rejects fetched
