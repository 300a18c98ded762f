"""Per-session rate limits (sliding window) and circuit breakers (consecutive failures)."""

from __future__ import annotations

import time
from collections import deque
from dataclasses import dataclass, field
from typing import Any

from pydantic import Field

from tmpm_supervisor.settings import StrictModel


class RateLimitConfig(StrictModel):
    """Tool calls per session per sliding minute."""

    calls_per_minute: int = Field(0, ge=0, description="0 turns the limit off.")
    window_s: float = Field(60.0, gt=0, description="Length of the sliding window.")


class CircuitBreakerConfig(StrictModel):
    """Consecutive tool failures (PostToolUseFailure) that stop a session's tool calls."""

    failures: int = Field(0, ge=0, description="Consecutive failures that open it; 0 = off.")
    cooldown_s: float = Field(60.0, gt=0, description="Open time before one trial call.")


class RateLimiter:
    """Sliding-window counts of PreToolUse calls per session."""

    def __init__(self) -> None:
        self._calls: dict[str, deque[float]] = {}

    def hit(self, session_id: str, config: RateLimitConfig, now: float | None = None) -> int | None:
        """Count one call; return the number of calls in the window if over the limit."""
        if config.calls_per_minute <= 0:
            return None
        now = time.monotonic() if now is None else now
        window = self._calls.setdefault(session_id, deque())
        while window and window[0] <= now - config.window_s:
            window.popleft()
        if len(window) >= config.calls_per_minute:
            return len(window)
        window.append(now)
        return None


@dataclass(slots=True)
class Breaker:
    """One session's breaker state."""

    consecutive: int = 0
    state: str = "closed"  # closed | open | half-open
    opened_at: float = 0.0
    trips: int = 0
    trial_in_flight: bool = field(default=False)

    def to_json(self, cooldown_s: float) -> dict[str, Any]:
        """State as JSON (with seconds until a trial call when open)."""
        remaining = max(0.0, self.opened_at + cooldown_s - time.monotonic())
        return {
            "state": self.state,
            "consecutive_failures": self.consecutive,
            "trips": self.trips,
            "retry_in_s": round(remaining, 1) if self.state == "open" else None,
        }


class CircuitBreakers:
    """Breakers per session: failures open them; a trial call after the cool-down closes them."""

    def __init__(self) -> None:
        self.sessions: dict[str, Breaker] = {}

    def record(self, session_id: str, failed: bool, config: CircuitBreakerConfig) -> bool:
        """Record a tool result; return True when this failure opened the breaker."""
        if config.failures <= 0:
            return False
        breaker = self.sessions.setdefault(session_id, Breaker())
        breaker.trial_in_flight = False
        if not failed:
            breaker.consecutive = 0
            breaker.state = "closed"
            return False
        breaker.consecutive += 1
        if breaker.state == "half-open" or (
            breaker.state == "closed" and breaker.consecutive >= config.failures
        ):
            breaker.state = "open"
            breaker.opened_at = time.monotonic()
            breaker.trips += 1
            return True
        return False

    def check(self, session_id: str, config: CircuitBreakerConfig) -> Breaker | None:
        """Return the breaker if it refuses this call (open), else None (and let a trial through)."""
        if config.failures <= 0:
            return None
        breaker = self.sessions.get(session_id)
        if breaker is None or breaker.state == "closed":
            return None
        if breaker.state == "open" and time.monotonic() - breaker.opened_at >= config.cooldown_s:
            breaker.state = "half-open"
        if breaker.state == "half-open" and not breaker.trial_in_flight:
            breaker.trial_in_flight = True
            return None
        return breaker
