"""Held approvals: a tool call waiting for a person to approve or deny it."""

from __future__ import annotations

import secrets
import time
from dataclasses import dataclass, field
from typing import Any

import trio

from .verdicts import Decision


@dataclass(slots=True)
class Approval:
    """One held call. `outcome` is set once, by a person or by the timeout."""

    id: str
    session_id: str
    event: str
    tool_name: str | None
    tool_input: dict[str, Any] | None
    reason: str
    plugin: str | None
    rule: str | None
    created: float
    timeout_s: float
    outcome: Decision | None = None
    decided_by: str | None = None
    decision_reason: str | None = None
    decided_at: float | None = None
    done: trio.Event = field(default_factory=trio.Event)

    def to_json(self) -> dict[str, Any]:
        """Return the approval as a JSON-ready dict (with its age in seconds)."""
        return {
            "id": self.id,
            "session_id": self.session_id,
            "event": self.event,
            "tool_name": self.tool_name,
            "tool_input": self.tool_input,
            "reason": self.reason,
            "plugin": self.plugin,
            "rule": self.rule,
            "created": self.created,
            "age_s": round(time.time() - self.created, 3),
            "timeout_s": self.timeout_s,
            "outcome": self.outcome.label if self.outcome is not None else None,
            "decided_by": self.decided_by,
            "decision_reason": self.decision_reason,
        }


class ApprovalError(Exception):
    """An approval that cannot be resolved; `code` is `unknown` or `already_decided`."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


class ApprovalBroker:
    """Holds pending approvals and lets any caller (API, notifier) resolve them."""

    def __init__(self, keep_decided: int = 500) -> None:
        self._pending: dict[str, Approval] = {}
        self._decided: dict[str, Approval] = {}
        self.keep_decided = keep_decided

    def open(
        self,
        *,
        session_id: str,
        event: str,
        tool_name: str | None,
        tool_input: dict[str, Any] | None,
        reason: str,
        plugin: str | None,
        rule: str | None,
        timeout_s: float,
    ) -> Approval:
        """Create a pending approval and return it."""
        approval = Approval(
            id=secrets.token_hex(4),
            session_id=session_id,
            event=event,
            tool_name=tool_name,
            tool_input=tool_input,
            reason=reason,
            plugin=plugin,
            rule=rule,
            created=time.time(),
            timeout_s=timeout_s,
        )
        self._pending[approval.id] = approval
        return approval

    def pending(self) -> list[Approval]:
        """Return pending approvals, oldest first."""
        return sorted(self._pending.values(), key=lambda a: a.created)

    def get(self, approval_id: str) -> Approval | None:
        """Return a pending or recently decided approval, or None."""
        return self._pending.get(approval_id) or self._decided.get(approval_id)

    def resolve(
        self, approval_id: str, decision: Decision, decided_by: str, reason: str | None = None
    ) -> Approval:
        """Decide a pending approval (allow or deny); raise ApprovalError if it cannot be."""
        if decision not in (Decision.ALLOW, Decision.DENY):
            raise ApprovalError("invalid", "an approval is resolved with allow or deny")
        approval = self._pending.pop(approval_id, None)
        if approval is None:
            earlier = self._decided.get(approval_id)
            if earlier is not None:
                raise ApprovalError(
                    "already_decided",
                    f"approval {approval_id} was already decided: {earlier.outcome.label} "
                    f"by {earlier.decided_by}",
                )
            raise ApprovalError("unknown", f"no approval {approval_id}")
        self._finish(approval, decision, decided_by, reason)
        return approval

    def expire(self, approval: Approval, decision: Decision) -> None:
        """Apply the timeout outcome to an approval nobody answered."""
        if self._pending.pop(approval.id, None) is not None:
            self._finish(approval, decision, "timeout", "nobody answered in time")

    def close_all(self, decision: Decision, decided_by: str, reason: str) -> int:
        """Decide every pending approval at once (the service is stopping); return how many."""
        pending = list(self._pending.values())
        for approval in pending:
            del self._pending[approval.id]
            self._finish(approval, decision, decided_by, reason)
        return len(pending)

    def _finish(
        self, approval: Approval, decision: Decision, decided_by: str, reason: str | None
    ) -> None:
        approval.outcome = decision
        approval.decided_by = decided_by
        approval.decision_reason = reason
        approval.decided_at = time.time()
        self._decided[approval.id] = approval
        while len(self._decided) > self.keep_decided:
            self._decided.pop(next(iter(self._decided)))
        approval.done.set()
