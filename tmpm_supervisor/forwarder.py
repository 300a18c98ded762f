"""`tmpm hook`: forward one hook payload from stdin to the supervisor.

Claude Code runs this for hooks that cannot be `http` hooks (SessionStart), and for the
fail-closed guard on CLIs without `onFailure`. It must start fast, so it uses the standard
library only and `install-hooks` runs it as `python -I -S forwarder.py` (no site packages, no
package imports): about as fast as curl (see docs/claude-code.md).

Exit codes (Claude Code's contract): 0 with the supervisor's JSON on stdout; 2 to block
(guard mode, PreToolUse, supervisor unreachable) with the reason on stderr; 1 for other
failures (non-blocking, the message is shown to the user).
"""

from __future__ import annotations

import http.client
import json
import os
import sys
import urllib.parse
from collections.abc import Sequence

DEFAULT_URL = "http://127.0.0.1:8765"
CONNECT_TIMEOUT_S = 2.0
GUARDED_EVENTS = ("PreToolUse", "PermissionRequest")


def _parse_args(argv: Sequence[str]) -> dict[str, str | bool]:
    options: dict[str, str | bool] = {"guard": False}
    items = list(argv)
    while items:
        item = items.pop(0)
        if item == "--guard":
            options["guard"] = True
        elif item in ("--root", "--url", "--timeout") and items:
            options[item[2:]] = items.pop(0)
        elif item.startswith(("--root=", "--url=", "--timeout=")):
            key, value = item[2:].split("=", 1)
            options[key] = value
        else:
            raise SystemExit(f"tmpm hook: unknown argument {item!r}")
    return options


def _root(options: dict[str, str | bool]) -> str:
    root = options.get("root") or os.environ.get("TMPM_ROOT")
    return str(root) if root else os.path.join(os.path.expanduser("~"), ".tmpm")


def _service_url(root: str, fallback: str) -> str:
    """The running service's URL from state/service.json, else `fallback`."""
    try:
        with open(os.path.join(root, "state", "service.json")) as handle:
            data = json.load(handle)
        os.kill(int(data["pid"]), 0)
        return str(data["url"])
    except (OSError, ValueError, KeyError, TypeError):
        return fallback


def _event_name(payload: bytes) -> str:
    try:
        return str(json.loads(payload).get("hook_event_name", ""))
    except (ValueError, AttributeError):
        return ""


def forward(payload: bytes, url: str, token: str, timeout: float) -> tuple[int, bytes]:
    """POST `payload` to `<url>/hooks`; return (status, body). Raises OSError if unreachable."""
    parsed = urllib.parse.urlsplit(url)
    connection = http.client.HTTPConnection(
        parsed.hostname or "127.0.0.1", parsed.port or 80, timeout=CONNECT_TIMEOUT_S
    )
    try:
        connection.connect()
        connection.sock.settimeout(timeout)
        headers = {
            "Content-Type": "application/json",
            "Authorization": f"Bearer {token}",
            "X-Tmpm-Pid": os.environ.get("CLAUDE_PID") or str(os.getppid()),
        }
        pane = os.environ.get("TMUX_PANE")
        if pane:
            headers["X-Tmpm-Tmux-Pane"] = pane
        connection.request(
            "POST", parsed.path.rstrip("/") + "/hooks", body=payload, headers=headers
        )
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


def main(argv: Sequence[str]) -> int:
    """Forward stdin to the supervisor; return Claude Code's expected exit code."""
    options = _parse_args(argv)
    root = _root(options)
    payload = sys.stdin.buffer.read()
    url = _service_url(root, str(options.get("url") or DEFAULT_URL))
    timeout = float(options.get("timeout") or 600)
    problem = ""
    try:
        with open(os.path.join(root, "api-token")) as handle:
            token = handle.read().strip()
        status, body = forward(payload, url, token, timeout)
        if 200 <= status < 300:
            sys.stdout.buffer.write(body)
            return 0
        problem = f"the supervisor answered {status}: {body[:300].decode(errors='replace')}"
    except OSError as exc:
        problem = f"the supervisor at {url} is unreachable ({exc.__class__.__name__}: {exc})"
    if options["guard"] and _event_name(payload) in GUARDED_EVENTS:
        sys.stderr.write(
            f"Blocked by the tmpm guard: {problem}. Start it (tmpm serve / systemctl --user "
            "start tmpm) or remove the guard (tmpm install-hooks --no-guard).\n"
        )
        return 2
    sys.stderr.write(f"tmpm hook: {problem}\n")
    return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
