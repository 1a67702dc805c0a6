"""Reading a built release's folders in tests."""

from __future__ import annotations

from pathlib import Path

import pyarrow.parquet as pq


def release_rows(out: Path, folder: str) -> list[dict]:
    """The rows of `data` or `rejects`; a release that dropped nothing has no `rejects` folder, so none."""
    if folder == "rejects" and not (out / folder).exists():
        return []
    return pq.read_table(out / folder).to_pylist()
