"""The overseer against a live supervisor: precedence, hard denies, project files, limits."""

from __future__ import annotations

import copy
import json

import trio

from tests.support.reload import wait_generation

POLICY = """
default_action: abstain
rules:
  - id: no-forbidden
    action: deny
    hard: true
    reason: "FORBIDDEN files are off limits"
    pattern: "Bash(touch FORBIDDEN-*)"
  - id: soft-no-tmp
    action: deny
    reason: "no writes under /tmp/blocked"
    pattern: "Write(/tmp/blocked/**)"
  - id: allow-tmp-exception
    action: allow
    reason: "this one file is fine"
    pattern: "Write(/tmp/blocked/ok.txt)"
    overrides: [soft-no-tmp]
  - id: ask-push
    action: ask
    reason: "force pushes need a person"
    pattern: "Bash(git push --force *)"
  - id: allow-echo
    action: allow
    pattern: "Bash(echo *)"
"""


def bash(sample, command: str, session: str = "s1", cwd: str | None = None) -> dict:
    payload = copy.deepcopy(sample("captured/v2.1.331-headless-PreToolUse.json"))
    payload["tool_input"] = {"command": command}
    payload["session_id"] = session
    if cwd:
        payload["cwd"] = cwd
    return payload


def write(sample, path: str) -> dict:
    payload = bash(sample, "")
    payload["tool_name"] = "Write"
    payload["tool_input"] = {"file_path": path, "content": "x"}
    return payload


async def decide(live, payload: dict) -> tuple[str | None, str | None]:
    out = (await live.hook(payload)).json().get("hookSpecificOutput", {})
    return out.get("permissionDecision"), out.get("permissionDecisionReason")


async def test_precedence_hard_deny_and_overrides(live_factory, sample) -> None:
    live = await live_factory(
        {"config/overseer.yaml": POLICY, "config/supervisor.yaml": "approvals:\n  hold: false\n"}
    )
    assert await decide(live, bash(sample, "echo hi && touch FORBIDDEN-1")) == (
        "deny",
        "FORBIDDEN files are off limits",
    )
    assert (await decide(live, bash(sample, "echo hi")))[0] == "allow"
    assert (await decide(live, bash(sample, "ls")))[0] is None  # default: abstain
    assert (await decide(live, write(sample, "/tmp/blocked/x.txt")))[0] == "deny"
    assert (await decide(live, write(sample, "/tmp/blocked/ok.txt")))[0] == "allow"
    assert (await decide(live, bash(sample, "git push -f origin main")))[0] == "ask"
    records = (await live.client.get("/audit", params={"event": "PreToolUse"})).json()["records"]
    assert [r["rule"] for r in records] == [
        "no-forbidden", "allow-echo", None, "soft-no-tmp", "allow-tmp-exception", "ask-push",
    ]  # fmt: skip
    assert records[0]["plugin"] == "overseer"


async def test_project_policy_adds_restrictions_but_cannot_lift_them(
    live_factory, sample, tmp_path
) -> None:
    live = await live_factory({"config/overseer.yaml": POLICY})
    project = tmp_path / "proj"
    (project / ".tmpm").mkdir(parents=True)
    (project / ".tmpm" / "overseer.yaml").write_text(
        "rules:\n"
        "  - {id: proj-allow-all, action: allow, pattern: 'Bash(*)'}\n"
        "  - {id: proj-no-make, action: deny, reason: 'no make here', pattern: 'Bash(make *)'}\n"
    )
    cwd = str(project)
    assert (await decide(live, bash(sample, "touch FORBIDDEN-2", cwd=cwd)))[0] == "deny"
    assert await decide(live, bash(sample, "make all", cwd=cwd)) == ("deny", "no make here")
    assert (await decide(live, bash(sample, "ls", cwd=cwd)))[0] is None  # project allow ignored


