"""The typed hook event: one Claude Code hook payload, checked and ready for plugins."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

# Events whose payload carries a tool call.
TOOL_EVENTS = frozenset(
    {
        "PreToolUse",
        "PostToolUse",
        "PostToolUseFailure",
        "PermissionRequest",
        "PermissionDenied",
    }
)

# Every event named in the hook contract (2.1.331). Others are accepted as "unknown".
KNOWN_EVENTS = frozenset(
    {
        *TOOL_EVENTS,
        "PostToolBatch",
        "UserPromptSubmit",
        "UserPromptExpansion",
        "Notification",
        "SessionStart",
        "SessionEnd",
        "Stop",
        "SubagentStop",
        "StopFailure",
        "SubagentStart",
        "PreCompact",
        "PostCompact",
        "Setup",
        "TeammateIdle",
        "TaskCreated",
        "TaskCompleted",
        "Elicitation",
        "ElicitationResult",
        "ConfigChange",
        "WorktreeCreate",
        "WorktreeRemove",
        "InstructionsLoaded",
        "CwdChanged",
        "FileChanged",
        "DirectoryAdded",
        "MessageDisplay",
        "PreModelSwitch",
        "PostModelSwitch",
    }
)


class EventError(ValueError):
    """A payload that is not a usable hook event; the message names the field."""

    def __init__(self, field_name: str, message: str) -> None:
        super().__init__(f"{field_name}: {message}")
        self.field_name = field_name


@dataclass(slots=True)
class HookEvent:
    """One hook payload from Claude Code.

    `payload` is the raw JSON object exactly as received; the other attributes are checked
    views of its common fields. `meta` carries what the transport added (for example the tmux
    pane or process id the forwarder saw), never anything from the payload itself.
    """

    name: str
    session_id: str
    payload: dict[str, Any]
    cwd: str | None = None
    transcript_path: str | None = None
    tool_name: str | None = None
    tool_input: dict[str, Any] | None = None
    tool_use_id: str | None = None
    meta: dict[str, str] = field(default_factory=dict)

    @property
    def known(self) -> bool:
        """True when the event is one this version of tmpm knows by name."""
        return self.name in KNOWN_EVENTS

    @property
    def is_tool_event(self) -> bool:
        """True for events that carry `tool_name` and `tool_input`."""
        return self.name in TOOL_EVENTS

    def get(self, key: str, default: Any = None) -> Any:
        """Return a raw payload field, or `default` when absent."""
        return self.payload.get(key, default)


def _optional_str(payload: dict[str, Any], key: str) -> str | None:
    value = payload.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise EventError(key, f"must be a string, got {type(value).__name__}")
    return value


def parse_event(
    payload: Any, event_name_hint: str | None = None, meta: dict[str, str] | None = None
) -> HookEvent:
    """Check a decoded JSON payload and return a `HookEvent`.

    `event_name_hint` is the event named in the URL (`POST /hooks/<Event>`); when given it must
    agree with `hook_event_name` in the body, which may then be omitted. Raises `EventError`
    naming the offending field.
    """
    if not isinstance(payload, dict):
        raise EventError("body", f"must be a JSON object, got {type(payload).__name__}")
    name = payload.get("hook_event_name", event_name_hint)
    if not isinstance(name, str) or not name:
        raise EventError("hook_event_name", "is required and must be a non-empty string")
    if event_name_hint is not None and name != event_name_hint:
        raise EventError("hook_event_name", f"is {name!r} but the URL names {event_name_hint!r}")
    session_id = payload.get("session_id")
    if not isinstance(session_id, str) or not session_id:
        raise EventError("session_id", "is required and must be a non-empty string")
    tool_name = _optional_str(payload, "tool_name")
    tool_input = payload.get("tool_input")
    if tool_input is not None and not isinstance(tool_input, dict):
        raise EventError("tool_input", f"must be an object, got {type(tool_input).__name__}")
    if name in TOOL_EVENTS and tool_name is None:
        raise EventError("tool_name", f"is required for {name}")
    return HookEvent(
        name=name,
        session_id=session_id,
        payload=payload,
        cwd=_optional_str(payload, "cwd"),
        transcript_path=_optional_str(payload, "transcript_path"),
        tool_name=tool_name,
        tool_input=tool_input if tool_input is not None else ({} if tool_name else None),
        tool_use_id=_optional_str(payload, "tool_use_id"),
        meta=dict(meta or {}),
    )
