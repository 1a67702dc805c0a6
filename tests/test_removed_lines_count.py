"""RemovedLines.add_rows counts a table's removed lines a folder's run at a time (TopLines.count); it must leave
exactly what `add` of each line in turn leaves: the same counts, the same Space-Saving replacements (which
depend on the order lines reached each count), the same top lines and estimates, the same packed folders."""

from __future__ import annotations

from typing import Any

import numpy as np
import pyarrow as pa
from hypothesis import given, settings, strategies as st

from builder.run.report import RemovedLines, line_key, removed_lines

line = st.tuples(st.sampled_from(["line", "document"]), st.sampled_from(["a", "b", "c", "d", "e", "f", "g", "h", ""]),
                 st.sampled_from(["boilerplate_footer", "boilerplate_header"]), st.sampled_from(["s/1", "s/2", "t"]),
                 st.booleans())


def state(removed: RemovedLines) -> Any:
    groups = {}
    for name, found in removed.groups.items():
        packed = None if found.packed is None else [array.tolist() for array in found.packed]
        groups[name] = (found.counts, found.overcount, [list(keys) for keys in found.by_count.values()],
                        list(found.by_count), found.least, found.ranked, found.in_top, packed)
    return groups, list(removed.live), removed.last, removed_lines(removed)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(line, max_size=60), max_size=6), st.integers(1, 4), st.integers(1, 6), st.integers(1, 3))
def test_a_tables_lines_counted_at_once_as_one_by_one(tables: list[list[tuple[str, str, str, str, bool]]], top: int,
                                                      more: int, live: int) -> None:
    by_row, at_once = RemovedLines(top, top + more), RemovedLines(top, top + more)
    by_row.LIVE = at_once.LIVE = live  # type: ignore[misc]  # folders packed and unpacked within a test's few
    for rows in tables:
        kinds, texts, reasons, groups, known = zip(*rows, strict=True) if rows else ((), (), (), (), ())
        keys = np.array([line_key(t, r) if k else 0 for t, r, k in zip(texts, reasons, known, strict=True)],
                        dtype=np.uint64)
        table = pa.table({"kind": pa.array(kinds, pa.string()), "text": pa.array(texts, pa.string()),
                          "reason": pa.array(reasons, pa.string())})
        at_once.add_rows(table, pa.array(groups, pa.string()), keys)
        for kind, text, reason, group, key in zip(kinds, texts, reasons, groups, keys.tolist(), strict=True):
            if kind == "line":
                by_row.add(group, text, reason, key or None)
        assert state(at_once) == state(by_row)
