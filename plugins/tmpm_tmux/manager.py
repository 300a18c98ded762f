"""The session manager: spawn, stop, resume, adopt, type into and watch managed sessions.

One manager per framework root lives at module level (see `manager_for`), so the store and
in-flight operations survive config reloads; each call gets the current generation's
`ctx` for config, the feed and notifiers. Every tmux call runs in a worker thread.
"""

from __future__ import annotations

import functools
import os
import time
import uuid
from pathlib import Path
from typing import Any

import trio

from tmpm_supervisor.events import HookEvent
from tmpm_supervisor.http_errors import ApiError
from tmpm_supervisor.plugin_api import Notice, Severity

from . import tmux_backend as tb
from .config import TmuxSettings
from .launch import (
    NAME_RE,
    claude_id_from_args,
    is_claude,
    launch_argv,
    readable_name,
    write_hook_settings,
)
from .scope import scope_prefix
from .store import SessionRecord, SessionStore

GONE_AT_START = "gone from tmux when the supervisor started"
NOTICE_KINDS = {"waiting": "session.waiting", "idle": "session.done", "dead": "session.dead"}
EVENT_STATUS = {
    "SessionStart": "idle",
    "UserPromptSubmit": "working",
    "PreToolUse": "working",
    "Stop": "idle",
    "SessionEnd": "stopped",
}
WAITING_NOTIFICATIONS = frozenset({"idle_prompt", "permission_prompt"})


async def _run(fn: Any, *args: Any, **kwargs: Any) -> Any:
    """Run a blocking tmux call in a worker thread."""
    return await trio.to_thread.run_sync(functools.partial(fn, *args, **kwargs))


