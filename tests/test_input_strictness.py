"""Input is read strictly and the same way in every format: duplicate JSON keys are an error, size
limits hold for Parquet and JSON rows too, no input at all is a usage error, and deep folder trees
are walked without crashing."""

from __future__ import annotations

import json
import os
import random
import string
import tempfile
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from builder.cli import main
from builder.config import BuildConfig
from builder.read.registry import Readers
from builder.run.pipeline import build
from tests.conftest import text_for
from tests.releases import release_rows


def _rejects(out: Path) -> list[dict]:
    return release_rows(out, "rejects")


def _document_rejects(out: Path) -> list[tuple[str, int | None, str]]:
    return [(r["reason"], r["line"], r["message"]) for r in _rejects(out) if r["kind"] == "document"]


# --- duplicate keys -------------------------------------------------------------------------------

def test_duplicate_keys_in_a_jsonl_object_are_a_schema_error(tmp_path: Path,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    good = json.dumps({"id": "good", "text": text_for("good")})
    twice = '{"id": "first", "text": %s, "id": "second"}' % json.dumps(text_for("twice"))
    nested = '{"id": "n", "text": %s, "metadata": {"k": 1, "k": 2}}' % json.dumps(text_for("n"))
    (tmp_path / "d.jsonl").write_text("\n".join([good, twice, nested]) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    summary = build([str(tmp_path / "d.jsonl")], out, BuildConfig())
    assert summary.documents_kept == 1
    rejects = _document_rejects(out)
    assert [(reason, line) for reason, line, _ in rejects] == [("schema_invalid", 2), ("schema_invalid", 3)]
    assert "duplicate key 'id'" in rejects[0][2] and "duplicate key 'k'" in rejects[1][2]
    assert main(["validate", str(tmp_path / "d.jsonl")]) == 1
    printed = capsys.readouterr().out
    assert f"{tmp_path / 'd.jsonl'}:2: $: duplicate key 'id'" in printed


def test_duplicate_keys_in_a_json_array_item_are_a_schema_error(tmp_path: Path) -> None:
    items = [json.dumps({"id": "a", "text": text_for("a")}),
             '{"id": "b", "text": %s, "text": "the other text"}' % json.dumps(text_for("b"))]
    (tmp_path / "d.json").write_text("[\n" + ",\n".join(items) + "\n]\n", encoding="utf-8")
    out = tmp_path / "out"
    summary = build([str(tmp_path / "d.json")], out, BuildConfig())
    assert summary.documents_kept == 1
    [(reason, line, message)] = _document_rejects(out)
    assert (reason, line) == ("schema_invalid", 3) and "duplicate key 'text'" in message


def test_a_parquet_column_or_struct_field_named_twice_is_a_schema_error(tmp_path: Path) -> None:
    # trial23: a Parquet file with two `id` columns was read silently, the last one winning (as a JSON object naming a
    # key twice once was); a struct field named twice said "a value with no Python equivalent … years 1 to 9999"
    src = tmp_path / "src"
    src.mkdir()
    pq.write_table(pa.table([pa.array(["first", "first-b"]), pa.array([text_for("a"), text_for("b")]),
                             pa.array(["second", "second-b"])], names=["id", "text", "id"]), src / "twice.parquet")
    meta = pa.StructArray.from_arrays([pa.array([1]), pa.array([2])], names=["k", "k"])
    pq.write_table(pa.table([pa.array(["n"]), pa.array([text_for("n")]), meta], names=["id", "text", "metadata"]),
                   src / "nested.parquet")
    pq.write_table(pa.table({"id": ["good"], "text": [text_for("good")]}), src / "good.parquet")
    out = tmp_path / "out"
    summary = build([str(src)], out, BuildConfig())
    assert summary.documents_kept == 1 and summary.documents_in == 4
    rejects = sorted((r["source"], r["line"], r["reason"], r["message"]) for r in _rejects(out)
                     if r["kind"] == "document")
    assert [(source, line, reason) for source, line, reason, _ in rejects] == [
        ("nested.parquet", 1, "schema_invalid"), ("twice.parquet", 1, "schema_invalid"),
        ("twice.parquet", 2, "schema_invalid")]
    assert rejects[0][3].startswith("$.metadata: names the field 'k' twice")
    assert rejects[1][3].startswith("$: names the column 'id' twice") and "readers disagree" in rejects[1][3]
    assert main(["validate", str(src / "twice.parquet")]) == 1


# --- the same size limits for every format ----------------------------------------------------------

def _noise(n: int, seed: int) -> str:
    rng = random.Random(seed)
    return " ".join("".join(rng.choice(string.ascii_lowercase) for _ in range(7)) for _ in range(n // 8))


@pytest.mark.slow
def test_a_parquet_row_over_max_document_bytes_is_too_large(tmp_path: Path) -> None:
    texts = [text_for("a"), _noise(50_000, 1), text_for("c")]
    pq.write_table(pa.table({"id": ["a", "b", "c"], "text": texts}), tmp_path / "d.parquet")
    out = tmp_path / "out"
    summary = build([str(tmp_path / "d.parquet")], out, BuildConfig.load(max_document_bytes=20_000))
    assert summary.documents_kept == 2
    [(reason, line, message)] = _document_rejects(out)
    assert (reason, line) == ("too_large", 2) and "max_document_bytes" in message


def test_a_parquet_date_python_cannot_hold_is_a_located_reject(tmp_path: Path) -> None:
    # session 18's tester: a timestamp of the year -1200 (valid in Parquet's 64-bit microseconds) stopped the whole
    # build with "internal error: OverflowError: date value out of range" (exit 3)
    pq.write_table(pa.table({"id": ["a", "b", "c"], "text": [text_for("a"), text_for("b"), text_for("c")],
                             "date_published": pa.array([0, -10**17, 10**15], pa.timestamp("us"))}),
                   tmp_path / "d.parquet")
    out = tmp_path / "out"
    summary = build([str(tmp_path / "d.parquet")], out, BuildConfig())
    assert summary.documents_kept == 2
    [(reason, line, message)] = _document_rejects(out)
    assert (reason, line) == ("schema_invalid", 2)
    assert message.startswith("$.date_published: a value with no Python equivalent (") and "years 1 to 9999" in message
    assert {r["date_published"] for r in release_rows(out, "data")} == {"1970-01-01T00:00:00", "2001-09-09T01:46:40"}


def test_validate_locates_a_parquet_row_its_reader_refused_at_its_field(tmp_path: Path,
                                                                        capsys: pytest.CaptureFixture[str]) -> None:
    # session 18's tester: "d.parquet:1: $: $.date_published: …", the path printed twice
    pq.write_table(pa.table({"id": ["b"], "text": [text_for("b")],
                             "date_published": pa.array([-10**17], pa.timestamp("us"))}), tmp_path / "d.parquet")
    assert main(["validate", str(tmp_path / "d.parquet")]) == 1
    [line] = [x for x in capsys.readouterr().out.splitlines() if "d.parquet" in x]
    assert line.startswith(f"{tmp_path / 'd.parquet'}:1: $.date_published: a value with no Python equivalent (")


@pytest.mark.slow
def test_a_small_parquet_file_holding_a_huge_text_is_stopped_before_it_is_decoded(tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    table = pa.table({"id": ["bomb"], "text": ["a" * (40 * 1024 * 1024)]})
    pq.write_table(table, src / "bomb.parquet", compression="zstd", use_dictionary=False)
    assert (src / "bomb.parquet").stat().st_size < 64 * 1024
    (src / "good.txt").write_text(text_for("good"), encoding="utf-8")
    out = tmp_path / "out"
    summary = build([str(src)], out, BuildConfig())
    assert summary.documents_kept == 1
    [(reason, _, message)] = _document_rejects(out)
    assert reason == "decompression_limit" and "max_decompression_ratio" in message


@pytest.mark.slow
def test_parquet_is_read_in_batches_bounded_by_bytes(tmp_path: Path) -> None:
    from builder.read.parquet import PARQUET_BATCH_BYTES, parquet_batch_rows

    texts = [_noise(200_000, i) for i in range(40)]
    pq.write_table(pa.table({"id": [str(i) for i in range(40)], "text": texts}), tmp_path / "d.parquet")
    rows = parquet_batch_rows(pq.ParquetFile(tmp_path / "d.parquet"))
    assert rows >= 1 and rows * 200_000 <= 2 * PARQUET_BATCH_BYTES


@pytest.mark.slow
def test_a_json_array_item_over_max_document_bytes_is_too_large(tmp_path: Path) -> None:
    items = [json.dumps({"id": "a", "text": text_for("a")}), json.dumps({"id": "b", "text": _noise(50_000, 2)}),
             json.dumps({"id": "c", "text": text_for("c")})]
    (tmp_path / "d.json").write_text("[\n" + ",\n".join(items) + "\n]\n", encoding="utf-8")
    out = tmp_path / "out"
    summary = build([str(tmp_path / "d.json")], out, BuildConfig.load(max_document_bytes=20_000))
    assert summary.documents_kept == 2
    [(reason, line, message)] = _document_rejects(out)
    assert (reason, line) == ("too_large", 3) and "max_document_bytes" in message


# --- no input is an error ----------------------------------------------------------------------------

@pytest.mark.parametrize("command", ["build", "validate"])
@pytest.mark.parametrize("make", ["empty folder", "only unsupported files", "unsupported file"])
def test_no_input_found_is_a_usage_error(command: str, make: str, tmp_path: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "src"
    src.mkdir()
    if make != "empty folder":
        (src / "notes.md").write_text("# notes\n", encoding="utf-8")
        (src / ".hidden.jsonl").write_text("{}\n", encoding="utf-8")
    source = src / "notes.md" if make == "unsupported file" else src
    args = [command, str(source)] + (["--out", str(tmp_path / "out"), "--quiet"] if command == "build" else [])
    assert main(args) == 2
    err = capsys.readouterr().err
    assert f"error: {source}: no input found" in err and ", ".join(Readers.default().suffixes) in err
    assert not (tmp_path / "out").exists()


# --- deep trees ------------------------------------------------------------------------------------

DEPTH = 1500  # deeper than Python's recursion limit; the paths stay under PATH_MAX


@pytest.fixture()
def deep_source():  # type: ignore[no-untyped-def]
    """A source folder with a document DEPTH folders down, removed again without recursion. It is
    made outside pytest's tmp_path: pytest's clean-up (shutil.rmtree) recurses and would fail on it
    in a later session if a run were killed before this fixture removed it."""
    src = Path(tempfile.mkdtemp(prefix="dataset-builder-deep-"))
    (src / "top.txt").write_text(text_for("top"), encoding="utf-8")
    fds = [os.open(src, os.O_RDONLY)]
    for _ in range(DEPTH):
        os.mkdir("d", dir_fd=fds[-1])
        fds.append(os.open("d", os.O_RDONLY, dir_fd=fds[-1]))
    with open(os.open("deep.txt", os.O_WRONLY | os.O_CREAT, dir_fd=fds[-1]), "w", encoding="utf-8") as f:
        f.write(text_for("deep"))
    try:
        yield src
    finally:
        os.unlink("deep.txt", dir_fd=fds[-1])
        for inner, outer in zip(reversed(fds[1:]), reversed(fds[:-1]), strict=True):
            os.close(inner)
            os.rmdir("d", dir_fd=outer)
        os.close(fds[0])
        (src / "top.txt").unlink()
        src.rmdir()


@pytest.mark.slow
def test_a_deeply_nested_source_folder_does_not_crash(deep_source: Path, tmp_path: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    deep = "d/" * DEPTH + "deep.txt"
    # the deep document's id (its path) is over the schema's 512 characters: a located problem, not a crash
    assert main(["validate", str(deep_source)]) == 1
    assert f"{deep_source / deep}: $.id: " in capsys.readouterr().out
    assert main(["build", str(deep_source), "--out", str(tmp_path / "out"), "--quiet"]) == 0
    assert "internal error" not in capsys.readouterr().err
    assert {r["doc_id"] for r in pq.read_table(tmp_path / "out" / "data").to_pylist()} == {"top"}
    assert [(r["source"], r["reason"]) for r in _rejects(tmp_path / "out")] == [(deep, "schema_invalid")]
    assert main(["validate", f"{deep_source}/**/*.txt"]) in (1, 2)  # glob recurses: a usage error at worst
    assert "internal error" not in capsys.readouterr().err


def test_a_value_of_the_wrong_form_is_told_what_form_the_field_takes(tmp_path: Path,
                                                                     capsys: pytest.CaptureFixture[str]) -> None:
    # Before: "$.language: 'english!' does not match '^[A-Za-z]{2,3}([-_][A-Za-z0-9]{2,8})*$'": a regular
    # expression where a person needs the field's description from schema/document.schema.json
    path = tmp_path / "docs.jsonl"
    path.write_text(json.dumps({"id": "a", "text": "hello world", "language": "english!"}) + "\n", encoding="utf-8")
    assert main(["validate", str(path)]) == 1
    assert capsys.readouterr().out == (f"{path}:1: $.language: 'english!' is not of the form this field takes: "
                                       "Declared language as a BCP-47 tag (e.g. `ar`, `fa`, `en-GB`)\n")
