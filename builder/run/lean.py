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
from collections.abc import Callable, Sequence
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


M_TRIM_THRESHOLD, M_MMAP_THRESHOLD = -1, -3  # glibc's mallopt parameters (malloc.h)
_trim: list[Callable[[int], int]] = []  # glibc's malloc_trim, once give_memory_back was called


def give_memory_back() -> None:
    """Let this process's freed memory go back to the system, so its peak RSS is what it holds, not what it
    once held (a build's driver takes a batch's results, places them and lets go, thousands of times).

    glibc raises its mmap threshold as large blocks are freed, after which they come from the heap and stay
    there (about 15 MB of a Ray driver's 300); Arrow's jemalloc keeps freed pages for a second. Neither
    changes what is computed; where the work itself runs here (one local worker) it is left as it is."""
    import contextlib
    import ctypes
    import ctypes.util

    import pyarrow as pa

    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        libc.mallopt(M_MMAP_THRESHOLD, 128 * 1024)  # fixed, which also keeps it from moving up
        libc.mallopt(M_TRIM_THRESHOLD, 256 * 1024)  # free memory at the heap's top beyond this goes back
        _trim[:] = [libc.malloc_trim]
    except (OSError, AttributeError):  # not glibc: its allocator decides
        pass
    with contextlib.suppress(NotImplementedError):  # a pyarrow built without jemalloc
        pa.jemalloc_set_decay_ms(0)


def trim() -> None:
    """In a process that gives memory back: the free memory of every malloc arena returned now, not only at
    the main heap's top. Ray's threads allocate in arenas of their own, which the threshold above does not
    trim, and free pages inside a heap stay resident until this is called."""
    for malloc_trim in _trim:
        malloc_trim(0)
