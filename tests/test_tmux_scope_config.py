"""The tmux server's systemd scope decision and the tmux config validation."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import trio
from tmpm_tmux.scope import scope_prefix

from tests.support.live import make_root
from tests.support.tmux import tmux_config
from tmpm_supervisor.config_check import check_root


def test_auto_wraps_only_under_systemd_with_systemd_run():
    under = {"INVOCATION_ID": "abc"}
    assert scope_prefix("auto", "s", environ={}, systemd_run="/usr/bin/systemd-run") == []
    assert scope_prefix("auto", "s", environ=under, systemd_run="") == []
    prefix = scope_prefix("auto", "s", environ=under, systemd_run="/usr/bin/systemd-run", euid=1000)
    assert prefix[:4] == ["/usr/bin/systemd-run", "--user", "--scope", "--quiet"]
    assert any(p.startswith("--unit=tmpm-tmux-s-") for p in prefix)
    as_root = scope_prefix("auto", "s", environ=under, systemd_run="/bin/systemd-run", euid=0)
    assert "--user" not in as_root and "--scope" in as_root


def test_explicit_modes():
    assert scope_prefix("none", "s", environ={"INVOCATION_ID": "x"}, systemd_run="/x") == []
    assert scope_prefix("systemd-run", "s", environ={}, systemd_run="/x", euid=5)[:3] == [
        "/x",
        "--user",
        "--scope",
    ]
    with pytest.raises(RuntimeError, match="systemd-run is not on PATH"):
        scope_prefix("systemd-run", "s", environ={}, systemd_run="")


@pytest.mark.tmux
@pytest.mark.skipif(shutil.which("systemd-run") is None, reason="needs a systemd-run binary")
async def test_a_failing_scope_start_is_a_clear_503(live_factory, tmux_socket, tmp_path):
    # This machine has systemd-run but no running systemd: the real command fails.
    with trio.fail_after(20):
        live = await live_factory(
            {"config/tmux.yaml": tmux_config(tmux_socket, server_scope="systemd-run")}
        )
        response = await live.client.post(
            "/tmux/sessions", json={"project": str(tmp_path), "command": ["sleep", "5"]}
        )
        if response.status_code == 201:
            pytest.skip("systemd-run works here: the scope was created")
        assert response.status_code == 503
        error = response.json()["error"]
        assert error["code"] == "tmux_unavailable"
        assert "systemd-run" in error["message"] and "--scope" in error["message"]


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("socket_name: 'bad name'\n", "socket_name"),
        ("server_scope: sometimes\n", "server_scope"),
        ("env: {'1BAD': x}\n", "env"),
        ("command: []\n", "command"),
        ("reap_every: 3\n", "reap_every"),
    ],
)
def test_bad_tmux_config_names_file_and_key(tmp_path, text, key):
    root = make_root(tmp_path / "root", {"config/tmux.yaml": text})
    result = check_root(root)
    assert not result["ok"]
    assert any("tmux.yaml" in e and key in e for e in result["errors"]), result["errors"]


def test_shipped_tmux_config_is_valid_and_test_config_too(tmp_path):
    assert check_root(make_root(tmp_path / "a"))["ok"]
    assert check_root(make_root(tmp_path / "b", {"config/tmux.yaml": tmux_config("x")}))["ok"]


def _auto_under_fake_systemd(tmp_path, socket: str) -> None:
    import httpx

    from tests.support.process import start_service_process

    root = make_root(
        tmp_path / "root", {"config/tmux.yaml": tmux_config(socket, server_scope="auto")}
    )
    service = start_service_process(root, env={"INVOCATION_ID": "0123456789abcdef"})
    try:
        headers = {"Authorization": f"Bearer {root.read_token()}"}
        with httpx.Client(base_url=service.url, headers=headers, timeout=20) as client:
            response = client.post(
                "/tmux/sessions", json={"project": str(tmp_path), "command": ["sleep", "30"]}
            )
            status = client.get("/status").json()["plugins"]["tmux"]["status"]
        assert response.status_code == 201, response.text
        # auto chose systemd-run (INVOCATION_ID set, binary present) ...
        assert "--scope" in status["server_scope"]
        if status["scope_fallback"] is None:
            # A working systemd: the tmux server lives in its own scope unit.
            import subprocess

            pid = subprocess.run(
                ["tmux", "-L", socket, "display-message", "-p", "#{pid}"],
                capture_output=True,
                text=True,
                check=True,
            ).stdout.strip()
            assert "tmpm-tmux-" in Path(f"/proc/{pid}/cgroup").read_text()
        else:
            # No usable systemd (this test machine): the server started plain, and says why.
            assert "systemd-run" in status["scope_fallback"]
    finally:
        service.process.terminate()
        service.process.wait(timeout=10)


@pytest.mark.tmux
@pytest.mark.skipif(shutil.which("systemd-run") is None, reason="needs a systemd-run binary")
async def test_auto_scope_falls_back_when_systemd_cannot_make_one(tmp_path, tmux_socket):
    with trio.fail_after(30):
        await trio.to_thread.run_sync(_auto_under_fake_systemd, tmp_path, tmux_socket)
