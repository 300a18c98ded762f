"""Sessions seen: every Claude Code session that sent an event, keyed by `session_id`."""

from __future__ import annotations

import time
from collections import Counter, OrderedDict
from dataclasses import dataclass, field
from typing import Any

from .events import HookEvent


@dataclass(slots=True)
class SessionInfo:
    """What the supervisor knows about one session from its events."""

    session_id: str
    first_seen: float
    last_seen: float
    cwd: str | None = None
    transcript_path: str | None = None
    last_event: str | None = None
    last_tool: str | None = None
    ended: bool = False
    tmux_pane: str | None = None
    pid: int | None = None
    events: Counter[str] = field(default_factory=Counter)
    verdicts: Counter[str] = field(default_factory=Counter)

    def to_json(self) -> dict[str, Any]:
        """Return the session as a JSON-ready dict."""
        return {
            "session_id": self.session_id,
            "cwd": self.cwd,
            "transcript_path": self.transcript_path,
            "tmux_pane": self.tmux_pane,
            "pid": self.pid,
            "first_seen": self.first_seen,
            "last_seen": self.last_seen,
            "last_event": self.last_event,
            "last_tool": self.last_tool,
            "ended": self.ended,
            "events": dict(self.events),
            "verdicts": dict(self.verdicts),
        }


class SessionRegistry:
    """The sessions seen, least recently active dropped first past `limit`."""

    def __init__(self, limit: int = 10_000) -> None:
        self.limit = limit
        self._sessions: OrderedDict[str, SessionInfo] = OrderedDict()

    def observe(self, event: HookEvent, verdict: str) -> SessionInfo:
        """Record one event (and its verdict label) against its session; return the session."""
        now = time.time()
        info = self._sessions.get(event.session_id)
        if info is None:
            info = SessionInfo(event.session_id, first_seen=now, last_seen=now)
            self._sessions[event.session_id] = info
            if len(self._sessions) > self.limit:
                self._sessions.popitem(last=False)
        else:
            self._sessions.move_to_end(event.session_id)
        info.last_seen = now
        info.last_event = event.name
        info.events[event.name] += 1
        info.verdicts[verdict] += 1
        if event.cwd:
            info.cwd = event.cwd
        if event.transcript_path:
            info.transcript_path = event.transcript_path
        if event.tool_name:
            info.last_tool = event.tool_name
        pane = event.meta.get("tmux_pane")
        if pane:
            info.tmux_pane = pane
        pid = event.meta.get("pid")
        if pid and pid.isdigit():
            info.pid = int(pid)
        if event.name == "SessionEnd":
            info.ended = True
        elif event.name == "SessionStart":
            info.ended = False
        return info

    def get(self, session_id: str) -> SessionInfo | None:
        """Return one session, or None."""
        return self._sessions.get(session_id)

    def all(self) -> list[SessionInfo]:
        """Return every session, most recently active first."""
        return list(reversed(self._sessions.values()))
