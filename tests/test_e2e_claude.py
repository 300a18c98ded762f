"""End to end with the real Claude Code CLI, wired by `tmpm install-hooks`, against a fake model.

Dangerous commands are harmless stand-ins that the test policy treats as dangerous
(`touch FORBIDDEN-*`), each followed by a marker-file write that shows whether it ran.
"""

from __future__ import annotations

import socket
import subprocess

import pytest
import trio

from tests.support.claude_cli import ClaudeWorkspace
from tests.support.dropins import POLICY
from tests.support.e2e import install_hooks
from tests.support.fake_anthropic import FakeAnthropic, Reply, bash, tool_result_text
from tests.support.tmux import kill_server, unique_socket, wait_for

pytestmark = pytest.mark.real_cli


async def run_cli(ws: ClaudeWorkspace, binary, fake: FakeAnthropic, prompt: str):
    return await trio.to_thread.run_sync(
        lambda: ws.run_headless(binary, fake.url, prompt, timeout=90)
    )


async def session_events(live, session_id: str) -> list[str]:
    records = (
        await live.client.get("/audit", params={"session": session_id, "limit": 1000})
    ).json()
    return [r["event"] for r in records["records"] if "event" in r]


def single_session(live) -> str:
    sessions = live.supervisor.services.sessions.all()
    assert len(sessions) == 1, [s.session_id for s in sessions]
    return sessions[0].session_id


@pytest.fixture
async def wired(live_factory, claude_bin, tmp_path):
    live = await live_factory({"plugins/policy.py": POLICY})
    ws = ClaudeWorkspace(tmp_path / "ws")
    install_hooks(ws, live.root)
    return live, ws, claude_bin


async def test_headless_events_reach_the_supervisor_in_order(wired) -> None:
    live, ws, binary = wired
    with FakeAnthropic([bash("echo hello > greeting.txt"), Reply(text="done")]) as fake:
        with trio.fail_after(120):
            result = await run_cli(ws, binary, fake, "greet")
    assert result.returncode == 0, result.stderr
    session_id = single_session(live)
    with trio.fail_after(10):
        while "SessionEnd" not in await session_events(live, session_id):
            await trio.sleep(0.05)
    events = await session_events(live, session_id)
    assert events == [
        "SessionStart",
        "UserPromptSubmit",
        "PreToolUse",
        "PostToolUse",
        "Stop",
        "SessionEnd",
    ]
    info = (await live.client.get(f"/sessions/{session_id}")).json()
    assert info["cwd"] == str(ws.project)
    assert info["transcript_path"].endswith(f"{session_id}.jsonl")
    assert info["pid"] is not None  # from the forwarder (SessionStart)
    assert (ws.project / "greeting.txt").read_text() == "hello\n"


async def test_denied_tool_does_not_run_and_the_model_reads_the_reason(wired) -> None:
    _live, ws, binary = wired
    script = [bash("touch FORBIDDEN-1 && touch ran.marker"), Reply(text="ok")]
    with FakeAnthropic(script) as fake, trio.fail_after(120):
        result = await run_cli(ws, binary, fake, "try it")
    assert result.returncode == 0, result.stderr
    assert not (ws.project / "ran.marker").exists()
    assert not list(ws.project.glob("FORBIDDEN-*"))
    results = fake.tool_results()
    assert results and results[0].get("is_error") is True
    assert "test policy refuses FORBIDDEN" in tool_result_text(results[0])


async def test_post_tool_use_rewrite_is_what_the_model_reads(wired) -> None:
    _live, ws, binary = wired
    with FakeAnthropic([bash("echo LOUD LOUD LOUD"), Reply(text="ok")]) as fake:
        with trio.fail_after(120):
            await run_cli(ws, binary, fake, "shout")
    text = tool_result_text(fake.tool_results()[0])
    assert "quiet" in text
    assert "LOUD" not in text


