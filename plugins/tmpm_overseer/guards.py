"""Session guards of the overseer: token budget, context-window guard, auto-responses."""

from __future__ import annotations

import re
from typing import Any, Literal

from pydantic import Field, PrivateAttr, field_validator, model_validator

from tmpm_supervisor.plugin_api import Decision, HookEvent, Notice, Severity, Vote
from tmpm_supervisor.settings import StrictModel

from .transcript import SessionUsage, read_new_usage

LEVELS = ("warn", "alert", "stop")


class BudgetConfig(StrictModel):
    """Per-session token budget thresholds (`budget:` in overseer.yaml); 0 = off."""

    warn_tokens: int = Field(0, ge=0, description="Notify when a session's total tokens pass this.")
    alert_tokens: int = Field(0, ge=0, description="Notify loudly when they pass this.")
    stop_tokens: int = Field(0, ge=0, description="Stop the session's tool calls past this.")
    stop_action: Literal["deny_tools", "halt"] = Field(
        "deny_tools",
        description="deny_tools: every further tool call is denied with the reason; halt: also "
        "end the turn (`continue: false`).",
    )

    @property
    def active(self) -> bool:
        """True when any threshold is set."""
        return bool(self.warn_tokens or self.alert_tokens or self.stop_tokens)

    @model_validator(mode="after")
    def _ordered(self) -> BudgetConfig:
        set_levels = [v for v in (self.warn_tokens, self.alert_tokens, self.stop_tokens) if v]
        if set_levels != sorted(set_levels):
            raise ValueError("thresholds must grow: warn_tokens <= alert_tokens <= stop_tokens")
        return self


class ContextConfig(StrictModel):
    """Context-window use thresholds (`context:` in overseer.yaml), in percent; 0 = off."""

    window_tokens: int = Field(200_000, gt=0, description="The model's context window.")
    warn_pct: int = Field(0, ge=0, le=100, description="Notify past this share of the window.")
    alert_pct: int = Field(0, ge=0, le=100, description="Notify loudly past this share.")
    compact_pct: int = Field(
        0, ge=0, le=100, description="Past this share, tell the agent to compact (context)."
    )

    @property
    def active(self) -> bool:
        """True when any threshold is set."""
        return bool(self.warn_pct or self.alert_pct or self.compact_pct)


class AutoResponse(StrictModel):
    """One routine question and its reply."""

    id: str = Field(description="Name shown in the audit log.")
    pattern: str = Field(description="Regular expression searched in the agent's last message.")
    reply: str = Field(description="What the agent is told (Stop feedback or typed text).")
    _regex: re.Pattern[str] = PrivateAttr()

    @field_validator("pattern")
    @classmethod
    def _compiles(cls, value: str) -> str:
        try:
            re.compile(value)
        except re.error as exc:
            raise ValueError(f"invalid regex: {exc}") from None
        return value

    @model_validator(mode="after")
    def _compile(self) -> AutoResponse:
        self._regex = re.compile(self.pattern, re.I)
        return self

    def matches(self, text: str) -> bool:
        """True if the pattern is found in `text`."""
        return bool(self._regex.search(text))


class AutoResponseConfig(StrictModel):
    """Pattern -> reply pairs for the agent's routine questions (`auto_responses:`)."""

    enabled: bool = Field(True, description="Answer routine questions at all.")
    max_per_session: int = Field(
        5, ge=1, description="Loop guard: most auto-answers given to one session."
    )
    answer_idle_prompts: bool = Field(
        True,
        description="Also answer idle-prompt notifications by typing the reply into the "
        "session's terminal (needs a terminal plugin such as tmux).",
    )
    rules: list[AutoResponse] = Field(default_factory=list, description="Checked in order.")


