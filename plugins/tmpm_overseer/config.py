"""The overseer's config section (`<root>/config/overseer.yaml` or `.toml`)."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, PrivateAttr, field_validator, model_validator

from tmpm_supervisor.settings import StrictModel

from .guards import AutoResponseConfig, BudgetConfig, ContextConfig
from .judge import JudgeConfig
from .limits import CircuitBreakerConfig, RateLimitConfig
from .rules import CompiledRules, Rule, unique_ids


class CompiledRuleSet(StrictModel):
    """A model with a `rules` list, compiled for matching once when the model is validated.
    Subclasses declare `rules` themselves, so it keeps its place among their fields."""

    _compiled: CompiledRules = PrivateAttr()

    @model_validator(mode="after")
    def _compile(self) -> CompiledRuleSet:
        self._compiled = CompiledRules(self.rules)  # type: ignore[attr-defined]
        return self

    @property
    def compiled(self) -> CompiledRules:
        """The rules compiled for matching (built once per generation)."""
        return self._compiled


class OverseerConfig(CompiledRuleSet):
    """The whole overseer section."""

    # --- policy: rules, bash parsing, rate limit, circuit breaker ---
    default_action: Literal["abstain", "allow", "ask", "deny"] = Field(
        "abstain",
        description="Verdict for tool calls no rule matched; abstain leaves them to Claude Code.",
    )
    unparseable_action: Literal["allow", "ask", "deny"] = Field(
        "ask", description="Verdict for a shell command that cannot be parsed."
    )
    dynamic_action: Literal["abstain", "ask", "deny"] = Field(
        "ask",
        description="Verdict when a command runs code only known at run time "
        '(`$(curl ...)` as a program, `sh -c "$X"`, `eval $X`, `bash <(...)`).',
    )
    project_policy: bool = Field(
        True,
        description="Also read rules from `<session cwd>/.tmpm/overseer.yaml|toml` (they can only "
        "add deny/ask, never lift a rule here).",
    )
    project_allows: bool = Field(
        False,
        description="Let allow rules in project files auto-approve calls no rule here matched "
        "(off: the agent could write such a file itself).",
    )
    rules: list[Rule] = Field(default_factory=list, description="Ordered, named rules.")
    rate_limit: RateLimitConfig = Field(default_factory=RateLimitConfig)
    circuit_breaker: CircuitBreakerConfig = Field(default_factory=CircuitBreakerConfig)

    @field_validator("rules")
    @classmethod
    def _unique(cls, rules: list[Rule]) -> list[Rule]:
        return unique_ids(rules)

    # --- guards work: budgets, context guard, auto-responses, LLM judge ---
    budget: BudgetConfig = Field(default_factory=BudgetConfig)
    context: ContextConfig = Field(default_factory=ContextConfig)
    auto_responses: AutoResponseConfig = Field(default_factory=AutoResponseConfig)
    judge: JudgeConfig = Field(default_factory=JudgeConfig)


class ProjectPolicy(CompiledRuleSet):
    """A project's own rules (`<project>/.tmpm/overseer.yaml`): they may only restrict."""

    rules: list[Rule] = Field(default_factory=list, description="Extra rules for this project.")

    @field_validator("rules")
    @classmethod
    def _no_overrides(cls, rules: list[Rule]) -> list[Rule]:
        for rule in rules:
            if rule.overrides:
                raise ValueError(f"rule {rule.id!r}: overrides are not allowed in a project policy")
        return unique_ids(rules)
