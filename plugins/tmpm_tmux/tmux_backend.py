"""Synchronous tmux operations through libtmux; callers run them in a worker thread.

Every function opens its own `libtmux.Server` handle (cheap: no process is started) so the
functions are safe to call from any thread.
"""

from __future__ import annotations

import shlex
import subprocess
from dataclasses import dataclass

import libtmux
from libtmux.exc import LibTmuxException

SHELLS = frozenset({"bash", "sh", "zsh", "fish", "dash", "ksh", "tcsh", "csh"})


@dataclass(frozen=True, slots=True)
class ServerRef:
    """Which tmux server: a socket name (`-L`) or a socket path (`-S`)."""

    socket_name: str | None = None
    socket_path: str | None = None

    def server(self) -> libtmux.Server:
        """A libtmux handle for this server."""
        if self.socket_path:
            return libtmux.Server(socket_path=self.socket_path)
        return libtmux.Server(socket_name=self.socket_name)

    def tmux_argv(self) -> list[str]:
        """`tmux` plus the socket option for running tmux directly."""
        if self.socket_path:
            return ["tmux", "-S", self.socket_path]
        return ["tmux", "-L", self.socket_name or "default"]


@dataclass(frozen=True, slots=True)
class PaneState:
    """What tmux says about the first pane of a session."""

    session_name: str
    pane_id: str
    pane_pid: int | None
    dead: bool
    dead_status: int | None
    dead_signal: int | None
    current_command: str

    @property
    def exit_known(self) -> bool:
        """True when tmux has recorded how a dead pane's program ended (status or signal)."""
        return self.dead_status is not None or self.dead_signal is not None


def server_alive(ref: ServerRef) -> bool:
    """True when the tmux server answers."""
    return ref.server().is_alive()


def start_server(ref: ServerRef, prefix: list[str], history_limit: int) -> None:
    """Start the dedicated server (through `prefix`, e.g. systemd-run) unless it runs.

    The server is kept alive without sessions (`exit-empty off`) and keeps dead panes
    (`remain-on-exit on`) so the reaper can see how a program ended and a snapshot can still
    show its last screen.
    """
    if server_alive(ref):
        return
    argv = [
        *prefix,
        *ref.tmux_argv(),
        "start-server",
        ";",
        "set-option",
        "-g",
        "exit-empty",
        "off",
        ";",
        "set-option",
        "-g",
        "history-limit",
        str(history_limit),
        ";",
        "set-option",
        "-wg",
        "remain-on-exit",
        "on",
    ]
    result = subprocess.run(argv, capture_output=True, text=True, timeout=20)
    if result.returncode != 0 or not server_alive(ref):
        raise RuntimeError(
            f"cannot start the tmux server ({shlex.join(argv)}): "
            f"{(result.stderr or result.stdout).strip() or 'exit ' + str(result.returncode)}"
        )


def new_session(
    ref: ServerRef,
    name: str,
    directory: str,
    argv: list[str],
    env: dict[str, str],
    width: int,
    height: int,
) -> PaneState:
    """Create a detached session `name` running `argv` in `directory`; return its pane."""
    session = ref.server().new_session(
        session_name=name,
        start_directory=directory,
        window_command=shlex.join(argv),
        x=width,
        y=height,
        environment=env or None,
    )
    # Windows on an adopted or foreign server may lack the server-wide default.
    session.active_window.set_option("remain-on-exit", "on")
    state = pane_state(ref, name)
    if state is None:
        raise RuntimeError(f"tmux session {name} vanished right after it was created")
    return state


def _first_pane(ref: ServerRef, name: str) -> libtmux.Pane | None:
    """The first pane of the session's active window, found with one `list-panes -a` call."""
    try:
        panes = [p for p in ref.server().panes if p.session_name == name and p.window_active == "1"]
    except LibTmuxException:
        return None
    if not panes:
        return None
    return min(panes, key=lambda p: int(p.pane_index or 0))


