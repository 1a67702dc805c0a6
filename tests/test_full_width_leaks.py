"""Personal data typed in full-width forms (an East Asian input method's `Ｐａｓｓｗｏｒｄ：`, `４１１１ …`) is
found as its ASCII spelling is, and the text around it keeps the forms it was written in (trial24)."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from builder.text.pii import pseudonymise, redact
from builder.text.wide import fold
from tests.conftest import text_for
from tests.planted import build_files, leaked, release_problems

TOKEN = "ｇｈｐ＿" + "ａＢ３ｃＤ４" * 6  # a GitHub token's shape, every character full-width


@pytest.mark.parametrize("text, expected", [
    ("card ４１１１ １１１１ １１１１ １１１１ charged", "card <secret> charged"),
    ("Ｐａｓｓｗｏｒｄ： hunter2abc", "Ｐａｓｓｗｏｒｄ： <secret>"),
    ("ＰＡＳＳＷＯＲＤ＝hunter2abc 次へ", "ＰＡＳＳＷＯＲＤ＝<secret> 次へ"),
    ("Password： hunter2abc", "Password： <secret>"),  # only the colon full-width
    ("your ＰＩＮ is ４８２１，thanks", "your ＰＩＮ is <secret>，thanks"),
    (f"token {TOKEN} （ｎｅｗ）", "token <secret> （ｎｅｗ）"),
    ("ａｌｉ＠ｇｍａｉｌ．ｃｏｍ へ（ｎｏｗ）", "<email> へ（ｎｏｗ）"),
    ("ｓｅｒｖｅｒ １９２．１６８．１．１ ｄｏｗｎ", "ｓｅｒｖｅｒ <ip> ｄｏｗｎ"),
    ("ａｌｉ ａｔ ｇｍａｉｌ ｄｏｔ ｃｏｍ", "<email>"),
])
def test_personal_data_in_full_width_forms_is_replaced_and_the_rest_kept_as_written(text: str, expected: str) -> None:
    assert redact(text, phones=False) == expected
    assert redact(expected, phones=False) == expected  # a release's own text passes validate's check


@pytest.mark.parametrize("text", [
    "Ｗｉｎｄｏｗｓ １０ のインストール（２０２４年版）：手順１〜５",
    "ＴＯＫＹＯ ２０２０ の記録：１００ｍ ９．５８秒",
    "価格：１，２００円（税込）",
])
def test_full_width_prose_without_personal_data_is_left_as_written(text: str) -> None:
    assert redact(text, phones=True) == text
    assert pseudonymise(text) == text


def test_an_address_in_full_width_forms_in_a_file_name_is_pseudonymised() -> None:
    assert pseudonymise("ｉｎｂｏｘ／ａｌｉ＠ｇｍａｉｌ．ｃｏｍ") == pseudonymise("ｉｎｂｏｘ／ali@gmail.com").replace(
        "inbox/", "ｉｎｂｏｘ／") != "ｉｎｂｏｘ／ａｌｉ＠ｇｍａｉｌ．ｃｏｍ"


def test_full_width_personal_data_leaves_no_trace_in_a_build(tmp_path: Path) -> None:
    planted = {"card": "４１１１ １１１１ １１１１ １１１１", "password": "ｈｕｎｔｅｒ２ａｂｃ", "token": TOKEN,
               "email": "ｅｄｉｔｏｒ＠ｅｘａｍｐｌｅ．ｏｒｇ", "pin": "９３１７"}
    out = build_files(tmp_path, {"post.txt": "\n".join([
        text_for("kept"),
        f"The reader's card number {planted['card']} was charged twice for the same yearly subscription.",
        f"The shared page showed Ｐａｓｓｗｏｒｄ： {planted['password']} to every visitor who opened it that day.",
        f"A developer pasted {planted['token']} into the public issue tracker of the project last week.",
        f"ＰＩＮ： {planted['pin']}",  # a line the rules drop: in rejects
        f"Contact: {planted['email']}"]) + "\n"})
    assert leaked(out, planted, fold) == {}
    records = " ".join(r["text"] for r in pq.read_table(out / "data").to_pylist())
    assert "card number <secret> was charged" in records and "Ｐａｓｓｗｏｒｄ： <secret> to every" in records
    rejected = [r["text"] for r in pq.read_table(out / "rejects").to_pylist() if r["kind"] == "line"]
    assert "ＰＩＮ： <secret>" in rejected
    counts = json.loads((out / "manifest.json").read_text(encoding="utf-8"))["counts"]["pii_replaced"]
    assert counts["secret"] >= 4 and counts["email"] >= 1
    assert release_problems(out) == []
