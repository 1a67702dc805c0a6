"""ux29: a release someone sent, its manifest's `config.pii_phones` edited to "yes". Validate took the string for
true and reported the card's table of replaced addresses as short of a phone row; the value itself is what is wrong,
and is named now (schema/manifest.schema.json)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import text_for
from tests.planted import build_files, release_problems


@pytest.mark.parametrize("value", ["yes", 1, "false"])
def test_a_manifest_whose_pii_phones_is_no_boolean_is_named(value: object, tmp_path: Path) -> None:
    out = build_files(tmp_path, {"post.txt": text_for("kept") + "\n"})
    manifest = out / "manifest.json"
    data = json.loads(manifest.read_text(encoding="utf-8"))
    data["config"]["pii_phones"] = value
    manifest.write_text(json.dumps(data), encoding="utf-8")
    problems = release_problems(out)
    assert len(problems) == 1 and f"$.config.pii_phones: {value!r} is not of type 'boolean', 'null'" in problems[0], \
        problems


def test_the_pii_phones_a_build_writes_and_a_null_one_validate(tmp_path: Path) -> None:
    out = build_files(tmp_path, {"post.txt": text_for("kept") + "\n"})
    manifest = out / "manifest.json"
    data = json.loads(manifest.read_text(encoding="utf-8"))
    assert data["config"]["pii_phones"] is False and release_problems(out) == []
    data["config"]["pii_phones"] = None  # read as false, as before
    manifest.write_text(json.dumps(data), encoding="utf-8")
    assert release_problems(out) == []
