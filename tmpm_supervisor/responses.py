"""Rendering a verdict into the exact JSON Claude Code expects for each hook event."""

from __future__ import annotations

from typing import Any

from .events import HookEvent
from .plugin_api import OutputRewrite
from .verdicts import Decision, Verdict

# Events whose hookSpecificOutput accepts `additionalContext`.
CONTEXT_EVENTS = frozenset(
    {
        "SessionStart",
        "UserPromptSubmit",
        "PreToolUse",
        "PostToolUse",
        "PostToolUseFailure",
        "SubagentStart",
    }
)
# Events where `decision: "block"` + `reason` is the way to say no.
BLOCK_EVENTS = frozenset({"UserPromptSubmit", "PostToolUse", "Stop", "SubagentStop"})


def render_response(
    event: HookEvent, verdict: Verdict, rewrite: OutputRewrite | None = None
) -> dict[str, Any]:
    """Return the response body for `event`; `{}` means "no opinion" (an empty success).

    - PreToolUse: `permissionDecision` allow/deny/ask with its reason, `updatedInput`.
    - PermissionRequest: `decision.behavior` allow/deny (ask and abstain leave it to the CLI).
    - PostToolUse: `updatedToolOutput` from the rewrite; a deny becomes `decision: "block"`.
    - UserPromptSubmit, Stop, SubagentStop: a deny becomes `decision: "block"` + `reason`.
    - Any event: `halt` becomes `continue: false` + `stopReason`; `systemMessage` passes on.
    """
    name = event.name
    decision = verdict.decision
    out: dict[str, Any] = {}
    specific: dict[str, Any] = {}
    if name == "PreToolUse":
        if decision != Decision.ABSTAIN:
            specific["permissionDecision"] = decision.label
            if verdict.reason:
                specific["permissionDecisionReason"] = verdict.reason
        if verdict.updated_input is not None and decision != Decision.DENY:
            specific["updatedInput"] = verdict.updated_input
    elif name == "PermissionRequest":
        if decision in (Decision.ALLOW, Decision.DENY):
            body: dict[str, Any] = {"behavior": decision.label}
            if decision == Decision.DENY and verdict.reason:
                body["message"] = verdict.reason
            if decision == Decision.ALLOW and verdict.updated_input is not None:
                body["updatedInput"] = verdict.updated_input
            specific["decision"] = body
    elif name in BLOCK_EVENTS and decision == Decision.DENY:
        out["decision"] = "block"
        out["reason"] = verdict.reason or "blocked by tmpm"
    if name == "PostToolUse" and rewrite is not None:
        specific["updatedToolOutput"] = rewrite.tool_output
    if verdict.additional_context and name in CONTEXT_EVENTS:
        specific["additionalContext"] = verdict.additional_context
    if specific:
        out["hookSpecificOutput"] = {"hookEventName": name, **specific}
    if verdict.halt:
        out["continue"] = False
        out["stopReason"] = verdict.stop_reason or verdict.reason or "stopped by tmpm"
    if verdict.system_message:
        out["systemMessage"] = verdict.system_message
    return out