async def test_invalid_project_policy_is_held_for_a_person(live_factory, sample, tmp_path) -> None:
    live = await live_factory(
        {"config/overseer.yaml": POLICY, "config/supervisor.yaml": "approvals:\n  hold: false\n"}
    )
    project = tmp_path / "proj"
    (project / ".tmpm").mkdir(parents=True)
    (project / ".tmpm" / "overseer.yaml").write_text("rules:\n  - {id: bad, action: nope}\n")
    action, reason = await decide(live, bash(sample, "ls", cwd=str(project)))
    assert action == "ask"
    assert "overseer.yaml" in reason and "rules[0].action" in reason


async def test_invalid_pattern_is_rejected_with_file_and_key(live_factory) -> None:
    live = await live_factory({"config/overseer.yaml": POLICY})
    (live.root.config_dir / "overseer.yaml").write_text(
        POLICY + "  - id: broken\n    action: deny\n    pattern: 'Bash(rm ((('\n"
    )
    response = await live.client.post("/reload")
    assert response.status_code == 422
    assert any(
        "overseer.yaml:" in e and "rules[5].pattern" in e and "invalid pattern" in e
        for e in response.json()["errors"]
    ), response.json()["errors"]


async def test_rule_edit_is_hot_reloaded(live_factory, sample) -> None:
    live = await live_factory({"config/overseer.yaml": POLICY})
    assert (await decide(live, bash(sample, "make all")))[0] is None
    (live.root.config_dir / "overseer.yaml").write_text(
        POLICY + "  - {id: no-make, action: deny, pattern: 'Bash(make *)'}\n"
    )
    await wait_generation(live, 2)
    assert (await decide(live, bash(sample, "make all")))[0] == "deny"


async def test_rate_limit_per_session(live_factory, sample) -> None:
    live = await live_factory({"config/overseer.yaml": "rate_limit:\n  calls_per_minute: 3\n"})
    answers = [await decide(live, bash(sample, "ls", session="fast")) for _ in range(5)]
    assert [a[0] for a in answers] == [None, None, None, "deny", "deny"]
    assert "rate limit" in answers[3][1]
    assert (await decide(live, bash(sample, "ls", session="other")))[0] is None


async def test_circuit_breaker_opens_half_opens_and_closes(live_factory, sample) -> None:
    live = await live_factory(
        {"config/overseer.yaml": "circuit_breaker:\n  failures: 3\n  cooldown_s: 0.3\n"}
    )
    failure = copy.deepcopy(sample("schema-based/post-tool-use-failure.json"))
    failure["session_id"] = "cb"
    success = copy.deepcopy(sample("captured/v2.1.331-headless-PostToolUse.json"))
    success["session_id"] = "cb"
    for _ in range(3):
        await live.hook(failure)
    action, reason = await decide(live, bash(sample, "ls", session="cb"))
    assert action == "deny" and "circuit breaker open" in reason
    status = (await live.client.get("/status")).json()["plugins"]["overseer"]["status"]
    assert status["circuit_breakers"]["cb"]["state"] == "open"
    notices = [i for i in live.supervisor.services.feed.ring if i["kind"] == "notice"]
    assert any(n["data"]["kind"] == "circuit.open" for n in notices)
    await trio.sleep(0.35)
    assert (await decide(live, bash(sample, "ls", session="cb")))[0] is None  # the trial call
    assert (await decide(live, bash(sample, "ls", session="cb")))[0] == "deny"  # one at a time
    await live.hook(success)
    assert (await decide(live, bash(sample, "ls", session="cb")))[0] is None
    sessions = (await live.client.get("/sessions/cb")).json()
    assert sessions["plugins"]["overseer"]["circuit_breaker"]["state"] == "closed"
    assert json.dumps(sessions)  # serialisable


async def test_default_action_decides_tool_calls_only(live_factory, sample) -> None:
    live = await live_factory(
        {
            "config/overseer.yaml": "default_action: deny\n",
            "config/optimizer.yaml": "level: 'off'\n",
        }
    )
    action, reason = await decide(live, bash(sample, "ls"))
    assert (action, reason) == ("deny", "no rule matched")
    post = copy.deepcopy(sample("captured/v2.1.331-headless-PostToolUse.json"))
    assert (await live.hook(post)).json() == {}  # the tool already ran: no block feedback
