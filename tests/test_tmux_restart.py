"""Managed sessions survive a supervisor process killed with SIGKILL and are re-adopted."""

from __future__ import annotations

import json
import signal
import subprocess

import httpx
import pytest
import trio

from tests.support.live import make_root
from tests.support.process import ServiceProcess, start_service_process
from tests.support.tmux import tmux_config

pytestmark = pytest.mark.tmux


def _client(service: ServiceProcess, token: str) -> httpx.Client:
    return httpx.Client(
        base_url=service.url, headers={"Authorization": f"Bearer {token}"}, timeout=20
    )


def _tmux_sessions(socket: str) -> set[str]:
    result = subprocess.run(
        ["tmux", "-L", socket, "list-sessions", "-F", "#{session_name}"],
        capture_output=True,
        text=True,
    )
    return set(result.stdout.split())


def _pane_pid(socket: str, name: str) -> str:
    return subprocess.run(
        ["tmux", "-L", socket, "display-message", "-p", "-t", f"={name}:", "#{pane_pid}"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()


def _wait_status(client: httpx.Client, name: str, status: str, timeout: float = 10) -> dict:
    import time

    deadline = time.monotonic() + timeout
    while True:
        record = client.get(f"/tmux/sessions/{name}").json()
        if record["status"] == status or time.monotonic() > deadline:
            return record
        time.sleep(0.05)


def _scenario(tmp_path, socket: str) -> None:
    project = tmp_path / "proj"
    project.mkdir()
    root = make_root(tmp_path / "root", {"config/tmux.yaml": tmux_config(socket, auto_resume=True)})
    token = root.read_token()
    first = start_service_process(root)
    try:
        with _client(first, token) as client:
            for name in ("keeps", "killed-while-down", "ends-while-down"):
                command = ["sh", "-c", f"echo {name} up; read line; echo got $line; sleep 60"]
                if name == "ends-while-down":
                    command = ["sh", "-c", "read line; exit 7"]
                response = client.post(
                    "/tmux/sessions",
                    json={"project": str(project), "name": name, "command": command},
                )
                assert response.status_code == 201, response.text
            pid_before = _pane_pid(socket, "keeps")
        first.process.send_signal(signal.SIGKILL)
        first.process.wait(timeout=10)
    finally:
        if first.process.poll() is None:
            first.process.kill()

    # The tmux server is not a child of the dead supervisor: every session still runs.
    assert _tmux_sessions(socket) == {"keeps", "killed-while-down", "ends-while-down"}
    assert _pane_pid(socket, "keeps") == pid_before
    subprocess.run(["tmux", "-L", socket, "kill-session", "-t", "=killed-while-down"], check=True)
    subprocess.run(
        ["tmux", "-L", socket, "send-keys", "-t", "=ends-while-down:", "x", "Enter"], check=True
    )

    second = start_service_process(root)
    try:
        with _client(second, token) as client:
            keeps = client.get("/tmux/sessions/keeps").json()
            assert keeps["status"] == "working"
            assert str(keeps["pane_pid"]) == pid_before  # the same process, re-adopted
            # The re-adopted session is fully usable: type into it and read the answer.
            sent = client.post("/tmux/sessions/keeps/send", json={"text": "hello"})
            assert sent.status_code == 200
            import time

            deadline = time.monotonic() + 10
            text = ""
            while "got hello" not in text and time.monotonic() < deadline:
                text = client.post("/tmux/sessions/keeps/snapshot", json={}).json()["text"]
                time.sleep(0.05)
            assert "keeps up" in text and "got hello" in text

            ended = _wait_status(client, "ends-while-down", "dead")
            assert ended["status"] == "dead" and ended["exit_status"] in (
                7,
                None,
            )  # see reaper test
            # Gone while the supervisor was down: marked stopped, then auto-resumed.
            resumed = _wait_status(client, "killed-while-down", "working")
            assert resumed["status"] == "working", resumed
            assert resumed["status_reason"] == "resumed"
            assert "killed-while-down" in _tmux_sessions(socket)
            items = client.get("/events/recent").json()["events"]
            reasons = {
                (i["data"]["name"], i["data"]["reason"]) for i in items if i["kind"] == "session"
            }
            assert ("keeps", "re-adopted at start") in reasons
            assert ("killed-while-down", "gone from tmux when the supervisor started") in reasons
        second.process.send_signal(signal.SIGTERM)
        assert second.process.wait(timeout=10) == 0
        # A clean stop of the supervisor leaves the sessions running too.
        assert "keeps" in _tmux_sessions(socket)
        store = json.loads((root.state_dir / "tmux-sessions.json").read_text())
        assert {s["name"] for s in store["sessions"]} == {
            "keeps",
            "killed-while-down",
            "ends-while-down",
        }
    finally:
        if second.process.poll() is None:
            second.process.kill()


async def test_sessions_survive_sigkill_and_are_readopted(tmp_path, tmux_socket):
    with trio.fail_after(60):
        await trio.to_thread.run_sync(_scenario, tmp_path, tmux_socket)
