"""HTTP routes under `/tmux/...`: list, spawn, show, stop, resume, snapshot, send, adopt."""

from __future__ import annotations

import json
import os
import re
from typing import Any

from tmpm_supervisor.http_errors import ApiError
from tmpm_supervisor.plugin_api import Route

from .config import ENV_NAME_RE, SOCKET_NAME_RE
from .launch import NAME_RE
from .manager import manager_for
from .store import SessionRecord

KEY_RE = re.compile(r"^[A-Za-z0-9_+-]{1,32}$")
MAX_TEXT = 64 * 1024


async def _body(request: Any, required: bool = True) -> dict[str, Any]:
    """Decode a JSON object body; ApiError 400 naming the problem."""
    raw = await request.get_data(cache=False)
    if not raw:
        if required:
            raise ApiError(400, "empty_body", "the request body is empty; send a JSON object")
        return {}
    try:
        value = json.loads(raw)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ApiError(400, "invalid_json", f"the body is not valid JSON: {exc}") from None
    if not isinstance(value, dict):
        raise ApiError(400, "invalid_body", "send a JSON object")
    return value


def _check_keys(body: dict[str, Any], allowed: set[str]) -> None:
    unknown = sorted(set(body) - allowed)
    if unknown:
        raise ApiError(
            400,
            "unknown_field",
            f"unknown field {unknown[0]!r}; allowed: {sorted(allowed)}",
            field=unknown[0],
        )


def _str_list(body: dict[str, Any], key: str) -> list[str] | None:
    value = body.get(key)
    if value is None:
        return None
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ApiError(400, "invalid_field", f"{key} must be a list of strings", field=key)
    return value


def _optional_bool(body: dict[str, Any], key: str) -> bool | None:
    value = body.get(key)
    if value is not None and not isinstance(value, bool):
        raise ApiError(400, "invalid_field", f"{key} must be true or false", field=key)
    return value


def validate_name(name: Any) -> str:
    """Check a requested session name; raise ApiError 400 naming the problem."""
    if not isinstance(name, str) or not NAME_RE.match(name):
        raise ApiError(
            400,
            "invalid_field",
            "name must be 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit",
            field="name",
        )
    return name


def check_project(project: Any) -> str:
    """Check the spawn `project` directory; return its absolute path or raise ApiError 400."""
    if not isinstance(project, str) or not project:
        raise ApiError(400, "invalid_field", "project must be a directory path", field="project")
    path = os.path.abspath(os.path.expanduser(project))
    if not os.path.isdir(path):
        raise ApiError(400, "invalid_field", f"project {path} is not a directory", field="project")
    return path


def _view(record: SessionRecord) -> dict[str, Any]:
    return record.to_json()


def parse_spawn(body: dict[str, Any]) -> dict[str, Any]:
    """Validate a spawn request; return the cleaned request."""
    _check_keys(body, {"project", "name", "command", "args", "env", "claude"})
    request: dict[str, Any] = {"project": check_project(body.get("project"))}
    if body.get("name") is not None:
        request["name"] = validate_name(body["name"])
    command = _str_list(body, "command")
    if command is not None and (not command or not command[0] or command[0].startswith("-")):
        raise ApiError(
            400, "invalid_field", "command must start with a program name", field="command"
        )
    request["command"] = command
    request["args"] = _str_list(body, "args")
    request["claude"] = _optional_bool(body, "claude")
    env = body.get("env")
    env_ok = env is None or (
        isinstance(env, dict)
        and all(
            isinstance(k, str) and ENV_NAME_RE.match(k) and isinstance(v, str)
            for k, v in env.items()
        )
    )
    if not env_ok:
        raise ApiError(400, "invalid_field", "env must map variable names to strings", field="env")
    request["env"] = env
    return request


async def list_sessions(request: Any, ctx: Any) -> Any:
    """GET /tmux/sessions: every managed session."""
    manager = manager_for(ctx)
    return {"sessions": [_view(r) for r in manager.store.sessions.values()]}


async def spawn_session(request: Any, ctx: Any) -> Any:
    """POST /tmux/sessions: start a session; 201 with its record."""
    cleaned = parse_spawn(await _body(request))
    record = await manager_for(ctx).spawn(ctx, cleaned)
    return _view(record), 201


async def show_session(request: Any, ctx: Any, name: str) -> Any:
    """GET /tmux/sessions/<name>: one session (by name or Claude session id)."""
    return _view(manager_for(ctx).require(name))


