"""Helpers for hot-reload tests: wait for a generation, write files like an editor does."""

from __future__ import annotations

import os
from pathlib import Path

import trio


async def wait_generation(live, number: int, timeout: float = 5.0) -> dict:
    """Poll /status until the active generation is at least `number`; return the status."""
    with trio.fail_after(timeout):
        while True:
            status = (await live.client.get("/status")).json()
            if status["generation"]["number"] >= number:
                return status
            await trio.sleep(0.01)


async def wait_reload_error(live, count: int, timeout: float = 5.0) -> dict:
    """Poll /status until `count` failed reloads were counted; return the status."""
    with trio.fail_after(timeout):
        while True:
            status = (await live.client.get("/status")).json()
            if status["counters"].get("reloads.failed", 0) >= count:
                return status
            await trio.sleep(0.01)


def save_atomically(path: Path, text: str) -> None:
    """Save like an editor: write a temp file beside it, then rename it over the target."""
    temp = path.with_name(f".{path.name}.swp")
    temp.write_text(text)
    os.replace(temp, path)
