"""Issue 9, third round: addresses hidden by invisible characters in rejected text and ids, and
addresses in the settings that the card and the manifest print verbatim."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from builder.cli import main
from builder.config import BuildConfig, ConfigError
from builder.text.sanitise import Sanitiser, identifier

HIDDEN = ["jane.doe@exam\xadple.com", "jane@example\ufeff.com", "jane\u2060@example.org", "jane\u200b.doe@example.com"]


@pytest.mark.parametrize("address", HIDDEN)
def test_an_address_split_by_an_invisible_character_is_redacted_in_free_text(address: str) -> None:
    text = Sanitiser().text(f"short {address} here")
    assert "<email>" in text and "jane" not in text


@pytest.mark.parametrize("address", HIDDEN)
def test_an_address_split_by_an_invisible_character_is_pseudonymised_in_ids(address: str) -> None:
    value = identifier(f"id-{address}")
    assert "jane" not in value and "<email:" in value and "\u2060" not in value


def test_ids_without_hidden_addresses_keep_their_invisible_characters() -> None:
    assert identifier("doc\u200b1") == "doc\u200b1"
    assert Sanitiser().text("a\u200bb") == "a\u200bb"


@pytest.mark.parametrize("setting", ["pretty_name", "description", "license"])
def test_an_address_in_a_card_setting_is_refused(setting: str) -> None:
    """From Python the message names BuildConfig.load's argument (the command line's flag: below)."""
    named = {"description": r"\$\.card\.description"}.get(setting, setting)  # no flag: named by its place
    kinds = r"holds an e-mail address \(<email>\) and an IP address \(<ip>\)"  # fix20: each kind named
    with pytest.raises(ConfigError, match=f"^{named}: {kinds}"):
        BuildConfig.load(None, **{setting: "Data by carol@example.com or 10.9.8.7"})


def test_hidden_addresses_leave_no_trace_in_a_built_release(tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    rows = [{"id": f"id-{a}", "text": f"short {a}"} for a in HIDDEN]
    rows.append({"id": "kept", "text": "A paragraph long enough to be kept in the release, written for this test."})
    (src / "a.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    out = tmp_path / "out"
    assert main(["build", str(src), "--out", str(out), "--min-words", "5", "--quiet"]) == 0
    written = [json.dumps(pq.read_table(p).to_pylist(), ensure_ascii=False) for p in out.rglob("*.parquet")]
    for name in ("README.md", "removed_lines.json", "manifest.json"):
        written.append((out / name).read_text(encoding="utf-8"))
    for text in written:
        assert "jane" not in text


def test_an_address_in_the_name_flag_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "src"
    src.mkdir()
    (src / "a.txt").write_text("A paragraph long enough to be kept in the release.\n", encoding="utf-8")
    assert main(["build", str(src), "--out", str(tmp_path / "out"), "--name", "Made by eve@example.com"]) == 2
    assert "--name: holds an e-mail address (<email>)" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()
