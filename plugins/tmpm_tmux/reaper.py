"""The reaper: reconcile the store with tmux at start, then notice exited and vanished panes."""

from __future__ import annotations

from typing import Any

import trio

from tmpm_supervisor.http_errors import ApiError

from . import tmux_backend as tb
from .launch import write_hook_settings
from .manager import SessionManager, manager_for, run_blocking

GONE_AT_START = "gone from tmux when the supervisor started"
EXIT_STATUS_WAITS = 5  # reaper passes to wait for tmux to record a dead pane's exit status


async def reap_once(manager: SessionManager, ctx: Any) -> list[str]:
    """Mark sessions whose program exited or whose tmux session vanished; return names."""
    reaped: list[str] = []
    active = [r for r in manager.store.sessions.values() if not r.ended]
    refs = {manager.ref_of(r) for r in active}
    states = {ref: await run_blocking(tb.list_states, ref) for ref in refs}
    for record in active:
        if record.name in manager.stopping or record.ended:
            continue
        state = states[manager.ref_of(record)].get(record.name)
        if state is None:
            manager.set_status(ctx, record, "dead", "tmux session vanished")
        elif state.dead:
            if not state.exit_known and manager.exit_waits.get(record.name, 0) < EXIT_STATUS_WAITS:
                manager.exit_waits[record.name] = manager.exit_waits.get(record.name, 0) + 1
                continue
            manager.exit_waits.pop(record.name, None)
            record.exit_status = state.dead_status
            if state.dead_signal is not None:
                how = f"killed by signal {state.dead_signal}"
            elif state.dead_status is not None:
                how = f"exit status {state.dead_status}"
            else:
                how = "exit status unknown"
            manager.set_status(
                ctx, record, "dead", f"program exited ({how})", exit_status=state.dead_status
            )
        elif record.adopted and record.claude and state.current_command in tb.SHELLS:
            manager.set_status(ctx, record, "dead", "Claude Code exited; a shell remains")
        else:
            continue
        reaped.append(record.name)
    return reaped


async def reconcile(manager: SessionManager, ctx: Any) -> dict[str, list[str]]:
    """At start: re-adopt live sessions, mark gone ones stopped, auto-resume if configured.

    Returns the names per outcome: `readopted`, `stopped`, `dead`, `resumed`.
    """
    outcome: dict[str, list[str]] = {"readopted": [], "stopped": [], "dead": [], "resumed": []}
    for record in list(manager.store.sessions.values()):
        if record.ended:
            continue
        state = await run_blocking(tb.pane_state, manager.ref_of(record), record.name)
        if state is None:
            manager.set_status(ctx, record, "stopped", GONE_AT_START)
            outcome["stopped"].append(record.name)
        elif state.dead:
            record.exit_status = state.dead_status
            manager.set_status(ctx, record, "dead", "program exited while the supervisor was down")
            outcome["dead"].append(record.name)
        else:
            record.pane_id, record.pane_pid = state.pane_id, state.pane_pid
            if record.claude and record.settings_file:
                # The service may listen on a new address: refresh the hook settings file.
                record.settings_file = write_hook_settings(ctx.services.root, ctx.config, record)
            manager.store.save()
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
        for record in list(manager.store.sessions.values()):
            if (
                record.status == "stopped"
                and record.status_reason == GONE_AT_START
                and (record.claude_session_id or not record.claude)
            ):
                try:
                    await manager.resume(ctx, record)
                except ApiError as exc:
                    ctx.log.warning("auto-resume of %s failed: %s", record.name, exc.message)
                    continue
                outcome["resumed"].append(record.name)
    return outcome


async def run_reaper(ctx: Any) -> None:
    """Reconcile the store with tmux once per process, then reap every `reap_interval_s`.

    The task restarts with every config generation; reconciling is done only by the first
    run after the supervisor starts.
    """
    manager = manager_for(ctx)
    if not manager.reconciled:
        outcome = await reconcile(manager, ctx)
        manager.reconciled = True
        if any(outcome.values()):
            ctx.log.info("tmux reconcile: %s", {k: v for k, v in outcome.items() if v})
    while True:
        await trio.sleep(ctx.config.reap_interval_s)
        reaped = await reap_once(manager, ctx)
        if reaped:
            ctx.log.info("tmux reaper: %s", ", ".join(reaped))
