"""The overseer plugin: registered through the tmpm.plugins entry point `overseer`.

Decision order inside the overseer (one vote per event): policy rules, rate limit and circuit
breaker (policy work), then session guards (budget, auto-responses), then, for tool calls no
rule decided, the optional LLM judge.
"""

from __future__ import annotations

from typing import Any

from tmpm_supervisor.plugin_api import HookEvent, Vote, hookimpl

from .config import OverseerConfig
from .guards import GuardsState
from .judge import Judge

guards = GuardsState()
judge = Judge()


@hookimpl
def tmpm_config_model() -> type[OverseerConfig]:
    """The overseer's config schema."""
    return OverseerConfig


@hookimpl
async def tmpm_decide(event: HookEvent, ctx: Any) -> Vote | None:
    """Return the overseer's vote on one event."""
    config: OverseerConfig = ctx.config
    # --- policy work: rules / rate limit / circuit breaker vote first ---
    policy_vote: Vote | None = None
    if policy_vote is not None:
        return policy_vote
    # --- guards work ---
    guard_vote = await guards.vote(event, config, ctx)
    if guard_vote is not None:
        return guard_vote
    if event.name == "PreToolUse":
        return await judge.vote(event, config, ctx)
    return None


@hookimpl
def tmpm_session_info(session_id: str) -> dict[str, Any] | None:
    """Per-session overseer details for GET /sessions."""
    return guards.session_info(session_id)
