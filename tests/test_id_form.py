"""Document ids compare one way everywhere (builder.text.ids.id_form): the duplicate-id check and the
takedown list take the same ids for one, and only those. An id holds no control character, line
separator or bidi control, and the schema's patterns mean what ECMA-262 says (`$` is the end)."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from builder.cli import main
from builder.schemas import is_valid, validator
from tests.conftest import text_for

# pairs that are one id (NFC, surrounding spaces, a zero-width space) and one pair that is not (Cyrillic а)
IDS = ["café", "cafe\u0301", "spaced", "  spaced  ", "zw\u200bid", "zwid", "\u0430dmin", "admin"]


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    source = tmp_path / "src"
    source.mkdir()
    with open(source / "feed.jsonl", "w", encoding="utf-8") as f:
        for i, doc_id in enumerate(IDS):
            f.write(json.dumps({"id": doc_id, "text": text_for(f"id-form-{i}")}) + "\n")
    return source


def document_rejects(release: Path) -> dict[str, str]:
    table = pq.read_table(release / "rejects", columns=["kind", "doc_id", "reason"]).to_pylist()
    return {row["doc_id"]: row["reason"] for row in table if row["kind"] == "document"}


def kept_ids(release: Path) -> set[str]:
    return set(pq.read_table(release / "data", columns=["doc_id"]).column(0).to_pylist())


def test_ids_that_differ_only_in_form_are_duplicates(corpus: Path, tmp_path: Path) -> None:
    # Before: all eight were separate documents, no duplicate_id
    assert main(["build", str(corpus), "--out", str(tmp_path / "rel"), "--quiet", "--workers", "1"]) == 0
    assert document_rejects(tmp_path / "rel") == {"cafe\u0301": "duplicate_id", "  spaced  ": "duplicate_id",
                                                  "zwid": "duplicate_id"}
    assert kept_ids(tmp_path / "rel") == {"café", "spaced", "zw\u200bid", "\u0430dmin", "admin"}


def test_the_takedown_matches_what_the_duplicate_check_takes_for_one_id_and_nothing_else(
        corpus: Path, tmp_path: Path) -> None:
    (tmp_path / "take.txt").write_text("cafe\u0301\nadmin\nzw\u2060id\n", encoding="utf-8")
    assert main(["build", str(corpus), "--out", str(tmp_path / "rel"), "--exclude", str(tmp_path / "take.txt"),
                 "--quiet", "--workers", "1"]) == 0
    excluded = {doc_id for doc_id, reason in document_rejects(tmp_path / "rel").items() if reason == "excluded"}
    # every spelling of café and of zwid (one id each, as the duplicate check says), and the Latin admin only
    assert excluded == {"café", "cafe\u0301", "zw\u200bid", "zwid", "admin"}
    assert "\u0430dmin" in kept_ids(tmp_path / "rel")


def test_an_id_ending_in_a_newline_is_invalid(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # Before: "all valid": the pattern's `$` matched before the final newline (fastjsonschema refused it,
    # jsonschema then found nothing wrong)
    path = tmp_path / "nl.jsonl"
    path.write_text(json.dumps({"id": "ok\n", "text": "hello world"}) + "\n" + json.dumps({"id": "ok", "text": "hi"})
                    + "\n", encoding="utf-8")
    assert main(["validate", str(path)]) == 1
    captured = capsys.readouterr()
    assert captured.out == (f"{path}:1: $.id: 'ok\\n' holds U+000A (a control): control characters, line and "
                            "paragraph separators and bidi controls are not allowed here\n")
    assert captured.err == "2 document(s) checked: 1 invalid, 1 problem(s)\n"


@pytest.mark.parametrize("doc_id", ["bidi\u202egnp.exe", "a\u2028b", "x\u2066y", "c1\x85", "del\x7f", "nul\x00"])
def test_an_id_with_a_control_separator_or_bidi_control_is_invalid(doc_id: str) -> None:
    document = {"id": doc_id, "text": "hello"}
    assert not is_valid(document)
    assert [e.json_path for e in validator("document").iter_errors(document)] == ["$.id"]


@pytest.mark.parametrize("doc_id", ["نامه\u200cها", "\u200fقديم", "café", "a b", "ok"])
def test_ids_with_joiners_marks_and_spaces_inside_stay_valid(doc_id: str) -> None:
    assert is_valid({"id": doc_id, "text": "hello"})
    assert not list(validator("document").iter_errors({"id": doc_id, "text": "hello"}))


def test_a_patterns_dollar_is_the_end_of_the_text() -> None:
    """A value followed by a newline matches no pattern that ends in `$` (as ECMA-262 reads it)."""
    from builder.schemas import ecma_pattern

    for pattern in ["^[0-9a-f]{4}$", "^\\w+$", "^(a|b)$"]:
        assert ecma_pattern(pattern).search("abcd"[: 4 if "{4}" in pattern else 1])
        assert not ecma_pattern(pattern).search("abcd"[: 4 if "{4}" in pattern else 1] + "\n")


def test_an_id_with_a_parent_part_is_refused_in_words_not_by_the_schemas_pattern(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # Before: "'C/../x' does not match '^(?!.*(^|/)\\.\\.(/|$))[^\\u0000-…]+$'", a regular expression
    path = tmp_path / "dots.jsonl"
    path.write_text(json.dumps({"id": "C/../x", "text": "hello world"}) + "\n", encoding="utf-8")
    assert main(["validate", str(path)]) == 1
    assert capsys.readouterr().out == (
        f"{path}:1: $.id: 'C/../x' has a '..' part: an id is printable characters (no control or bidi character), "
        "and no part of it between slashes may be '..', which would read as a step out of its folder\n")


def test_a_text_file_named_only_spaces_is_a_located_reject_not_a_blank_id(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A file named `   .txt` gave the document id '   ': the empty id to the duplicate check and the takedown list
    (`id_form`), so no list line could name it. It is refused as the other unusable ids are, with what to do."""
    source = tmp_path / "src"
    source.mkdir()
    (source / "   .txt").write_text(text_for("blank-name"), encoding="utf-8")
    (source / "ok.txt").write_text(text_for("named"), encoding="utf-8")
    assert main(["validate", str(source)]) == 1
    assert capsys.readouterr().out == (
        f"{source / '   .txt'}: $.id: '   ' is blank: an id needs a visible character (without its surrounding spaces "
        "and invisible characters nothing is left, and the takedown list could not name it); a file's id is its path "
        "under the source without the extension: rename the file\n")
    assert main(["build", str(source), "--out", str(tmp_path / "rel")]) == 0
    assert kept_ids(tmp_path / "rel") == {"ok"}
    rejects = pq.read_table(tmp_path / "rel" / "rejects", columns=["kind", "source", "reason"]).to_pylist()
    assert {"kind": "document", "source": "   .txt", "reason": "schema_invalid"} in rejects


@pytest.mark.parametrize("doc_id", [" ", "\u200b", " \u200b\u00ad "])
def test_an_id_of_spaces_or_invisible_characters_alone_is_invalid(tmp_path: Path, doc_id: str,
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "blank.jsonl"
    path.write_text(json.dumps({"id": doc_id, "text": "hello world"}) + "\n", encoding="utf-8")
    assert main(["validate", str(path)]) == 1
    assert capsys.readouterr().out.startswith(
        f"{path}:1: $.id: {doc_id!r} is blank: an id needs a visible character")


def test_an_id_too_long_says_the_limit_and_for_a_file_what_to_shorten(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """ux28: a .txt file 20 folders deep got "$.id: a text of 4,021 characters is too long", neither the limit nor
    where the id came from."""
    deep = tmp_path / "src" / Path(*["d" * 60] * 9)
    deep.mkdir(parents=True)
    (deep / "page.txt").write_text(text_for("deep"), encoding="utf-8")
    assert main(["validate", str(tmp_path / "src")]) == 1
    assert capsys.readouterr().out.endswith(
        ": $.id: a text of 553 characters is too long: at most 512 characters (a .txt or .html file's id is its path "
        "under the source without the extension: shorten the path)\n")
