"""Session status: what hook events imply, and announcing a change to the feed and notifiers."""

from __future__ import annotations

from typing import Any

from tmpm_supervisor.events import HookEvent
from tmpm_supervisor.plugin_api import Notice, Severity

from .store import SessionRecord

NOTICE_KINDS = {"waiting": "session.waiting", "idle": "session.done", "dead": "session.dead"}
EVENT_STATUS = {
    "SessionStart": "idle",
    "UserPromptSubmit": "working",
    "PreToolUse": "working",
    "Stop": "idle",
    "SessionEnd": "stopped",
}
WAITING_NOTIFICATIONS = frozenset({"idle_prompt", "permission_prompt"})


def status_from_event(event: HookEvent) -> str | None:
    """The session status a hook event implies, or None when it implies none."""
    if event.name == "Notification":
        kind = event.get("notification_type")
        return "waiting" if kind in WAITING_NOTIFICATIONS else None
    return EVENT_STATUS.get(event.name)


def announce(ctx: Any, record: SessionRecord, previous: str, reason: str, **data: Any) -> None:
    """Publish a status change to the live feed (kind `session`) and notify where it matters.

    `session.waiting` for waiting, `session.done` for idle after working (a finished turn),
    `session.dead` (severity warning) for dead.
    """
    status = record.status
    item = {
        "name": record.name,
        "session_id": record.claude_session_id,
        "status": status,
        "previous": previous,
        "reason": reason,
        **data,
    }
    ctx.services.feed.publish("session", item)
    kind = NOTICE_KINDS.get(status)
    if kind == "session.done" and previous != "working":
        kind = None  # idle after start or adoption is not a finished turn
    if kind:
        ctx.notify(
            Notice(
                kind=kind,
                text=f"tmux session {record.name}: {status} ({reason})",
                severity=Severity.WARNING if status == "dead" else Severity.INFO,
                session_id=record.claude_session_id,
                title=f"session {record.name} {status}",
                data={"name": record.name, "status": status, "previous": previous},
            )
        )
