"""The way a pool's workers send the items of their streamed tasks to the driver: each item's pickle as it is.

multiprocessing's Queue pickles what it is given: a worker put (token, the item's pickle), so the item's bytes were
copied once more into the queue's own pickle, and in the driver read in 64 KiB chunks into a buffer, copied out of
it, then out of the queue's pickle again: 36 MB of items for 15 MB of news, each copy into fresh pages (page faults,
the largest share of two workers' CPU beyond one's). Here a worker's sender thread writes a small header (token,
length) and the pickle's own bytes to a pipe, and the driver reads them straight into one buffer of that length.
"""

from __future__ import annotations

import os
import select
import struct
import threading
from collections import deque
from collections.abc import Callable
from multiprocessing.context import BaseContext
from typing import Any

from builder.run import faults

_HEADER = struct.Struct("<qQ")  # the item's task token, the pickle's length


class ItemChannel:
    """One pipe from every worker of a pool to its driver. Workers share the write end: a lock (a process-shared
    one) keeps each item's header and bytes together. In a worker, `send` hands the bytes to a thread of its own,
    so the work goes on while the driver is busy (as the Queue's feeder thread did); in the driver, `receive`."""

    def __init__(self, context: BaseContext) -> None:
        self.reader, self.writer = context.Pipe(duplex=False)
        self.lock = context.Lock()
        self._outgoing: deque[tuple[int, bytes]] = deque()
        self._ready = threading.Condition()
        self._sender: threading.Thread | None = None
        self._nonblocking = False  # the read end, in the driver (`receive`)

    def __getstate__(self) -> dict[str, Any]:  # a spawned worker gets the ends and the lock, not the driver's thread
        return {"reader": self.reader, "writer": self.writer, "lock": self.lock}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)
        self._outgoing, self._ready, self._sender = deque(), threading.Condition(), None
        self._nonblocking = False

    def send(self, token: int, pickled: bytes) -> None:
        """In a worker: queue an item's pickle for the driver (sent in order, by the sender thread)."""
        with self._ready:
            if self._sender is None:  # started in the worker, at its first item (a forked worker has no thread)
                self._sender = threading.Thread(target=self._send_all, name="ItemChannelSender", daemon=True)
                self._sender.start()
            self._outgoing.append((token, pickled))
            self._ready.notify()

    def _send_all(self) -> None:
        fd = self.writer.fileno()
        while True:
            with self._ready:
                while not self._outgoing:
                    self._ready.wait()
                token, pickled = self._outgoing[0]
            faults.point("worker-before-item")
            with self.lock:
                _write(fd, _HEADER.pack(token, len(pickled)))
                faults.point("worker-mid-item")
                _write(fd, pickled)
            with self._ready:
                self._outgoing.popleft()  # only now: an empty queue means every item is in the pipe
                del pickled

    def receive(self, timeout: float, stalled: Callable[[], None]) -> tuple[int, bytearray] | None:
        """In the driver: the next item (its token and pickle), or None if none began to arrive within `timeout`
        seconds. An item once begun is read to its end (its writer holds the lock until it is written), with
        `stalled()` called every `timeout` seconds that none of it comes: a writer killed part way through its
        item (SIGKILL, the OOM killer) never sends the rest, and the pipe stays open (this process and the other
        workers hold its write end), so `stalled` is where the caller finds the dead worker and raises."""
        fd = self.reader.fileno()
        if not select.select([fd], [], [], timeout)[0]:
            return None
        if not self._nonblocking:  # a read waits in `_read`'s select, which can give up; never in the read itself
            os.set_blocking(fd, False)
            self._nonblocking = True
        token, size = _HEADER.unpack(_read(fd, bytearray(_HEADER.size), timeout, stalled))
        return token, _read(fd, bytearray(size), timeout, stalled)

    def close(self) -> None:
        self.reader.close()
        self.writer.close()


def _write(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


def _read(fd: int, buffer: bytearray, timeout: float, stalled: Callable[[], None]) -> bytearray:
    """Fill `buffer` from the pipe (non-blocking), the bytes read straight into it; `stalled()` after each
    `timeout` seconds without any."""
    view = memoryview(buffer)
    done = 0
    while done < len(buffer):
        try:
            count = os.readv(fd, [view[done:]])
        except BlockingIOError:
            if not select.select([fd], [], [], timeout)[0]:
                stalled()
            continue
        if not count:
            raise EOFError("the item channel closed in the middle of an item")
        done += count
    return buffer
