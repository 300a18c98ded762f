"""Votes from decision plugins and the written rule that merges them into one verdict.

The merge rule (docs/plugins.md, "Merging votes"):

1. `deny` beats `ask` beats `allow` beats `abstain`. Any deny wins, so no allow, from any
   plugin or any file, can override a deny.
2. Among votes of the winning kind, the first in plugin call order gives the reason, plugin
   and rule; a `hard` vote is preferred over a soft one of the same kind.
3. `additional_context` from every vote is joined in call order; `halt` from any vote stops
   the agent (`continue: false`).
4. `updated_input` (a rewrite of the tool call) is taken, when the verdict is `allow` or
   `ask`, from the first vote of that same kind (in call order) that carries one; a deny
   never carries a rewrite.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import Any


class Decision(enum.IntEnum):
    """A plugin's vote; the numeric order is the precedence (higher wins)."""

    ABSTAIN = 0
    ALLOW = 1
    ASK = 2
    DENY = 3

    @property
    def label(self) -> str:
        """The lower-case name used in JSON, audit lines and config files."""
        return self.name.lower()

    @classmethod
    def from_label(cls, label: str) -> Decision:
        """Parse `allow` / `deny` / `ask` / `abstain` (case-insensitive)."""
        return cls[label.upper()]


@dataclass(slots=True)
class Vote:
    """What one plugin says about one event.

    For `Stop`/`SubagentStop`, `DENY` means "do not stop": the agent continues with `reason`
    as its instruction (Stop feedback). For `UserPromptSubmit`, `DENY` drops the prompt. For
    `PostToolUse`, `DENY` adds `reason` as blocking feedback (the tool already ran).
    """

    decision: Decision
    reason: str = ""
    rule: str | None = None
    hard: bool = False
    additional_context: str | None = None
    updated_input: dict[str, Any] | None = None
    halt: bool = False
    stop_reason: str | None = None
    system_message: str | None = None
    plugin: str | None = None  # filled in by the host
    data: dict[str, Any] = field(default_factory=dict)


@dataclass(slots=True)
class Verdict:
    """The merged outcome for one event, before rendering into Claude Code's JSON."""

    decision: Decision = Decision.ABSTAIN
    reason: str = ""
    plugin: str | None = None
    rule: str | None = None
    hard: bool = False
    additional_context: str | None = None
    updated_input: dict[str, Any] | None = None
    halt: bool = False
    stop_reason: str | None = None
    system_message: str | None = None
    decided_by: str | None = None  # a person, for held approvals
    votes: list[Vote] = field(default_factory=list)


def merge_votes(votes: list[Vote]) -> Verdict:
    """Merge votes (in plugin call order) into one `Verdict` by the module's written rule."""
    verdict = Verdict(votes=list(votes))
    winner: Vote | None = None
    for vote in votes:
        if (
            winner is None
            or vote.decision > winner.decision
            or (vote.decision == winner.decision and vote.hard and not winner.hard)
        ):
            winner = vote
    contexts = [v.additional_context for v in votes if v.additional_context]
    if contexts:
        verdict.additional_context = "\n\n".join(contexts)
    halting = [v for v in votes if v.halt]
    if halting:
        verdict.halt = True
        verdict.stop_reason = halting[0].stop_reason or halting[0].reason
    messages = [v.system_message for v in votes if v.system_message]
    if messages:
        verdict.system_message = "\n".join(messages)
    if winner is None or winner.decision == Decision.ABSTAIN:
        return verdict
    verdict.decision = winner.decision
    verdict.reason = winner.reason
    verdict.plugin = winner.plugin
    verdict.rule = winner.rule
    verdict.hard = winner.hard
    if winner.decision in (Decision.ALLOW, Decision.ASK):
        verdict.updated_input = next(
            (
                v.updated_input
                for v in votes
                if v.decision == winner.decision and v.updated_input is not None
            ),
            None,
        )
    return verdict
