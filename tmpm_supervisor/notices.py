"""Notices: what plugins and the core tell a person, delivered by notifier plugins."""

from __future__ import annotations

import enum
import itertools
import time
from dataclasses import dataclass, field
from typing import Any


class Severity(enum.IntEnum):
    """How loudly a notice should reach a person."""

    INFO = 10
    WARNING = 20
    ALERT = 30

    @property
    def label(self) -> str:
        """The lower-case name used in JSON and config."""
        return self.name.lower()


@dataclass(slots=True)
class NoticeAction:
    """A button a notifier may offer with a notice (for example approve or deny)."""

    id: str
    label: str


_notice_ids = itertools.count(1)


@dataclass(slots=True)
class Notice:
    """One thing a person should know.

    `kind` is a short dotted name that notifier routing matches on, for example `approval`,
    `denial`, `budget.warn`, `circuit.open`, `session.waiting`, `session.done`,
    `session.dead`, `reload.error`. `approval_id` links a notice to a held approval so a
    notifier's buttons can resolve it.
    """

    kind: str
    text: str
    severity: Severity = Severity.INFO
    session_id: str | None = None
    title: str | None = None
    actions: list[NoticeAction] = field(default_factory=list)
    approval_id: str | None = None
    data: dict[str, Any] = field(default_factory=dict)
    id: int = field(default_factory=lambda: next(_notice_ids))
    created: float = field(default_factory=time.time)

    def to_json(self) -> dict[str, Any]:
        """Return the notice as a JSON-ready dict."""
        return {
            "id": self.id,
            "kind": self.kind,
            "severity": self.severity.label,
            "text": self.text,
            "title": self.title,
            "session_id": self.session_id,
            "approval_id": self.approval_id,
            "actions": [{"id": a.id, "label": a.label} for a in self.actions],
            "data": self.data,
            "created": self.created,
        }
