"""The config watcher: reload when files under `<root>/config` or `<root>/plugins` change.

watchfiles reports a save as one or more batches (editors write a temp file and rename it,
which arrives as `added`; a long write arrives as several `modified` batches about 100 ms
apart). The watcher filters by file name, then waits until no relevant change arrived for
`SETTLE_S` and reloads once, reading the newest content.
"""

from __future__ import annotations

import logging
from pathlib import Path

import trio
import watchfiles

from .generation import files_fingerprint
from .paths import CONFIG_SUFFIXES
from .supervisor import Supervisor

log = logging.getLogger("tmpm.watcher")

SETTLE_S = 0.03
CATCH_UP_DELAY_S = 0.05
WATCH_STEP_MS = 10
RUST_TIMEOUT_MS = 200


def is_relevant(path: str) -> bool:
    """True for config files and drop-in plugin sources, false for editor noise."""
    name = Path(path).name
    if name.startswith((".", "#")) or name.endswith(("~", ".swp", ".swx", ".tmp", ".bak")):
        return False
    return name.endswith((*CONFIG_SUFFIXES, ".py"))


async def watch_and_reload(supervisor: Supervisor, stop: trio.Event) -> None:
    """Reload once per settled burst of relevant changes until `stop` is set."""
    root = supervisor.root
    folders = [root.config_dir, root.plugins_dir]
    for folder in folders:
        folder.mkdir(parents=True, exist_ok=True)
    changed = trio.Event()

    async def collect() -> None:
        nonlocal changed
        async for batch in watchfiles.awatch(
            *folders,
            stop_event=stop,
            debounce=WATCH_STEP_MS,
            step=WATCH_STEP_MS,
            rust_timeout=RUST_TIMEOUT_MS,
            recursive=False,
            watch_filter=lambda _change, path: is_relevant(path),
            yield_on_timeout=False,
        ):
            if batch:
                changed.set()

    async with trio.open_nursery() as nursery:
        nursery.start_soon(collect)
        # awatch starts watching on its first step; catch up on anything saved before that
        # (or while the current generation was being built).
        await trio.sleep(CATCH_UP_DELAY_S)
        if files_fingerprint(*folders) != supervisor.generation.fingerprint:
            changed.set()
        while not stop.is_set():
            await changed.wait()
            # Settle: keep waiting while changes keep arriving.
            while True:
                changed = trio.Event()
                with trio.move_on_after(SETTLE_S):
                    await changed.wait()
                    continue
                break
            result = await supervisor.reload("watch")
            log.debug("watch reload ok=%s generation=%d", result.ok, result.generation)
        nursery.cancel_scope.cancel()


def start_config_watcher(supervisor: Supervisor, nursery: trio.Nursery) -> None:
    """Start watching the framework root in `nursery`; it stops with the nursery."""
    stop = trio.Event()

    async def run() -> None:
        try:
            await watch_and_reload(supervisor, stop)
        finally:
            stop.set()

    nursery.start_soon(run)
