"""Overseer guards against a live supervisor: budgets from a growing transcript, context,
auto-responses (also through the real Claude Code CLI), and the LLM judge."""

from __future__ import annotations

import copy
import json
import time

import pytest
import trio

from tests.support.claude_cli import ClaudeWorkspace
from tests.support.e2e import install_hooks
from tests.support.fake_anthropic import FakeAnthropic, Reply
from tests.support.fake_llm import FakeLLM

BUDGET = """
budget: {warn_tokens: 1000, alert_tokens: 2000, stop_tokens: 3000}
context: {window_tokens: 10000, warn_pct: 50, compact_pct: 80}
"""


def assistant_line(message_id: str, tokens: int) -> str:
    usage = {"input_tokens": tokens, "output_tokens": 0,
             "cache_creation_input_tokens": 0, "cache_read_input_tokens": 0}  # fmt: skip
    return json.dumps({"type": "assistant", "message": {"id": message_id, "role": "assistant",
                       "content": [{"type": "text", "text": "x"}], "usage": usage}}) + "\n"  # fmt: skip


def pre_tool(sample, transcript, session="budget") -> dict:
    payload = copy.deepcopy(sample("captured/v2.1.331-headless-PreToolUse.json"))
    payload["session_id"] = session
    payload["transcript_path"] = str(transcript)
    return payload


def notice_kinds(live) -> list[str]:
    return [i["data"]["kind"] for i in live.supervisor.services.feed.ring if i["kind"] == "notice"]


async def test_budget_thresholds_crossed_by_a_growing_transcript(
    live_factory, sample, tmp_path
) -> None:
    live = await live_factory({"config/overseer.yaml": BUDGET})
    transcript = tmp_path / "t.jsonl"
    transcript.write_text(assistant_line("m1", 600))
    payload = pre_tool(sample, transcript)
    assert (await live.hook(payload)).json() == {}
    with transcript.open("a") as handle:  # the same message again (another content block)
        handle.write(assistant_line("m1", 600) + assistant_line("m2", 600))
    await live.hook(payload)
    assert notice_kinds(live).count("budget.warn") == 1
    with transcript.open("a") as handle:
        handle.write(assistant_line("m3", 900) + '{"type": "assistant", "message": {"id": "m4"')
    await live.hook(payload)  # a half-written last line is left for the next read
    assert "budget.alert" in notice_kinds(live)
    with transcript.open("a") as handle:
        handle.write(', "usage": {"input_tokens": 1000}}}\n')
    body = (await live.hook(payload)).json()["hookSpecificOutput"]
    assert body["permissionDecision"] == "deny"
    assert "token budget spent" in body["permissionDecisionReason"]
    info = (await live.client.get("/sessions/budget")).json()["plugins"]["overseer"]
    assert info["usage"]["total_tokens"] == 3100
    assert info["usage"]["messages"] == 4
    assert info["usage"]["transcript_bytes_read"] == transcript.stat().st_size
    assert notice_kinds(live).count("budget.warn") == 1  # once per crossing


async def test_context_guard_warns_and_suggests_compact(live_factory, sample, tmp_path) -> None:
    live = await live_factory(
        {"config/overseer.yaml": BUDGET.replace("stop_tokens: 3000", "stop_tokens: 0")}
    )
    transcript = tmp_path / "t.jsonl"
    transcript.write_text(assistant_line("m1", 8500))
    prompt = copy.deepcopy(sample("captured/v2.1.331-headless-UserPromptSubmit.json"))
    prompt["session_id"] = "ctx"
    prompt["transcript_path"] = str(transcript)
    body = (await live.hook(prompt)).json()
    assert "suggest that the user runs /compact" in body["hookSpecificOutput"]["additionalContext"]
    assert "context.warn" in notice_kinds(live)


AUTO = """
auto_responses:
  max_per_session: 2
  rules:
    - {id: proceed, pattern: "shall i (proceed|continue)\\\\?", reply: "Yes, proceed with the plan."}
"""


async def test_auto_response_with_loop_guard(live_factory, sample) -> None:
    live = await live_factory({"config/overseer.yaml": AUTO})
    stop = copy.deepcopy(sample("captured/v2.1.331-headless-Stop.json"))
    stop["last_assistant_message"] = "Plan ready. Shall I proceed?"
    assert (await live.hook(stop)).json() == {
        "decision": "block",
        "reason": "Yes, proceed with the plan.",
    }
    stop["stop_hook_active"] = True
    assert (await live.hook(stop)).json() == {}
    stop["stop_hook_active"] = False
    assert (await live.hook(stop)).json()["decision"] == "block"
    assert (await live.hook(stop)).json() == {}  # the per-session cap (2) is reached


SENDER = """
from tmpm_supervisor.plugin_api import hookimpl

sent = []


@hookimpl
def tmpm_send_to_session(session_id, text, enter):
    sent.append((session_id, text, enter))
    return True
"""


