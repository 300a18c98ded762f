"""Wiring Claude Code to the supervisor: the hook entries tmpm writes into settings files.

`hook_settings()` builds the entries; the `install-hooks` command merges them into a settings
file (refined by the Claude Code integration work).
"""

from __future__ import annotations

import argparse
import shlex
import sys
from typing import Any

# Events wired by default: what the overseer, optimizer, notifiers and tmux plugins use.
DEFAULT_EVENTS: tuple[str, ...] = (
    "SessionStart",
    "UserPromptSubmit",
    "PreToolUse",
    "PermissionRequest",
    "PostToolUse",
    "PostToolUseFailure",
    "Notification",
    "Stop",
    "SubagentStop",
    "SessionEnd",
)
# http hooks are never sent for these: they need a command hook (the forwarder).
COMMAND_ONLY_EVENTS = frozenset({"SessionStart", "Setup"})
MARKER = "tmpm"


def forwarder_command(tmpm_executable: str | None = None) -> str:
    """The shell command Claude Code runs for command hooks."""
    executable = tmpm_executable or shlex.quote(sys.executable) + " -m tmpm_supervisor.cli"
    return f"{executable} hook"


def hook_settings(
    base_url: str,
    token: str,
    events: tuple[str, ...] | list[str] = DEFAULT_EVENTS,
    timeout_s: int = 120,
    command: str | None = None,
) -> dict[str, Any]:
    """Return `{"hooks": {...}}` wiring `events` to the supervisor at `base_url`."""
    hooks: dict[str, Any] = {}
    for event in events:
        if event in COMMAND_ONLY_EVENTS:
            handler = {"type": "command", "command": command or forwarder_command(), "timeout": 10}
        else:
            handler = {
                "type": "http",
                "url": f"{base_url.rstrip('/')}/hooks",
                "headers": {"Authorization": f"Bearer {token}"},
                "timeout": timeout_s,
            }
        hooks[event] = [{"matcher": "", "hooks": [handler]}]
    return {"hooks": hooks}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the `install-hooks` options."""


def run(args: argparse.Namespace) -> int:
    """Run `tmpm install-hooks`."""
    print("tmpm install-hooks: not implemented yet", file=sys.stderr)
    return 1
