"""The core's own config section: `<root>/config/supervisor.yaml` (or `.toml`)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field


class StrictModel(BaseModel):
    """Base for config models: unknown keys are errors, values are not coerced loosely."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class ServerSettings(StrictModel):
    """Where and how the HTTP API listens."""

    host: str = Field("127.0.0.1", description="Address to bind; keep it on loopback.")
    port: int = Field(8765, ge=0, le=65535, description="TCP port; 0 picks a free one.")
    max_body_bytes: int = Field(16 * 1024 * 1024, ge=1024, description="Largest request body.")
    allowed_hosts: list[str] = Field(
        default_factory=list,
        description="Extra Host header names accepted besides localhost, 127.0.0.1 and ::1.",
    )
    graceful_timeout_s: float = Field(1.0, gt=0, le=30, description="Shutdown drain deadline.")
    keep_alive_timeout_s: float = Field(30.0, gt=0, description="Idle keep-alive limit.")


class PluginSettings(StrictModel):
    """How plugins are chosen and contained."""

    disabled: list[str] = Field(default_factory=list, description="Plugin names not to load.")
    call_timeout_s: float = Field(2.0, gt=0, le=60, description="Limit for one plugin call.")
    failure_threshold: int = Field(
        5, ge=1, description="Consecutive failures after which a plugin is skipped."
    )
    retry_after_s: float = Field(
        60.0, ge=0, description="How long a failed plugin is skipped before one retry."
    )


class ApprovalSettings(StrictModel):
    """How an `ask` verdict is held for a person."""

    hold: bool = Field(
        True,
        description="Hold PreToolUse/PermissionRequest asks in the supervisor until a person "
        "answers (API, notifier); false passes `ask` to Claude Code's own prompt.",
    )
    timeout_s: float = Field(
        110.0, gt=0, le=3600, description="How long to hold; keep below the hook timeout."
    )
    on_timeout: Literal["deny", "allow", "ask"] = Field(
        "deny", description="Verdict applied when nobody answers in time."
    )


class AuditSettings(StrictModel):
    """The append-only audit log."""

    fsync: bool = Field(False, description="fsync after every line (survives power loss).")
    summary_chars: int = Field(400, ge=40, description="Bound on the input summary per line.")


class FeedSettings(StrictModel):
    """The live feed (`/events`) and its ring buffer (`/events/recent`)."""

    ring_size: int = Field(
        1000, ge=10, le=100_000, description="Items kept for GET /events/recent."
    )
    subscriber_queue: int = Field(
        1000, ge=10, description="Items buffered per SSE subscriber before it loses some."
    )


class NoticeSettings(StrictModel):
    """The core's notices (denials, approvals, reload errors)."""

    queue_size: int = Field(
        1000, ge=10, description="Notices buffered for notifiers (read at start)."
    )
    on_deny: bool = Field(True, description="Emit a `denial` notice for every deny verdict.")


class SupervisorSettings(StrictModel):
    """The whole `supervisor` section."""

    server: ServerSettings = Field(default_factory=ServerSettings)
    plugins: PluginSettings = Field(default_factory=PluginSettings)
    approvals: ApprovalSettings = Field(default_factory=ApprovalSettings)
    audit: AuditSettings = Field(default_factory=AuditSettings)
    feed: FeedSettings = Field(default_factory=FeedSettings)
    notices: NoticeSettings = Field(default_factory=NoticeSettings)
