"""Issue 9, second round (attack report findings 3, 6, 7, 8, 10c, 10d): publish touches only versions it
published and never writes through an existing file; validate's messages are sanitised; every row is
checked for what a build cannot have written (raw addresses, unknown codes, signals that are not the
text's, broken documents, dangling references, paths that leave the source); one rule for the files a
release may hold; malformed URLs and unreachable endpoints are named as such.

Each test crafts the case the way the report did (a manifest consistent with its files, so only the
rule under test can catch it) and runs the real CLI, real files and a real moto S3 server on loopback.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest

from builder.cli import main
from builder.release.destinations import Storage, parse_destination
from builder.release.names import release_path_problem
from builder.release.publish import Item, _upload
from builder.text.ids import record_id
from builder.text.quality import signals
from tests.conftest import ROOT, release_files
from tests.test_untrusted_release import (
    REJECTS_SHARD,
    SHARD,
    list_output,
    manifest_of,
    messages,
    rewrite_rows,
    write_manifest,
)

Rows = list[dict[str, Any]]


# --- 3. publish never overwrites or deletes what is not a version it published --------------------------------

def _users_folder(version: Path) -> dict[str, bytes]:
    (version / "photos").mkdir(parents=True)
    (version / "photos" / "a.jpg").write_bytes(b"\xff\xd8 a photo")
    (version / "README.md").write_text("MY OWN README\n")
    (version / "thesis.tex").write_text("mine\n")
    return release_files(version)


@pytest.mark.parametrize("force", [[], ["--force"]])
def test_publish_refuses_a_folder_that_is_not_a_published_version(release: Path, tmp_path: Path, force: list[str],
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    mirror = tmp_path / "mirror"
    before = _users_folder(mirror / "1.0.0")
    assert main(["publish", str(release), "--to", str(mirror), *force]) == 1
    err = capsys.readouterr().err
    assert "not a published release" in err and "--to" in err and "--version" in err, err
    assert release_files(mirror / "1.0.0") == before


def test_publish_never_writes_through_a_hard_link_into_a_users_file(release: Path, tmp_path: Path) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("MY NOTES\n")
    (tmp_path / "mirror" / "1.0.0").mkdir(parents=True)
    os.link(notes, tmp_path / "mirror" / "1.0.0" / "README.md")
    for force in ([], ["--force"]):
        assert main(["publish", str(release), "--to", str(tmp_path / "mirror"), *force]) == 1
    assert notes.read_text() == "MY NOTES\n"


def test_a_local_upload_replaces_the_file_instead_of_writing_into_it(release: Path, tmp_path: Path) -> None:
    """Whatever sits at the destination (here a hard link to the user's file) is replaced, not written into."""
    notes = tmp_path / "notes.txt"
    notes.write_text("MY NOTES\n")
    target = tmp_path / "mirror" / "1.0.0"
    target.mkdir(parents=True)
    os.link(notes, target / "README.md")
    entry = next(o for o in manifest_of(release)["outputs"] if o["path"] == "README.md")
    store = Storage(parse_destination(str(tmp_path / "mirror")), {})
    _upload(release, store, Item("README.md", entry["bytes"], entry["sha256"]), f"{store.root}/1.0.0/README.md")
    assert notes.read_text() == "MY NOTES\n"
    assert (target / "README.md").read_bytes() == (release / "README.md").read_bytes()
    assert sorted(p.name for p in target.iterdir()) == ["README.md"]  # no temporary file left behind


def test_force_refuses_a_version_holding_files_its_manifest_does_not_list(release: Path, tmp_path: Path,
                                                                         capsys: pytest.CaptureFixture[str]) -> None:
    mirror = tmp_path / "mirror"
    assert main(["publish", str(release), "--to", str(mirror)]) == 0
    (mirror / "1.0.0" / "thesis.tex").write_text("mine\n")
    before = release_files(mirror / "1.0.0")
    assert main(["publish", str(release), "--to", str(mirror), "--force"]) == 1
    assert "thesis.tex" in capsys.readouterr().err
    assert release_files(mirror / "1.0.0") == before


def test_force_deletes_only_what_the_old_manifest_lists(release: Path, tmp_path: Path) -> None:
    mirror = tmp_path / "mirror"
    assert main(["publish", str(release), "--to", str(mirror)]) == 0
    manifest = manifest_of(mirror / "1.0.0")  # an old version that lists a file it does not hold any more
    manifest["outputs"] = [o for o in manifest["outputs"] if o["path"] != "removed_lines.json"]
    write_manifest(mirror / "1.0.0", manifest)
    assert main(["publish", str(release), "--to", str(mirror), "--force"]) == 1
    assert (mirror / "1.0.0" / "removed_lines.json").exists()
    assert (mirror / "1.0.0" / "manifest.json").exists()  # nothing removed: the refusal comes first


@pytest.mark.slow
def test_s3_publish_refuses_a_prefix_that_is_not_a_published_version(release: Path, s3_server: str,
                                                                      capsys: pytest.CaptureFixture[str]) -> None:
    import s3fs

    fs = s3fs.S3FileSystem(endpoint_url=s3_server)
    fs.pipe_file("releases/notours/1.0.0/README.md", b"MY OWN README")
    fs.pipe_file("releases/notours/1.0.0/user-notes.txt", b"mine")
    args = ["publish", str(release), "--to", "s3://releases/notours", "--storage-option", f"endpoint_url={s3_server}"]
    for force in ([], ["--force"]):
        assert main([*args, *force]) == 1
        assert "not a published release" in capsys.readouterr().err
        fs.invalidate_cache()
        assert fs.cat("releases/notours/1.0.0/README.md") == b"MY OWN README"
        assert fs.cat("releases/notours/1.0.0/user-notes.txt") == b"mine"


@pytest.mark.slow
def test_s3_force_refuses_a_version_with_unlisted_objects(release: Path, s3_server: str,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    import s3fs

    args = ["publish", str(release), "--to", "s3://releases/mixed", "--storage-option", f"endpoint_url={s3_server}"]
    assert main(args) == 0
    fs = s3fs.S3FileSystem(endpoint_url=s3_server)
    fs.pipe_file("releases/mixed/1.0.0/user-notes.txt", b"mine")
    assert main([*args, "--force"]) == 1
    assert "user-notes.txt" in capsys.readouterr().err
    fs.invalidate_cache()
    assert fs.cat("releases/mixed/1.0.0/user-notes.txt") == b"mine"
    assert fs.exists("releases/mixed/1.0.0/manifest.json")


# --- 6. validate's messages go through the sanitiser -----------------------------------------------------------

@pytest.mark.parametrize("fmt", ["text", "json", "github"])
def test_validate_messages_are_sanitised(release: Path, fmt: str, capsys: pytest.CaptureFixture[str]) -> None:
    rewrite_rows(release, SHARD, _set(1, input_sha256="jane.doe@example.com"))
    assert main(["validate", str(release), "--format", fmt]) == 1
    out = capsys.readouterr().out
    assert "input_sha256" in out and "jane.doe@example.com" not in out, out


# --- 7. rows a build cannot have written -------------------------------------------------------------------------

def _set(index: int, **values: Any) -> Callable[[Rows], None]:
    def change(rows: Rows) -> None:
        rows[index].update(values)
    return change


def _text(index: int, text: str) -> Callable[[Rows], None]:
    """A new text with its signals, as if a build had written it."""
    def change(rows: Rows) -> None:
        rows[index].update(text=text, **vars(signals(text)))
    return change


def _rename_document(index: int, doc_id: str) -> Callable[[Rows], None]:
    """Every row of row `index`'s document under another id, record ids derived from it."""
    def change(rows: Rows) -> None:
        old = rows[index]["doc_id"]
        for row in rows:
            if row["doc_id"] == old:
                row.update(doc_id=doc_id, id=record_id(doc_id, row["paragraph_index"]))
    return change


def _index(index: int, paragraph: int) -> Callable[[Rows], None]:
    def change(rows: Rows) -> None:
        rows[index].update(paragraph_index=paragraph, id=record_id(rows[index]["doc_id"], paragraph))
    return change


def _same_span(rows: Rows) -> None:  # rows 0 and 1 are paragraphs 0 and 1 of one document
    rows[1].update(char_start=rows[0]["char_start"], char_end=rows[0]["char_end"])


def _scatter(rows: Rows) -> None:
    rows.append(rows.pop(3))  # the last paragraph of the first document, after the other documents


def _flip_punct(rows: Rows) -> None:
    rows[2]["ends_with_punct"] = not rows[2]["ends_with_punct"]


@pytest.mark.slow
@pytest.mark.parametrize(("path", "change", "expected"), [
    (SHARD, _text(2, "write to jane.doe@example.com now"), "$.text: row 3: text holds an e-mail or IP address"),
    (SHARD, _text(2, "the server 10.1.2.3 answered"), "$.text: row 3: text holds an e-mail or IP address"),
    (SHARD, _set(2, url="https://example.com/?mail=jane.doe@example.com"), "$.url: row 3: url holds an e-mail"),
    (SHARD, _rename_document(0, "jane.doe@example.com"), "$.doc_id: row 1: doc_id holds an e-mail"),
    (SHARD, _set(2, url="https://example.com/reset?token=abc123secretXYZ"),
     "$.url: row 3: url holds an e-mail or IP address or a URL secret"),
    (SHARD, _text(2, "reset it at https://example.com/r?a=1&amp;access_token=abc123secretXYZ now"),
     "$.text: row 3: text holds an e-mail or IP address or a URL secret"),
    (REJECTS_SHARD, _set(1, text="https://cdn.example/a.png?X-Amz-Signature=9f8e7d"), "$.text: row 2: text holds"),
    (SHARD, _set(2, url="https://example.com/a?token[]=abc123secretXYZ"), "$.url: row 3: url holds"),  # session 15
    (SHARD, _text(2, "see https://example.com/r?auth_token=\"abc123secretXYZ\" now"), "$.text: row 3: text holds"),
    (SHARD, _set(2, url="https://api.telegram.org/bot123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw1/getMe"),
     "$.url: row 3: url holds"),  # session 16: a credential by its shape, outside a query string
    (SHARD, _text(2, "the key AKIA2E0A8F3B244C9986 was pasted here"), "$.text: row 3: text holds"),
    (SHARD, _text(2, "write to jane [at] example [dot] com now"), "$.text: row 3: text holds an e-mail"),
    (SHARD, _text(2, "write to jane_at_example_dot_com now"), "$.text: row 3: text holds an e-mail"),  # session 16
    (SHARD, _set(2, url="https://example.com/u/jane(at)example(dot)com"), "$.url: row 3: url holds an e-mail"),
    (REJECTS_SHARD, _set(1, text="jane.doe@example.com"), "$.text: row 2: text holds an e-mail"),
    (REJECTS_SHARD, _set(1, message="seen at 10.1.2.3"), "$.message: row 2: message holds an e-mail"),
    (SHARD, _set(2, language="zz"), "$.language: row 3: 'zz' is not a language code"),
    (SHARD, _set(2, script="Klingon"), "$.script: row 3"),
    (SHARD, _set(2, num_words=10**9), "$.num_words: row 3"),
    (SHARD, _flip_punct, "$.ends_with_punct: row 3"),
    (SHARD, _set(2, alpha_ratio=0.01), "$.alpha_ratio: row 3"),
    (SHARD, _set(1, doc_sha256="a" * 64), "$.doc_sha256: row 2"),
    (SHARD, _same_span, "$.char_start: row 2"),
    (SHARD, _index(2, 7), "$.paragraph_index: row 3"),
    (SHARD, _scatter, "not contiguous"),
    (SHARD, _text(2, "\u202eevil text reversed here"), "$.text: row 3: text holds invisible or bidi control"),
    (SHARD, _text(2, "a zero\u200bwidth space inside"), "$.text: row 3: text holds invisible or bidi control"),
    (REJECTS_SHARD, _set(1, duplicate_of="no-such-document"), "duplicate_of"),
    (SHARD, _set(2, source="../../etc/passwd"), "$.source: row 3"),
    (SHARD, _set(2, source="/etc/passwd"), "$.source: row 3"),
    (REJECTS_SHARD, _set(1, source="corpus/../../x"), "$.source: row 2"),
])
def test_a_row_a_build_cannot_have_written_is_invalid(release: Path, path: str, change: Callable[[Rows], None],
                                                      expected: str) -> None:
    rewrite_rows(release, path, change)
    found = messages(release)
    assert any(m.startswith(path) and expected in m for m in found), found
    assert main(["validate", str(release)]) == 1


def _refer_to_rejected(rows: Rows) -> None:
    rows[0]["doc_id"] = "dropped-document"  # a document that is only in rejects/
    rows[1]["duplicate_of"] = "dropped-document"


@pytest.mark.parametrize("change", [_set(1, duplicate_of="wire-2019-0412-02"), _refer_to_rejected])
def test_duplicate_of_naming_a_document_of_the_release_is_valid(release: Path, change: Callable[[Rows], None]) -> None:
    """A document id from data/ or from rejects/ (the kept document may itself have been dropped later)."""
    rewrite_rows(release, REJECTS_SHARD, change)
    assert messages(release) == []


def test_duplicate_of_naming_a_record_is_valid(release: Path) -> None:
    record = pq.read_table(release / SHARD).column("id")[5].as_py()
    rewrite_rows(release, REJECTS_SHARD, _set(1, duplicate_of=record))
    assert messages(release) == []


def test_a_fresh_build_passes_every_row_check(built: Path) -> None:
    assert messages(built) == []


# --- 8. one rule for the files of a release ---------------------------------------------------------------------

@pytest.mark.parametrize("name", ["run_me.sh", "Manifest.json", "readme.md", "data/sub/x.parquet", "notes/x.txt"])
def test_a_file_a_build_never_writes_is_invalid_and_not_published(release: Path, tmp_path: Path, name: str,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    (release / name).parent.mkdir(parents=True, exist_ok=True)
    (release / name).write_bytes(b"#!/bin/sh\necho pwned\n")
    list_output(release, name, b"#!/bin/sh\necho pwned\n")
    found = messages(release)
    assert any(name in m and "not a file a build writes" in m for m in found), found
    assert main(["publish", str(release), "--to", str(tmp_path / "mirror")]) == 1
    assert "not a valid release" in capsys.readouterr().err
    assert not (tmp_path / "mirror").exists()


def test_build_validate_and_publish_share_the_rule() -> None:
    from builder.release.outdir import _is_release_path

    for path in ["run_me.sh", "Manifest.json", "README.md", "removed_lines.json", "data/x.parquet",
                 "plots/languages.png", "data/.x", "data/a/b", "DATA/x.parquet"]:
        assert _is_release_path(path) == (release_path_problem(path) is None), path
    assert not _is_release_path("manifest.json")  # written last, by itself: never "replaced" as an output


# --- 10c. a URL that is malformed is a usage error, never a local folder ---------------------------------------

@pytest.mark.parametrize("url", ["s3:/bkt/x", "s3:bkt/x", "gs:/bkt", "hf:/datasets/org/name", "file:/tmp/x",
                                 "s3:", "c:x"])
def test_a_malformed_url_is_a_usage_error(release: Path, tmp_path: Path, url: str, monkeypatch: pytest.MonkeyPatch,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["publish", str(release), "--to", url]) == 2
    assert "./" in capsys.readouterr().err
    assert [p.name for p in tmp_path.iterdir()] == ["release"]  # no folder named like a protocol


def test_a_local_path_with_a_colon_is_written_with_dot_slash(release: Path, tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["publish", str(release), "--to", "./s3:/bkt/x"]) == 0
    assert (tmp_path / "s3:" / "bkt" / "x" / "1.0.0" / "manifest.json").is_file()


# --- 10d. the endpoint's problem, and what a SOURCE is --------------------------------------------------------

@pytest.mark.slow
def test_an_unreachable_ftp_endpoint_is_named(release: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "builder", "publish", str(release), "--to", "ftp://127.0.0.1:1/x"],
                          capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert done.returncode == 1, done.stderr
    assert "ftp://127.0.0.1:1/x" in done.stderr and "cannot connect" in done.stderr, done.stderr
    assert "stdout" not in done.stderr


@pytest.mark.parametrize("source", ["/dev/zero", "fifo"])
def test_a_source_that_is_not_a_regular_file_is_named_so(tmp_path: Path, source: str,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    if source == "fifo":
        os.mkfifo(tmp_path / "pipe.jsonl")
        source = str(tmp_path / "pipe.jsonl")
    assert main(["build", source, "--out", str(tmp_path / "out"), "--quiet"]) == 2
    err = capsys.readouterr().err
    assert "not a regular file or directory" in err and "no such file" not in err, err



def test_a_refused_connection_is_not_reported_as_stdout() -> None:
    from builder.run import env_errors

    message = env_errors.describe(ConnectionRefusedError(111, "Connection refused"))
    assert "cannot connect" in message and "stdout" not in message