async def test_idle_prompt_is_answered_by_typing_into_the_session(
    live_factory, sample, tmp_path
) -> None:
    live = await live_factory({"config/overseer.yaml": AUTO, "plugins/terminal.py": SENDER})
    transcript = tmp_path / "t.jsonl"
    transcript.write_text(json.dumps({"type": "assistant", "message": {"role": "assistant",
                          "content": [{"type": "text", "text": "Shall I continue?"}]}}) + "\n")  # fmt: skip
    notification = copy.deepcopy(sample("schema-based/notification.json"))
    notification.update(session_id="idle", notification_type="idle_prompt",
                        transcript_path=str(transcript))  # fmt: skip
    await live.hook(notification)
    module = live.supervisor.generation.plugins["terminal"].source.obj
    assert module.sent == [("idle", "Yes, proceed with the plan.", True)]


@pytest.mark.real_cli
async def test_real_cli_receives_the_auto_response_as_stop_feedback(
    live_factory, claude_bin, tmp_path
) -> None:
    live = await live_factory({"config/overseer.yaml": AUTO})
    ws = ClaudeWorkspace(tmp_path / "ws")
    install_hooks(ws, live.root)
    script = [Reply(text="I have a plan. Shall I proceed?"), Reply(text="Done, proceeding.")]
    with FakeAnthropic(script) as fake, trio.fail_after(120):
        result = await trio.to_thread.run_sync(
            lambda: ws.run_headless(claude_bin, fake.url, "plan")
        )
    assert result.returncode == 0, result.stderr
    assert any("Yes, proceed with the plan." in t for t in fake.user_texts())


def judge_config(url: str, api: str = "openai", timeout: float = 1.0, on_error: str = "ask") -> str:
    return (
        "judge:\n  enabled: true\n"
        f"  api: {api}\n  endpoint: {url}\n  model: test-model\n  api_key_env: TMPM_TEST_KEY\n"
        f"  timeout_s: {timeout}\n  on_error: {on_error}\n"
        "rules:\n  - {id: no-forbidden, action: deny, pattern: 'Bash(touch FORBIDDEN*)'}\n"
    )


@pytest.mark.parametrize(
    ("api", "path"), [("openai", "/v1/chat/completions"), ("anthropic", "/v1/messages")]
)
async def test_judge_decides_unmatched_calls_and_caches(
    live_factory, sample, api, path, monkeypatch
) -> None:
    monkeypatch.setenv("TMPM_TEST_KEY", "k-123")
    with FakeLLM({"decision": "deny", "reason": "looks like data destruction"}) as llm:
        live = await live_factory({
            "config/overseer.yaml": judge_config(llm.url(path), api),
            "config/supervisor.yaml": "approvals:\n  hold: false\n",
        })  # fmt: skip
        payload = copy.deepcopy(sample("captured/v2.1.331-headless-PreToolUse.json"))
        for _ in range(2):
            body = (await live.hook(payload)).json()["hookSpecificOutput"]
            assert body["permissionDecision"] == "deny"
            assert "LLM judge" in body["permissionDecisionReason"]
        assert len(llm.requests) == 1  # the second answer came from the cache
        sent = llm.requests[0]
        assert sent["body"]["model"] == "test-model"
        if api == "anthropic":
            assert sent["headers"]["x-api-key"] == "k-123"
        else:
            assert sent["headers"]["Authorization"] == "Bearer k-123"


async def test_judge_never_overrides_a_deny_rule(live_factory, sample) -> None:
    with FakeLLM({"decision": "allow", "reason": "fine"}) as llm:
        live = await live_factory(
            {"config/overseer.yaml": judge_config(llm.url("/v1/chat/completions"))}
        )
        payload = copy.deepcopy(sample("captured/v2.1.331-headless-PreToolUse.json"))
        payload["tool_input"]["command"] = "touch FORBIDDEN-9"
        body = (await live.hook(payload)).json()["hookSpecificOutput"]
        assert body["permissionDecision"] == "deny"
        assert llm.requests == []


async def test_judge_timeout_does_not_delay_the_answer(live_factory, sample) -> None:
    with FakeLLM({"decision": "allow", "reason": "slow"}, delay_s=5) as llm:
        live = await live_factory({
            "config/overseer.yaml": judge_config(llm.url("/v1/chat/completions"), timeout=0.3),
            "config/supervisor.yaml": "approvals:\n  hold: false\n",
        })  # fmt: skip
        payload = copy.deepcopy(sample("captured/v2.1.331-headless-PreToolUse.json"))
        started = time.perf_counter()
        body = (await live.hook(payload)).json()["hookSpecificOutput"]
        elapsed = time.perf_counter() - started
    assert body["permissionDecision"] == "ask", body  # on_error: ask
    assert "did not answer within 0.3 s" in body["permissionDecisionReason"]
    assert elapsed < 0.8, f"answer took {elapsed:.2f}s with a 0.3s judge budget"


async def test_usage_is_shown_on_demand_when_no_threshold_is_set(live, sample, tmp_path) -> None:
    transcript = tmp_path / "t.jsonl"
    transcript.write_text(assistant_line("m1", 700))
    await live.hook(pre_tool(sample, transcript, session="quiet"))
    with transcript.open("a") as handle:
        handle.write(assistant_line("m2", 300))
    info = (await live.client.get("/sessions/quiet")).json()["plugins"]["overseer"]
    assert info["usage"]["total_tokens"] == 1000
    assert info["thresholds_crossed"] == []
