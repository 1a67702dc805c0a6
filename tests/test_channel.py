"""The pipe a pool's workers send their items on (builder.run.channel): every item whole, in each sender's order."""

from __future__ import annotations

import multiprocessing
import pickle
import signal
import sys
import time

import pytest

from builder.run import faults
from builder.run.channel import ItemChannel

ITEMS, SIZE = 12, 300_000  # each item bigger than a pipe's buffer (64 KiB): written in many pieces


def _send(channel: ItemChannel, token: int) -> None:
    for i in range(ITEMS):
        channel.send(token, pickle.dumps((token, i, bytes([token * 16 + i % 16]) * SIZE)))
    while channel._outgoing:  # the sender thread's queue: the process must not end before all is in the pipe
        time.sleep(0.01)


def _never_stalled() -> None:
    raise AssertionError("an item stopped part way through")


class Stalled(Exception):
    pass


@pytest.mark.skipif(sys.platform != "linux", reason="forked senders")
def test_a_sender_killed_in_the_middle_of_an_item_is_found_by_stalled_not_waited_for(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """The sender sends an item's header and dies (SIGKILL at the named point, as the OOM killer would):
    the pipe stays open (the driver holds its write end too), so the read of the item's bytes waited for
    ever. Now `stalled` is asked while they do not come, and the caller's error ends the wait."""
    context = multiprocessing.get_context("fork")
    channel = ItemChannel(context)
    monkeypatch.setattr(faults, "_ARMED", "worker-mid-item")  # inherited by the forked sender
    sender = context.Process(target=_send, args=(channel, 1))
    sender.start()
    asked: list[float] = []

    def stalled() -> None:
        asked.append(time.monotonic())
        if sender.exitcode is not None:
            raise Stalled(sender.exitcode)

    started = time.monotonic()
    with pytest.raises(Stalled) as raised:
        while channel.receive(0.05, stalled) is None and time.monotonic() - started < 30:
            pass
    assert raised.value.args == (-signal.SIGKILL,)
    assert asked and asked[-1] - started < 10
    sender.join(5)
    channel.close()


@pytest.mark.skipif(sys.platform != "linux", reason="forked senders")
def test_items_of_two_senders_arrive_whole_and_in_each_senders_order() -> None:
    context = multiprocessing.get_context("fork")
    channel = ItemChannel(context)
    senders = [context.Process(target=_send, args=(channel, token)) for token in (1, 2)]
    for sender in senders:
        sender.start()
    seen: dict[int, list[int]] = {1: [], 2: []}
    time.sleep(0.3)  # both senders blocked on the full pipe, each in the middle of an item, before any is read
    try:
        while sum(map(len, seen.values())) < 2 * ITEMS:
            received = channel.receive(10, _never_stalled)
            assert received is not None, "an item did not arrive"
            token, pickled = received
            sent_token, i, data = pickle.loads(pickled)
            assert sent_token == token
            assert data == bytes([token * 16 + i % 16]) * SIZE  # whole: no piece of another item inside
            seen[token].append(i)
    finally:
        for sender in senders:
            sender.join(10)
    assert seen == {1: list(range(ITEMS)), 2: list(range(ITEMS))}
    assert channel.receive(0.05, _never_stalled) is None  # nothing more: waits no longer than asked
    channel.close()


def test_a_channel_given_to_a_spawned_worker_takes_its_ends_not_the_driver_s_thread() -> None:
    channel = ItemChannel(multiprocessing.get_context("spawn"))
    state = channel.__getstate__()
    assert set(state) == {"reader", "writer", "lock"}
    channel.close()
