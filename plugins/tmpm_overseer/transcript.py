"""Token usage from Claude Code transcripts, read incrementally.

A transcript is JSONL; assistant entries carry `message.usage`. One model message is written
as several entries (one per content block) that repeat its usage, so usage is counted once per
`message.id` (the largest figures seen). Each read starts at the byte offset where the last one
stopped; a partial last line (still being written) is left for the next read.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

USAGE_KEYS = (
    "input_tokens",
    "output_tokens",
    "cache_creation_input_tokens",
    "cache_read_input_tokens",
)


@dataclass(slots=True)
class SessionUsage:
    """Usage of one session so far, and where its transcript was read up to."""

    path: str
    offset: int = 0
    messages: dict[str, dict[str, int]] = field(default_factory=dict)
    last_context_tokens: int = 0
    bytes_read: int = 0

    @property
    def totals(self) -> dict[str, int]:
        """Summed usage over unique messages."""
        sums = dict.fromkeys(USAGE_KEYS, 0)
        for usage in self.messages.values():
            for key in USAGE_KEYS:
                sums[key] += usage.get(key, 0)
        return sums

    @property
    def total_tokens(self) -> int:
        """All tokens: input, output, cache creation and cache reads."""
        return sum(self.totals.values())

    def to_json(self) -> dict[str, Any]:
        """Usage as JSON for GET /sessions."""
        return {
            **self.totals,
            "total_tokens": self.total_tokens,
            "context_tokens": self.last_context_tokens,
            "messages": len(self.messages),
            "transcript_bytes_read": self.offset,
        }


def read_new_usage(usage: SessionUsage, max_bytes: int = 16 * 1024 * 1024) -> int:
    """Read what was appended to the transcript since the last call; return bytes consumed."""
    try:
        with open(usage.path, "rb") as handle:
            handle.seek(usage.offset)
            data = handle.read(max_bytes)
    except OSError:
        return 0
    end = data.rfind(b"\n")
    if end < 0:
        return 0
    consumed = data[: end + 1]
    usage.offset += len(consumed)
    usage.bytes_read += len(consumed)
    for line in consumed.splitlines():
        _add_line(usage, line)
    return len(consumed)


def _add_line(usage: SessionUsage, line: bytes) -> None:
    if b'"usage"' not in line:
        return
    try:
        entry = json.loads(line)
    except ValueError:
        return
    message = entry.get("message") if isinstance(entry, dict) else None
    if not isinstance(message, dict) or entry.get("type", "assistant") != "assistant":
        return
    raw = message.get("usage")
    if not isinstance(raw, dict):
        return
    figures = {k: int(raw.get(k) or 0) for k in USAGE_KEYS if isinstance(raw.get(k, 0), int)}
    key = str(message.get("id") or entry.get("uuid") or len(usage.messages))
    previous = usage.messages.get(key, {})
    usage.messages[key] = {k: max(figures.get(k, 0), previous.get(k, 0)) for k in USAGE_KEYS}
    usage.last_context_tokens = (
        figures.get("input_tokens", 0)
        + figures.get("cache_creation_input_tokens", 0)
        + figures.get("cache_read_input_tokens", 0)
        + figures.get("output_tokens", 0)
    )
