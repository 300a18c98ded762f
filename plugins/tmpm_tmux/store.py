"""The session store: managed tmux sessions and their status, kept in `<root>/state/`."""

from __future__ import annotations

import json
import logging
import time
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

from tmpm_supervisor.atomic import write_json_atomic

log = logging.getLogger("tmpm.plugin.tmux")

STORE_FILE = "tmux-sessions.json"
STATUSES = ("starting", "working", "waiting", "idle", "stopped", "dead")
ENDED = frozenset({"stopped", "dead"})


@dataclass(slots=True)
class SessionRecord:
    """One managed session: where it runs in tmux and what state it is in.

    `name` is the tmux session name and the key; `claude_session_id` links hook events to
    it; `socket_name`/`socket_path` name the tmux server (the dedicated one unless adopted
    from elsewhere).
    """

    name: str
    project: str
    argv: list[str]
    claude: bool
    status: str = "starting"
    claude_session_id: str | None = None
    socket_name: str | None = None
    socket_path: str | None = None
    pane_id: str | None = None
    pane_pid: int | None = None
    env: dict[str, str] = field(default_factory=dict)
    settings_file: str | None = None
    adopted: bool = False
    conversation_started: bool = False
    status_reason: str = ""
    exit_status: int | None = None
    created: float = field(default_factory=time.time)
    updated: float = field(default_factory=time.time)
    last_event: str | None = None

    @property
    def ended(self) -> bool:
        """True when the session is stopped or dead."""
        return self.status in ENDED

    def to_json(self) -> dict[str, Any]:
        """Return the record as a JSON-ready dict (environment values are not revealed)."""
        data = asdict(self)
        data["env"] = sorted(self.env)
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> SessionRecord:
        """Rebuild a record from the store file, ignoring unknown keys."""
        known = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in known})


class SessionStore:
    """All managed sessions, saved atomically to `<state_dir>/tmux-sessions.json`."""

    def __init__(self, state_dir: Path) -> None:
        self.path = state_dir / STORE_FILE
        self.sessions: dict[str, SessionRecord] = {}
        self.load()

    def load(self) -> None:
        """Read the store file; a missing file is an empty store, a broken one is logged."""
        try:
            raw = json.loads(self.path.read_text())
        except FileNotFoundError:
            return
        except (OSError, ValueError) as exc:
            log.error("cannot read %s: %s; starting with an empty store", self.path, exc)
            return
        for item in raw.get("sessions", []):
            try:
                record = SessionRecord.from_json(item)
            except TypeError as exc:
                log.error("skipping a broken record in %s: %s", self.path, exc)
                continue
            self.sessions[record.name] = record

    def save(self) -> None:
        """Replace the store file atomically (environment values included: mode 0600)."""
        write_json_atomic(
            self.path, {"version": 1, "sessions": [asdict(r) for r in self.sessions.values()]}
        )

    def get(self, name: str) -> SessionRecord | None:
        """The record named `name`, or None."""
        return self.sessions.get(name)

    def add(self, record: SessionRecord) -> None:
        """Add or replace a record and save."""
        self.sessions[record.name] = record
        self.save()

    def by_claude_id(self, claude_session_id: str) -> SessionRecord | None:
        """The record whose Claude Code session id is `claude_session_id`, or None."""
        for record in self.sessions.values():
            if record.claude_session_id == claude_session_id:
                return record
        return None

    def find(self, key: str) -> SessionRecord | None:
        """Look a session up by managed name or by Claude Code session id."""
        return self.get(key) or self.by_claude_id(key)
