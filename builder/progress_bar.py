"""The build command's progress bar: tqdm, imported only when a bar is shown (its import is 0.05-0.1 s of
every `--quiet` build's start, a rebuild's tenth of a second)."""

from __future__ import annotations

import contextlib
from typing import Any


class Silent(contextlib.AbstractContextManager["Silent"]):
    """What `bar` gives where nothing is shown: a bar whose updates go nowhere."""

    def __exit__(self, *exc: object) -> None:
        return None

    def update(self, done: int) -> None:
        return None

    def close(self) -> None:
        return None


def bar(total: int, quiet: bool) -> Any:
    """A byte-counting bar of `total` (none with `quiet`; tqdm's own choice, none, where stderr is not a terminal)."""
    if quiet:
        return Silent()
    from tqdm import tqdm

    class Bar(tqdm):  # type: ignore[type-arg]  # tqdm is generic in its stubs only
        """tqdm without its monitor thread (which only refreshes a bar whose updates stall; ours come with every
        batch): a build forks its workers only from a process that runs no thread (builder.run.executors)."""

        monitor_interval = 0

    # smoothing=0: the ETA from the average speed so far (both passes advance the bar at about one speed);
    # tqdm's default, the last few updates, swings with each batch and with worker start-up
    return Bar(total=total, unit="B", unit_scale=True, desc="building", disable=None, smoothing=0)
