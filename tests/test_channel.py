"""The pipe a pool's workers send their items on (builder.run.channel): every item whole, in each sender's order."""

from __future__ import annotations

import multiprocessing
import pickle
import sys
import time

import pytest

from builder.run.channel import ItemChannel

ITEMS, SIZE = 12, 300_000  # each item bigger than a pipe's buffer (64 KiB): written in many pieces


def _send(channel: ItemChannel, token: int) -> None:
    for i in range(ITEMS):
        channel.send(token, pickle.dumps((token, i, bytes([token * 16 + i % 16]) * SIZE)))
    while channel._outgoing:  # the sender thread's queue: the process must not end before all is in the pipe
        time.sleep(0.01)


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
            received = channel.receive(10)
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
    assert channel.receive(0.05) is None  # nothing more: waits no longer than asked
    channel.close()


def test_a_channel_given_to_a_spawned_worker_takes_its_ends_not_the_driver_s_thread() -> None:
    channel = ItemChannel(multiprocessing.get_context("spawn"))
    state = channel.__getstate__()
    assert set(state) == {"reader", "writer", "lock"}
    channel.close()
