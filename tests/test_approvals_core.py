"""Held approvals in the core: resolved through the API, answered at shutdown, never cut off."""

from __future__ import annotations

import copy

import trio

from tests.support.dropins import POLICY


def ask_payload(sample, session: str = "s-ask") -> dict:
    payload = copy.deepcopy(sample("captured/v2.1.331-headless-PreToolUse.json"))
    payload["tool_input"]["command"] = "ls ASKME"
    payload["session_id"] = session
    return payload


async def wait_pending(live, count: int) -> list[dict]:
    while True:
        pending = (await live.client.get("/approvals")).json()["approvals"]
        if len(pending) >= count:
            return pending
        await trio.sleep(0.02)


async def test_held_call_is_resolved_through_the_api(live_factory, sample) -> None:
    live = await live_factory({"plugins/policy.py": POLICY})
    answers: dict[str, dict] = {}

    async def held(session: str) -> None:
        answers[session] = (await live.hook(ask_payload(sample, session))).json()

    with trio.fail_after(10):
        async with trio.open_nursery() as nursery:
            nursery.start_soon(held, "s1")
            nursery.start_soon(held, "s2")
            pending = await wait_pending(live, 2)
            assert {p["session_id"] for p in pending} == {"s1", "s2"}
            by_session = {p["session_id"]: p["id"] for p in pending}
            allow = await live.client.post(
                f"/approvals/{by_session['s1']}", json={"decision": "allow", "by": "alice"}
            )
            assert allow.status_code == 200
            deny = await live.client.post(
                f"/approvals/{by_session['s2']}",
                json={"decision": "deny", "reason": "not today", "by": "bob"},
            )
            assert deny.status_code == 200
    assert answers["s1"]["hookSpecificOutput"]["permissionDecision"] == "allow"
    denied = answers["s2"]["hookSpecificOutput"]
    assert denied["permissionDecision"] == "deny"
    assert "not today" in denied["permissionDecisionReason"]
    again = await live.client.post(f"/approvals/{by_session['s1']}", json={"decision": "deny"})
    assert again.status_code == 409
    records = (await live.client.get("/audit", params={"event": "PreToolUse"})).json()["records"]
    assert {r["decided_by"] for r in records} == {"api:alice", "api:bob"}


async def test_timeout_applies_the_configured_default(live_factory, sample) -> None:
    live = await live_factory(
        {
            "plugins/policy.py": POLICY,
            "config/supervisor.yaml": "approvals:\n  timeout_s: 0.3\n  on_timeout: deny\n",
        }
    )
    with trio.fail_after(5):
        body = (await live.hook(ask_payload(sample))).json()["hookSpecificOutput"]
    assert body["permissionDecision"] == "deny"
    records = (await live.client.get("/audit", params={"event": "PreToolUse"})).json()["records"]
    assert records[-1]["decided_by"] == "timeout"


async def test_shutdown_answers_held_calls_instead_of_cutting_them_off(
    live_factory, sample
) -> None:
    live = await live_factory({"plugins/policy.py": POLICY})
    result: dict = {}

    async def held() -> None:
        response = await live.hook(ask_payload(sample))
        result["status"] = response.status_code
        result["body"] = response.json()

    with trio.fail_after(10):
        async with trio.open_nursery() as nursery:
            nursery.start_soon(held)
            await wait_pending(live, 1)
            live.handle.stop()
    assert result["status"] == 200
    answer = result["body"]["hookSpecificOutput"]
    assert answer["permissionDecision"] == "deny"
    assert "shutdown" in answer["permissionDecisionReason"]
