"""The public plugin API of tmpm: every hook a plugin may implement.

Built-in plugins (overseer, optimizer, notifiers, tmux) use exactly these hooks, registered
through the same `tmpm.plugins` entry-point group a third party uses. Each hook implementation
receives only the arguments it names. Any hook may return an awaitable; the host awaits it
under the plugin call timeout. A hook that raises or times out is counted against its plugin,
and the event is still answered. `docs/plugins.md` is checked against these docstrings.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

import pluggy

from .plugin_api import PROJECT_NAME

if TYPE_CHECKING:
    from pydantic import BaseModel

    from .context import PluginContext
    from .events import HookEvent
    from .notices import Notice
    from .plugin_api import BackgroundTask, OutputRewrite, Route
    from .verdicts import Vote

hookspec = pluggy.HookspecMarker(PROJECT_NAME)


@hookspec
def tmpm_config_model() -> type[BaseModel] | None:
    """Declare the schema of this plugin's config section.

    Called once each time a config generation is built, before any other hook. The section is
    read from `<root>/config/<plugin name>.yaml` (or `.yml` / `.toml`) and validated against
    the returned pydantic model; an invalid file rejects the whole generation with the file,
    key path and reason. A missing file validates as `{}`, so every field needs a default.
    Return `None` for a plugin without config. The validated model instance is then available
    to every other hook as `ctx.config`.
    """


@hookspec
def tmpm_decide(event: HookEvent, ctx: PluginContext) -> Vote | None:
    """Vote on one hook event.

    Called for every ingested event, in plugin order, on the config generation the event
    started on. Return a `Vote` (allow, deny, ask, or abstain with added context) or `None` to
    abstain. Votes are merged by the rule in `tmpm_supervisor.verdicts` (deny > ask > allow).
    May return an awaitable; it is awaited under the plugin call timeout, and a timeout counts
    as an abstention.
    """


@hookspec
def tmpm_rewrite_output(event: HookEvent, ctx: PluginContext) -> OutputRewrite | None:
    """Offer a replacement for the tool output the model will read.

    Called for `PostToolUse` events only, after `tmpm_decide`, in plugin order. The first
    plugin that returns an `OutputRewrite` owns the rewrite for that event; later plugins are
    not asked. Return `None` when nothing changed (an unchanged copy would overwrite another
    hook's real change). The value must have the tool's own output shape.
    """


@hookspec
def tmpm_event_recorded(event: HookEvent, record: dict[str, Any], ctx: PluginContext) -> None:
    """Observe an event after its answer was decided.

    Called once per event with the audit record (verdict, reason, plugin, rule, latency),
    after the answer is computed and before it is sent. Use it to track session state or emit
    notices; keep it quick (it runs on the request path under the plugin call timeout). The
    return value is ignored.
    """


@hookspec
def tmpm_deliver_notice(notice: Notice, ctx: PluginContext) -> None:
    """Deliver a notice to a person.

    Implemented by notifier plugins. Called by the core's notice dispatcher (a background
    task, never on a hook request's path) once per notice and notifier; the notifier decides
    from its own config whether the notice's kind concerns it. It should queue the notice and
    return quickly; slow delivery belongs in the notifier's own background task. The return
    value is ignored.
    """


@hookspec
def tmpm_background_tasks(ctx: PluginContext) -> list[BackgroundTask] | None:
    """Ask the service to run long-lived tasks (pollers, reapers, watchdogs).

    Called when a generation becomes active. Each returned `BackgroundTask` runs in the
    service's root nursery until the plugin is replaced, disabled or the service stops, when
    it is cancelled. Return `None` or an empty list for none.
    """


@hookspec
def tmpm_routes(ctx: PluginContext) -> list[Route] | None:
    """Add HTTP routes to the API.

    Called when a generation is built. Returns a list of `Route`; they are served (and listed
    in `/openapi.json`) while that generation is active. A route may not shadow a core route.
    Return `None` for none.
    """


@hookspec
def tmpm_status(ctx: PluginContext) -> dict[str, Any] | None:
    """Contribute to `GET /status`.

    Called for each status request. Return a small JSON-ready dict shown under the plugin's
    entry as `status` (for example circuit-breaker states or totals), or `None`.
    """


@hookspec
def tmpm_session_info(session_id: str, ctx: PluginContext) -> dict[str, Any] | None:
    """Contribute per-session fields to `GET /sessions`.

    Called for each session listed. Return a JSON-ready dict merged under the session's
    `plugins.<plugin name>` key (for example token usage or the tmux pane), or `None`.
    """


@hookspec(firstresult=True)
def tmpm_send_to_session(
    session_id: str, text: str, enter: bool, ctx: PluginContext
) -> bool | None:
    """Type `text` into the terminal that runs Claude Code session `session_id`.

    The interop hook for plugins that answer idle prompts: called through
    `ctx.call_first("tmpm_send_to_session", ...)`, and implemented by a plugin that owns
    terminals (the tmux plugin). Return `True` when the text was sent, `False` when the
    session is known but could not be typed into, and `None` when the session is not yours
    (the next plugin is asked). `enter` presses Enter after the text.
    """


@hookspec(firstresult=True)
def tmpm_snapshot_session(session_id: str, lines: int, ctx: PluginContext) -> str | None:
    """Return the visible text (with up to `lines` of scrollback) of a session's terminal.

    Called through `ctx.call_first` (e.g. by the Telegram `/snapshot` command); implemented by
    plugins that own terminals. Return `None` when the session is not yours.
    """


@hookspec
def tmpm_add_cli_commands(subparsers: argparse._SubParsersAction) -> None:
    """Add sub-commands to the `tmpm` command line.

    Called once when the CLI starts, with argparse's sub-parsers object. Each added parser
    should set `func=callable(args) -> int` with `set_defaults`. The return value is ignored.
    """
