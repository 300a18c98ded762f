"""Types a plugin returns to the host: routes, background tasks and output rewrites.

Everything a third-party plugin needs is importable from here and from `tmpm_supervisor.hookspecs`.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import pluggy

from .events import HookEvent
from .notices import Notice, NoticeAction, Severity
from .verdicts import Decision, Vote

if TYPE_CHECKING:
    from .context import PluginContext

PROJECT_NAME = "tmpm"
ENTRY_POINT_GROUP = "tmpm.plugins"

hookimpl = pluggy.HookimplMarker(PROJECT_NAME)
"""Decorator marking a plugin function as a tmpm hook implementation."""


@dataclass(slots=True)
class OutputRewrite:
    """A replacement for what the model reads from a tool call (PostToolUse).

    `tool_output` must have the tool's own output shape (see docs/plugins.md): Claude Code
    silently drops a rewrite of the wrong shape. `tokens_before`/`tokens_after` are estimates
    recorded in the audit line.
    """

    tool_output: Any
    note: str = ""
    tokens_before: int | None = None
    tokens_after: int | None = None
    data: dict[str, Any] = field(default_factory=dict)
    plugin: str | None = None  # filled in by the host


RouteHandler = Callable[..., Awaitable[Any]]


@dataclass(slots=True)
class Route:
    """An HTTP route a plugin adds to the API.

    `path` uses Werkzeug rule syntax (`/approvals/<approval_id>`). The handler is awaited as
    `handler(request, ctx, **path_params)` and returns a JSON-ready value, or a
    `(value, status)` tuple, or a Quart response. Routes require the API token unless
    `public` is true. `summary` and `request_schema` feed `/openapi.json`.
    """

    method: str
    path: str
    handler: RouteHandler
    summary: str = ""
    public: bool = False
    request_schema: dict[str, Any] | None = None


@dataclass(slots=True)
class BackgroundTask:
    """A long-running coroutine a plugin asks the service to run in its root nursery.

    `run(ctx)` is started when the plugin's generation becomes active and cancelled when the
    plugin is replaced, disabled or the service stops. It should not return early; if it
    raises, the failure is logged, counted against the plugin and the task restarted after
    `restart_delay_s`.
    """

    name: str
    run: Callable[[PluginContext], Awaitable[None]]
    restart_delay_s: float = 5.0


__all__ = [
    "ENTRY_POINT_GROUP",
    "BackgroundTask",
    "Decision",
    "HookEvent",
    "Notice",
    "NoticeAction",
    "OutputRewrite",
    "Route",
    "Severity",
    "Vote",
    "hookimpl",
]
