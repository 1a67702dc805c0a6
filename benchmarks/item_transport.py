"""CPU of moving a 2-worker build's items from its workers to its driver: multiprocessing's Queue of (token, the
item's pickle), as the executor sent them before session 18, against builder.run.channel's ItemChannel.

    .venv/bin/python -m benchmarks.item_transport [--repeat 5] [--items 196] [--mb 36.3]

Two forked senders send --items items of random bytes adding up to --mb (a 2-worker build of the throughput
benchmark's 15 MB corpus sends 196 items, 36.3 MB pickled) and the driver receives them; the memory settings are
a build's (the workers trim their heap after each item, the driver maps every block of 128 KiB or more afresh:
builder.run.lean). Prints the median user+sys CPU seconds of the driver and of the senders, and the page faults,
over --repeat rounds, the two ways interleaved. Linux only (fork).
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import resource
import statistics
import time
from multiprocessing.queues import Queue
from typing import Any

from builder.run import lean
from builder.run.channel import ItemChannel

Usage = tuple[float, float, int]  # driver CPU s, senders' CPU s, faults of both


def _by_queue(queue: Queue[tuple[int, bytes]], token: int, count: int, size: int) -> None:
    lean.allow_trim()
    payload = os.urandom(size)
    for _ in range(count):
        queue.put((token, bytes(payload)))
        lean.trim()
    queue.close()
    queue.join_thread()


def _by_channel(channel: ItemChannel, token: int, count: int, size: int) -> None:
    lean.allow_trim()
    payload = os.urandom(size)
    for _ in range(count):
        channel.send(token, bytes(payload))
        lean.trim()
    while channel._outgoing:  # every item in the pipe before the process ends
        time.sleep(0.01)


def _wait() -> None:
    """The senders here are not killed: an item's bytes may be slow to come, never lost."""


def transport(kind: str, items: int, size: int) -> Usage:
    context = multiprocessing.get_context("fork")
    way: Any = context.Queue() if kind == "queue" else ItemChannel(context)
    target = _by_queue if kind == "queue" else _by_channel
    self0, kids0 = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    senders = [context.Process(target=target, args=(way, token, items // 2, size)) for token in (0, 1)]
    for sender in senders:
        sender.start()
    for _ in range(2 * (items // 2)):
        if kind == "queue":
            way.get()
        else:
            while way.receive(1.0, _wait) is None:
                pass
    for sender in senders:
        sender.join()
    self1, kids1 = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    driver = self1.ru_utime - self0.ru_utime + self1.ru_stime - self0.ru_stime
    workers = kids1.ru_utime - kids0.ru_utime + kids1.ru_stime - kids0.ru_stime
    faults = self1.ru_minflt - self0.ru_minflt + kids1.ru_minflt - kids0.ru_minflt
    return driver, workers, faults


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--items", type=int, default=196)
    parser.add_argument("--mb", type=float, default=36.3)
    args = parser.parse_args()
    size = int(args.mb * 1e6 / args.items)
    lean.give_memory_back()
    runs: dict[str, list[Usage]] = {"queue": [], "channel": []}
    for _ in range(args.repeat):
        for kind, found in runs.items():
            found.append(transport(kind, args.items, size))
    for kind, found in runs.items():
        together = statistics.median(r[0] + r[1] for r in found)
        print(f"{kind:8} driver {statistics.median(r[0] for r in found):.3f} CPU-s, senders "
              f"{statistics.median(r[1] for r in found):.3f}, together {together:.3f}; "
              f"{statistics.median(r[2] for r in found):,.0f} page faults (medians of {len(found)}; load "
              f"{os.getloadavg()[0]:.1f})")


if __name__ == "__main__":
    main()
