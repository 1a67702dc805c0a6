"""Text from inputs never reaches the card's Markdown or a terminal with a character that reorders or
breaks what a reader sees (builder.text.visible): bidi controls, C0/C1 controls and line separators are
shown as escapes. Ids and URLs holding them are invalid; a title or an author is kept on one line
without them; the card's name and license cannot carry them."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pyarrow.parquet as pq
import pytest
import yaml

from builder.cli import main, printable
from builder.release.github import one_line
from builder.text.visible import visible
from tests.conftest import text_for

RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def build(*args: str) -> int:
    return main(["build", *args, "--quiet", "--workers", "1"])


def test_a_folder_name_with_a_bidi_override_is_escaped_in_the_card(tmp_path: Path) -> None:
    # Before: the card's Sources table held a raw U+202E (`rtl\u202efdp.txt` shows as `rtltxt.pdf`)
    (tmp_path / "src" / "rtl\u202efdp.txt").mkdir(parents=True)
    (tmp_path / "src" / "rtl\u202efdp.txt" / "a.txt").write_text(text_for("rtl"), encoding="utf-8")
    (tmp_path / "src" / "plain").mkdir()
    (tmp_path / "src" / "plain" / "b.txt").write_text(text_for("plain"), encoding="utf-8")
    assert build(str(tmp_path / "src"), "--out", str(tmp_path / "rel")) == 0
    card = (tmp_path / "rel" / "README.md").read_text(encoding="utf-8")
    assert not RAW.search(card.replace("\n", ""))
    assert "| rtl\\u202efdp.txt | 1 |" in card
    assert main(["validate", str(tmp_path / "rel")]) == 0


def test_ids_and_urls_with_controls_are_invalid_titles_and_authors_are_kept_on_one_line(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    docs = [{"id": "bidi\u202egnp.exe", "text": text_for("a")},
            {"id": "u", "url": "https://example.org/\u202etxt.exe", "text": text_for("b")},
            {"id": "t", "title": "Head\x00line\u200b\nsecond\u2028line\u202e", "author": "A.\tWriter ",
             "text": text_for("c")},
            {"id": "fa", "title": "نامه\u200cها", "text": text_for("d")}]
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "docs.jsonl").write_text("".join(json.dumps(d) + "\n" for d in docs), encoding="utf-8")
    assert main(["validate", str(tmp_path / "src")]) == 1
    out = capsys.readouterr().out
    assert "docs.jsonl:1: $.id: 'bidi\\u202egnp.exe' holds U+202E RIGHT-TO-LEFT OVERRIDE" in out
    assert "docs.jsonl:2: $.url: 'https://example.org/\\u202etxt.exe' holds U+202E" in out
    assert "docs.jsonl:3" not in out and "docs.jsonl:4" not in out
    assert build(str(tmp_path / "src"), "--out", str(tmp_path / "rel")) == 0
    rows = pq.read_table(tmp_path / "rel" / "data", columns=["doc_id", "title", "author"]).to_pylist()
    assert {r["doc_id"]: (r["title"], r["author"]) for r in rows} == {
        "t": ("Headline second line", "A. Writer "), "fa": ("نامه\u200cها", None)}  # ZWNJ is spelling: kept
    assert main(["validate", str(tmp_path / "rel")]) == 0


def test_a_date_and_a_license_are_kept_on_one_line_without_controls(tmp_path: Path) -> None:
    """trial21: `date_published` and `license` kept a U+202E, a NUL or a line break raw (a bidi override in a
    date column shows `\u202e2024-01-05` as `50-10-4202`), and validate passed the release."""
    docs = [{"id": "d", "date_published": "\u202e2024-01-05", "license": "cc-by-4.0\x00\nsecond",
             "text": text_for("a")},
            {"id": "e", "date_published": "2024-01-06T10:00:00+03:00", "license": "cc-by-4.0", "text": text_for("b")}]
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "docs.jsonl").write_text("".join(json.dumps(d) + "\n" for d in docs), encoding="utf-8")
    assert build(str(tmp_path / "src"), "--out", str(tmp_path / "rel")) == 0
    rows = pq.read_table(tmp_path / "rel" / "data", columns=["doc_id", "date_published", "license"]).to_pylist()
    assert {r["doc_id"]: (r["date_published"], r["license"]) for r in rows} == {
        "d": ("2024-01-05", "cc-by-4.0 second"), "e": ("2024-01-06T10:00:00+03:00", "cc-by-4.0")}
    assert main(["validate", str(tmp_path / "rel")]) == 0


def test_the_card_name_is_one_line_everywhere_and_controls_in_card_settings_are_refused(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "a.txt").write_text(text_for("name"), encoding="utf-8")
    source, out = str(tmp_path / "src"), str(tmp_path / "rel")
    # Before: the YAML read 'A license: mit' while the card's `# title` kept the U+2028
    assert build(source, "--out", out, "--name", "A\u2028license: mit") == 0
    card = (tmp_path / "rel" / "README.md").read_text(encoding="utf-8")
    assert yaml.safe_load(card.split("---\n")[1])["pretty_name"] == "A license: mit"
    assert "\n# A license: mit\n" in card and "\u2028" not in card
    # a zero-width space is not part of the name a reader sees (before: kept, so two names that read alike differed)
    assert build(source, "--out", str(tmp_path / "zw"), "--name", "Zero\u200bWidth names") == 0
    card = (tmp_path / "zw" / "README.md").read_text(encoding="utf-8")
    assert yaml.safe_load(card.split("---\n")[1])["pretty_name"] == "ZeroWidth names" and "\u200b" not in card
    capsys.readouterr()
    for flag, value in (("--name", "Evil\u202eeman"), ("--name", "nul\x00"), ("--license", "mit\nx: 1")):
        assert build(source, "--out", str(tmp_path / "other"), flag, value) == 2
        assert f"error: {flag}: holds U+" in capsys.readouterr().err
    assert not (tmp_path / "other").exists()


def test_a_terminal_and_a_log_get_the_same_escapes() -> None:
    hostile = "id\u202egnp.exe\x1b[2J\u2028next\u2066x\x85"
    assert visible(hostile) == "id\\u202egnp.exe\\x1b[2J\\u2028next\\u2066x\\x85"
    assert one_line(hostile) == visible(hostile)
    assert printable(f"error: {hostile}\n(hint)") == f"error: {visible(hostile)}\n(hint)"
    # Arabic and Persian text keeps its marks and joiners: they reorder nothing beyond their neighbours
    assert visible("\u200fقال\u200e نامه\u200cها") == "\u200fقال\u200e نامه\u200cها"
