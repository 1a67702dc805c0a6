"""What checking the files a release's manifest lists costs a build (builder.release.listed_files): sizes only,
sizes and sha256, and the whole survey of --out, on a built release; and what the commit ledger's records cost
(session 19: a commit records the size and sha256 of the files it replaces and of those it writes).
Medians of REPEAT calls, files in the page cache.

    python -m benchmarks.listed_check RELEASE_DIR
"""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

from builder.release.layout import CARD
from builder.release.listed_files import changed_files, recorded
from builder.release.outdir import NEW_FOLDER, release_entries, survey

REPEAT = 15


def median_ms(call: Callable[[], object]) -> float:
    times = []
    for _ in range(REPEAT):
        started = time.perf_counter()
        call()
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1e3


def main() -> None:
    out = Path(sys.argv[1])
    listed = release_entries(out, f"--out {out}", NEW_FOLDER)
    size = sum((out / path).stat().st_size for path in listed if path != CARD)
    print(f"{len(listed)} listed files, {size / 1e6:.2f} MB checked (the card excepted)")
    print(f"sizes only:        {median_ms(lambda: changed_files(out, listed, hashes=False)):.2f} ms")
    print(f"sizes and sha256:  {median_ms(lambda: changed_files(out, listed)):.1f} ms")
    print(f"survey (locked):   {median_ms(lambda: survey(out)):.1f} ms")
    print(f"ledger records:    {median_ms(lambda: recorded(out, listed)):.1f} ms (all {len(listed)} files, the card "
          "too; a commit records the old release and the new: twice this)")


if __name__ == "__main__":
    main()
