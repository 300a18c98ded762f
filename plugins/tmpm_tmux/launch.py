"""Building what a spawned session runs: argv, environment and the hook settings file."""

from __future__ import annotations

import json
import re
from pathlib import Path

from tmpm_supervisor.atomic import write_json_atomic
from tmpm_supervisor.install_hooks import hook_settings
from tmpm_supervisor.paths import FrameworkRoot

from .config import TmuxSettings
from .store import SessionRecord

NAME_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")


def readable_name(project: str, taken: set[str]) -> str:
    """`<project folder>-<n>` with the lowest free n, reduced to tmux-safe characters."""
    stem = re.sub(r"[^A-Za-z0-9_-]+", "-", Path(project).name).strip("-_")[:40] or "session"
    number = 1
    while f"{stem}-{number}" in taken:
        number += 1
    return f"{stem}-{number}"


def is_claude(argv: list[str]) -> bool:
    """True when `argv` starts the Claude Code CLI (its program is named `claude`)."""
    return bool(argv) and Path(argv[0]).name == "claude"


def service_url(root: FrameworkRoot) -> str | None:
    """The URL the running service wrote to `state/service.json`, or None."""
    try:
        return str(json.loads((root.state_dir / "service.json").read_text())["url"])
    except (OSError, ValueError, KeyError, TypeError):
        return None


def write_hook_settings(
    root: FrameworkRoot, config: TmuxSettings, record: SessionRecord
) -> str | None:
    """Write the session's `--settings` file wiring hooks to this supervisor; return its path.

    Returns None when hooks are not wired (disabled, or no URL is known yet). The file holds
    the API token, so it is written with mode 0600.
    """
    url = config.hook_url or service_url(root)
    if not config.wire_hooks or not url:
        return None
    path = root.state_dir / "tmux" / f"{record.name}.settings.json"
    write_json_atomic(
        path, hook_settings(url, root.read_token(), config.hook_events, root=root.path)
    )
    return str(path)


def launch_argv(record: SessionRecord, settings_file: str | None, resume: bool) -> list[str]:
    """The full argv for a (re)start: base argv plus Claude Code's session flags.

    A Claude session whose conversation has started is resumed with `--resume <id>`; one
    that never got a prompt has no transcript to resume and starts again with
    `--session-id <id>` so hook events keep mapping to the same managed session.
    """
    argv = list(record.argv)
    if record.claude and record.claude_session_id:
        if resume and record.conversation_started:
            argv += ["--resume", record.claude_session_id]
        else:
            argv += ["--session-id", record.claude_session_id]
    if record.claude and settings_file:
        argv += ["--settings", settings_file]
    return argv


def claude_id_from_args(commands: list[list[str]]) -> str | None:
    """Find a Claude Code session id in process command lines (`--session-id`/`--resume`)."""
    for argv in commands:
        for flag in ("--session-id", "--resume", "-r"):
            if flag in argv:
                index = argv.index(flag)
                if index + 1 < len(argv) and not argv[index + 1].startswith("-"):
                    return argv[index + 1]
    return None


def strip_session_flags(argv: list[str]) -> list[str]:
    """Drop `--session-id/--resume/--settings <value>` so a resume can add fresh ones."""
    out: list[str] = []
    skip = False
    for arg in argv:
        if skip:
            skip = False
            continue
        if arg in ("--session-id", "--resume", "-r", "--settings"):
            skip = True
            continue
        out.append(arg)
    return out