async def stop_session(request: Any, ctx: Any, name: str) -> Any:
    """POST /tmux/sessions/<name>/stop: ask to exit, kill after the grace period."""
    manager = manager_for(ctx)
    return _view(await manager.stop(ctx, manager.require(name)))


async def resume_session(request: Any, ctx: Any, name: str) -> Any:
    """POST /tmux/sessions/<name>/resume: restart a stopped or dead session."""
    manager = manager_for(ctx)
    return _view(await manager.resume(ctx, manager.require(name)))


async def snapshot_session(request: Any, ctx: Any, name: str) -> Any:
    """POST /tmux/sessions/<name>/snapshot: pane text with scrollback (`lines`)."""
    body = await _body(request, required=False)
    _check_keys(body, {"lines"})
    lines = body.get("lines", ctx.config.snapshot_lines)
    if not isinstance(lines, int) or isinstance(lines, bool) or not 0 <= lines <= 1_000_000:
        raise ApiError(400, "invalid_field", "lines must be an integer 0..1000000", field="lines")
    manager = manager_for(ctx)
    record = manager.require(name)
    text = await manager.snapshot(record, lines)
    if text is None:
        raise ApiError(409, "session_gone", f"tmux has no session {record.name} any more")
    return {"name": record.name, "lines": lines, "text": text}


async def send_to_session(request: Any, ctx: Any, name: str) -> Any:
    """POST /tmux/sessions/<name>/send: `{"text", "enter"}` or `{"keys": [...]}`."""
    body = await _body(request)
    _check_keys(body, {"text", "enter", "keys"})
    text = body.get("text")
    keys = _str_list(body, "keys")
    enter = _optional_bool(body, "enter")
    if (text is None) == (keys is None):
        raise ApiError(400, "invalid_body", "send exactly one of text or keys")
    if text is not None and (not isinstance(text, str) or len(text) > MAX_TEXT):
        raise ApiError(
            400,
            "invalid_field",
            f"text must be a string of at most {MAX_TEXT} chars",
            field="text",
        )
    if keys is not None and (not keys or not all(KEY_RE.match(k) for k in keys)):
        raise ApiError(
            400,
            "invalid_field",
            "keys must be tmux key names such as Enter, C-c, Escape",
            field="keys",
        )
    manager = manager_for(ctx)
    record = manager.require(name)
    sent = await manager.send(record, text, keys, True if enter is None else enter)
    if not sent:
        raise ApiError(409, "session_gone", f"session {record.name} has no live pane")
    return {"name": record.name, "sent": True}


async def adopt_session(request: Any, ctx: Any) -> Any:
    """POST /tmux/adopt: take over an existing tmux session; 201 with its record."""
    body = await _body(request)
    _check_keys(body, {"target", "socket_name", "socket_path", "claude_session_id", "claude"})
    target = validate_name(body.get("target")) if body.get("target") else None
    if target is None:
        raise ApiError(
            400, "invalid_field", "target (a tmux session name) is required", field="target"
        )
    socket_name = body.get("socket_name")
    if socket_name is not None and (
        not isinstance(socket_name, str) or not SOCKET_NAME_RE.match(socket_name)
    ):
        raise ApiError(
            400, "invalid_field", "socket_name is not a valid socket name", field="socket_name"
        )
    for key in ("socket_path", "claude_session_id"):
        if body.get(key) is not None and not isinstance(body[key], str):
            raise ApiError(400, "invalid_field", f"{key} must be a string", field=key)
    cleaned = {**body, "target": target, "claude": _optional_bool(body, "claude")}
    record = await manager_for(ctx).adopt(ctx, cleaned)
    return _view(record), 201


def build_routes() -> list[Route]:
    """Every route of the tmux plugin."""
    name = "/tmux/sessions/<name>"
    return [
        Route("GET", "/tmux/sessions", list_sessions, "List managed tmux sessions."),
        Route(
            "POST",
            "/tmux/sessions",
            spawn_session,
            "Spawn a session in tmux.",
            request_schema={"type": "object", "required": ["project"]},
        ),
        Route("GET", name, show_session, "Show one managed session."),
        Route("POST", f"{name}/stop", stop_session, "Stop a session (exit, then kill)."),
        Route("POST", f"{name}/resume", resume_session, "Restart a stopped session."),
        Route("POST", f"{name}/snapshot", snapshot_session, "Capture the pane with scrollback."),
        Route("POST", f"{name}/send", send_to_session, "Type text or send keys."),
        Route(
            "POST",
            "/tmux/adopt",
            adopt_session,
            "Adopt an existing tmux session.",
            request_schema={"type": "object", "required": ["target"]},
        ),
    ]
