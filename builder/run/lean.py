"""Keep pandas out of the processes that run only the build's own code.

pyarrow imports pandas whenever it is installed (0.5-1 s and 54 MB here, in every process): the first
time `pa.array` is given a Python list, only to ask whether the list is a pandas object, and again on
`to_numpy` and `to_pylist`. Nothing in a build needs it, and pyarrow does all of that as well without
it. So where nothing but the build and the built-in steps run (the CLI's build, the workers of a plan
without user steps) `import pandas` fails. A user's step may use pandas: processes that run one, and
the caller's own process when `build()` is called from Python, are left alone.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence
from importlib.machinery import ModuleSpec
from types import ModuleType
from typing import Any


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
MADV_DONTNEED = 4  # madvise's advice (sys/mman.h): for a shared mapping, drop this process's page table entries
# Ray's object store as this process maps it (/proc/self/maps names the deleted file it was made from)
SHARED_STORE = "/dev/shm/plasma"
_trim: list[Callable[[int], int]] = []  # glibc's malloc_trim, once give_memory_back was called
_drop: list[Callable[..., int]] = []  # libc's madvise, likewise
_mallopt: list[Callable[[int, int], int]] = []  # glibc's mallopt, likewise


def give_memory_back() -> None:
    """Let this process's freed memory go back to the system, so its peak RSS is what it holds, not what it
    once held (a build's driver takes a batch's results, places them and lets go, thousands of times).

    glibc raises its mmap threshold as large blocks are freed, after which they come from the heap and stay
    there (about 15 MB of a Ray driver's 300); Arrow's jemalloc keeps freed pages for a second. Neither
    changes what is computed; where the work itself runs here (one local worker) it is left as it is."""
    import contextlib
    import ctypes

    import pyarrow as pa

    libc = allow_trim()
    if libc is not None:
        libc.mallopt(M_MMAP_THRESHOLD, 128 * 1024)  # fixed, which also keeps it from moving up
        libc.mallopt(M_TRIM_THRESHOLD, 256 * 1024)  # free memory at the heap's top beyond this goes back
        libc.madvise.argtypes = [ctypes.c_void_p, ctypes.c_size_t, ctypes.c_int]
        _drop[:] = [libc.madvise]
        _mallopt[:] = [libc.mallopt]
    with contextlib.suppress(NotImplementedError):  # a pyarrow built without jemalloc
        pa.jemalloc_set_decay_ms(0)


# A rebuild's driver: blocks up to this size from the heap (see `driver_works`)
REBUILD_MMAP_THRESHOLD = 8 * 1024 * 1024


def driver_works() -> None:
    """In a driver that gives memory back (`give_memory_back`) and then finds it does the work itself (a rebuild
    from the cache reads, decodes, places and writes every row here): blocks up to REBUILD_MMAP_THRESHOLD come
    from the heap again, not from a fresh mapping each, whose every page faults in anew. 100 MB nothing-changed
    rebuild, driver and threads: 426 k -> 230 k minor faults, 1.1 -> 0.7 system CPU-s, peak RSS 270-275 -> 311 MiB
    (32 MiB: 0.6 s, 350 MiB; 4 MiB: 0.8 s, 309 MiB); the heap is still trimmed after every few batches (`trim`)."""
    for mallopt in _mallopt:  # none where give_memory_back did not run (or there is no glibc): glibc's own thresholds
        mallopt(M_MMAP_THRESHOLD, REBUILD_MMAP_THRESHOLD)


ARROW_POOL = "ARROW_DEFAULT_MEMORY_POOL"  # read by libarrow once, when pyarrow is imported


def arrow_on_malloc() -> None:
    """Import pyarrow with glibc's malloc as libarrow's own default allocator, which it picks once, at its import,
    for every buffer its C++ code allocates without being given a pool (`system_pool` changes only what pyarrow's
    Python calls use): its default, mimalloc, kept 7-12 MiB of freed pages resident in each process of a build (a
    1 GiB region in every worker, 12 MiB in the driver), which `trim` cannot give back. Left alone if the caller
    chose an allocator (the variable set) or imported pyarrow already; the variable is set for the import only, so
    no process started later inherits it. Arrow computes the same on either allocator."""
    if "pyarrow" in sys.modules or ARROW_POOL in os.environ:
        return
    os.environ[ARROW_POOL] = "system"
    try:
        import pyarrow  # noqa: F401
    finally:
        del os.environ[ARROW_POOL]


def system_pool() -> None:
    """Arrow's buffers from glibc's malloc from now on, not from Arrow's default pool (mimalloc or jemalloc),
    which keeps the pages of freed buffers for the next ones: a forked worker's mimalloc region held 35.5 MiB
    resident while Arrow reported 5-7 MiB allocated (a 300 MB build's second pass), and one worker's task peaked
    8-10 MiB higher with it; glibc's free pages go back at each `trim`. The work computes the same either way (a
    one-worker build runs it on this pool in the driver)."""
    import pyarrow as pa

    pa.set_memory_pool(pa.system_memory_pool())


def allow_trim() -> Any:
    """Make `trim` work in this process, leaving glibc's thresholds as they are (a worker: with the mmap threshold
    fixed, every large numpy array is a fresh mapping whose pages fault in anew, +20% of a worker's CPU); glibc's
    library, or None where there is none."""
    import ctypes

    try:
        libc = _libc(ctypes)
        _trim[:] = [libc.malloc_trim]
    except (OSError, AttributeError):  # not glibc: its allocator decides
        return None
    return libc


def _libc(ctypes: Any) -> Any:
    """glibc by its soname, which every glibc system has; only elsewhere asked of `find_library`, which runs
    `ldconfig -p` in a subprocess (4 ms and a fork in every build's driver and worker)."""
    try:
        return ctypes.CDLL("libc.so.6")
    except OSError:
        import ctypes.util

        return ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")


def trim() -> None:
    """In a process that gives memory back: the free memory of every malloc arena returned now, not only at
    the main heap's top. Ray's threads allocate in arenas of their own, which the threshold above does not
    trim, and free pages inside a heap stay resident until this is called."""
    for malloc_trim in _trim:
        malloc_trim(0)
    for madvise in _drop:
        for start, end in shared_store_mappings():
            madvise(start, end - start, MADV_DONTNEED)


def shared_store_mappings(maps: str = "/proc/self/maps") -> list[tuple[int, int]]:
    """The address ranges where this process maps Ray's object store (none outside a Ray driver or worker).

    Every object a Ray driver reads from the store (a task's outline over Ray's 100 KiB inline limit) is
    read where the store put it, in a shared mapping of the whole store; each page it touched stays in its
    RSS until it is unmapped, so its RSS grew with the build (8 MB at 100 MB of input, 45 at 2 GB) up to
    the store's size, though the pages are the store's, counted once on the node. MADV_DONTNEED on a shared
    mapping only drops this process's entries: the store keeps the data, and an object still read here
    is read back from it on the next access."""
    found = []
    try:
        with open(maps) as lines:
            for line in lines:
                fields = line.split(maxsplit=5)
                if len(fields) == 6 and fields[1].endswith("s") and fields[5].startswith(SHARED_STORE):
                    start, _, end = fields[0].partition("-")
                    found.append((int(start, 16), int(end, 16)))
    except OSError:  # not Linux
        return []
    return found
