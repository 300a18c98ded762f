"""What a plugin sees: its own config and the supervisor's shared services."""

from __future__ import annotations

import logging
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import trio

from .approvals import ApprovalBroker
from .audit import AuditLog
from .feed import EventFeed
from .notices import Notice
from .paths import FrameworkRoot
from .sessions import SessionRegistry

if TYPE_CHECKING:
    from .generation import Generation

log = logging.getLogger("tmpm")


@dataclass(slots=True)
class Services:
    """Long-lived parts shared by every generation and plugin."""

    root: FrameworkRoot
    audit: AuditLog
    feed: EventFeed
    sessions: SessionRegistry
    approvals: ApprovalBroker
    started_at: float
    notice_send: trio.MemorySendChannel[Notice]
    counters: Counter[str] = field(default_factory=Counter)
    current: Generation | None = None  # the active generation, swapped atomically

    def notify(self, notice: Notice) -> bool:
        """Queue a notice for notifier plugins; return False if the queue was full."""
        try:
            self.notice_send.send_nowait(notice)
        except trio.WouldBlock:
            self.counters["notices.dropped"] += 1
            return False
        self.counters["notices.queued"] += 1
        self.feed.publish("notice", notice.to_json())
        return True


@dataclass(slots=True)
class PluginContext:
    """The context passed to every hook of one plugin in one generation.

    `config` is the plugin's validated config section (or None); `services` gives the shared
    audit log, live feed, session registry and approvals; `generation` is the generation the
    call runs on (use it to call other plugins' hooks through `call_first`).
    """

    name: str
    config: Any
    services: Services
    generation: Generation

    @property
    def state_dir(self):
        """`<root>/state`: where a plugin keeps state files (write them atomically)."""
        return self.services.root.state_dir

    @property
    def log(self) -> logging.Logger:
        """A logger named after the plugin."""
        return logging.getLogger(f"tmpm.plugin.{self.name}")

    def notify(self, notice: Notice) -> bool:
        """Queue a notice for notifier plugins; return False if the queue was full."""
        return self.services.notify(notice)

    async def call_first(self, hook_name: str, **kwargs: Any) -> Any:
        """Call a `firstresult` hook on other plugins; return the first non-None answer."""
        return await self.generation.call_first(hook_name, **kwargs)
