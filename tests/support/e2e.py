"""Wiring the real Claude Code CLI to a live supervisor with `tmpm install-hooks`."""

from __future__ import annotations

import os
import subprocess
import sys

from tests.support.claude_cli import ClaudeWorkspace
from tmpm_supervisor.paths import FrameworkRoot


def install_hooks(ws: ClaudeWorkspace, root: FrameworkRoot, *args: str) -> None:
    """Run `tmpm install-hooks` for the workspace's project (personal settings.local.json)."""
    result = subprocess.run(
        [sys.executable, "-m", "tmpm_supervisor.cli", "install-hooks", "--local", *args],
        cwd=ws.project,
        env={**os.environ, "TMPM_ROOT": str(root.path), "HOME": str(ws.home)},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
