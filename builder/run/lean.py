"""Keep pandas out of the processes that run only the build's own code.

pyarrow imports pandas whenever it is installed (0.5-1 s and 54 MB here, in every process): the first
time `pa.array` is given a Python list, only to ask whether the list is a pandas object, and again on
`to_numpy` and `to_pylist`. Nothing in a build needs it, and pyarrow does all of that as well without
it. So where nothing but the build and the built-in steps run (the CLI's build, the workers of a plan
without user steps) `import pandas` fails. A user's step may use pandas: processes that run one, and
the caller's own process when `build()` is called from Python, are left alone.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from importlib.machinery import ModuleSpec
from types import ModuleType


class _NoPandas:
    """A meta-path finder that refuses pandas."""

    @staticmethod
    def find_spec(name: str, path: Sequence[str] | None, target: ModuleType | None = None) -> ModuleSpec | None:
        if name == "pandas" or name.startswith("pandas."):
            raise ModuleNotFoundError("pandas is kept out of build processes (builder.run.lean)", name=name)
        return None


def keep_pandas_out() -> None:
    """From now on `import pandas` fails in this process (unless it is already imported: then nothing changes)."""
    if "pandas" not in sys.modules and _NoPandas not in sys.meta_path:
        sys.meta_path.insert(0, _NoPandas)
