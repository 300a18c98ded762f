"""The overseer plugin: registered through the tmpm.plugins entry point `overseer`.

Decision order inside the overseer (one vote per event): circuit breaker and rate limit, then
the policy (rules, parse and dynamic-code checks), then session guards (budget,
auto-responses), then, for tool calls no rule decided, the optional LLM judge.
"""

from __future__ import annotations

from typing import Any

from tmpm_supervisor.plugin_api import Decision, HookEvent, Notice, Severity, Vote, hookimpl

from .config import OverseerConfig
from .guards import GuardsState
from .judge import Judge
from .limits import CircuitBreakers, RateLimiter
from .policy import ProjectPolicies, evaluate

guards = GuardsState()
judge = Judge()
limiter = RateLimiter()
breakers = CircuitBreakers()
projects = ProjectPolicies()


@hookimpl
def tmpm_config_model() -> type[OverseerConfig]:
    """The overseer's config schema."""
    return OverseerConfig


def _limits_vote(event: HookEvent, config: OverseerConfig, ctx: Any) -> Vote | None:
    """Circuit breaker and rate limit on PreToolUse; breaker bookkeeping on tool results."""
    if event.name in ("PostToolUse", "PostToolUseFailure"):
        failed = event.name == "PostToolUseFailure" and not event.get("is_interrupt")
        if breakers.record(event.session_id, failed, config.circuit_breaker):
            ctx.notify(
                Notice(
                    kind="circuit.open",
                    severity=Severity.ALERT,
                    session_id=event.session_id,
                    title="Circuit breaker opened",
                    text=f"{config.circuit_breaker.failures} consecutive tool failures; tool "
                    f"calls are refused for {config.circuit_breaker.cooldown_s:g} s",
                )
            )
        return None
    if event.name != "PreToolUse":
        return None
    breaker = breakers.check(event.session_id, config.circuit_breaker)
    if breaker is not None:
        return Vote(
            Decision.DENY,
            rule="circuit-breaker",
            reason=f"circuit breaker open after {breaker.consecutive} consecutive tool failures; "
            f"stop and tell the user what is failing (retry in "
            f"{breaker.to_json(config.circuit_breaker.cooldown_s)['retry_in_s']} s)",
        )
    over = limiter.hit(event.session_id, config.rate_limit)
    if over is not None:
        return Vote(
            Decision.DENY,
            rule="rate-limit",
            reason=f"rate limit: {over} tool calls in {config.rate_limit.window_s:g} s "
            f"(limit {config.rate_limit.calls_per_minute}); slow down",
        )
    return None


@hookimpl
async def tmpm_decide(event: HookEvent, ctx: Any) -> Vote | None:
    """Return the overseer's vote on one event."""
    config: OverseerConfig = ctx.config
    limits_vote = _limits_vote(event, config, ctx)
    if limits_vote is not None:
        return limits_vote
    policy_vote = evaluate(event, config, projects) if event.is_tool_event else None
    if policy_vote is not None and policy_vote.decision == Decision.DENY:
        return policy_vote
    guard_vote = await guards.vote(event, config, ctx)
    if guard_vote is not None and (
        policy_vote is None or guard_vote.decision > policy_vote.decision
    ):
        return guard_vote
    if policy_vote is not None:
        return policy_vote
    if event.name == "PreToolUse":
        return await judge.vote(event, config, ctx)
    return None


@hookimpl
def tmpm_status(ctx: Any) -> dict[str, Any]:
    """Rule count and circuit-breaker states for GET /status."""
    config: OverseerConfig = ctx.config
    return {
        "rules": len(config.rules),
        "judge": {"calls": judge.calls, "cache_hits": judge.cache_hits, "failures": judge.failures},
        "circuit_breakers": {
            sid: b.to_json(config.circuit_breaker.cooldown_s)
            for sid, b in breakers.sessions.items()
        },
    }


@hookimpl
def tmpm_session_info(session_id: str, ctx: Any) -> dict[str, Any] | None:
    """Per-session overseer details for GET /sessions."""
    seen = ctx.services.sessions.get(session_id)
    info = dict(guards.session_info(session_id, seen.transcript_path if seen else None) or {})
    breaker = breakers.sessions.get(session_id)
    if breaker is not None:
        info["circuit_breaker"] = breaker.to_json(ctx.config.circuit_breaker.cooldown_s)
    return info or None
