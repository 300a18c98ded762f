"""Where the tmux server lives: its own systemd scope when the supervisor runs under systemd.

A process forked by a systemd service stays in the service's control group, and a restart
with the default `KillMode=control-group` kills it. Starting the tmux server through
`systemd-run --scope` puts it in a transient scope unit of its own, so managed sessions
survive supervisor restarts and crashes.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Mapping


def under_systemd(environ: Mapping[str, str]) -> bool:
    """True when this process was started by systemd as a service (INVOCATION_ID is set)."""
    return bool(environ.get("INVOCATION_ID"))


def scope_prefix(
    mode: str,
    socket_name: str,
    environ: Mapping[str, str] | None = None,
    systemd_run: str | None = None,
    euid: int | None = None,
) -> list[str]:
    """Return the argv prefix that starts the tmux server in its own scope, or `[]`.

    `mode` is `auto` (wrap only under systemd with systemd-run available), `systemd-run`
    (always wrap; raises RuntimeError if systemd-run is missing) or `none`. Root uses the
    system manager, everyone else `--user`.
    """
    environ = os.environ if environ is None else environ
    binary = systemd_run if systemd_run is not None else shutil.which("systemd-run")
    if mode == "none":
        return []
    if mode == "auto" and not (under_systemd(environ) and binary):
        return []
    if not binary:
        raise RuntimeError("server_scope is systemd-run but systemd-run is not on PATH")
    uid = os.geteuid() if euid is None else euid
    manager = [] if uid == 0 else ["--user"]
    return [
        binary,
        *manager,
        "--scope",
        "--quiet",
        "--collect",
        f"--unit=tmpm-tmux-{socket_name}-{os.getpid()}",
        "--description=tmpm tmux server",
    ]
