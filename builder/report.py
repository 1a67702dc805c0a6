"""The most frequently removed lines per source folder, read back from rejects/, so a person can audit the filter."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq

TOP_LINES = 20


def source_group(source: str) -> str:
    """Inputs are grouped by folder (one folder per site, usually); a file at the root is its own group."""
    group = source.rsplit("/", 1)[0] if "/" in source else source
    # a file name that is not UTF-8 is shown with escapes, so the card and the report can be written
    return group.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def removed_lines(shards: list[Path], top: int = TOP_LINES) -> dict[str, list[dict[str, Any]]]:
    """source group -> its `top` most frequent dropped lines: text, reason, count."""
    counts: Counter[tuple[str, str, str]] = Counter()
    for shard in shards:
        for batch in pq.ParquetFile(shard).iter_batches(columns=["kind", "source", "reason", "text"]):
            for row in batch.to_pylist():
                if row["kind"] == "line":
                    counts[(source_group(row["source"]), row["text"], row["reason"])] += 1
    report: dict[str, list[dict[str, Any]]] = {}
    for (group, text, reason), n in sorted(counts.items(), key=lambda kv: (kv[0][0], -kv[1], kv[0][1], kv[0][2])):
        lines = report.setdefault(group, [])
        if len(lines) < top:
            lines.append({"text": text, "reason": reason, "count": n})
    return report
