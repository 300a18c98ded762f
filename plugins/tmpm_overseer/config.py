"""The overseer's config section (`<root>/config/overseer.yaml` or `.toml`)."""

from __future__ import annotations

from pydantic import Field

from tmpm_supervisor.settings import StrictModel

from .guards import AutoResponseConfig, BudgetConfig, ContextConfig
from .judge import JudgeConfig


class OverseerConfig(StrictModel):
    """The whole overseer section."""

    # --- policy work: rules, bash parsing, rate limit, circuit breaker (add fields here) ---

    # --- guards work: budgets, context guard, auto-responses, LLM judge ---
    budget: BudgetConfig = Field(default_factory=BudgetConfig)
    context: ContextConfig = Field(default_factory=ContextConfig)
    auto_responses: AutoResponseConfig = Field(default_factory=AutoResponseConfig)
    judge: JudgeConfig = Field(default_factory=JudgeConfig)
