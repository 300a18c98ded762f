"""The live feed: SSE subscribers see events as they happen; the ring buffer is bounded."""

from __future__ import annotations

import json

import httpx
import trio


async def read_sse(response: httpx.Response, count: int) -> list[dict]:
    """Read `count` SSE data items from a streaming response."""
    items: list[dict] = []
    event: dict = {}
    async for line in response.aiter_lines():
        if line.startswith("id: "):
            event["id"] = int(line[4:])
        elif line.startswith("event: "):
            event["event"] = line[7:]
        elif line.startswith("data: "):
            event["data"] = json.loads(line[6:])
        elif line == "" and "data" in event:
            items.append(event)
            event = {}
            if len(items) == count:
                return items
    return items


async def test_sse_subscriber_receives_events_live(live, sample) -> None:
    received: list[dict] = []
    subscribed = trio.Event()

    async def subscriber() -> None:
        async with live.client.stream("GET", "/events") as response:
            assert response.headers["content-type"].startswith("text/event-stream")
            subscribed.set()
            received.extend(await read_sse(response, 2))

    with trio.fail_after(10):
        async with trio.open_nursery() as nursery:
            nursery.start_soon(subscriber)
            await subscribed.wait()
            await trio.sleep(0.05)
            await live.hook(sample("captured/v2.1.331-headless-PreToolUse.json"))
            await live.hook(sample("captured/v2.1.331-headless-Stop.json"))
    assert [item["event"] for item in received] == ["decision", "decision"]
    assert [item["data"]["data"]["event"] for item in received] == ["PreToolUse", "Stop"]
    assert received[0]["data"]["data"]["tool"] == "Bash"


async def test_sse_resumes_from_last_event_id(live, sample) -> None:
    for _ in range(3):
        await live.hook(sample("captured/v2.1.331-headless-Stop.json"))
    first = (await live.client.get("/events/recent")).json()["events"][0]["id"]
    with trio.fail_after(10):
        async with live.client.stream(
            "GET", "/events", headers={"Last-Event-ID": str(first)}
        ) as response:
            replay = await read_sse(response, 2)
    assert [item["id"] for item in replay] == [first + 1, first + 2]


async def test_recent_ring_is_bounded(live_factory, sample) -> None:
    live = await live_factory({"config/supervisor.yaml": "feed:\n  ring_size: 10\n"})
    for _ in range(25):
        await live.hook(sample("captured/v2.1.331-headless-Stop.json"))
    events = (await live.client.get("/events/recent", params={"limit": 100})).json()["events"]
    assert len(events) == 10
    assert events[-1]["id"] - events[0]["id"] == 9


async def test_sse_stream_ends_cleanly_at_shutdown(live_factory) -> None:
    live = await live_factory()
    with trio.fail_after(5):
        async with live.client.stream("GET", "/events") as response:
            live.handle.stop()
            lines = [line async for line in response.aiter_lines()]
    assert lines[0] == ": tmpm live feed"
