"""ux29: 3 MB of random bytes named `.jsonl` gave 11,745 rejects (one per newline byte, each `invalid_utf8` or
`malformed_json`). A JSONL file whose first bytes are not text is one `binary_content` reject for the file; a file
with a stray control character in one line is still read line by line."""

from __future__ import annotations

import gzip
import json
import random
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from builder.config import BuildConfig
from builder.run.pipeline import build
from tests.conftest import text_for


def _rejects(tmp_path: Path, files: dict[str, bytes]) -> list[tuple[str, str, int | None, str]]:
    src = tmp_path / "src"
    src.mkdir()
    (src / "good.txt").write_text(text_for("good"), encoding="utf-8")  # something to keep
    for name, data in files.items():
        (src / name).write_bytes(data)
    build([str(src)], tmp_path / "out", BuildConfig())
    return [(r["reason"], r["source"], r["line"], r["message"])
            for r in pq.read_table(tmp_path / "out" / "rejects").to_pylist() if r["kind"] == "document"]


@pytest.mark.parametrize("name", ["noise.jsonl", "noise.jsonl.gz"])
def test_a_binary_file_named_jsonl_is_one_reject(name: str, tmp_path: Path) -> None:
    noise = random.Random(7).randbytes(300_000)
    data = gzip.compress(noise, mtime=0) if name.endswith(".gz") else noise
    rejects = _rejects(tmp_path, {name: data})
    assert [(reason, source, line) for reason, source, line, _ in rejects] == [("binary_content", name, None)]
    assert "a binary file, not JSON Lines; nothing of it was read" in rejects[0][3]


def test_utf16_jsonl_is_one_reject_that_names_the_conversion(tmp_path: Path) -> None:
    lines = "".join(json.dumps({"id": f"d{i}", "text": text_for(f"d{i}")}) + "\n" for i in range(3))
    rejects = _rejects(tmp_path, {"u16.jsonl": lines.encode("utf-16-le")})
    assert [(reason, line) for reason, _, line, _ in rejects] == [("binary_content", None)]
    assert "iconv -f UTF-16LE -t UTF-8" in rejects[0][3]


def test_a_stray_control_character_in_one_line_is_still_that_line_s_reject(tmp_path: Path) -> None:
    good = [json.dumps({"id": f"d{i}", "text": text_for(f"d{i}")}) for i in range(3)]
    data = "\n".join([good[0], '{"id": "x", "text": "a\x01b"}', *good[1:]]) + "\n"
    rejects = _rejects(tmp_path, {"docs.jsonl": data.encode()})
    assert [(reason, line) for reason, _, line, _ in rejects] == [("malformed_json", 2)]
