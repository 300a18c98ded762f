"""The optional LLM judge for calls no rule decided (skeleton: filled in by the guards work)."""

from __future__ import annotations

from typing import Any

from tmpm_supervisor.plugin_api import HookEvent, Vote
from tmpm_supervisor.settings import StrictModel


class JudgeConfig(StrictModel):
    """LLM judge settings (`judge:` in overseer.yaml)."""


class Judge:
    """Asks an LLM about calls no rule decided; holds the cache across reloads."""

    async def vote(self, event: HookEvent, config: Any, ctx: Any) -> Vote | None:
        """Return the judge's vote, or None (disabled, not applicable, timed out)."""
        return None
