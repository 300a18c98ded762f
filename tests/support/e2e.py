"""Wiring the real Claude Code CLI to a live supervisor with `tmpm install-hooks`."""

from __future__ import annotations

from tests.support.claude_cli import ClaudeWorkspace
from tests.support.process import run_cli
from tmpm_supervisor.paths import FrameworkRoot


def install_hooks(ws: ClaudeWorkspace, root: FrameworkRoot, *args: str) -> None:
    """Run `tmpm install-hooks` for the workspace's project (personal settings.local.json)."""
    env = {"TMPM_ROOT": str(root.path), "HOME": str(ws.home)}
    result = run_cli("install-hooks", "--local", *args, env=env, cwd=ws.project)
    assert result.returncode == 0, result.stderr
