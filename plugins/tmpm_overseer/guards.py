"""Session guards of the overseer: token budget, context-window guard, auto-responses.

(Skeleton: filled in by the guards work. `GuardsState` lives for the process; the config models
are sections of `overseer.yaml`.)
"""

from __future__ import annotations

from typing import Any

from tmpm_supervisor.plugin_api import HookEvent, Vote
from tmpm_supervisor.settings import StrictModel


class BudgetConfig(StrictModel):
    """Per-session token budget thresholds (`budget:` in overseer.yaml)."""


class ContextConfig(StrictModel):
    """Context-window use thresholds (`context:` in overseer.yaml)."""


class AutoResponseConfig(StrictModel):
    """Pattern -> reply pairs for the agent's routine questions (`auto_responses:`)."""


class GuardsState:
    """Per-session usage and auto-response counters, kept across config reloads."""

    async def vote(self, event: HookEvent, config: Any, ctx: Any) -> Vote | None:
        """Return the guards' vote on `event` (budget stop, auto-response), or None."""
        return None

    def session_info(self, session_id: str) -> dict[str, Any] | None:
        """Return token and context usage of a session for GET /sessions, or None."""
        return None