async def test_stop_feedback_makes_the_model_continue(wired) -> None:
    live, ws, binary = wired
    script = [Reply(text="I made a plan. Shall I proceed?"), Reply(text="Proceeding, all done.")]
    with FakeAnthropic(script) as fake, trio.fail_after(120):
        result = await run_cli(ws, binary, fake, "plan something")
    assert result.returncode == 0, result.stderr
    assert len(fake.main_requests()) == 2
    assert any("yes, proceed" in text for text in fake.user_texts())
    records = (await live.client.get("/audit", params={"event": "Stop"})).json()["records"]
    assert [r["verdict"] for r in records] == ["deny", "abstain"]  # blocked once, then let go


def dead_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.mark.parametrize("legacy", [False, True], ids=["onFailure", "forwarder-exit-2"])
async def test_supervisor_down_with_guard_blocks_the_tool(
    live_factory, claude_bin, tmp_path, legacy
) -> None:
    live = await live_factory()
    ws = ClaudeWorkspace(tmp_path / "ws")
    args = ["--url", f"http://127.0.0.1:{dead_port()}", "--events", "PreToolUse,Stop"]
    install_hooks(ws, live.root, *args, *(["--legacy-guard"] if legacy else []))
    live.handle.stop()
    (live.root.state_dir / "service.json").unlink(missing_ok=True)
    with FakeAnthropic([bash("touch ran.marker"), Reply(text="ok")]) as fake:
        with trio.fail_after(120):
            result = await run_cli(ws, claude_bin, fake, "go")
    assert result.returncode == 0, result.stderr
    assert not (ws.project / "ran.marker").exists()
    assert fake.tool_results()[0].get("is_error") is True


async def test_supervisor_down_without_guard_does_not_stall(
    live_factory, claude_bin, tmp_path
) -> None:
    live = await live_factory()
    ws = ClaudeWorkspace(tmp_path / "ws")
    install_hooks(ws, live.root, "--url", f"http://127.0.0.1:{dead_port()}", "--no-guard")
    live.handle.stop()
    (live.root.state_dir / "service.json").unlink(missing_ok=True)
    started = trio.current_time()
    with FakeAnthropic([bash("touch ran.marker"), Reply(text="ok")]) as fake:
        with trio.fail_after(120):
            result = await run_cli(ws, claude_bin, fake, "go")
    assert result.returncode == 0, result.stderr
    assert (ws.project / "ran.marker").exists()
    assert trio.current_time() - started < 30


@pytest.mark.tmux
async def test_interactive_session_in_tmux_sends_the_same_hooks(wired) -> None:
    live, ws, binary = wired
    socket_name = unique_socket()
    script = [bash("echo typed > typed.txt"), Reply(text="finished")]
    with FakeAnthropic(script) as fake:
        env = ws.env(fake.url)
        command = ["env", *[f"{k}={v}" for k, v in env.items()], str(binary),
                   "--permission-mode", "bypassPermissions"]  # fmt: skip
        subprocess.run(
            ["tmux", "-L", socket_name, "new-session", "-d", "-s", "cc", "-x", "160", "-y", "50",
             "-c", str(ws.project), *command],
            check=True, timeout=10,
        )  # fmt: skip
        try:

            async def screen() -> str:
                return await trio.to_thread.run_sync(
                    lambda: (
                        subprocess.run(
                            ["tmux", "-L", socket_name, "capture-pane", "-p", "-t", "cc"],
                            capture_output=True,
                            text=True,
                            timeout=10,
                        ).stdout
                    )
                )

            async def ready() -> bool:
                return "\u276f" in await screen()

            await wait_for(ready, timeout=40)
            for keys in (["-l", "write the file"], ["Enter"]):
                subprocess.run(["tmux", "-L", socket_name, "send-keys", "-t", "cc", *keys],
                               check=True, timeout=10)  # fmt: skip

            async def stopped() -> bool:
                return bool(live.supervisor.services.sessions.all()) and "Stop" in (
                    await session_events(live, single_session(live))
                )

            await wait_for(stopped, timeout=60)
        finally:
            kill_server(socket_name)
    events = await session_events(live, single_session(live))
    assert events[:5] == ["SessionStart", "UserPromptSubmit", "PreToolUse", "PostToolUse", "Stop"]
    assert (ws.project / "typed.txt").read_text() == "typed\n"
    info = live.supervisor.services.sessions.all()[0]
    assert info.tmux_pane and info.tmux_pane.startswith("%")  # from the forwarder's TMUX_PANE