def status_from_event(event: HookEvent) -> str | None:
    """The session status a hook event implies, or None when it implies none."""
    if event.name == "Notification":
        kind = event.get("notification_type")
        return "waiting" if kind in WAITING_NOTIFICATIONS else None
    return EVENT_STATUS.get(event.name)


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
            severity = Severity.WARNING if status == "dead" else Severity.INFO
            ctx.notify(
                Notice(
                    kind=kind,
                    text=f"tmux session {record.name}: {status} ({reason})",
                    severity=severity,
                    session_id=record.claude_session_id,
                    title=f"session {record.name} {status}",
                    data={"name": record.name, "status": status, "previous": previous},
                )
            )
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
                await _run(tb.start_server, ref, prefix, config.history_limit)
            except RuntimeError as exc:
                if not prefix or config.server_scope != "auto":
                    raise
                ctx.log.warning("no systemd scope for the tmux server (%s); starting it plain", exc)
                self.scope_fallback = str(exc)
                await _run(tb.start_server, ref, [], config.history_limit)
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
            if await _run(tb.pane_state, self.dedicated(config), name) is not None:
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
            state = await _run(
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
            state = await _run(tb.pane_state, ref, record.name)
            if state is not None and not state.dead:
                if record.claude:
                    await _run(tb.send_keys, ref, record.name, ["Escape"])
                    await _run(tb.send_text, ref, record.name, config.exit_text, True)
                else:
                    await _run(tb.send_keys, ref, record.name, ["C-c"])
                with trio.move_on_after(config.stop_grace_s):
                    while True:
                        state = await _run(tb.pane_state, ref, record.name)
                        if state is None or state.dead:
                            break
                        await trio.sleep(0.1)
            forced = state is not None and not state.dead
            if state is not None:
                record.exit_status = state.dead_status
            await _run(tb.kill_session, ref, record.name)
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
            state = await _run(tb.pane_state, ref, record.name)
            if state is not None and not state.dead:
                raise ApiError(409, "session_running", f"tmux session {record.name} still runs")
            if state is not None:
                await _run(tb.kill_session, ref, record.name)  # the dead pane's remnant
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
            state = await _run(tb.pane_state, ref, target)
            if state is None:
                raise ApiError(404, "unknown_tmux_session", f"tmux has no session {target!r}")
            if state.dead:
                raise ApiError(409, "pane_dead", f"the program in {target!r} has exited")
            commands = await _run(tb.process_args, state.pane_pid) if state.pane_pid else []
            claude_id = request.get("claude_session_id") or claude_id_from_args(commands)
            claude = request.get("claude")
            if claude is None:
                claude = claude_id is not None or any(is_claude(argv) for argv in commands)
            project = await _run(_pane_path, ref, target)
            base = commands[-1] if commands else [state.current_command]
            record = SessionRecord(
                name=target,
                project=project or "",
                argv=_strip_session_flags(base),
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
            await _run(_keep_dead_panes, ref, target)
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
            return bool(await _run(tb.send_keys, ref, record.name, keys))
        return bool(await _run(tb.send_text, ref, record.name, text or "", enter))

    async def snapshot(self, record: SessionRecord, lines: int) -> str | None:
        """The pane's text with up to `lines` of scrollback; None when the session is gone."""
        return await _run(tb.capture, self.ref_of(record), record.name, lines)

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

    # -- reaper and reconcile ----------------------------------------------------------------

    async def reap_once(self, ctx: Any) -> list[str]:
        """Mark sessions whose program exited or whose tmux session vanished; return names."""
        reaped: list[str] = []
        active = [r for r in self.store.sessions.values() if not r.ended]
        refs = {self.ref_of(r) for r in active}
        states = {ref: await _run(tb.list_states, ref) for ref in refs}
        for record in active:
            if record.name in self.stopping or record.ended:
                continue
            state = states[self.ref_of(record)].get(record.name)
            if state is None:
                self.set_status(ctx, record, "dead", "tmux session vanished")
            elif state.dead:
                if not state.exit_known and self.exit_waits.get(record.name, 0) < 5:
                    self.exit_waits[record.name] = self.exit_waits.get(record.name, 0) + 1
                    continue
                self.exit_waits.pop(record.name, None)
                record.exit_status = state.dead_status
                if state.dead_signal is not None:
                    how = f"killed by signal {state.dead_signal}"
                elif state.dead_status is not None:
                    how = f"exit status {state.dead_status}"
                else:
                    how = "exit status unknown"
                self.set_status(
                    ctx, record, "dead", f"program exited ({how})", exit_status=state.dead_status
                )
            elif record.adopted and record.claude and state.current_command in tb.SHELLS:
                self.set_status(ctx, record, "dead", "Claude Code exited; a shell remains")
            else:
                continue
            reaped.append(record.name)
        return reaped

    async def reconcile(self, ctx: Any) -> dict[str, list[str]]:
        """At start: re-adopt live sessions, mark gone ones stopped, auto-resume if configured.

        Returns the names per outcome: `readopted`, `stopped`, `dead`, `resumed`.
        """
        outcome: dict[str, list[str]] = {"readopted": [], "stopped": [], "dead": [], "resumed": []}
        for record in list(self.store.sessions.values()):
            if record.ended:
                continue
            state = await _run(tb.pane_state, self.ref_of(record), record.name)
            if state is None:
                self.set_status(ctx, record, "stopped", GONE_AT_START)
                outcome["stopped"].append(record.name)
            elif state.dead:
                record.exit_status = state.dead_status
                self.set_status(ctx, record, "dead", "program exited while the supervisor was down")
                outcome["dead"].append(record.name)
            else:
                record.pane_id, record.pane_pid = state.pane_id, state.pane_pid
                if record.claude and record.settings_file:
                    # The service may listen on a new address: refresh the hook settings file.
                    record.settings_file = write_hook_settings(
                        ctx.services.root, ctx.config, record
                    )
                self.store.save()
                ctx.services.feed.publish(
                    "session",
                    {
                        "name": record.name,
                        "session_id": record.claude_session_id,
                        "status": record.status,
                        "previous": record.status,
                        "reason": "re-adopted at start",
                    },
                )
                outcome["readopted"].append(record.name)
        if ctx.config.auto_resume:
            for record in list(self.store.sessions.values()):
                if (
                    record.status == "stopped"
                    and record.status_reason == GONE_AT_START
                    and (record.claude_session_id or not record.claude)
                ):
                    try:
                        await self.resume(ctx, record)
                    except ApiError as exc:
                        ctx.log.warning("auto-resume of %s failed: %s", record.name, exc.message)
                        continue
                    outcome["resumed"].append(record.name)
        return outcome


def _pane_path(ref: tb.ServerRef, name: str) -> str | None:
    pane = tb._first_pane(ref, name)
    return pane.pane_current_path if pane is not None else None


def _keep_dead_panes(ref: tb.ServerRef, name: str) -> None:
    session = ref.server().sessions.get(session_name=name, default=None)
    if session is not None:
        session.active_window.set_option("remain-on-exit", "on")


def _strip_session_flags(argv: list[str]) -> list[str]:
    """Drop `--session-id/--resume/--settings <value>` so a resume can add fresh ones."""
    out: list[str] = []
    skip = False
    for arg in argv:
        if skip:
            skip = False
            continue
        if arg in ("--session-id", "--resume", "-r", "--settings"):
            skip = True
            continue
        out.append(arg)
    return out


_managers: dict[Path, SessionManager] = {}


def manager_for(ctx: Any) -> SessionManager:
    """The module-level manager of `ctx`'s framework root (created on first use)."""
    state_dir = Path(ctx.state_dir)
    manager = _managers.get(state_dir)
    if manager is None:
        manager = _managers[state_dir] = SessionManager(state_dir)
    return manager


def validate_name(name: Any) -> str:
    """Check a requested session name; raise ApiError 400 naming the problem."""
    if not isinstance(name, str) or not NAME_RE.match(name):
        raise ApiError(
            400,
            "invalid_field",
            "name must be 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit",
            field="name",
        )
    return name


def check_project(project: Any) -> str:
    """Check the spawn `project` directory; return its absolute path or raise ApiError 400."""
    if not isinstance(project, str) or not project:
        raise ApiError(400, "invalid_field", "project must be a directory path", field="project")
    path = os.path.abspath(os.path.expanduser(project))
    if not os.path.isdir(path):
        raise ApiError(400, "invalid_field", f"project {path} is not a directory", field="project")
    return path
