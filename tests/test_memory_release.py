"""give_memory_back (builder/run/lean.py): a driver's freed memory goes back to the system, so its peak RSS
is what it holds. glibc raises its mmap threshold past every large block freed, after which blocks of that
size come from the heap and stay resident while anything above them lives; the fixed threshold keeps them
mapped, and unmapped when freed. Each case runs in a fresh interpreter, since the setting is per process."""

from __future__ import annotations

import platform
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CHILD = """
import sys
def rss_mb():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * 4096 // 2**20
if sys.argv[1] == "give-back":
    from builder.run.lean import give_memory_back
    give_memory_back()
big = b"y" * (4 * 2**20)
del big  # a freed 4 MB block: glibc now serves blocks up to 4 MB from the heap
blocks = [b"x" * (600 * 1024) for _ in range(400)]  # 240 MB
held = rss_mb()
del blocks[::2]  # every other block: each freed one lies between two that live
print(held, rss_mb())
"""

pytestmark = pytest.mark.skipif(platform.system() != "Linux" or platform.libc_ver()[0] != "glibc",
                                reason="the setting is glibc's; other allocators decide for themselves")


def rss_after_freeing(mode: str) -> tuple[int, int]:
    done = subprocess.run([sys.executable, "-c", CHILD, mode], cwd=ROOT, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    held, after = map(int, done.stdout.split())
    return held, after


def test_freed_blocks_stay_resident_without_it() -> None:
    held, after = rss_after_freeing("default")
    assert after > held - 30, (held, after)  # the 120 MB freed stayed resident: what the fix is for


def test_freed_blocks_go_back_to_the_system_with_it() -> None:
    held, after = rss_after_freeing("give-back")
    assert after < held - 90, (held, after)  # most of the 120 MB freed left the process


FAULTS = """
import resource, sys
from builder.run.lean import driver_works, give_memory_back
give_memory_back()
if sys.argv[1] == "driver-works":
    driver_works()
block = b"x" * (2 * 2**20)
# Objects that live on as the driver's do, until one lies above the block on the heap (a hole below from the
# imports can take the first few, and a freed block at the heap's top is trimmed, whatever the threshold): an
# object's id is its address. Where the block is a mapping (give-back), nothing on the heap lies above it.
held = [b"h" * 100_000]
while id(held[-1]) < id(block) and len(held) < 200:
    held.append(b"h" * 100_000)
del block
before = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
for _ in range(100):
    block = b"x" * (2 * 2**20)  # a 2 MB block made and freed, as a rebuild's driver does an entry's buffers
    del block
print(resource.getrusage(resource.RUSAGE_SELF).ru_minflt - before)
"""


def page_faults(mode: str) -> int:
    done = subprocess.run([sys.executable, "-c", FAULTS, mode], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return int(done.stdout)


def test_a_rebuilds_driver_reuses_its_large_blocks() -> None:
    """driver_works: a driver that does the work itself (a rebuild) takes blocks under REBUILD_MMAP_THRESHOLD from
    the heap, not a fresh mapping each whose 512 pages fault in again (100 blocks: 51,200 faults)."""
    assert page_faults("give-back") > 40_000
    assert page_faults("driver-works") < 5_000


def test_glibc_is_found_without_a_subprocess(monkeypatch: pytest.MonkeyPatch) -> None:
    """`ctypes.util.find_library` runs `ldconfig -p` in a subprocess: on glibc the library is opened by its soname,
    so a build's driver and workers start no process to find it (and trimming still works)."""
    from builder.run import lean

    started: list[object] = []
    real_popen = subprocess.Popen

    def popen(*args: object, **kwargs: object) -> object:
        started.append(args)
        return real_popen(*args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(subprocess, "Popen", popen)
    monkeypatch.setattr(lean, "_trim", [])
    libc = lean.allow_trim()
    assert libc is not None and lean._trim == [libc.malloc_trim]
    assert started == []
