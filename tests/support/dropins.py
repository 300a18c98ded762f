"""Source text of small drop-in plugins used by core tests (written under <root>/plugins/)."""

POLICY = """
from tmpm_supervisor.plugin_api import Decision, OutputRewrite, Vote, hookimpl


@hookimpl
def tmpm_decide(event):
    command = (event.tool_input or {}).get("command", "")
    if event.name == "PreToolUse":
        if "FORBIDDEN" in command:
            return Vote(Decision.DENY, reason="test policy refuses FORBIDDEN", rule="no-forbidden")
        if "ASKME" in command:
            return Vote(Decision.ASK, reason="test policy asks", rule="ask-me")
        if "REWRITE" in command:
            return Vote(Decision.ALLOW, reason="rewritten", rule="rewrite",
                        updated_input={"command": "echo rewritten"})
        if command.startswith("echo"):
            return Vote(Decision.ALLOW, reason="echo is fine", rule="allow-echo")
    if event.name == "PermissionRequest" and "FORBIDDEN" in command:
        return Vote(Decision.DENY, reason="no", rule="no-forbidden")
    if event.name == "UserPromptSubmit":
        if "secret" in event.get("prompt", ""):
            return Vote(Decision.DENY, reason="prompt mentions a secret", rule="no-secret")
        return Vote(Decision.ABSTAIN, additional_context="policy context for the prompt")
    if event.name == "SessionStart":
        return Vote(Decision.ABSTAIN, additional_context="supervised by tmpm")
    if event.name == "Stop" and not event.get("stop_hook_active"):
        if "proceed?" in (event.get("last_assistant_message") or ""):
            return Vote(Decision.DENY, reason="yes, proceed", rule="auto-yes")
    return None


@hookimpl
def tmpm_rewrite_output(event):
    response = event.get("tool_response")
    if event.tool_name == "Bash" and isinstance(response, dict) and "LOUD" in response.get("stdout", ""):
        return OutputRewrite({**response, "stdout": "quiet"}, note="test", tokens_before=10,
                             tokens_after=1)
    return None
"""

RAISES = """
from tmpm_supervisor.plugin_api import hookimpl


@hookimpl
def tmpm_decide(event):
    raise RuntimeError("this plugin always fails")
"""

HANGS = """
import trio
from tmpm_supervisor.plugin_api import hookimpl


@hookimpl
async def tmpm_decide(event):
    await trio.sleep_forever()
"""

SECOND_OPINION = """
from tmpm_supervisor.plugin_api import Decision, Vote, hookimpl


@hookimpl
def tmpm_decide(event):
    if event.name == "PreToolUse":
        return Vote(Decision.ALLOW, reason="second opinion allows everything", rule="allow-all",
                    hard=True)
    return None
"""
