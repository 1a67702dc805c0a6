"""SOURCE as an fsspec URL: a real S3-compatible server (moto) on loopback holds the inputs, and a
build from it gives the same release, byte for byte, as a build of the same files on disk. Hostile
objects (a key with `..`, an object over the size limit, a decompression bomb) are rejects as their
local twins are, and a missing credential or bucket is a located usage error (exit 2)."""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

import pytest

from builder.api import build
from builder.cli import main
from builder.outcomes import Location, RawDocument, Reject
from builder.read.inputs import InputFile, Limits
from builder.steps import Reader
from tests.conftest import EXAMPLES, read_manifest, release_files

pytestmark = pytest.mark.slow  # a real S3 server and several builds


def upload(endpoint: str, folder: Path, prefix: str) -> None:
    import boto3

    s3 = boto3.client("s3", endpoint_url=endpoint)
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            s3.put_object(Bucket="releases", Key=f"{prefix}/{path.relative_to(folder).as_posix()}",
                          Body=path.read_bytes())


def put(endpoint: str, key: str, body: bytes) -> None:
    import boto3

    boto3.client("s3", endpoint_url=endpoint).put_object(Bucket="releases", Key=key, Body=body)


def rejects(release: Path) -> list[dict[str, object]]:
    import pyarrow.parquet as pq

    shards = sorted((release / "rejects").glob("*.parquet"))
    return [row for shard in shards for row in pq.read_table(shard).to_pylist()]


