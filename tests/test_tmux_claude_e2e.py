"""End to end: the real Claude Code CLI, interactive in managed tmux, against the fake model."""

from __future__ import annotations

import subprocess

import pytest
import trio

from tests.support.claude_cli import ClaudeWorkspace
from tests.support.fake_anthropic import FakeAnthropic, Reply
from tests.support.tmux import tmux_config, wait_for

pytestmark = [pytest.mark.tmux, pytest.mark.real_cli]

# http hooks only: SessionStart needs the command forwarder, which this test does not exercise.
HTTP_EVENTS = [
    "UserPromptSubmit",
    "PreToolUse",
    "PostToolUse",
    "Notification",
    "Stop",
    "SessionEnd",
]


async def test_real_claude_in_tmux_goes_working_then_idle(
    live_factory, tmux_socket, claude_bin, tmp_path
):
    ws = ClaudeWorkspace(tmp_path / "ws")
    with FakeAnthropic(script=[Reply(text="All done here.")]) as fake, trio.fail_after(90):
        live = await live_factory(
            {
                "config/tmux.yaml": tmux_config(
                    tmux_socket,
                    command=[str(claude_bin)],
                    args=["--permission-mode", "bypassPermissions"],
                    hook_events=HTTP_EVENTS,
                    stop_grace_s=10.0,
                )
            }
        )
        response = await live.client.post(
            "/tmux/sessions", json={"project": str(ws.project), "env": ws.env(fake.url)}
        )
        assert response.status_code == 201, response.text
        record = response.json()
        name, session_id = record["name"], record["claude_session_id"]
        assert record["claude"] is True and record["status"] == "starting"

        async def screen() -> str:
            reply = await live.client.post(f"/tmux/sessions/{name}/snapshot", json={})
            return reply.json()["text"]

        async def prompt_ready() -> bool:
            return "\u276f" in await screen()  # the prompt box caret

        try:
            await wait_for(prompt_ready, timeout=30)
        except trio.TooSlowError:
            raise AssertionError(f"no prompt box:\n{await screen()}") from None
        sent = await live.client.post(
            f"/tmux/sessions/{name}/send", json={"text": "say hello from tmux", "enter": True}
        )
        assert sent.status_code == 200

        async def idle_after_working() -> bool:
            statuses = [
                item["data"]["status"]
                for item in live.supervisor.services.feed.ring
                if item["kind"] == "session" and item["data"]["name"] == name
            ]
            return "working" in statuses and statuses[-1] == "idle"

        await wait_for(idle_after_working, timeout=45)
        statuses = [
            item["data"]["status"]
            for item in live.supervisor.services.feed.ring
            if item["kind"] == "session" and item["data"]["name"] == name
        ]
        assert statuses[statuses.index("working") :][-1] == "idle"
        assert (await live.client.get(f"/tmux/sessions/{session_id}")).json()["status"] == "idle"
        # The model got the typed prompt, and the answer is on the screen.
        assert any("say hello from tmux" in str(r.get("messages")) for r in fake.requests)
        await wait_for(lambda: _contains(screen, "All done here."), timeout=10)
        done = [
            item["data"]
            for item in live.supervisor.services.feed.ring
            if item["kind"] == "notice" and item["data"]["kind"] == "session.done"
        ]
        assert done and done[-1]["session_id"] == session_id

        stopped = await live.client.post(f"/tmux/sessions/{name}/stop")
        assert stopped.status_code == 200
        assert stopped.json()["status"] == "stopped"
        assert stopped.json()["status_reason"] in ("stopped by request", "SessionEnd")

        # Resume runs `claude --resume <id>`: the conversation is back, and hook events of
        # the resumed process still map to the same managed session.
        resumed = await live.client.post(f"/tmux/sessions/{name}/resume")
        assert resumed.status_code == 200, resumed.text
        assert resumed.json()["conversation_started"] is True
        start = subprocess.run(
            [
                "tmux",
                "-L",
                tmux_socket,
                "display-message",
                "-p",
                "-t",
                f"={name}:",
                "#{pane_start_command}",
            ],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        assert f"--resume {session_id}" in start
        await wait_for(lambda: _contains(screen, "say hello from tmux"), timeout=30)
        await wait_for(prompt_ready, timeout=30)
        mark = len(live.supervisor.services.feed.ring)
        await live.client.post(f"/tmux/sessions/{name}/send", json={"text": "second prompt"})

        async def idle_again() -> bool:
            items = list(live.supervisor.services.feed.ring)[mark:]
            statuses = [i["data"]["status"] for i in items if i["kind"] == "session"]
            return "working" in statuses and statuses[-1] == "idle"

        await wait_for(idle_again, timeout=45)
        assert (await live.client.get(f"/tmux/sessions/{session_id}")).json()["status"] == "idle"
        await live.client.post(f"/tmux/sessions/{name}/stop")


async def _contains(screen, text: str) -> bool:
    return text in await screen()