def _state_of(name: str, pane: libtmux.Pane) -> PaneState:
    return PaneState(
        session_name=name,
        pane_id=pane.pane_id or "",
        pane_pid=int(pane.pane_pid) if pane.pane_pid else None,
        dead=pane.pane_dead == "1",
        dead_status=int(pane.pane_dead_status) if pane.pane_dead_status else None,
        dead_signal=int(pane.pane_dead_signal) if pane.pane_dead_signal else None,
        current_command=pane.pane_current_command or "",
    )


def pane_state(ref: ServerRef, name: str) -> PaneState | None:
    """The first pane of session `name`, or None when the session (or server) is gone."""
    pane = _first_pane(ref, name)
    return _state_of(name, pane) if pane is not None else None


def list_states(ref: ServerRef) -> dict[str, PaneState]:
    """Every session on the server with its first pane; empty when the server is down."""
    try:
        panes = [p for p in ref.server().panes if p.window_active == "1"]
    except LibTmuxException:
        return {}
    states: dict[str, PaneState] = {}
    for pane in sorted(panes, key=lambda p: int(p.pane_index or 0), reverse=True):
        if pane.session_name:
            states[pane.session_name] = _state_of(pane.session_name, pane)
    return states


def send_text(ref: ServerRef, name: str, text: str, enter: bool) -> bool:
    """Type `text` literally into the session's pane, then Enter if asked; False if gone."""
    pane = _first_pane(ref, name)
    if pane is None or pane.pane_dead == "1":
        return False
    if text:
        pane.send_keys(text, enter=False, literal=True)
    if enter:
        pane.send_keys("Enter", enter=False)
    return True


def send_keys(ref: ServerRef, name: str, keys: list[str]) -> bool:
    """Send tmux key names (`C-c`, `Escape`, `Enter`...) one by one; False if gone."""
    pane = _first_pane(ref, name)
    if pane is None or pane.pane_dead == "1":
        return False
    for key in keys:
        pane.send_keys(key, enter=False)
    return True


def capture(ref: ServerRef, name: str, lines: int) -> str | None:
    """The pane's visible text plus up to `lines` of scrollback; None when gone."""
    pane = _first_pane(ref, name)
    if pane is None:
        return None
    captured = pane.capture_pane(start=-lines if lines > 0 else None)
    text = "\n".join(captured or [])
    return text.rstrip("\n") + "\n"


def kill_session(ref: ServerRef, name: str) -> bool:
    """Kill session `name`; False when it did not exist."""
    try:
        session = ref.server().sessions.get(session_name=name, default=None)
    except LibTmuxException:
        return False
    if session is None:
        return False
    session.kill()
    return True


def process_args(pid: int) -> list[list[str]]:
    """Command lines of `pid` and its descendants (Linux /proc), for finding Claude's ids."""
    found: list[list[str]] = []
    queue = [pid]
    seen: set[int] = set()
    while queue and len(seen) < 64:
        current = queue.pop()
        if current in seen:
            continue
        seen.add(current)
        try:
            with open(f"/proc/{current}/cmdline", "rb") as handle:
                found.append([a.decode(errors="replace") for a in handle.read().split(b"\0") if a])
            with open(f"/proc/{current}/task/{current}/children") as handle:
                queue.extend(int(c) for c in handle.read().split())
        except (OSError, ValueError):
            continue
    return found


def pane_path(ref: ServerRef, name: str) -> str | None:
    """The current folder of the session's first pane, or None when it is gone."""
    pane = _first_pane(ref, name)
    return pane.pane_current_path if pane is not None else None


def keep_dead_panes(ref: ServerRef, name: str) -> None:
    """Set `remain-on-exit on` on the session's active window (adopted sessions)."""
    session = ref.server().sessions.get(session_name=name, default=None)
    if session is not None:
        session.active_window.set_option("remain-on-exit", "on")
