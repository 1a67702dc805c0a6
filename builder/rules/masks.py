"""Masks over a batch's lines table that several line rules share: an RE2 regex over a column, and a
Python regex (or any test) run only on the rows a mask marks."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc


def matching(lines: pa.Table, pattern: str, column: str = "text") -> np.ndarray:
    """Where the RE2 `pattern` finds something in `column`, for the whole batch in one call."""
    return np.asarray(pc.match_substring_regex(lines.column(column), pattern).to_numpy(zero_copy_only=False))


def search(test: Callable[[str], object], lines: pa.Table, among: np.ndarray) -> np.ndarray:
    """Where `test` (a Python regex's search or match: RE2 does not share its Unicode classes, \\b or
    case folding) finds something in the text, run only on the lines `among` marks."""
    texts = lines.column("text")
    found = np.zeros(len(lines), dtype=bool)
    for i in np.flatnonzero(among).tolist():
        found[i] = test(texts[i].as_py()) is not None
    return found
