"""Helpers for tests with a real tmux server on a private socket."""

from __future__ import annotations

import os
import subprocess
import uuid
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import trio


def unique_socket() -> str:
    """A socket name no other test uses."""
    return f"tmpm-test-{uuid.uuid4().hex[:10]}"


def socket_file(socket_name: str) -> Path:
    """Where tmux puts the socket of `tmux -L socket_name`."""
    base = Path(os.environ.get("TMUX_TMPDIR") or "/tmp")
    return base / f"tmux-{os.getuid()}" / socket_name


def kill_server(socket_name: str) -> None:
    """Kill the private tmux server (ignore one that is not running) and remove its socket
    file, which tmux 3.3a leaves behind."""
    subprocess.run(["tmux", "-L", socket_name, "kill-server"], capture_output=True, timeout=10)
    socket_file(socket_name).unlink(missing_ok=True)


def tmux_config(socket_name: str, **extra: Any) -> str:
    """A `config/tmux.yaml` for tests: private socket, fast reaper, short grace."""
    values = {
        "socket_name": socket_name,
        "server_scope": "none",
        "reap_interval_s": 0.2,
        "stop_grace_s": 2.0,
        **extra,
    }
    import json

    return "\n".join(f"{key}: {json.dumps(value)}" for key, value in values.items()) + "\n"


async def wait_for(
    check: Callable[[], Awaitable[Any]], timeout: float = 10.0, interval: float = 0.05
) -> Any:
    """Poll `check` until it returns a truthy value; fail after `timeout` seconds."""
    with trio.fail_after(timeout):
        while True:
            value = await check()
            if value:
                return value
            await trio.sleep(interval)
