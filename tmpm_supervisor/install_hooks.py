"""`tmpm install-hooks`: wire Claude Code's settings to the supervisor, and undo it.

Our entries are recognised by their handler: an `http` hook whose URL ends in `/hooks` and
carries `tmpm=1` in its query, or a `command` hook whose command ends with the `# tmpm-hook`
marker. Everything else in the file is left exactly as it was.
"""

from __future__ import annotations

import argparse
import copy
import difflib
import json
import os
import shlex
import sys
from pathlib import Path
from typing import Any

from .atomic import write_atomic
from .paths import FrameworkRoot, resolve_root

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
# Events where the guard blocks when the supervisor cannot be reached.
GUARDED_EVENTS = frozenset({"PreToolUse"})
COMMAND_MARKER = "# tmpm-hook"
URL_MARKER = "tmpm=1"
TOKEN_ENV = "TMPM_API_TOKEN"
FORWARDER = Path(__file__).resolve().parent / "forwarder.py"


def forwarder_command(root: Path | None = None, url: str | None = None, guard: bool = False) -> str:
    """The shell command Claude Code runs for command hooks: the stdlib-only forwarder.

    It runs the interpreter binary itself (not the venv's wrapper link) in isolated mode
    without site packages: the forwarder needs only the standard library, and this is the
    fastest way to start it (see docs/claude-code.md).
    """
    launcher = (
        f"import sys; sys.path.insert(0, {str(FORWARDER.parent)!r}); import forwarder; "
        "sys.exit(forwarder.main(sys.argv[1:]))"
    )  # imported, not run as a script, so its cached bytecode is used (~2 ms saved)
    parts = [os.path.realpath(sys.executable), "-I", "-S", "-c", launcher]
    if root is not None:
        parts += ["--root", str(root)]
    if url:
        parts += ["--url", url]
    if guard:
        parts.append("--guard")
    return " ".join(shlex.quote(p) for p in parts) + " " + COMMAND_MARKER


def hook_settings(
    base_url: str,
    token: str | None,
    events: tuple[str, ...] | list[str] = DEFAULT_EVENTS,
    timeout_s: int = 120,
    command: str | None = None,
    *,
    root: Path | None = None,
    guard: bool = False,
    legacy_guard: bool = False,
) -> dict[str, Any]:
    """Return `{"hooks": {...}}` wiring `events` to the supervisor at `base_url`.

    `token=None` writes `Bearer $TMPM_API_TOKEN` (read from the session's environment) instead
    of the secret itself. With `guard`, PreToolUse blocks when the supervisor is unreachable:
    through `onFailure: "block"` (Claude Code >= 2.1.295), or with `legacy_guard` through the
    forwarder, which exits 2.
    """
    url = f"{base_url.rstrip('/')}/hooks?{URL_MARKER}"
    hooks: dict[str, Any] = {}
    for event in events:
        guarded = guard and event in GUARDED_EVENTS
        if event in COMMAND_ONLY_EVENTS or (guarded and legacy_guard):
            handler: dict[str, Any] = {
                "type": "command",
                "command": command or forwarder_command(root, base_url, guard=guarded),
                "timeout": timeout_s if event not in COMMAND_ONLY_EVENTS else 15,
            }
        else:
            handler = {"type": "http", "url": url, "timeout": timeout_s}
            if token is None:
                handler["headers"] = {"Authorization": f"Bearer ${TOKEN_ENV}"}
                handler["allowedEnvVars"] = [TOKEN_ENV]
            else:
                handler["headers"] = {"Authorization": f"Bearer {token}"}
            if guarded:
                handler["onFailure"] = "block"
        hooks[event] = [{"matcher": "", "hooks": [handler]}]
    return {"hooks": hooks}


def is_ours(handler: Any) -> bool:
    """True for a hook handler that tmpm wrote."""
    if not isinstance(handler, dict):
        return False
    if handler.get("type") == "http":
        url = str(handler.get("url", ""))
        return URL_MARKER in url.split("?", 1)[-1] and "/hooks" in url
    if handler.get("type") == "command":
        return str(handler.get("command", "")).rstrip().endswith(COMMAND_MARKER)
    return False


def remove_ours(settings: dict[str, Any]) -> dict[str, Any]:
    """A copy of `settings` without tmpm's hook handlers (empty groups and events dropped)."""
    result = copy.deepcopy(settings)
    hooks = result.get("hooks")
    if not isinstance(hooks, dict):
        return result
    for event in list(hooks):
        groups = hooks[event]
        if not isinstance(groups, list):
            continue
        kept_groups = []
        for group in groups:
            if isinstance(group, dict) and isinstance(group.get("hooks"), list):
                handlers = [h for h in group["hooks"] if not is_ours(h)]
                if not handlers and group["hooks"]:
                    continue
                group = {**group, "hooks": handlers}
            kept_groups.append(group)
        if kept_groups:
            hooks[event] = kept_groups
        else:
            del hooks[event]
    if not hooks:
        del result["hooks"]
    return result


def merge_ours(settings: dict[str, Any], ours: dict[str, Any]) -> dict[str, Any]:
    """`settings` with tmpm's previous handlers replaced by `ours` (others untouched)."""
    result = remove_ours(settings)
    hooks = result.setdefault("hooks", {})
    for event, groups in ours["hooks"].items():
        hooks.setdefault(event, []).extend(copy.deepcopy(groups))
    return result