class GuardsState:
    """Per-session usage, crossed thresholds and auto-response counts, kept across reloads."""

    def __init__(self) -> None:
        self.usage: dict[str, SessionUsage] = {}
        self.crossed: dict[str, set[str]] = {}
        self.auto_answers: dict[str, int] = {}

    def read_usage(self, session_id: str, path: str | None) -> SessionUsage | None:
        """The session's usage, after reading what its transcript gained since last time."""
        usage = self.usage.get(session_id)
        if not path:
            return usage
        if usage is None or usage.path != path:
            usage = self.usage[session_id] = SessionUsage(path)
        read_new_usage(usage)
        return usage

    async def vote(self, event: HookEvent, config: Any, ctx: Any) -> Vote | None:
        """Return the guards' vote on `event` (budget stop, compaction hint, auto-response)."""
        usage = None
        if config.budget.active or config.context.active:  # otherwise read on demand only
            usage = self.read_usage(event.session_id, event.transcript_path)
        budget_vote = self._budget(event, config.budget, usage, ctx) if usage else None
        if budget_vote is not None:
            return budget_vote
        context_vote = self._context(event, config.context, usage, ctx) if usage else None
        auto_vote = await self._auto_response(event, config.auto_responses, ctx)
        return auto_vote or context_vote

    def _notify_once(self, event: HookEvent, level: str, ctx: Any, notice: Notice) -> None:
        seen = self.crossed.setdefault(event.session_id, set())
        if level not in seen:
            seen.add(level)
            ctx.notify(notice)

    def _budget(
        self, event: HookEvent, budget: BudgetConfig, usage: SessionUsage, ctx: Any
    ) -> Vote | None:
        total = usage.total_tokens
        thresholds = {"warn": budget.warn_tokens, "alert": budget.alert_tokens,
                      "stop": budget.stop_tokens}  # fmt: skip
        severities = {"warn": Severity.WARNING, "alert": Severity.ALERT, "stop": Severity.ALERT}
        for level in LEVELS:
            limit = thresholds[level]
            if limit and total >= limit:
                self._notify_once(
                    event,
                    f"budget.{level}",
                    ctx,
                    Notice(
                        kind=f"budget.{level}",
                        severity=severities[level],
                        session_id=event.session_id,
                        title=f"Token budget {level}",
                        text=f"session used {total:,} tokens (budget {level} at {limit:,})",
                        data={"total_tokens": total, "threshold": limit},
                    ),
                )
        if budget.stop_tokens and total >= budget.stop_tokens:
            reason = (
                f"token budget spent: this session used {total:,} tokens of "
                f"{budget.stop_tokens:,}; stop and report to the user"
            )
            halt = budget.stop_action == "halt"
            if event.name == "PreToolUse":
                return Vote(Decision.DENY, reason=reason, rule="budget-stop", hard=True,
                            halt=halt, stop_reason=reason if halt else None)  # fmt: skip
            if halt and event.name in ("UserPromptSubmit", "PostToolUse"):
                return Vote(Decision.ABSTAIN, rule="budget-stop", halt=True, stop_reason=reason)
        return None

    def _context(
        self, event: HookEvent, context: ContextConfig, usage: SessionUsage, ctx: Any
    ) -> Vote | None:
        share = 100 * usage.last_context_tokens / context.window_tokens
        for level, pct, severity in (
            ("warn", context.warn_pct, Severity.WARNING),
            ("alert", context.alert_pct, Severity.ALERT),
        ):
            if pct and share >= pct:
                self._notify_once(
                    event, f"context.{level}", ctx,
                    Notice(kind=f"context.{level}", severity=severity, session_id=event.session_id,
                           title=f"Context window {share:.0f}% full",
                           text=f"{usage.last_context_tokens:,} of {context.window_tokens:,} tokens",
                           data={"context_tokens": usage.last_context_tokens, "pct": round(share, 1)}),
                )  # fmt: skip
        if context.compact_pct and share >= context.compact_pct and event.name in (
            "UserPromptSubmit", "PostToolUse", "SessionStart",
        ):  # fmt: skip
            return Vote(
                Decision.ABSTAIN,
                rule="context-compact",
                additional_context=f"The context window is {share:.0f}% full. Finish the current "
                "step, then suggest that the user runs /compact.",
            )
        return None

    async def _auto_response(
        self, event: HookEvent, config: AutoResponseConfig, ctx: Any
    ) -> Vote | None:
        if not config.enabled or not config.rules:
            return None
        if event.name in ("Stop", "SubagentStop"):
            if event.get("stop_hook_active"):
                return None
            message = str(event.get("last_assistant_message") or "")
            rule = self._match(event.session_id, config, message)
            if rule is not None:
                return Vote(Decision.DENY, reason=rule.reply, rule=f"auto-response:{rule.id}")
            return None
        if (
            event.name == "Notification"
            and config.answer_idle_prompts
            and event.get("notification_type") == "idle_prompt"
        ):
            message = self._last_assistant_text(event) or str(event.get("message") or "")
            rule = self._match(event.session_id, config, message)
            if rule is not None:
                sent = await ctx.call_first(
                    "tmpm_send_to_session", session_id=event.session_id, text=rule.reply, enter=True
                )
                if sent:
                    return Vote(Decision.ABSTAIN, rule=f"auto-response:{rule.id}",
                                reason=f"typed {rule.reply!r} into the session")  # fmt: skip
                self.auto_answers[event.session_id] -= 1
        return None

    def _match(self, session_id: str, config: AutoResponseConfig, text: str) -> AutoResponse | None:
        if self.auto_answers.get(session_id, 0) >= config.max_per_session:
            return None
        for rule in config.rules:
            if rule.matches(text):
                self.auto_answers[session_id] = self.auto_answers.get(session_id, 0) + 1
                return rule
        return None

    @staticmethod
    def _last_assistant_text(event: HookEvent) -> str:
        path = event.transcript_path
        if not path:
            return ""
        import json

        try:
            with open(path, "rb") as handle:
                handle.seek(0, 2)
                size = handle.tell()
                handle.seek(max(0, size - 65536))
                lines = handle.read().splitlines()
        except OSError:
            return ""
        for line in reversed(lines):
            try:
                entry = json.loads(line)
            except ValueError:
                continue
            message = entry.get("message") if isinstance(entry, dict) else None
            if isinstance(message, dict) and message.get("role") == "assistant":
                content = message.get("content")
                if isinstance(content, list):
                    texts = [b.get("text", "") for b in content if b.get("type") == "text"]
                    if texts:
                        return "\n".join(texts)
        return ""

    def session_info(self, session_id: str, transcript_path: str | None) -> dict[str, Any] | None:
        """Token and context usage of a session for GET /sessions (read up to now), or None."""
        usage = self.read_usage(session_id, transcript_path)
        if usage is None:
            return None
        return {
            "usage": usage.to_json(),
            "thresholds_crossed": sorted(self.crossed.get(session_id, set())),
            "auto_answers": self.auto_answers.get(session_id, 0),
        }
