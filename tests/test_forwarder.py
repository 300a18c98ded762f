"""The `tmpm hook` forwarder, run exactly as install-hooks writes it, against a live server."""

from __future__ import annotations

import copy
import json
import os
import subprocess

import trio

from tests.support.dropins import POLICY
from tmpm_supervisor.install_hooks import COMMAND_MARKER, forwarder_command


async def run_forwarder(root, payload: bytes, *extra: str, env: dict | None = None):
    command = forwarder_command(root.path, None).removesuffix(COMMAND_MARKER) + " ".join(extra)
    return await trio.to_thread.run_sync(
        lambda: subprocess.run(
            command,
            shell=True,
            input=payload,
            capture_output=True,
            timeout=30,
            env={"PATH": os.environ["PATH"], **(env or {})},
        )
    )


async def test_large_payload_is_forwarded_and_answered(live_factory, sample) -> None:
    live = await live_factory({"plugins/policy.py": POLICY})
    payload = copy.deepcopy(sample("captured/v2.1.331-headless-PreToolUse.json"))
    payload["tool_input"]["command"] = "touch FORBIDDEN " + "y" * 200_000
    data = json.dumps(payload).encode()
    assert len(data) > 128 * 1024
    result = await run_forwarder(live.root, data, env={"TMUX_PANE": "%3", "CLAUDE_PID": "777"})
    assert result.returncode == 0, result.stderr
    answer = json.loads(result.stdout)
    assert answer["hookSpecificOutput"]["permissionDecision"] == "deny"
    info = (await live.client.get(f"/sessions/{payload['session_id']}")).json()
    assert (info["tmux_pane"], info["pid"]) == ("%3", 777)


async def test_unreachable_supervisor_exit_codes(live_factory, sample) -> None:
    live = await live_factory()
    live.handle.stop()
    with trio.fail_after(5):
        while (live.root.state_dir / "service.json").exists():
            await trio.sleep(0.02)
    pre = json.dumps(sample("captured/v2.1.331-headless-PreToolUse.json")).encode()
    stop = json.dumps(sample("captured/v2.1.331-headless-Stop.json")).encode()
    dead = "--url http://127.0.0.1:9"
    guarded = await run_forwarder(live.root, pre, dead, "--guard")
    assert guarded.returncode == 2
    assert b"Blocked by the tmpm guard" in guarded.stderr
    open_pre = await run_forwarder(live.root, pre, dead)
    assert open_pre.returncode == 1  # non-blocking: the tool runs
    guarded_stop = await run_forwarder(live.root, stop, dead, "--guard")
    assert guarded_stop.returncode == 1  # the guard only blocks tool calls


async def test_server_error_is_not_passed_as_an_answer(live_factory) -> None:
    live = await live_factory()
    result = await run_forwarder(live.root, b"{not json", "--guard")
    assert result.returncode == 1
    assert b"answered 400" in result.stderr
    assert result.stdout == b""
