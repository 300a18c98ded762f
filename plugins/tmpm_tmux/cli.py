"""`tmpm sessions ...`: the tmux plugin's command line, a thin client of `/tmux/...`."""

from __future__ import annotations

import argparse
import json
import os
import sys
from typing import Any
from urllib.parse import quote


def _env_pair(text: str) -> tuple[str, str]:
    name, sep, value = text.partition("=")
    if not sep or not name:
        raise argparse.ArgumentTypeError(f"expected NAME=VALUE, got {text!r}")
    return name, value


def add_commands(subparsers: argparse._SubParsersAction) -> None:
    """Register `sessions` and its actions on the `tmpm` parser."""
    parser = subparsers.add_parser("sessions", help="managed tmux sessions")
    parser.add_argument("--url", help="API base URL (default: the running service)")
    sub = parser.add_subparsers(dest="sessions_command", metavar="ACTION")

    sub.add_parser("list", help="list managed sessions").set_defaults(func=cmd_list)

    spawn = sub.add_parser("spawn", help="start a session in tmux")
    spawn.add_argument("project", help="project directory")
    spawn.add_argument("--name", help="session name (default: <project folder>-<n>)")
    spawn.add_argument(
        "--env",
        action="append",
        type=_env_pair,
        default=[],
        metavar="NAME=VALUE",
        help="extra environment (repeatable)",
    )
    spawn.add_argument(
        "--no-claude",
        action="store_true",
        help="the command is not Claude Code: add no session flags",
    )
    spawn.add_argument(
        "command",
        nargs="*",
        help="command to run instead of the configured one (after --)",
    )
    spawn.set_defaults(func=cmd_spawn)

    for action, helptext in (
        ("show", "show one session"),
        ("stop", "stop a session"),
        ("resume", "restart a stopped session"),
    ):
        one = sub.add_parser(action, help=helptext)
        one.add_argument("name", help="session name or Claude session id")
        one.set_defaults(func=cmd_one, action=action)

    snapshot = sub.add_parser("snapshot", help="print the pane text with scrollback")
    snapshot.add_argument("name")
    snapshot.add_argument("--lines", type=int, help="scrollback lines (default from config)")
    snapshot.set_defaults(func=cmd_snapshot)

    send = sub.add_parser("send", help="type text (then Enter) or send keys")
    send.add_argument("name")
    send.add_argument("text", nargs="?", help="text to type")
    send.add_argument("--no-enter", action="store_true", help="do not press Enter after text")
    send.add_argument("--keys", nargs="+", help="tmux key names instead of text (C-c, Escape)")
    send.set_defaults(func=cmd_send)

    adopt = sub.add_parser("adopt", help="take over an existing tmux session")
    adopt.add_argument("target", help="tmux session name")
    adopt.add_argument("--socket-name", help="tmux -L name (default: the dedicated server)")
    adopt.add_argument("--socket-path", help="tmux -S path")
    adopt.add_argument("--session-id", help="the Claude Code session id, if known")
    adopt.set_defaults(func=cmd_adopt)
    parser.set_defaults(func=lambda args: (parser.print_help(), 2)[1])


def _call(args: argparse.Namespace, method: str, path: str, body: Any = None) -> tuple[int, Any]:
    from tmpm_supervisor.api_client import ApiUnavailable, call_api
    from tmpm_supervisor.paths import resolve_root

    try:
        response = call_api(resolve_root(args.root), method, path, body, url=args.url, timeout=60.0)
    except (ApiUnavailable, FileNotFoundError) as exc:
        print(f"tmpm: {exc}", file=sys.stderr)
        return 3, None
    if response.status >= 400:
        error = (response.body or {}).get("error", {}) if isinstance(response.body, dict) else {}
        print(f"tmpm: {error.get('message') or response.body}", file=sys.stderr)
        return 1, response.body
    return 0, response.body


def _print(code_body: tuple[int, Any]) -> int:
    code, body = code_body
    if code == 0:
        print(json.dumps(body, indent=2))
    return code


def cmd_list(args: argparse.Namespace) -> int:
    """`tmpm sessions list`: one line per session (name, status, Claude id, project)."""
    code, body = _call(args, "GET", "/tmux/sessions")
    if code:
        return code
    for item in body["sessions"]:
        print(
            f"{item['name']:<24} {item['status']:<9} {item['claude_session_id'] or '-':<36} "
            f"{item['project']}"
        )
    return 0


def cmd_spawn(args: argparse.Namespace) -> int:
    """`tmpm sessions spawn PROJECT [--name N] [--env K=V] [-- COMMAND...]`."""
    command = [c for c in args.command if c != "--"] or None
    body: dict[str, Any] = {"project": os.path.abspath(args.project), "command": command}
    if args.name:
        body["name"] = args.name
    if args.env:
        body["env"] = dict(args.env)
    if args.no_claude:
        body["claude"] = False
    return _print(_call(args, "POST", "/tmux/sessions", body))


def cmd_one(args: argparse.Namespace) -> int:
    """`tmpm sessions show|stop|resume NAME`."""
    path = f"/tmux/sessions/{quote(args.name, safe='')}"
    if args.action == "show":
        return _print(_call(args, "GET", path))
    return _print(_call(args, "POST", f"{path}/{args.action}", {}))


def cmd_snapshot(args: argparse.Namespace) -> int:
    """`tmpm sessions snapshot NAME [--lines N]`: print the pane text."""
    body = {"lines": args.lines} if args.lines is not None else {}
    code, result = _call(args, "POST", f"/tmux/sessions/{quote(args.name, safe='')}/snapshot", body)
    if code == 0:
        sys.stdout.write(result["text"])
    return code


def cmd_send(args: argparse.Namespace) -> int:
    """`tmpm sessions send NAME TEXT [--no-enter]` or `... NAME --keys C-c`."""
    if (args.text is None) == (args.keys is None):
        print("tmpm: give either TEXT or --keys", file=sys.stderr)
        return 2
    body: dict[str, Any] = (
        {"keys": args.keys} if args.keys else {"text": args.text, "enter": not args.no_enter}
    )
    return _print(_call(args, "POST", f"/tmux/sessions/{quote(args.name, safe='')}/send", body))


def cmd_adopt(args: argparse.Namespace) -> int:
    """`tmpm sessions adopt TARGET [--socket-name N | --socket-path P] [--session-id ID]`."""
    body: dict[str, Any] = {"target": args.target}
    if args.socket_name:
        body["socket_name"] = args.socket_name
    if args.socket_path:
        body["socket_path"] = args.socket_path
    if args.session_id:
        body["claude_session_id"] = args.session_id
    return _print(_call(args, "POST", "/tmux/adopt", body))
