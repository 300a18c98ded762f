"""The webhook notifier: POST notices as JSON to configured URLs (entry point `webhook`).

Each endpoint has its own bounded queue and sender task, so a slow or dead endpoint delays
nothing but its own deliveries. Bodies carry a Slack-compatible `text` field; with a secret,
`X-Tmpm-Signature: sha256=<hex HMAC of the body>` lets the receiver check them.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import time
from typing import Any

import httpx
import trio
from pydantic import Field

from tmpm_supervisor.notifier_kit import DeliveryQueue, RoutingConfig, Throttle, read_secret
from tmpm_supervisor.plugin_api import BackgroundTask, Notice, hookimpl
from tmpm_supervisor.settings import StrictModel


class Endpoint(StrictModel):
    """One webhook receiver."""

    url: str = Field(description="Where notices are POSTed.")
    routing: RoutingConfig = Field(default_factory=lambda: RoutingConfig(kinds=["*"]))
    secret_env: str | None = Field(None, description="Variable holding the HMAC secret.")
    secret_file: str | None = Field(None, description="Or a file with it (mode 0600).")
    timeout_s: float = Field(5.0, gt=0, le=60, description="Limit for one POST.")
    retries: int = Field(4, ge=0, le=20, description="Retries after a failed POST.")
    backoff_s: float = Field(0.5, gt=0, description="First retry delay; doubles each time.")
    queue_size: int = Field(1000, ge=1, description="Notices waiting at most (oldest dropped).")
    per_minute: int = Field(0, ge=0, description="At most this many a minute (0 = no limit).")


class WebhookConfig(StrictModel):
    """Webhook receivers for notices."""

    endpoints: list[Endpoint] = Field(default_factory=list, description="Receivers.")


class EndpointState:
    """Queue and counters of one endpoint, kept across reloads (by URL)."""

    def __init__(self) -> None:
        self.queue = DeliveryQueue(1000)
        self.throttle = Throttle(0, 0)
        self.counters = {"sent": 0, "failed": 0, "retries": 0}
        self.last_error: str | None = None
        self.last_ok: float | None = None


states: dict[str, EndpointState] = {}


@hookimpl
def tmpm_config_model() -> type[WebhookConfig]:
    """The webhook notifier's config schema."""
    return WebhookConfig


def _state(endpoint: Endpoint) -> EndpointState:
    state = states.setdefault(endpoint.url, EndpointState())
    state.queue.size = endpoint.queue_size
    state.throttle.per_minute = endpoint.per_minute
    return state


@hookimpl
def tmpm_deliver_notice(notice: Notice, ctx: Any) -> None:
    """Queue the notice for every endpoint whose routing wants it (never blocks)."""
    for endpoint in ctx.config.endpoints:
        if endpoint.routing.wants(notice):
            state = _state(endpoint)
            if state.throttle.allow(notice):
                state.queue.put(notice)


def body_for(notice: Notice) -> bytes:
    """The JSON body: the notice plus a Slack-compatible `text`."""
    text = f"[tmpm] {notice.title or notice.kind}: {notice.text}"
    return json.dumps({"text": text, **notice.to_json()}, default=str).encode()


def signature(secret: str, body: bytes) -> str:
    """`sha256=<hex HMAC-SHA256 of body>`."""
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def _sender(endpoint: Endpoint):
    async def run(ctx: Any) -> None:
        state = _state(endpoint)
        secret, problem = read_secret(endpoint.secret_env, endpoint.secret_file)
        if problem:
            state.last_error = problem
        async with httpx.AsyncClient(timeout=endpoint.timeout_s) as client:
            while True:
                notice = await state.queue.get()
                body = body_for(notice)
                headers = {"Content-Type": "application/json", "User-Agent": "tmpm"}
                if secret:
                    headers["X-Tmpm-Signature"] = signature(secret, body)
                delay = endpoint.backoff_s
                for attempt in range(endpoint.retries + 1):
                    try:
                        with trio.fail_after(endpoint.timeout_s):
                            response = await client.post(
                                endpoint.url, content=body, headers=headers
                            )
                        if response.status_code < 300:
                            state.counters["sent"] += 1
                            state.last_ok = time.time()
                            break
                        state.last_error = f"HTTP {response.status_code}"
                    except (httpx.HTTPError, trio.TooSlowError, OSError) as exc:
                        state.last_error = f"{type(exc).__name__}: {exc}"[:300]
                    if attempt == endpoint.retries:
                        state.counters["failed"] += 1
                        break
                    state.counters["retries"] += 1
                    await trio.sleep(delay)
                    delay *= 2

    return run


@hookimpl
def tmpm_background_tasks(ctx: Any) -> list[BackgroundTask]:
    """One sender per endpoint."""
    return [BackgroundTask(f"post {e.url}", _sender(e)) for e in ctx.config.endpoints]


@hookimpl
def tmpm_status(ctx: Any) -> dict[str, Any]:
    """Per-endpoint delivery counters (a failing endpoint shows its last error)."""
    result = {}
    for endpoint in ctx.config.endpoints:
        state = _state(endpoint)
        result[endpoint.url] = {**state.counters, "queued": len(state.queue.items),
                                "dropped": state.queue.dropped, "last_error": state.last_error,
                                "last_ok": state.last_ok}  # fmt: skip
    return {"endpoints": result}
