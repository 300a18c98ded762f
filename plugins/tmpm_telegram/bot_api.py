"""A small Telegram Bot API client under Trio (httpx), honouring 429 `retry_after`."""

from __future__ import annotations

import logging
from typing import Any

import httpx
import trio

log = logging.getLogger("tmpm.plugin.telegram")


class RedactToken(logging.Filter):
    """Replaces the bot token in log records of the HTTP client (its URLs contain it)."""

    def __init__(self, token: str) -> None:
        super().__init__()
        self.token = token

    def filter(self, record: logging.LogRecord) -> bool:
        """Rewrite the record's message without the token; always keep the record."""
        message = record.getMessage()
        if self.token in message:
            record.msg = message.replace(self.token, "<token>")
            record.args = None
        return True


_redactors: dict[str, RedactToken] = {}


def redact_in_logs(token: str) -> None:
    """Make sure httpx and httpcore never log `token` (whatever the log level)."""
    if token in _redactors:
        return
    _redactors[token] = RedactToken(token)
    for name in ("httpx", "httpcore"):
        logging.getLogger(name).addFilter(_redactors[token])


class BotApiError(Exception):
    """A Bot API call that failed; the message never contains the token."""


class BotApi:
    """Calls `<api_base>/bot<token>/<method>`; the token never appears in logs or errors."""

    def __init__(self, api_base: str, token: str, timeout_s: float) -> None:
        self.base = f"{api_base.rstrip('/')}/bot{token}"
        self.token = token
        self.timeout_s = timeout_s
        self.client = httpx.AsyncClient(timeout=httpx.Timeout(timeout_s, connect=5.0))
        redact_in_logs(token)
        self.retries_after_429 = 0

    def scrub(self, text: str) -> str:
        """Remove the token from a message."""
        return text.replace(self.token, "<token>")

    async def call(self, method: str, extra_timeout: float = 0, **params: Any) -> Any:
        """Call a method; wait and retry on 429 (up to 5 times); return its `result`."""
        for _attempt in range(5):
            try:
                response = await self.client.post(
                    f"{self.base}/{method}", json=params, timeout=self.timeout_s + extra_timeout
                )
            except httpx.HTTPError as exc:
                raise BotApiError(self.scrub(f"{method}: {type(exc).__name__}: {exc}")) from None
            try:
                body = response.json()
            except ValueError:
                raise BotApiError(f"{method}: HTTP {response.status_code}, not JSON") from None
            if response.status_code == 429 or body.get("error_code") == 429:
                wait = float((body.get("parameters") or {}).get("retry_after", 1))
                self.retries_after_429 += 1
                log.warning("telegram asked to wait %.0f s (429) before %s", wait, method)
                await trio.sleep(min(wait, 60))
                continue
            if not body.get("ok"):
                raise BotApiError(f"{method}: {body.get('description', response.status_code)}")
            return body.get("result")
        raise BotApiError(f"{method}: still rate-limited after 5 tries")

    async def aclose(self) -> None:
        """Close the HTTP client."""
        await self.client.aclose()
