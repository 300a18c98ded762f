"""The config watcher: reloads on changes under `<root>/config` and `<root>/plugins` (stub)."""

from __future__ import annotations

import trio

from .supervisor import Supervisor


def start_config_watcher(supervisor: Supervisor, nursery: trio.Nursery) -> None:
    """Start watching the framework root in `nursery` (to be implemented)."""
