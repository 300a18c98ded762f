"""The optional LLM judge for tool calls no rule decided.

It asks a model (OpenAI-compatible chat completions, or the Anthropic Messages API) for a
strict JSON verdict. It runs only when no rule matched, so it can never override a deny rule;
its answer arrives within `timeout_s` or `on_error` applies; identical calls are answered from
a bounded cache.
"""

from __future__ import annotations

import json
import os
import re
import time
from collections import OrderedDict
from typing import Any, Literal

import httpx
import trio
from pydantic import Field

from tmpm_supervisor.plugin_api import Decision, HookEvent, Vote
from tmpm_supervisor.settings import StrictModel

SYSTEM_PROMPT = (
    "You review one tool call an AI coding agent wants to make on a developer's machine. "
    'Answer with only a JSON object: {"decision": "allow"|"ask"|"deny", "reason": '
    '"one sentence"}. deny: destructive, exfiltrating or clearly outside a coding task; ask: '
    "risky or unclear; allow: routine development work."
)
VERDICTS = {"allow": Decision.ALLOW, "ask": Decision.ASK, "deny": Decision.DENY}


class JudgeConfig(StrictModel):
    """LLM judge settings (`judge:` in overseer.yaml)."""

    enabled: bool = Field(False, description="Ask a model about calls no rule decided.")
    api: Literal["openai", "anthropic"] = Field(
        "openai", description="openai: chat completions; anthropic: the Messages API."
    )
    endpoint: str = Field(
        "https://api.openai.com/v1/chat/completions",
        description="Full URL of the completions or messages endpoint.",
    )
    model: str = Field("gpt-4o-mini", description="Model name sent to the API.")
    api_key_env: str = Field(
        "OPENAI_API_KEY", description="Name of the environment variable holding the key."
    )
    timeout_s: float = Field(
        1.5, gt=0, le=30, description="Hard limit for one judgement; keep below the plugin timeout."
    )
    on_error: Literal["abstain", "ask", "deny"] = Field(
        "abstain",
        description="Verdict when the model times out, fails or answers nonsense.",
    )
    tools: list[str] = Field(
        default_factory=lambda: ["Bash", "Write", "Edit", "MultiEdit", "WebFetch"],
        description="Tools whose calls are judged.",
    )
    cache_size: int = Field(512, ge=0, description="Judgements kept for identical calls.")
    cache_ttl_s: float = Field(3600.0, ge=0, description="How long a judgement is reused.")
    system_prompt: str = Field(SYSTEM_PROMPT, description="Instructions sent to the model.")


class JudgeError(Exception):
    """The model could not give a usable verdict."""


class Judge:
    """Asks an LLM about calls no rule decided; holds the cache across reloads."""

    def __init__(self) -> None:
        self.cache: OrderedDict[str, tuple[float, Decision, str]] = OrderedDict()
        self.calls = 0
        self.cache_hits = 0
        self.failures = 0

    async def vote(self, event: HookEvent, config: Any, ctx: Any) -> Vote | None:
        """Return the judge's vote, or None (disabled, not applicable, or abstaining)."""
        settings: JudgeConfig = config.judge
        if not settings.enabled or event.tool_name not in settings.tools:
            return None
        key = json.dumps(
            [settings.api, settings.endpoint, settings.model, event.tool_name, event.tool_input],
            sort_keys=True,
        )
        cached = self.cache.get(key)
        if cached is not None and time.monotonic() - cached[0] < settings.cache_ttl_s:
            self.cache_hits += 1
            self.cache.move_to_end(key)
            return Vote(cached[1], reason=f"LLM judge: {cached[2]}", rule="llm-judge(cached)")
        self.calls += 1
        with trio.move_on_after(settings.timeout_s):
            try:
                decision, reason = await ask_model(settings, event)
            except (JudgeError, httpx.HTTPError, OSError) as exc:
                self.failures += 1
                return self._fallback(settings, f"the LLM judge failed: {exc}")
            if settings.cache_size:
                self.cache[key] = (time.monotonic(), decision, reason)
                while len(self.cache) > settings.cache_size:
                    self.cache.popitem(last=False)
            return Vote(decision, reason=f"LLM judge: {reason}", rule="llm-judge")
        self.failures += 1
        return self._fallback(
            settings, f"the LLM judge did not answer within {settings.timeout_s:g} s"
        )

    @staticmethod
    def _fallback(settings: JudgeConfig, why: str) -> Vote | None:
        if settings.on_error == "abstain":
            return None
        return Vote(VERDICTS[settings.on_error], reason=why, rule="llm-judge-error")


async def ask_model(settings: JudgeConfig, event: HookEvent) -> tuple[Decision, str]:
    """Send one call to the model; return its verdict. Raises JudgeError if unusable."""
    key = os.environ.get(settings.api_key_env, "")
    call = json.dumps({"tool": event.tool_name, "input": event.tool_input, "cwd": event.cwd})
    if settings.api == "anthropic":
        headers = {"anthropic-version": "2023-06-01", **({"x-api-key": key} if key else {})}
        body: dict[str, Any] = {
            "model": settings.model,
            "max_tokens": 200,
            "system": settings.system_prompt,
            "messages": [{"role": "user", "content": call}],
        }
    else:
        headers = {"Authorization": f"Bearer {key}"} if key else {}  # local models need none
        body = {
            "model": settings.model,
            "temperature": 0,
            "messages": [
                {"role": "system", "content": settings.system_prompt},
                {"role": "user", "content": call},
            ],
        }
    async with httpx.AsyncClient(timeout=settings.timeout_s) as client:
        response = await client.post(settings.endpoint, json=body, headers=headers)
    if response.status_code != 200:
        raise JudgeError(f"HTTP {response.status_code}")
    data = response.json()
    try:
        if settings.api == "anthropic":
            text = "".join(b.get("text", "") for b in data["content"] if b.get("type") == "text")
        else:
            text = data["choices"][0]["message"]["content"]
    except (KeyError, IndexError, TypeError):
        raise JudgeError("unexpected response shape") from None
    return parse_verdict(text)


def parse_verdict(text: str) -> tuple[Decision, str]:
    """Parse `{"decision": ..., "reason": ...}` (possibly inside a code fence)."""
    match = re.search(r"\{.*\}", text, re.S)
    if match is None:
        raise JudgeError("no JSON object in the answer")
    try:
        verdict = json.loads(match.group(0))
    except ValueError:
        raise JudgeError("the answer is not valid JSON") from None
    decision = VERDICTS.get(str(verdict.get("decision", "")).lower())
    if decision is None:
        raise JudgeError(f"unknown decision {verdict.get('decision')!r}")
    return decision, str(verdict.get("reason", ""))[:500]
