"""`tmpm hook`: forward one hook payload from stdin to the supervisor.

Claude Code runs this for hooks that cannot be `http` hooks (SessionStart), and for the
fail-closed guard on CLIs without `onFailure`. It must start fast, so it uses the standard
library only and `install-hooks` runs it as `python -I -S forwarder.py` (no site packages, no
package imports). It speaks the little HTTP/1.1 it needs over a plain socket because importing
`http.client` alone costs about 39 ms (it pulls in `ssl` and the `email` parser), four times
what a whole curl call to the supervisor costs; see docs/claude-code.md for the figures.

Exit codes (Claude Code's contract): 0 with the supervisor's JSON on stdout; 2 to block
(guard mode, PreToolUse, supervisor unreachable) with the reason on stderr; 1 for other
failures (non-blocking, the message is shown to the user).
"""

from __future__ import annotations

import _socket  # the C module: `socket` would add ~7 ms of imports (enum, selectors)
import os
import sys

DEFAULT_URL = "http://127.0.0.1:8765"
CONNECT_TIMEOUT_S = 2.0
GUARDED_EVENTS = ("PreToolUse", "PermissionRequest")


def _parse_args(argv: list[str]) -> dict[str, str | bool]:
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
            text = handle.read()
        pid = int(_json_value(text, "pid"))
        os.kill(pid, 0)
        return _json_value(text, "url")
    except (OSError, ValueError):
        return fallback


def _json_value(text: str, key: str) -> str:
    """One scalar value from our own small JSON files, without importing json."""
    marker = f'"{key}": '
    start = text.index(marker) + len(marker)
    end = min(
        i for i in (text.find(",", start), text.find("\n", start), text.find("}", start)) if i >= 0
    )
    return text[start:end].strip().strip('"')


def _event_name(payload: bytes) -> str:
    import json  # only needed on the (rare) failure path

    try:
        return str(json.loads(payload).get("hook_event_name", ""))
    except (ValueError, AttributeError):
        return ""


def _split_url(url: str) -> tuple[str, int, str]:
    rest = url.split("://", 1)[-1]
    hostport, _, path = rest.partition("/")
    if hostport.startswith("["):
        host, _, port = hostport[1:].partition("]")
        port = port.lstrip(":")
    else:
        host, _, port = hostport.partition(":")
    return host or "127.0.0.1", int(port or 80), "/" + path.rstrip("/")


def forward(payload: bytes, url: str, token: str, timeout: float) -> tuple[int, bytes]:
    """POST `payload` to `<url>/hooks`; return (status, body). Raises OSError if unreachable."""
    host, port, path = _split_url(url)
    headers = [
        f"POST {path.rstrip('/')}/hooks HTTP/1.1",
        f"Host: {host if ':' not in host else '[' + host + ']'}:{port}",
        "Content-Type: application/json",
        f"Content-Length: {len(payload)}",
        f"Authorization: Bearer {token}",
        f"X-Tmpm-Pid: {os.environ.get('CLAUDE_PID') or os.getppid()}",
        "Connection: close",
    ]
    pane = os.environ.get("TMUX_PANE")
    if pane:
        headers.append(f"X-Tmpm-Tmux-Pane: {pane}")
    request = ("\r\n".join(headers) + "\r\n\r\n").encode() + payload
    family, kind, proto, _, address = _socket.getaddrinfo(
        host.encode("ascii"),
        port,
        0,
        _socket.SOCK_STREAM,  # bytes: no idna codec import
    )[0]
    sock = _socket.socket(family, kind, proto)
    try:
        sock.settimeout(CONNECT_TIMEOUT_S)
        sock.connect(address)
        sock.settimeout(timeout)
        sock.sendall(request)
        return _read_response(sock)
    finally:
        sock.close()


def _read_response(sock: _socket.socket) -> tuple[int, bytes]:
    """Read one response; stop when its body is complete (the server may keep the socket)."""
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = sock.recv(65536)
        if not chunk:
            raise OSError("connection closed before the response headers")
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    lines = head.split(b"\r\n")
    status = int(lines[0].split()[1])
    fields = {}
    for line in lines[1:]:
        name, _, value = line.partition(b":")
        fields[name.strip().lower()] = value.strip()
    if b"content-length" in fields:
        length = int(fields[b"content-length"])
        while len(body) < length:
            chunk = sock.recv(65536)
            if not chunk:
                raise OSError("connection closed before the end of the response body")
            body += chunk
        return status, body[:length]
    while True:  # chunked or close-delimited
        chunk = sock.recv(65536)
        if not chunk:
            break
        body += chunk
        if fields.get(b"transfer-encoding", b"").lower() == b"chunked" and body.endswith(
            b"0\r\n\r\n"
        ):
            break
    if fields.get(b"transfer-encoding", b"").lower() == b"chunked":
        body = _dechunk(body)
    return status, body


def _dechunk(data: bytes) -> bytes:
    out = []
    while data:
        size_line, _, data = data.partition(b"\r\n")
        size = int(size_line.split(b";")[0], 16)
        if size == 0:
            break
        out.append(data[:size])
        data = data[size + 2 :]
    return b"".join(out)


def main(argv: list[str]) -> int:
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
