"""A small Telegram Bot API client under Trio (httpx), honouring 429 `retry_after`."""

from __future__ import annotations

import logging
from typing import Any

import httpx
import trio

log = logging.getLogger("tmpm.plugin.telegram")


class BotApiError(Exception):
    """A Bot API call that failed; the message never contains the token."""


class BotApi:
    """Calls `<api_base>/bot<token>/<method>`; the token never appears in logs or errors."""

    def __init__(self, api_base: str, token: str, timeout_s: float) -> None:
        self.base = f"{api_base.rstrip('/')}/bot{token}"
        self.token = token
        self.timeout_s = timeout_s
        self.client = httpx.AsyncClient(timeout=httpx.Timeout(timeout_s, connect=5.0))
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
