"""Logging to stderr in a journald-friendly form, or as JSON lines."""

from __future__ import annotations

import json
import logging
import os
import sys
import time

# sd-daemon(3) priority prefixes, read by journald from a service's stderr.
_PRIORITIES = {
    logging.CRITICAL: 2,
    logging.ERROR: 3,
    logging.WARNING: 4,
    logging.INFO: 6,
    logging.DEBUG: 7,
}


def _priority(levelno: int) -> int:
    for level, priority in _PRIORITIES.items():
        if levelno >= level:
            return priority
    return 7


class JournalFormatter(logging.Formatter):
    """`<priority>logger: message` with no timestamp (journald adds its own)."""

    def format(self, record: logging.LogRecord) -> str:
        """Return the line for `record`."""
        text = f"<{_priority(record.levelno)}>{record.name}: {record.getMessage()}"
        if record.exc_info:
            text += "\n" + self.formatException(record.exc_info).replace("\n", "\n  ")
        return text


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time, level, logger, message (and exception)."""

    def format(self, record: logging.LogRecord) -> str:
        """Return the JSON line for `record`."""
        data = {
            "time": round(record.created, 6),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
        }
        if record.exc_info:
            data["exception"] = self.formatException(record.exc_info)
        return json.dumps(data)


class PlainFormatter(logging.Formatter):
    """`HH:MM:SS level logger: message` for a terminal."""

    def format(self, record: logging.LogRecord) -> str:
        """Return the line for `record`."""
        stamp = time.strftime("%H:%M:%S", time.localtime(record.created))
        text = f"{stamp} {record.levelname.lower():7} {record.name}: {record.getMessage()}"
        if record.exc_info:
            text += "\n" + self.formatException(record.exc_info)
        return text


def setup_logging(fmt: str = "auto", level: str = "info") -> None:
    """Configure the root logger. `fmt` is `auto` (journal under systemd, else plain),
    `journal`, `plain` or `json`."""
    if fmt == "auto":
        fmt = (
            "journal"
            if os.environ.get("JOURNAL_STREAM") or os.environ.get("INVOCATION_ID")
            else "plain"
        )
    formatter = {"journal": JournalFormatter, "json": JsonFormatter}.get(fmt, PlainFormatter)()
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(formatter)
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level.upper())
    # httpx logs every request URL at INFO, and a Telegram bot token is part of the URL.
    for noisy in (
        "hypercorn.access",
        "hypercorn.error",
        "quart.app",
        "quart.serving",
        "httpx",
        "httpcore",
    ):
        logging.getLogger(noisy).setLevel(logging.WARNING)
