"""The systemd notify protocol over `$NOTIFY_SOCKET`: ready, status, watchdog, reload, stop.

Written by hand (about forty lines): the protocol is one datagram per message to a Unix socket
whose address may be abstract (`@name`). The `sdnotify` package (last release 2017) adds
nothing here, and this keeps the watchdog on the Trio loop, where it proves the loop is alive.
"""

from __future__ import annotations

import logging
import os
import socket
import time

import trio

from .supervisor import ReloadResult, Supervisor

log = logging.getLogger("tmpm.systemd")
STATUS_INTERVAL_S = 5.0


class Notifier:
    """Sends notify messages to systemd; does nothing when not started by systemd."""

    def __init__(self, address: str | None) -> None:
        self.address = address
        self._socket: socket.socket | None = None
        if address:
            self._socket = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
            self._target = "\0" + address[1:] if address.startswith("@") else address

    @classmethod
    def from_environment(cls) -> Notifier:
        """Read (and remove, so child processes do not inherit them) the systemd variables."""
        return cls(os.environ.pop("NOTIFY_SOCKET", None))

    @property
    def enabled(self) -> bool:
        """True when running under systemd with a notify socket."""
        return self._socket is not None

    def send(self, *lines: str) -> bool:
        """Send one message (lines joined by newlines); return False if it could not be sent."""
        if self._socket is None:
            return False
        try:
            self._socket.sendto("\n".join(lines).encode(), self._target)
        except OSError as exc:
            log.warning("cannot notify systemd at %s: %s", self.address, exc)
            return False
        return True


def watchdog_interval() -> float | None:
    """Half of `$WATCHDOG_USEC` in seconds, if the watchdog is on and meant for this process."""
    usec = os.environ.pop("WATCHDOG_USEC", None)
    pid = os.environ.pop("WATCHDOG_PID", None)
    if not usec or (pid and pid.isdigit() and int(pid) != os.getpid()):
        return None
    try:
        return max(0.01, int(usec) / 2_000_000)
    except ValueError:
        return None


def status_line(supervisor: Supervisor) -> str:
    """A one-line summary for `systemctl status`."""
    services = supervisor.services
    active = sum(1 for s in services.sessions.all() if not s.ended)
    generation = supervisor.generation
    line = (
        f"{active} active sessions, {len(services.approvals.pending())} pending approvals, "
        f"config generation {generation.number}"
    )
    if supervisor.last_error is not None and supervisor.last_error.generation == generation.number:
        line += " (last reload rejected)"
    return line


def start_systemd_notifier(supervisor: Supervisor, nursery: trio.Nursery) -> None:
    """Tell systemd the service is ready, alive, reloading and stopping (no-op outside it)."""
    notifier = Notifier.from_environment()
    interval = watchdog_interval()
    if not notifier.enabled:
        return

    def reloading() -> None:
        notifier.send("RELOADING=1", f"MONOTONIC_USEC={time.monotonic_ns() // 1000}")

    def reloaded(result: ReloadResult) -> None:
        if result.ok:
            notifier.send("READY=1", f"STATUS={status_line(supervisor)}")
        else:
            first = str(result.problems[0]) if result.problems else "invalid config"
            notifier.send("ERRNO=22", f"STATUS=reload rejected, generation {result.generation} "
                          f"keeps deciding: {first}"[:400])  # fmt: skip
            notifier.send("READY=1")

    supervisor.on_reload_start.append(reloading)
    supervisor.on_reload_done.append(reloaded)
    supervisor.on_stop.append(lambda: notifier.send("STOPPING=1", "STATUS=stopping"))
    notifier.send("READY=1", f"STATUS={status_line(supervisor)}")

    async def keep_alive() -> None:
        last_status = ""
        next_status = 0.0
        while True:
            now = trio.current_time()
            if interval is not None:
                notifier.send("WATCHDOG=1")
            if now >= next_status:
                line = status_line(supervisor)
                if line != last_status:
                    notifier.send(f"STATUS={line}")
                    last_status = line
                next_status = now + STATUS_INTERVAL_S
            await trio.sleep(min(interval or STATUS_INTERVAL_S, STATUS_INTERVAL_S))

    nursery.start_soon(keep_alive)
