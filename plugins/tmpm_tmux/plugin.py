"""The tmux plugin: registered through the tmpm.plugins entry point `tmux`.

Module-level hook implementations delegate to the per-root `SessionManager` (manager.py),
which keeps the session store across config reloads.
"""

from __future__ import annotations

import argparse
from collections import Counter
from typing import Any

from tmpm_supervisor.events import HookEvent
from tmpm_supervisor.plugin_api import BackgroundTask, Route, hookimpl

from . import cli
from .config import TmuxSettings
from .manager import manager_for
from .reaper import run_reaper
from .routes import build_routes
from .scope import scope_prefix


@hookimpl
def tmpm_config_model() -> type[TmuxSettings]:
    """The `tmux` config section's schema."""
    return TmuxSettings


@hookimpl
def tmpm_routes(ctx: Any) -> list[Route]:
    """The `/tmux/...` API routes."""
    return build_routes()


@hookimpl
def tmpm_event_recorded(event: HookEvent, record: dict[str, Any], ctx: Any) -> None:
    """Derive the status of a managed session from its hook events."""
    manager_for(ctx).on_event(ctx, event)


@hookimpl
def tmpm_background_tasks(ctx: Any) -> list[BackgroundTask]:
    """The reaper (which reconciles the store with tmux when it starts)."""
    return [BackgroundTask("reaper", run_reaper, restart_delay_s=2.0)]


@hookimpl
def tmpm_send_to_session(session_id: str, text: str, enter: bool, ctx: Any) -> Any:
    """Type into a managed session (matched by Claude session id or name); None if not ours."""
    manager = manager_for(ctx)
    record = manager.store.find(session_id)
    if record is None:
        return None
    return manager.send(record, text, None, enter)


@hookimpl
def tmpm_snapshot_session(session_id: str, lines: int, ctx: Any) -> Any:
    """The pane text of a managed session; None if not ours (or its pane is gone)."""
    manager = manager_for(ctx)
    record = manager.store.find(session_id)
    if record is None:
        return None
    return manager.snapshot(record, lines)


@hookimpl
def tmpm_session_info(session_id: str, ctx: Any) -> dict[str, Any] | None:
    """The tmux name, pane and status of a managed session, for `GET /sessions`."""
    record = manager_for(ctx).store.by_claude_id(session_id)
    if record is None:
        return None
    return {"name": record.name, "status": record.status, "pane_id": record.pane_id}


@hookimpl
def tmpm_status(ctx: Any) -> dict[str, Any]:
    """Session counts per status, the socket name and how the server is scoped."""
    manager = manager_for(ctx)
    sessions = manager.store.sessions.values()
    try:
        scope = " ".join(scope_prefix(ctx.config.server_scope, ctx.config.socket_name)) or "none"
    except RuntimeError as exc:
        scope = f"error: {exc}"
    return {
        "socket_name": ctx.config.socket_name,
        "server_scope": scope,
        "scope_fallback": manager.scope_fallback,
        "sessions": dict(Counter(r.status for r in sessions)),
    }


@hookimpl
def tmpm_add_cli_commands(subparsers: argparse._SubParsersAction) -> None:
    """Add `tmpm sessions ...`."""
    cli.add_commands(subparsers)
