"""Issue 9, third round: a small shard holding millions of copies of one row (its manifest entry's
size and sha256 fixed, its row count left) is reported from the footer, before anything is decoded,
by validate, publish --dry-run and diff."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from builder.cli import main
from builder.release.check import check_release
from builder.release.diff import UnreadableRelease, diff

pytestmark = pytest.mark.slow  # writes and reads a shard of 2,000,000 rows

COPIES = 2_000_000


@pytest.fixture(scope="module")
def bomb(example_release: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("bomb") / "release"
    shutil.copytree(example_release, folder, ignore=shutil.ignore_patterns(".cache"))
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    entry = next(o for o in manifest["outputs"] if o["path"].startswith("data/"))
    shard = folder / entry["path"]
    table = pq.read_table(shard)
    one = table.slice(0, 1)
    pq.write_table(pa.concat_tables([one] * 1000).combine_chunks(), shard)  # a first, cheap version
    big = pa.concat_tables([pq.read_table(shard)] * (COPIES // 1000))
    pq.write_table(big, shard, compression="zstd")
    entry["bytes"] = shard.stat().st_size
    entry["sha256"] = hashlib.sha256(shard.read_bytes()).hexdigest()
    (folder / "manifest.json").write_text(json.dumps(manifest, indent=2), encoding="utf-8")
    return folder


def test_validate_reports_the_row_count_from_the_footer(bomb: Path) -> None:
    issues = check_release(bomb, load=False)
    assert any(f"footer says {COPIES} rows" in issue.message for issue in issues), issues


def test_publish_dry_run_refuses_it(bomb: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["publish", str(bomb), "--to", str(tmp_path / "mirror"), "--dry-run"]) == 1
    assert f"footer says {COPIES} rows" in capsys.readouterr().err


def test_diff_refuses_it(bomb: Path, example_release: Path) -> None:
    with pytest.raises(UnreadableRelease, match=f"footer says {COPIES} rows"):
        diff(example_release, bomb)
