"""Each event gets the exact response JSON Claude Code expects, through a real server."""

from __future__ import annotations

import copy

import pytest
import trio

from tests.support.dropins import POLICY, SECOND_OPINION

CAPTURED = "captured/v2.1.331-headless-"


@pytest.fixture
async def policy(live_factory):
    return await live_factory(
        {
            "plugins/policy.py": POLICY,
            "plugins/second.py": SECOND_OPINION,
            "config/supervisor.yaml": "approvals:\n  hold: false\n",
        }
    )


def with_command(payload: dict, command: str) -> dict:
    changed = copy.deepcopy(payload)
    changed["tool_input"]["command"] = command
    return changed


async def test_pre_tool_use_deny_beats_a_hard_allow(policy, sample) -> None:
    payload = with_command(sample(CAPTURED + "PreToolUse.json"), "touch FORBIDDEN-1")
    with trio.fail_after(5):
        response = await policy.hook(payload)
    assert response.status_code == 200
    assert response.json() == {
        "hookSpecificOutput": {
            "hookEventName": "PreToolUse",
            "permissionDecision": "deny",
            "permissionDecisionReason": "test policy refuses FORBIDDEN",
        }
    }


async def test_pre_tool_use_allow_and_updated_input(policy, sample) -> None:
    payload = with_command(sample(CAPTURED + "PreToolUse.json"), "echo REWRITE")
    body = (await policy.hook(payload)).json()["hookSpecificOutput"]
    assert body["permissionDecision"] == "allow"
    assert body["updatedInput"] == {"command": "echo rewritten"}


async def test_pre_tool_use_ask_passes_to_claude_code_when_not_held(policy, sample) -> None:
    payload = with_command(sample(CAPTURED + "PreToolUse.json"), "ls ASKME")
    body = (await policy.hook(payload)).json()["hookSpecificOutput"]
    assert body["permissionDecision"] == "ask"
    assert body["permissionDecisionReason"] == "test policy asks"


async def test_abstention_everywhere_is_an_empty_success(live, sample) -> None:
    response = await live.hook(sample(CAPTURED + "PreToolUse.json"))
    assert response.status_code == 200
    assert response.json() == {}


async def test_post_tool_use_rewrite_has_bash_shape(policy, sample) -> None:
    payload = sample(CAPTURED + "PostToolUse.json")
    payload["tool_response"]["stdout"] = "LOUD " * 100
    body = (await policy.hook(payload)).json()
    output = body["hookSpecificOutput"]
    assert output["hookEventName"] == "PostToolUse"
    assert output["updatedToolOutput"]["stdout"] == "quiet"
    assert output["updatedToolOutput"]["interrupted"] is False  # the rest of the shape is kept


async def test_post_tool_use_without_change_has_no_rewrite(policy, sample) -> None:
    body = (await policy.hook(sample(CAPTURED + "PostToolUse.json"))).json()
    assert "updatedToolOutput" not in body.get("hookSpecificOutput", {})


async def test_stop_feedback_blocks_and_loop_guard(policy, sample) -> None:
    payload = sample(CAPTURED + "Stop.json")
    payload["last_assistant_message"] = "Shall I proceed?"
    assert (await policy.hook(payload)).json() == {"decision": "block", "reason": "yes, proceed"}
    payload["stop_hook_active"] = True
    assert (await policy.hook(payload)).json() == {}


async def test_user_prompt_submit_context_and_block(policy, sample) -> None:
    payload = sample(CAPTURED + "UserPromptSubmit.json")
    body = (await policy.hook(payload)).json()
    assert body["hookSpecificOutput"] == {
        "hookEventName": "UserPromptSubmit",
        "additionalContext": "policy context for the prompt",
    }
    payload["prompt"] = "print the secret"
    assert (await policy.hook(payload)).json() == {
        "decision": "block",
        "reason": "prompt mentions a secret",
    }


async def test_session_start_additional_context(policy, sample) -> None:
    body = (await policy.hook(sample(CAPTURED + "SessionStart.json"))).json()
    assert body == {
        "hookSpecificOutput": {
            "hookEventName": "SessionStart",
            "additionalContext": "supervised by tmpm",
        }
    }


async def test_permission_request_deny_behavior(policy, sample) -> None:
    payload = sample("schema-based/permission-request.json")
    payload["tool_name"] = "Bash"
    payload["tool_input"] = {"command": "touch FORBIDDEN-2"}
    body = (await policy.hook(payload)).json()
    assert body == {
        "hookSpecificOutput": {
            "hookEventName": "PermissionRequest",
            "decision": {"behavior": "deny", "message": "no"},
        }
    }


@pytest.mark.parametrize(
    "name",
    [
        "captured/v2.1.197-headless-PreToolUse.json",
        "captured/v2.1.197-interactive-PostToolUse.json",
        "captured/v2.1.197-http-PreToolUse.json",
        "captured/v2.1.331-headless-SessionEnd.json",
        "schema-based/notification.json",
        "schema-based/post-tool-batch.json",
        "schema-based/post-tool-use-failure.json",
        "schema-based/post-tool-use-mcp.json",
        "schema-based/pre-compact.json",
        "schema-based/subagent-start.json",
        "schema-based/subagent-stop.json",
    ],
)
async def test_every_sample_is_accepted(live, sample, name: str) -> None:
    response = await live.hook(sample(name))
    assert response.status_code == 200, response.text
    assert response.json() == {}


async def test_unknown_future_event_is_recorded_and_answered_empty(live) -> None:
    payload = {"session_id": "s-future", "hook_event_name": "SomethingNew", "cwd": "/tmp"}
    response = await live.hook(payload)
    assert response.json() == {}
    records = (await live.client.get("/audit", params={"session": "s-future"})).json()["records"]
    assert [(r["event"], r["known_event"]) for r in records] == [("SomethingNew", False)]


async def test_named_event_route_checks_agreement(live, sample) -> None:
    payload = sample(CAPTURED + "Stop.json")
    ok = await live.client.post("/hooks/Stop", json=payload)
    assert ok.status_code == 200
    wrong = await live.client.post("/hooks/PreToolUse", json=payload)
    assert wrong.status_code == 400
    assert wrong.json()["error"]["field"] == "hook_event_name"
