"""The live feed: every ingested event and decision, to SSE subscribers and a ring buffer."""

from __future__ import annotations

import itertools
from collections import deque
from typing import Any

import trio


class EventFeed:
    """Fan-out of feed items to subscribers, plus a bounded ring of recent items.

    A subscriber whose queue is full loses items (counted in `dropped`) rather than slowing
    the hook path.
    """

    def __init__(self, ring_size: int = 1000, subscriber_queue: int = 1000) -> None:
        self.ring: deque[dict[str, Any]] = deque(maxlen=ring_size)
        self.subscriber_queue = subscriber_queue
        self._subscribers: set[trio.MemorySendChannel[dict[str, Any]]] = set()
        self._ids = itertools.count(1)
        self.dropped = 0
        self.closed = trio.Event()

    def configure(self, ring_size: int, subscriber_queue: int) -> None:
        """Apply new sizes (from a reload); the ring keeps its newest items."""
        if self.ring.maxlen != ring_size:
            self.ring = deque(self.ring, maxlen=ring_size)
        self.subscriber_queue = subscriber_queue

    def publish(self, kind: str, data: dict[str, Any]) -> dict[str, Any]:
        """Publish one item (`kind` is e.g. `decision`, `reload`, `notice`); return it."""
        item = {"id": next(self._ids), "kind": kind, "data": data}
        self.ring.append(item)
        for channel in list(self._subscribers):
            try:
                channel.send_nowait(item)
            except trio.WouldBlock:
                self.dropped += 1
            except (trio.BrokenResourceError, trio.ClosedResourceError):
                self._subscribers.discard(channel)
        return item

    def subscribe(self) -> trio.MemoryReceiveChannel[dict[str, Any]]:
        """Return a channel that receives every item published from now on."""
        send, receive = trio.open_memory_channel[dict[str, Any]](self.subscriber_queue)
        self._subscribers.add(send)
        return receive

    def unsubscribe(self, receive: trio.MemoryReceiveChannel[dict[str, Any]]) -> None:
        """Stop delivering to a subscriber (its channel is closed)."""
        receive.close()

    @property
    def subscriber_count(self) -> int:
        """How many live subscribers there are."""
        return len(self._subscribers)

    def recent(self, limit: int, after: int | None = None) -> list[dict[str, Any]]:
        """Return up to `limit` newest items from the ring (only ids above `after`)."""
        items = [i for i in self.ring if after is None or i["id"] > after]
        return items[-limit:]

    def close(self) -> None:
        """Signal subscribers that the service is stopping."""
        self.closed.set()
        for channel in list(self._subscribers):
            channel.close()
        self._subscribers.clear()
