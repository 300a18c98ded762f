"""The systemd notify protocol over `$NOTIFY_SOCKET` (stub)."""

from __future__ import annotations

import trio

from .supervisor import Supervisor


def start_systemd_notifier(supervisor: Supervisor, nursery: trio.Nursery) -> None:
    """Tell systemd the service is ready, alive, reloading and stopping (to be implemented)."""
