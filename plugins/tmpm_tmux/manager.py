"""The session manager: spawn, stop, resume, adopt, type into and watch managed sessions.

One manager per framework root lives at module level (see `manager_for`), so the store and
in-flight operations survive config reloads; each call gets the current generation's
`ctx` for config, the feed and notifiers. Every tmux call runs in a worker thread.
"""

from __future__ import annotations

import functools
import time
import uuid
from pathlib import Path
from typing import Any

import trio

from tmpm_supervisor.events import HookEvent
from tmpm_supervisor.http_errors import ApiError

from . import tmux_backend as tb
from .config import TmuxSettings
from .launch import (
    claude_id_from_args,
    is_claude,
    launch_argv,
    readable_name,
    strip_session_flags,
    write_hook_settings,
)
from .scope import scope_prefix
from .status import announce, status_from_event
from .store import SessionRecord, SessionStore


async def run_blocking(fn: Any, *args: Any, **kwargs: Any) -> Any:
    """Run a blocking tmux call in a worker thread."""
    return await trio.to_thread.run_sync(functools.partial(fn, *args, **kwargs))


class SessionManager:
    """Managed sessions of one framework root and the operations on them."""

    def __init__(self, state_dir: Path) -> None:
        self.store = SessionStore(state_dir)
        self.lock = trio.Lock()
        self.stopping: set[str] = set()  # names a stop is in progress for: the reaper skips
        # tmux marks a pane dead when its terminal closes, a moment before it records the
        # exit status: the reaper waits a few passes for the status.
        self.exit_waits: dict[str, int] = {}
        self.scope_fallback: str | None = None  # why `auto` could not use a systemd scope
        self.reconciled = False  # set once the store was reconciled with tmux after start

    # -- helpers ---------------------------------------------------------------------------

    @staticmethod
    def dedicated(config: TmuxSettings) -> tb.ServerRef:
        """The dedicated tmux server of this config."""
        return tb.ServerRef(socket_name=config.socket_name)

    @staticmethod
    def ref_of(record: SessionRecord) -> tb.ServerRef:
        """The tmux server a record's session runs on."""
        return tb.ServerRef(record.socket_name, record.socket_path)

    def require(self, key: str) -> SessionRecord:
        """The record for a name or Claude session id; ApiError 404 when unknown."""
        record = self.store.find(key)
        if record is None:
            raise ApiError(404, "unknown_session", f"no managed tmux session {key!r}")
        return record

    def set_status(
        self, ctx: Any, record: SessionRecord, status: str, reason: str, **data: Any
    ) -> bool:
        """Change a record's status, save, publish to the feed and notify; False if unchanged."""
        if record.status == status:
            return False
        previous = record.status
        record.status = status
        record.status_reason = reason
        record.updated = time.time()
        self.store.save()
        announce(ctx, record, previous, reason, **data)
        return True

    async def ensure_server(self, ctx: Any) -> None:
        """Start the dedicated tmux server (in its own scope where configured) if needed.

        With `server_scope: auto` a scope that cannot be created (systemd-run present but no
        usable manager) falls back to an unscoped server with a warning, so sessions can
        still start; `systemd-run` fails instead. Raises ApiError 503 when tmux cannot start.
        """
        config: TmuxSettings = ctx.config
        ref = self.dedicated(config)
        try:
            prefix = scope_prefix(config.server_scope, config.socket_name)
            try:
                await run_blocking(tb.start_server, ref, prefix, config.history_limit)
            except RuntimeError as exc:
                if not prefix or config.server_scope != "auto":
                    raise
                ctx.log.warning("no systemd scope for the tmux server (%s); starting it plain", exc)
                self.scope_fallback = str(exc)
                await run_blocking(tb.start_server, ref, [], config.history_limit)
        except (RuntimeError, OSError) as exc:
            raise ApiError(503, "tmux_unavailable", str(exc)) from None

    # -- operations ------------------------------------------------------------------------

    async def spawn(self, ctx: Any, request: dict[str, Any]) -> SessionRecord:
        """Start a new session from a validated spawn request; return its record."""
        config: TmuxSettings = ctx.config
        project = request["project"]
        command = request.get("command")
        argv = list(command) if command else [*config.command, *config.args]
        argv += request.get("args") or []
        claude = request.get("claude")
        claude = is_claude(argv) if claude is None else claude
        env = {**config.env, **(request.get("env") or {})}
        env.setdefault("TMPM_ROOT", str(ctx.services.root.path))
        async with self.lock:
            name = request.get("name")
            if name is None:
                name = readable_name(project, set(self.store.sessions))
            elif name in self.store.sessions:
                raise ApiError(409, "name_taken", f"a managed session named {name!r} exists")
            env["TMPM_SESSION_NAME"] = name
            record = SessionRecord(
                name=name,
                project=project,
                argv=argv,
                claude=claude,
                claude_session_id=str(uuid.uuid4()) if claude else None,
                socket_name=config.socket_name,
                env=env,
                status="starting" if claude else "working",
                status_reason="spawned",
            )
            await self.ensure_server(ctx)
            if await run_blocking(tb.pane_state, self.dedicated(config), name) is not None:
                raise ApiError(409, "name_taken", f"tmux already has a session named {name!r}")
            self.store.add(record)
        await self._launch(ctx, record, resume=False)
        return record

    async def _launch(self, ctx: Any, record: SessionRecord, resume: bool) -> None:
        """Create the tmux session for `record` (spawn or resume); mark it dead on failure."""
        config: TmuxSettings = ctx.config
        record.settings_file = write_hook_settings(ctx.services.root, config, record)
        argv = launch_argv(record, record.settings_file, resume)
        try:
            state = await run_blocking(
                tb.new_session,
                self.ref_of(record),
                record.name,
                record.project,
                argv,
                record.env,
                config.width,
                config.height,
            )
        except Exception as exc:  # libtmux raises several types; all mean "not started"
            self.set_status(ctx, record, "dead", f"could not start: {exc}")
            raise ApiError(503, "spawn_failed", f"tmux could not start {argv[0]}: {exc}") from None
        record.pane_id = state.pane_id
        record.pane_pid = state.pane_pid
        record.exit_status = None
        self.store.save()

    async def stop(self, ctx: Any, record: SessionRecord) -> SessionRecord:
        """Ask the program to exit, kill the tmux session after the grace period; mark stopped."""
        config: TmuxSettings = ctx.config
        ref = self.ref_of(record)
        self.stopping.add(record.name)
        try:
            state = await run_blocking(tb.pane_state, ref, record.name)
            if state is not None and not state.dead:
                if record.claude:
                    await run_blocking(tb.send_keys, ref, record.name, ["Escape"])
                    await run_blocking(tb.send_text, ref, record.name, config.exit_text, True)
                else:
                    await run_blocking(tb.send_keys, ref, record.name, ["C-c"])
                with trio.move_on_after(config.stop_grace_s):
                    while True:
                        state = await run_blocking(tb.pane_state, ref, record.name)
                        if state is None or state.dead:
                            break
                        await trio.sleep(0.1)
            forced = state is not None and not state.dead
            if state is not None:
                record.exit_status = state.dead_status
            await run_blocking(tb.kill_session, ref, record.name)
            reason = "killed after the grace period" if forced else "stopped by request"
            self.set_status(ctx, record, "stopped", reason)
            record.status_reason = reason
            self.store.save()
        finally:
            self.stopping.discard(record.name)
        return record

    async def resume(self, ctx: Any, record: SessionRecord) -> SessionRecord:
        """Restart an ended session in a new tmux session of the same name; return it."""
        if not record.ended:
            raise ApiError(409, "session_running", f"session {record.name} is {record.status}")
        ref = self.ref_of(record)
        async with self.lock:
            if record.socket_name == ctx.config.socket_name and not record.socket_path:
                await self.ensure_server(ctx)
            state = await run_blocking(tb.pane_state, ref, record.name)
            if state is not None and not state.dead:
                raise ApiError(409, "session_running", f"tmux session {record.name} still runs")
            if state is not None:
                await run_blocking(tb.kill_session, ref, record.name)  # the dead pane's remnant
            self.set_status(ctx, record, "starting" if record.claude else "working", "resumed")
        await self._launch(ctx, record, resume=True)
        return record

    async def adopt(self, ctx: Any, request: dict[str, Any]) -> SessionRecord:
        """Take over an existing tmux session (default: on the dedicated server)."""
        config: TmuxSettings = ctx.config
        target = request["target"]
        socket_path = request.get("socket_path")
        socket_name = None if socket_path else request.get("socket_name", config.socket_name)
        ref = tb.ServerRef(socket_name, socket_path)
        async with self.lock:
            if target in self.store.sessions:
                raise ApiError(409, "name_taken", f"a managed session named {target!r} exists")
            state = await run_blocking(tb.pane_state, ref, target)
            if state is None:
                raise ApiError(404, "unknown_tmux_session", f"tmux has no session {target!r}")
            if state.dead:
                raise ApiError(409, "pane_dead", f"the program in {target!r} has exited")
            commands = await run_blocking(tb.process_args, state.pane_pid) if state.pane_pid else []
            claude_id = request.get("claude_session_id") or claude_id_from_args(commands)
            claude = request.get("claude")
            if claude is None:
                claude = claude_id is not None or any(is_claude(argv) for argv in commands)
            project = await run_blocking(tb.pane_path, ref, target)
            base = _claude_argv(commands, claude_id) or [state.current_command]
            record = SessionRecord(
                name=target,
                project=project or "",
                argv=strip_session_flags(base),
                claude=claude,
                claude_session_id=claude_id,
                socket_name=socket_name,
                socket_path=socket_path,
                pane_id=state.pane_id,
                pane_pid=state.pane_pid,
                adopted=True,
                conversation_started=claude_id is not None,
                status="idle" if claude else "working",
                status_reason="adopted",
            )
            await run_blocking(tb.keep_dead_panes, ref, target)
            self.store.add(record)
        ctx.services.feed.publish(
            "session",
            {
                "name": target,
                "session_id": claude_id,
                "status": record.status,
                "previous": None,
                "reason": "adopted",
            },
        )
        return record

    async def send(
        self, record: SessionRecord, text: str | None, keys: list[str] | None, enter: bool
    ) -> bool:
        """Type text (then Enter if asked) or key names into the session; False if gone."""
        ref = self.ref_of(record)
        if keys:
            return bool(await run_blocking(tb.send_keys, ref, record.name, keys))
        return bool(await run_blocking(tb.send_text, ref, record.name, text or "", enter))

    async def snapshot(self, record: SessionRecord, lines: int) -> str | None:
        """The pane's text with up to `lines` of scrollback; None when the session is gone."""
        return await run_blocking(tb.capture, self.ref_of(record), record.name, lines)

    # -- hook events -----------------------------------------------------------------------

    def on_event(self, ctx: Any, event: HookEvent) -> None:
        """Update the status of the managed session an event belongs to (if any)."""
        record = self.store.by_claude_id(event.session_id)
        if record is None:
            return
        record.last_event = event.name
        if event.name == "UserPromptSubmit" and not record.conversation_started:
            record.conversation_started = True
            self.store.save()
        status = status_from_event(event)
        if status is None:
            return
        if record.status == "dead" and status != "stopped":
            return  # a late event from a process the reaper already saw exit
        reason = event.name
        if event.name == "Notification":
            reason = f"Notification {event.get('notification_type')}"
        self.set_status(ctx, record, status, reason, event=event.name)


def _claude_argv(commands: list[list[str]], claude_id: str | None) -> list[str] | None:
    """The command line to restart an adopted pane's program with: the one that names the
    Claude session id, else the first `claude` one, else the pane's own process."""
    for argv in commands:
        if claude_id and claude_id in argv:
            return argv
    for argv in commands:
        if is_claude(argv):
            return argv
    return commands[0] if commands else None


_managers: dict[Path, SessionManager] = {}


def manager_for(ctx: Any) -> SessionManager:
    """The module-level manager of `ctx`'s framework root (created on first use)."""
    state_dir = Path(ctx.state_dir)
    manager = _managers.get(state_dir)
    if manager is None:
        manager = _managers[state_dir] = SessionManager(state_dir)
    return manager
