"""Shared fixtures: framework roots, a live supervisor, payload samples, the real CLI."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import trio

from tests.support.claude_cli import claude_binary
from tests.support.live import LiveSupervisor, make_root, start_live

SHARED = Path(__file__).resolve().parent.parent.parent / "shared"
SAMPLES = SHARED / "samples" / "claude-code"


def load_sample(name: str) -> dict[str, Any]:
    """Load a sample payload by its path under ../shared/samples/claude-code/."""
    return json.loads((SAMPLES / name).read_text())


@pytest.fixture
def sample() -> Callable[[str], dict[str, Any]]:
    """Loader for the shared payload samples."""
    return load_sample


@pytest.fixture
async def live(nursery: trio.Nursery, tmp_path: Path) -> LiveSupervisor:
    """A supervisor with the default config on an ephemeral port."""
    root = make_root(tmp_path / "root")
    supervisor = await start_live(nursery, root)
    yield supervisor
    await supervisor.client.aclose()
    supervisor.handle.stop()


@pytest.fixture
async def live_factory(nursery: trio.Nursery, tmp_path: Path):
    """Start supervisors with extra files: `await live_factory({"config/x.yaml": "..."})`."""
    started: list[LiveSupervisor] = []

    async def start(files: dict[str, str] | None = None, name: str = "root") -> LiveSupervisor:
        root = make_root(tmp_path / name, files)
        supervisor = await start_live(nursery, root)
        started.append(supervisor)
        return supervisor

    yield start
    for supervisor in started:
        await supervisor.client.aclose()
        supervisor.handle.stop()


@pytest.fixture
def claude_bin() -> Path:
    """The real Claude Code CLI; the test is skipped locally (never in CI) if it is missing."""
    binary = claude_binary()
    if binary is None:
        import os

        if os.environ.get("CI"):
            pytest.fail("the Claude Code CLI is not installed (scripts/install-claude-cli.sh)")
        pytest.skip("the Claude Code CLI is not installed (scripts/install-claude-cli.sh)")
    return binary


@pytest.fixture
def tmux_socket():
    """A unique private tmux socket name; its server is killed after the test."""
    from tests.support.tmux import kill_server, unique_socket

    name = unique_socket()
    yield name
    kill_server(name)
