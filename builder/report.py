"""The most frequently removed lines per source folder, so a person can audit the filter."""

from __future__ import annotations

from collections import Counter
from typing import Any

from builder.sanitise import path

TOP_LINES = 20

def source_group(source: str) -> str:
    """Inputs are grouped by folder (one folder per site, usually); a file at the root is its own group."""
    group = source.rsplit("/", 1)[0] if "/" in source else source
    # written as every path in the release: escapes for a name that is not UTF-8, addresses pseudonymised
    return path(group)

def removed_lines(counts: Counter[tuple[str, str, str]], top: int = TOP_LINES) -> dict[str, list[dict[str, Any]]]:
    """source group -> its `top` most frequent dropped lines: text, reason, count.

    `counts` is counted as the build writes line rejects, keyed by (source group, text, reason)."""
    report: dict[str, list[dict[str, Any]]] = {}
    for (group, text, reason), n in sorted(counts.items(), key=lambda kv: (kv[0][0], -kv[1], kv[0][1], kv[0][2])):
        lines = report.setdefault(group, [])
        if len(lines) < top:
            lines.append({"text": text, "reason": reason, "count": n})
    return report