def test_a_build_from_s3_is_the_build_of_the_same_files_on_disk(s3_server: str, tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch,
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    upload(s3_server, EXAMPLES, "corpus")
    local, remote = tmp_path / "local", tmp_path / "remote"
    assert main(["build", str(EXAMPLES), "--out", str(local), "--quiet", "--workers", "1", "--version", "1.0.0"]) == 0
    assert main(["build", "s3://releases/corpus/", "--out", str(remote), "--quiet", "--workers", "1", "--version",
                 "1.0.0", "--storage-option", f"endpoint_url={s3_server}"]) == 0
    assert release_files(remote) == release_files(local)  # shards, rejects, card, manifest (input sha256s too)
    inputs = read_manifest(remote)["inputs"]
    assert [i["path"] for i in inputs] == sorted(p.relative_to(EXAMPLES).as_posix() for p in EXAMPLES.rglob("*")
                                                 if p.is_file())
    assert s3_server not in (remote / "manifest.json").read_text()  # storage options never reach the release
    assert main(["validate", "s3://releases/corpus/", "--storage-option", f"endpoint_url={s3_server}"]) == 0
    occupied = tmp_path / "occupied"  # the working folder, with a file of the user's: refused as such, not
    occupied.mkdir()                   # as "holding the source" (a URL is no local path under it)
    (occupied / "notes.txt").write_text("mine")
    monkeypatch.chdir(occupied)
    capsys.readouterr()
    assert main(["build", "s3://releases/corpus/", "--out", ".", "--quiet", "--storage-option",
                 f"endpoint_url={s3_server}"]) == 2
    assert "not a release written by dataset-builder" in capsys.readouterr().err


def test_a_glob_and_the_config_file_setting(s3_server: str, tmp_path: Path) -> None:
    upload(s3_server, EXAMPLES, "globbed")
    config = tmp_path / "build.toml"
    config.write_text(f'[read]\nstorage_options = {{endpoint_url = "{s3_server}"}}\n')
    local, remote = tmp_path / "local", tmp_path / "remote"
    assert main(["build", f"{EXAMPLES}/news/**/*.txt", "--out", str(local), "--quiet", "--workers", "1"]) == 0
    assert main(["build", "s3://releases/globbed/news/**/*.txt", "--out", str(remote), "--quiet", "--workers", "1",
                 "--config", str(config)]) == 0
    assert release_files(remote)["data/train-00000-of-00001.parquet"] == \
        release_files(local)["data/train-00000-of-00001.parquet"]
    assert {i["path"] for i in read_manifest(remote)["inputs"]} == {"en/001_solar_farm.txt", "fa/001_tehran_metro.txt",
        "fr/001_greve_transports.txt", "ur/001_monsoon.txt", "ar/000_30e7cbf137371a0a.txt",
        "ar/001_economy_port.txt", "ar/002_health_campaign.txt", "ar/003_culture_festival.txt",
        "ar/004_sport_final.txt"}


def test_hostile_objects_are_rejects_and_the_build_goes_on(s3_server: str, tmp_path: Path,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    good = {"id": "good", "text": "The council met on Monday to debate the budget for the coming year."}
    put(s3_server, "hostile/good.jsonl", (json.dumps(good) + "\n").encode())
    put(s3_server, "hostile/../escaped.jsonl", b'{"id": "escaped", "text": "outside the prefix"}\n')
    put(s3_server, "hostile/big.txt", b"word " * 4000)  # 20,000 bytes, over the limit below
    put(s3_server, "hostile/bomb.jsonl.gz", gzip.compress(b" " * (40 * 1024 * 1024)))
    put(s3_server, "hostile/.hidden.jsonl", b"not json")  # hidden, as a local dot-file: skipped
    config = tmp_path / "build.toml"
    config.write_text("[read]\nmax_document_bytes = 10000\nmax_decompression_ratio = 2\n")
    out = tmp_path / "out"
    assert main(["build", "s3://releases/hostile", "--out", str(out), "--quiet", "--workers", "1", "--config",
                 str(config), "--storage-option", f"endpoint_url={s3_server}"]) == 0
    found = {row["source"]: (row["reason"], row["message"]) for row in rejects(out)}
    assert found["big.txt"][0] == "too_large"
    assert found["bomb.jsonl.gz"][0] == "decompression_limit"
    assert found["..%2Fescaped.jsonl"][0] == "outside_source_root"  # its name percent-encoded: no `..` in the
    assert "'../escaped.jsonl'" in str(found["..%2Fescaped.jsonl"][1])  # release, which validate would refuse
    assert "rename the object" in str(found["..%2Fescaped.jsonl"][1])
    assert ".hidden.jsonl" not in found
    assert main(["validate", str(out)]) == 0


def test_missing_credentials_are_a_located_usage_error(s3_server: str, tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    put(s3_server, "creds/a.jsonl", b'{"id": "a", "text": "A sentence long enough to keep as a paragraph."}\n')
    for name in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_PROFILE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(tmp_path / "none"))
    monkeypatch.setenv("AWS_CONFIG_FILE", str(tmp_path / "none"))
    monkeypatch.setenv("AWS_EC2_METADATA_DISABLED", "true")
    option = f"endpoint_url={s3_server}"
    out = tmp_path / "out"
    code = main(["build", "s3://releases/creds/", "--out", str(out), "--quiet", "--storage-option", option,
                 "--storage-option", "skip_instance_cache=true"])
    err = capsys.readouterr().err
    assert code == 2, err
    assert "s3://releases/creds/: listing failed: NoCredentialsError" in err
    assert "AWS_ACCESS_KEY_ID" in err and "Traceback" not in err
    assert not out.exists()


def test_no_such_prefix_and_no_backend_are_usage_errors(s3_server: str, tmp_path: Path,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    option = f"endpoint_url={s3_server}"
    assert main(["build", "s3://releases/nothing-here/", "--out", str(tmp_path / "a"), "--storage-option",
                 option]) == 2
    assert "s3://releases/nothing-here/: no such object or prefix" in capsys.readouterr().err
    assert main(["build", "gs://bucket/corpus/", "--out", str(tmp_path / "b")]) == 2
    assert "gs:// needs gcsfs (pip install gcsfs)" in capsys.readouterr().err  # the command, not only the name
    assert main(["build", "s3://releases/x/", "--out", str(tmp_path / "c"), "--storage-option", "no_such=1"]) == 2
    assert "--storage-option" in capsys.readouterr().err


@dataclass(frozen=True)
class PathReader(Reader):
    """A user's reader written for local files only: it opens file.path."""

    name: ClassVar[str] = "path_reader"
    suffixes: ClassVar[tuple[str, ...]] = (".note",)

    def read(self, file: InputFile, limits: Limits) -> Iterator[RawDocument | Reject]:
        text = file.path.read_text()  # type: ignore[attr-defined]  # what this test is about
        yield RawDocument(Location(file.display), file.relative, {"id": file.relative, "text": text})


def test_a_reader_that_opens_file_path_gets_a_reject_saying_what_to_use(s3_server: str, tmp_path: Path) -> None:
    put(s3_server, "notes/a.note", b"A sentence long enough to be a paragraph of the note.")
    put(s3_server, "notes/b.jsonl", b'{"id": "b", "text": "A sentence long enough to be a paragraph of its own."}\n')
    result = build(["s3://releases/notes/"], tmp_path / "out", readers=[PathReader()],
                   storage_options={"endpoint_url": s3_server})
    assert result.document_rejects == {"unreadable_source": 1} and result.documents_kept == 1
    [row] = rejects(tmp_path / "out")
    assert row["source"] == "a.note" and "read it with file.open()" in str(row["message"])


def test_every_format_reads_the_same_from_s3(s3_server: str, tmp_path: Path) -> None:
    """Parquet (read by seeking), a JSON array (streamed), .zst and .gz (budgeted streams) from a bucket."""
    import pyarrow as pa
    import pyarrow.parquet as pq
    import zstandard

    documents = [json.loads(line) for line in (EXAMPLES / "feeds" / "wire.jsonl").read_text().splitlines()]
    folder = tmp_path / "formats"
    folder.mkdir()

    def renamed(tag: str) -> list[dict[str, object]]:
        return [{**doc, "id": f"{doc['id']}-{tag}"} for doc in documents]

    lines = lambda tag: "".join(json.dumps(d) + "\n" for d in renamed(tag)).encode()  # noqa: E731
    pq.write_table(pa.Table.from_pylist(renamed("parquet")), folder / "a.parquet")
    (folder / "b.json").write_text(json.dumps(renamed("json")))
    (folder / "c.jsonl.zst").write_bytes(zstandard.ZstdCompressor().compress(lines("zst")))
    (folder / "d.jsonl.gz").write_bytes(gzip.compress(lines("gz"), mtime=0))
    upload(s3_server, folder, "formats")
    local, remote = tmp_path / "local", tmp_path / "remote"
    assert main(["build", str(folder), "--out", str(local), "--quiet", "--workers", "1"]) == 0
    assert main(["build", "s3://releases/formats", "--out", str(remote), "--quiet", "--workers", "1",
                 "--storage-option", f"endpoint_url={s3_server}"]) == 0
    assert release_files(remote) == release_files(local)
    counts = read_manifest(remote)["counts"]
    assert counts["documents_in"] == 4 * len(documents) and counts["documents_kept"] > 0
    reading = {"unreadable_source", "malformed_json", "decompression_limit"}
    assert not reading & set(counts["documents_rejected_by_reason"])


def test_an_object_replaced_while_the_build_reads_it_stops_the_build(s3_server: str, tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch,
                                                                     capsys: pytest.CaptureFixture[str]) -> None:
    """Its results would be recorded under the sha256 of other content: the ETag and size taken when it
    was hashed are compared after it is read, as a local file's size, mtime and inode are."""
    from builder.release import manifest

    line = '{{"id": "{0}", "text": "A sentence about {0} long enough to be kept as a paragraph."}}\n'
    put(s3_server, "moving/a.jsonl", line.format("a").encode())
    put(s3_server, "moving/b.jsonl", line.format("b").encode())
    describe = manifest.describe_input

    def changing(file: InputFile) -> dict[str, object]:
        entry = describe(file)
        if file.relative == "b.jsonl":  # replaced right after its hash is taken
            put(s3_server, "moving/b.jsonl", (line.format("b") + line.format("c")).encode())
        return entry

    monkeypatch.setattr(manifest, "describe_input", changing)
    out = tmp_path / "out"
    assert main(["build", "s3://releases/moving", "--out", str(out), "--quiet", "--workers", "1",
                 "--storage-option", f"endpoint_url={s3_server}"]) == 1
    assert "s3://releases/moving/b.jsonl: changed while it was being read" in capsys.readouterr().err
    assert not (out / "manifest.json").exists()


def test_a_single_file_over_http(tmp_path: Path) -> None:
    """`https://host/file.jsonl` (here plain http on loopback): one file, its size from the server."""
    import functools
    import http.server
    import threading

    pytest.importorskip("aiohttp")
    served = tmp_path / "served"
    served.mkdir()
    (served / "wire.jsonl").write_bytes((EXAMPLES / "feeds" / "wire.jsonl").read_bytes())
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(served))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        remote, local = tmp_path / "remote", tmp_path / "local"
        url = f"http://127.0.0.1:{server.server_address[1]}/wire.jsonl"
        assert main(["build", url, "--out", str(remote), "--quiet", "--workers", "1"]) == 0
    finally:
        server.shutdown()
        server.server_close()
    assert main(["build", str(served / "wire.jsonl"), "--out", str(local), "--quiet", "--workers", "1"]) == 0
    assert release_files(remote) == release_files(local)


def test_a_hub_source_asks_the_hub_for_that_dataset_with_the_token_and_says_what_to_check(tmp_path: Path) -> None:
    """`hf://datasets/ORG/NAME/…` through huggingface_hub's real file system, up to the network call (the Hub
    cannot be reached from here): HF_ENDPOINT points it at a server on loopback that records what it is asked
    and refuses, as the Hub does a token without access."""
    import http.server
    import os
    import subprocess
    import sys
    import threading

    pytest.importorskip("huggingface_hub")
    asked: list[tuple[str, str | None]] = []

    class Refusing(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            asked.append((self.path, self.headers.get("Authorization")))
            self.send_response(401)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(b'{"error": "Invalid credentials in Authorization header"}')

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Refusing)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    env = {**os.environ, "HF_ENDPOINT": f"http://127.0.0.1:{server.server_address[1]}", "HF_TOKEN": "hf_not_a_token",
           "HF_HUB_DISABLE_TELEMETRY": "1", "HF_HUB_OFFLINE": "0"}
    try:  # a process of its own: huggingface_hub reads HF_ENDPOINT when it is imported
        done = subprocess.run([sys.executable, "-m", "builder", "build", "hf://datasets/acme/news/data/*.jsonl",
                               "--out", str(tmp_path / "out"), "--quiet"], env=env, capture_output=True, text=True,
                              timeout=300)
    finally:
        server.shutdown()
        server.server_close()
    assert asked and asked[0] == ("/api/datasets/acme/news", "Bearer hf_not_a_token")
    assert done.returncode == 2, done.stderr  # a usage error, not a crash
    assert "hf://datasets/acme/news/data/*.jsonl: listing failed" in done.stderr
    assert "the token can read it (HF_TOKEN" in done.stderr and "AWS_" not in done.stderr
    assert "Traceback" not in done.stderr and not (tmp_path / "out").exists()
