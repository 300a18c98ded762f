"""The one path every event takes: votes, merge, held approval, rewrite, answer, audit, feed."""

from __future__ import annotations

import json
import logging
import time
import uuid
from typing import Any

import trio

from .approvals import Approval
from .events import HookEvent
from .generation import Generation
from .notices import Notice, NoticeAction, Severity
from .plugin_api import OutputRewrite
from .responses import render_response
from .verdicts import Decision, Verdict, Vote, merge_votes

log = logging.getLogger("tmpm.pipeline")

HOLDABLE_EVENTS = frozenset({"PreToolUse", "PermissionRequest"})


def summarize(value: Any, limit: int) -> str | None:
    """Return a compact JSON rendering of `value`, cut to `limit` characters."""
    if value is None:
        return None
    text = (
        value if isinstance(value, str) else json.dumps(value, separators=(",", ":"), default=str)
    )
    if len(text) > limit:
        return text[: limit - 20] + f"...[+{len(text) - limit + 20} chars]"
    return text


async def collect_votes(generation: Generation, event: HookEvent) -> list[Vote]:
    """Ask every plugin for a vote; return the valid ones in call order."""
    votes: list[Vote] = []
    for plugin, vote in await generation.call_all("tmpm_decide", event=event):
        if not isinstance(vote, Vote):
            generation.health.failure(plugin, f"tmpm_decide returned {type(vote).__name__}")
            continue
        vote.plugin = plugin
        votes.append(vote)
    return votes


def _approval_notice(
    kind: str,
    severity: Severity,
    approval: Approval,
    title: str,
    text: str,
    actions: list[NoticeAction] | None = None,
) -> Notice:
    """A notice about `approval` (it carries the approval's id and its JSON for notifiers)."""
    return Notice(
        kind=kind,
        severity=severity,
        session_id=approval.session_id,
        title=title,
        text=text,
        actions=actions or [],
        approval_id=approval.id,
        data={"approval": approval.to_json()},
    )


async def hold_for_approval(generation: Generation, event: HookEvent, verdict: Verdict) -> Verdict:
    """Hold an `ask` until a person answers or the timeout applies its default."""
    services = generation.services
    settings = generation.settings.approvals
    approval = services.approvals.open(
        session_id=event.session_id,
        event=event.name,
        tool_name=event.tool_name,
        tool_input=event.tool_input,
        reason=verdict.reason,
        plugin=verdict.plugin,
        rule=verdict.rule,
        timeout_s=settings.timeout_s,
    )
    services.counters["approvals.opened"] += 1
    summary = summarize(event.tool_input, 300)
    services.notify(
        _approval_notice(
            "approval",
            Severity.ALERT,
            approval,
            title=f"Approve {event.tool_name}?",
            text=f"{event.tool_name} {summary}\nwhy: {verdict.reason or 'policy asks'}",
            actions=[NoticeAction("allow", "Approve"), NoticeAction("deny", "Deny")],
        )
    )
    services.feed.publish("approval", approval.to_json())
    try:
        with trio.move_on_after(settings.timeout_s):
            await approval.done.wait()
    finally:
        if approval.outcome is None:
            # Timed out, or the hook request was cancelled (Claude Code gave up waiting).
            fallback = Decision.from_label(settings.on_timeout)
            services.approvals.expire(
                approval, fallback if fallback != Decision.ASK else Decision.DENY
            )
            approval.outcome = fallback
            services.counters["approvals.timed_out"] += 1
    services.feed.publish("approval", approval.to_json())
    services.notify(
        _approval_notice(
            "approval.resolved",
            Severity.INFO,
            approval,
            title=f"{event.tool_name}: {approval.outcome.label}",
            text=f"{approval.outcome.label} by {approval.decided_by or 'timeout'}",
        )
    )
    held = Verdict(
        decision=approval.outcome,
        plugin=verdict.plugin,
        rule=verdict.rule,
        hard=verdict.hard,
        additional_context=verdict.additional_context,
        updated_input=verdict.updated_input if approval.outcome == Decision.ALLOW else None,
        decided_by=approval.decided_by,
        votes=verdict.votes,
    )
    who = approval.decided_by or "timeout"
    if approval.outcome == Decision.DENY:
        extra = f": {approval.decision_reason}" if approval.decision_reason else ""
        held.reason = f"Denied by {who}{extra} (asked because: {verdict.reason})"
    elif approval.outcome == Decision.ALLOW:
        held.reason = f"Approved by {who}"
    else:
        held.reason = verdict.reason
    held.decided_by = who
    return held


