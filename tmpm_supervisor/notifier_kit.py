"""Building blocks for notifier plugins: routing by kind and severity, a bounded delivery
queue that never blocks the caller, and a throttle that rate-limits and de-duplicates.

Core code rather than a plugin's, so every notifier (built-in or third-party) routes and
throttles the same way without importing another plugin.
"""

from __future__ import annotations

import fnmatch
import time
from collections import deque
from typing import Literal

import trio
from pydantic import Field

from .notices import Notice, Severity
from .settings import StrictModel

DEFAULT_KINDS = [
    "approval", "approval.resolved", "denial", "budget.*", "context.*", "circuit.open",
    "session.waiting", "session.done", "session.dead", "reload.error",
]  # fmt: skip


class RoutingConfig(StrictModel):
    """Which notices a notifier delivers."""

    kinds: list[str] = Field(
        default_factory=lambda: list(DEFAULT_KINDS),
        description="Notice kinds to deliver (globs, e.g. `budget.*`; `*` for all).",
    )
    min_severity: Literal["info", "warning", "alert"] = Field(
        "info", description="Drop notices below this severity (approvals always pass)."
    )

    def wants(self, notice: Notice) -> bool:
        """True if this notifier should deliver `notice`."""
        if not any(fnmatch.fnmatchcase(notice.kind, pattern) for pattern in self.kinds):
            return False
        if notice.kind.startswith("approval"):
            return True
        return notice.severity >= Severity[self.min_severity.upper()]


class DeliveryQueue:
    """A bounded queue: `put` never waits; when full the oldest item is dropped and counted."""

    def __init__(self, size: int) -> None:
        self.items: deque[Notice] = deque()
        self.size = size
        self.dropped = 0
        self._ready = trio.Event()

    def put(self, notice: Notice) -> None:
        """Queue a notice (dropping the oldest if full)."""
        if len(self.items) >= self.size:
            self.items.popleft()
            self.dropped += 1
        self.items.append(notice)
        self._ready.set()

    async def get(self) -> Notice:
        """Wait for and return the next notice."""
        while not self.items:
            self._ready = trio.Event()
            await self._ready.wait()
        return self.items.popleft()


class Throttle:
    """At most `per_minute` notices a minute, and the same (kind, session, text) at most once
    per `dedupe_s`; approvals are never throttled. Suppressed notices are counted so a digest
    can say how many were held back."""

    def __init__(self, per_minute: int, dedupe_s: float) -> None:
        self.per_minute = per_minute
        self.dedupe_s = dedupe_s
        self.sent: deque[float] = deque()
        self.seen: dict[tuple[str, str | None, str], float] = {}
        self.suppressed = 0

    def allow(self, notice: Notice, now: float | None = None) -> bool:
        """True if `notice` may be sent now."""
        now = time.monotonic() if now is None else now
        if notice.kind.startswith("approval"):
            return True
        key = (notice.kind, notice.session_id, notice.text)
        last = self.seen.get(key)
        if last is not None and now - last < self.dedupe_s:
            self.suppressed += 1
            return False
        while self.sent and self.sent[0] <= now - 60:
            self.sent.popleft()
        if self.per_minute and len(self.sent) >= self.per_minute:
            self.suppressed += 1
            return False
        self.sent.append(now)
        self.seen[key] = now
        if len(self.seen) > 10_000:
            self.seen = {k: v for k, v in self.seen.items() if now - v < self.dedupe_s}
        return True

    def take_suppressed(self) -> int:
        """How many were suppressed since the last call (and reset the count)."""
        count, self.suppressed = self.suppressed, 0
        return count


def read_secret(env_name: str | None, file: str | None) -> tuple[str | None, str | None]:
    """(secret, problem): from the environment variable, else a file readable only by its
    owner (a group- or world-readable file is refused)."""
    import os
    import stat

    if env_name and os.environ.get(env_name):
        return os.environ[env_name].strip(), None
    if file:
        path = os.path.expanduser(file)
        try:
            mode = os.stat(path).st_mode
        except OSError as exc:
            return None, f"cannot read {path}: {exc.strerror}"
        if mode & (stat.S_IRWXG | stat.S_IRWXO):
            return None, f"{path} is readable by others; chmod 600 it"
        with open(path) as handle:
            return handle.read().strip(), None
    return None, None