class SettingsError(Exception):
    """A settings file that cannot be edited safely (it is left untouched)."""


def read_settings(path: Path) -> dict[str, Any]:
    """Load a settings file (missing = `{}`); raise SettingsError if it is not a JSON object."""
    if not path.exists():
        return {}
    try:
        data = json.loads(path.read_text() or "{}")
    except json.JSONDecodeError as exc:
        raise SettingsError(f"{path}: not valid JSON ({exc.msg} at line {exc.lineno})") from None
    if not isinstance(data, dict):
        raise SettingsError(f"{path}: the top level must be a JSON object")
    if "hooks" in data and not isinstance(data["hooks"], dict):
        raise SettingsError(f"{path}: `hooks` must be an object")
    return data


def render(settings: dict[str, Any]) -> str:
    """The file text for `settings` (2-space JSON, key order kept)."""
    return json.dumps(settings, indent=2, ensure_ascii=False) + "\n"


def settings_path(args: argparse.Namespace) -> Path:
    """The settings file chosen by `--user`, `--project DIR` or `--local` (DIR or cwd)."""
    if args.user:
        return Path.home() / ".claude" / "settings.json"
    project = Path(args.project or ".").resolve()
    name = "settings.json" if args.project and not args.local else "settings.local.json"
    return project / ".claude" / name


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the `install-hooks` options."""
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--user", action="store_true", help="~/.claude/settings.json (all projects)")
    where.add_argument(
        "--project",
        metavar="DIR",
        help="DIR/.claude/settings.json (shared, committed: the token is not written, "
        f"sessions read it from ${TOKEN_ENV}); with --local, DIR/.claude/settings.local.json",
    )
    parser.add_argument(
        "--local",
        action="store_true",
        help="the project's personal settings.local.json (the default target)",
    )
    parser.add_argument("--uninstall", action="store_true", help="remove exactly what tmpm added")
    parser.add_argument("--dry-run", action="store_true", help="print the diff, write nothing")
    parser.add_argument(
        "--events",
        help=f"comma-separated events to wire (default: {','.join(DEFAULT_EVENTS)})",
    )
    guard = parser.add_mutually_exclusive_group()
    guard.add_argument(
        "--guard",
        dest="guard",
        action="store_true",
        default=True,
        help="block tool calls while the supervisor is unreachable (default)",
    )
    guard.add_argument("--no-guard", dest="guard", action="store_false", help="fail open instead")
    parser.add_argument(
        "--legacy-guard",
        action="store_true",
        help="guard through the forwarder (exit 2) for Claude Code older than 2.1.295",
    )
    parser.add_argument("--url", help="supervisor URL (default: the running service's or config)")
    parser.add_argument("--timeout", type=int, default=120, help="hook timeout in seconds")


def plan(args: argparse.Namespace, root: FrameworkRoot) -> tuple[Path, str, str]:
    """Compute (path, old text, new text) for the requested change."""
    from .api_client import base_url

    path = settings_path(args)
    current = read_settings(path)
    old_text = path.read_text() if path.exists() else ""
    if args.uninstall:
        updated = remove_ours(current)
    else:
        events = DEFAULT_EVENTS
        if args.events:
            events = tuple(e.strip() for e in args.events.split(",") if e.strip())
        shared = bool(args.project) and not args.local
        token = None if shared else root.read_token()
        ours = hook_settings(
            base_url(root, args.url),
            token,
            events,
            args.timeout,
            root=root.path,
            guard=args.guard,
            legacy_guard=args.legacy_guard,
        )
        updated = merge_ours(current, ours)
    new_text = render(updated) if updated or path.exists() else ""
    if updated == current and path.exists():
        new_text = old_text  # nothing to change: keep the file byte for byte
    return path, old_text, new_text


def run(args: argparse.Namespace) -> int:
    """Run `tmpm install-hooks`; print what changed (or would change)."""
    root = resolve_root(args.root)
    if not args.uninstall and not root.token_file.exists():
        print(f"tmpm: {root.path} has no API token yet; run 'tmpm init' first", file=sys.stderr)
        return 1
    try:
        path, old_text, new_text = plan(args, root)
    except SettingsError as exc:
        print(f"tmpm: {exc}; not changed", file=sys.stderr)
        return 1
    if old_text == new_text:
        print(f"{path}: already up to date")
        return 0
    diff = difflib.unified_diff(
        old_text.splitlines(keepends=True),
        new_text.splitlines(keepends=True),
        fromfile=f"{path} (before)",
        tofile=f"{path} (after)",
    )
    if args.dry_run:
        sys.stdout.writelines(_redact(line, root) for line in diff)
        return 0
    shared = bool(args.project) and not args.local
    write_atomic(path, new_text.encode(), mode=0o644 if shared else 0o600)
    print(f"{path}: {'hooks removed' if args.uninstall else 'hooks installed'}")
    if shared and not args.uninstall:
        print(
            f"  sessions need the token in their environment: export {TOKEN_ENV}=$(cat {root.token_file})"
        )
    return 0


def _redact(line: str, root: FrameworkRoot) -> str:
    try:
        token = root.read_token()
    except OSError:
        return line
    return line.replace(token, "<token>")