def audit_record(
    generation: Generation,
    event: HookEvent,
    verdict: Verdict,
    rewrite: OutputRewrite | None,
    started: float,
    started_wall: float,
) -> dict[str, Any]:
    """Build the self-describing audit line for one event."""
    limit = generation.settings.audit.summary_chars
    record: dict[str, Any] = {
        "time": started_wall,
        "id": uuid.uuid4().hex,
        "session_id": event.session_id,
        "event": event.name,
        "tool": event.tool_name,
        "input": summarize(event.tool_input, limit)
        if event.tool_input is not None
        else summarize(event.get("prompt") or event.get("last_assistant_message"), limit),
        "verdict": verdict.decision.label,
        "reason": verdict.reason or None,
        "plugin": verdict.plugin,
        "rule": verdict.rule,
        "hard": verdict.hard,
        "decided_by": verdict.decided_by,
        "votes": [
            {"plugin": v.plugin, "decision": v.decision.label, "rule": v.rule}
            for v in verdict.votes
        ],
        "generation": generation.number,
        "config_digest": generation.digest,
        "latency_ms": round((time.perf_counter() - started) * 1000, 3),
        "known_event": event.known,
    }
    if rewrite is not None:
        record["rewrite"] = {
            "plugin": rewrite.plugin,
            "note": rewrite.note,
            "tokens_before": rewrite.tokens_before,
            "tokens_after": rewrite.tokens_after,
        }
    return record


async def process_event(generation: Generation, event: HookEvent) -> dict[str, Any]:
    """Run one event through the plugins of `generation` and return Claude Code's answer.

    The audit line is written before the answer is returned, so no answered decision goes
    unrecorded.
    """
    started = time.perf_counter()
    started_wall = time.time()
    services = generation.services
    verdict = merge_votes(await collect_votes(generation, event))
    if (
        verdict.decision == Decision.ASK
        and event.name in HOLDABLE_EVENTS
        and generation.settings.approvals.hold
    ):
        verdict = await hold_for_approval(generation, event, verdict)
    rewrite: OutputRewrite | None = None
    if event.name == "PostToolUse" and verdict.decision != Decision.DENY:
        rewrite = await _first_rewrite(generation, event)
    response = render_response(event, verdict, rewrite)
    record = audit_record(generation, event, verdict, rewrite, started, started_wall)
    services.audit.append(record)
    services.sessions.observe(event, verdict.decision.label)
    services.counters[f"events.{event.name}"] += 1
    services.counters[f"verdicts.{verdict.decision.label}"] += 1
    services.feed.publish("decision", record)
    await generation.call_all("tmpm_event_recorded", event=event, record=record)
    if (
        verdict.decision == Decision.DENY
        and generation.settings.notices.on_deny
        and event.name in HOLDABLE_EVENTS
    ):
        services.notify(
            Notice(
                kind="denial",
                severity=Severity.WARNING,
                session_id=event.session_id,
                title=f"Denied {event.tool_name}",
                text=f"{event.tool_name} {summarize(event.tool_input, 300)}\n{verdict.reason}",
                data={"rule": verdict.rule, "plugin": verdict.plugin},
            )
        )
    return response


async def _first_rewrite(generation: Generation, event: HookEvent) -> OutputRewrite | None:
    found = await generation.call_first_named("tmpm_rewrite_output", event=event)
    if found is None:
        return None
    plugin, result = found
    if not isinstance(result, OutputRewrite):
        generation.health.failure(plugin, f"tmpm_rewrite_output returned {type(result).__name__}")
        return None
    result.plugin = plugin
    return result
