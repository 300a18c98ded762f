"""Pairing one Telegram chat with this supervisor: one-time codes and the stored chat."""

from __future__ import annotations

import json
import secrets
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tmpm_supervisor.atomic import write_json_atomic


@dataclass(slots=True)
class PendingCode:
    """A one-time pairing code."""

    code: str
    expires: float
    attempts_left: int


class Pairing:
    """The paired chat (stored in `<root>/state/pairing.json`, 0600) and the pending code."""

    def __init__(self) -> None:
        self.path: Path | None = None
        self.chat_id: int | None = None
        self.paired_by: str | None = None
        self.pending: PendingCode | None = None

    def load(self, path: Path) -> None:
        """Read the stored pairing (if this file was not loaded yet)."""
        if self.path == path:
            return
        self.path = path
        try:
            data = json.loads(path.read_text())
            self.chat_id = int(data["chat_id"]) if data.get("chat_id") is not None else None
            self.paired_by = data.get("paired_by")
        except (OSError, ValueError, KeyError, TypeError):
            self.chat_id = None

    def issue(self, ttl_s: float, attempts: int) -> PendingCode:
        """A new one-time code (replacing any pending one)."""
        self.pending = PendingCode(f"{secrets.randbelow(10**6):06d}", time.time() + ttl_s, attempts)
        return self.pending

    def try_code(self, code: str, chat_id: int, who: str) -> str:
        """Check a code sent from a chat; return `paired`, `wrong`, `expired`, `void` or `none`."""
        pending = self.pending
        if pending is None:
            return "none"
        if time.time() > pending.expires:
            self.pending = None
            return "expired"
        if not secrets.compare_digest(code.strip(), pending.code):
            pending.attempts_left -= 1
            if pending.attempts_left <= 0:
                self.pending = None
                return "void"
            return "wrong"
        self.pending = None
        self.chat_id = chat_id
        self.paired_by = who
        self._save()
        return "paired"

    def reset(self) -> None:
        """Forget the paired chat."""
        self.chat_id = None
        self.paired_by = None
        self.pending = None
        self._save()

    def _save(self) -> None:
        if self.path is not None:
            write_json_atomic(self.path, {"chat_id": self.chat_id, "paired_by": self.paired_by,
                                          "paired_at": time.time()})  # fmt: skip

    def to_json(self) -> dict[str, Any]:
        """Pairing state for status (no code)."""
        return {"paired": self.chat_id is not None, "paired_by": self.paired_by,
                "code_pending": self.pending is not None}  # fmt: skip
