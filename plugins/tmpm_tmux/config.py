"""The `tmux` config section: `<root>/config/tmux.yaml`."""

from __future__ import annotations

import re
from typing import Literal

from pydantic import Field, field_validator

from tmpm_supervisor.install_hooks import DEFAULT_EVENTS
from tmpm_supervisor.settings import StrictModel

SOCKET_NAME_RE = re.compile(r"^[A-Za-z0-9_.-]{1,64}$")
ENV_NAME_RE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


class TmuxSettings(StrictModel):
    """Where managed sessions run, what they start, and how they are watched."""

    socket_name: str = Field(
        "tmpm", description="Socket name of the dedicated tmux server (`tmux -L <name>`)."
    )
    server_scope: Literal["auto", "systemd-run", "none"] = Field(
        "auto",
        description="How the tmux server is started: `auto` wraps it in `systemd-run --scope` "
        "when the supervisor runs under systemd (INVOCATION_ID set) and systemd-run exists, so "
        "a service restart does not kill it; `systemd-run` always wraps; `none` never wraps.",
    )
    command: list[str] = Field(
        default_factory=lambda: ["claude"],
        min_length=1,
        description="Program and fixed arguments a spawned session runs.",
    )
    args: list[str] = Field(
        default_factory=list, description="Extra arguments appended to `command` on every spawn."
    )
    env: dict[str, str] = Field(
        default_factory=dict, description="Environment variables set in every spawned session."
    )
    wire_hooks: bool = Field(
        True,
        description="Write a per-session settings file with the supervisor's hooks and pass it "
        "to Claude Code with `--settings`.",
    )
    hook_events: list[str] = Field(
        default_factory=lambda: list(DEFAULT_EVENTS),
        description="Hook events wired in that settings file.",
    )
    hook_url: str | None = Field(
        None,
        description="Base URL Claude Code's hooks call; default: the running service's URL "
        "(from state/service.json).",
    )
    exit_text: str = Field(
        "/exit", description="Text typed (then Enter) to ask Claude Code to exit on stop."
    )
    stop_grace_s: float = Field(
        10.0, ge=0, le=600, description="How long stop waits for the program to exit, then kills."
    )
    reap_interval_s: float = Field(
        2.0, gt=0, le=3600, description="How often the reaper compares the store with tmux."
    )
    auto_resume: bool = Field(
        False,
        description="At start, resume sessions that were running but are gone from tmux "
        "(and have a Claude session id).",
    )
    history_limit: int = Field(
        50_000, ge=100, le=10_000_000, description="Scrollback lines kept per pane."
    )
    width: int = Field(200, ge=20, le=1000, description="Columns of a new session's window.")
    height: int = Field(50, ge=5, le=500, description="Rows of a new session's window.")
    snapshot_lines: int = Field(
        200, ge=0, le=1_000_000, description="Default scrollback lines in a snapshot."
    )

    @field_validator("socket_name")
    @classmethod
    def _check_socket_name(cls, value: str) -> str:
        if not SOCKET_NAME_RE.match(value):
            raise ValueError("must be 1-64 letters, digits, '.', '_' or '-'")
        return value

    @field_validator("env")
    @classmethod
    def _check_env(cls, value: dict[str, str]) -> dict[str, str]:
        for name in value:
            if not ENV_NAME_RE.match(name):
                raise ValueError(f"{name!r} is not a valid environment variable name")
        return value
