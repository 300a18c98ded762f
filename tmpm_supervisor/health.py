"""Per-plugin call health: failures are counted, and a plugin that keeps failing is skipped."""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any


@dataclass(slots=True)
class PluginHealth:
    """Call counters and state of one plugin, kept across generations."""

    calls: int = 0
    failures: int = 0
    timeouts: int = 0
    consecutive_failures: int = 0
    state: str = "active"  # active | failed
    failed_until: float = 0.0
    last_error: str | None = None
    last_error_at: float | None = None

    def to_json(self) -> dict[str, Any]:
        """Return counters and state as a JSON-ready dict."""
        return {
            "state": self.state,
            "calls": self.calls,
            "failures": self.failures,
            "timeouts": self.timeouts,
            "consecutive_failures": self.consecutive_failures,
            "last_error": self.last_error,
            "last_error_at": self.last_error_at,
            "retry_at": self.failed_until if self.state == "failed" else None,
        }


class HealthBook:
    """Health records by plugin name, with the skip rule for failing plugins."""

    def __init__(self, failure_threshold: int = 5, retry_after_s: float = 60.0) -> None:
        self.failure_threshold = failure_threshold
        self.retry_after_s = retry_after_s
        self._records: dict[str, PluginHealth] = {}

    def get(self, name: str) -> PluginHealth:
        """Return (creating if needed) the record of plugin `name`."""
        record = self._records.get(name)
        if record is None:
            record = self._records[name] = PluginHealth()
        return record

    def reset(self, name: str) -> None:
        """Forget a plugin's failures (its code was replaced)."""
        self._records.pop(name, None)

    def should_skip(self, name: str) -> bool:
        """True while a failed plugin waits out its retry delay."""
        record = self._records.get(name)
        return record is not None and record.state == "failed" and time.time() < record.failed_until

    def success(self, name: str) -> None:
        """Count a successful call; a failed plugin that succeeds is active again."""
        record = self.get(name)
        record.calls += 1
        record.consecutive_failures = 0
        record.state = "active"

    def failure(self, name: str, error: str, timeout: bool = False) -> None:
        """Count a failed call; past the threshold the plugin is marked failed."""
        record = self.get(name)
        record.calls += 1
        record.failures += 1
        record.timeouts += int(timeout)
        record.consecutive_failures += 1
        record.last_error = error
        record.last_error_at = time.time()
        if record.consecutive_failures >= self.failure_threshold:
            record.state = "failed"
            record.failed_until = time.time() + self.retry_after_s
