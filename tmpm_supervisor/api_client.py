"""A small synchronous client for the supervisor's API, used by CLI commands."""

from __future__ import annotations

import json
import os
import urllib.error
import urllib.request
from dataclasses import dataclass
from typing import Any

from .config_files import ConfigError, find_config_files, read_config_file, validate_section
from .paths import FrameworkRoot
from .settings import ServerSettings, SupervisorSettings


def server_settings(root: FrameworkRoot) -> ServerSettings:
    """Return the `server` settings from the root's supervisor config (defaults if absent)."""
    paths, _ = find_config_files(root.config_dir)
    path = paths.get("supervisor")
    if path is None:
        return ServerSettings()
    try:
        source = read_config_file(path)
    except ConfigError:
        return ServerSettings()
    model, _ = validate_section(SupervisorSettings, source.data, source, path.name)
    return model.server if isinstance(model, SupervisorSettings) else ServerSettings()


def running_service_url(root: FrameworkRoot) -> str | None:
    """The URL in `<root>/state/service.json` if the process that wrote it is alive."""
    try:
        data = json.loads((root.state_dir / "service.json").read_text())
        os.kill(int(data["pid"]), 0)
        return str(data["url"])
    except (OSError, ValueError, KeyError, TypeError):
        return None


def base_url(root: FrameworkRoot, url: str | None = None) -> str:
    """Return the API base URL: `url` if given, else the running service's, else config's."""
    if url:
        return url.rstrip("/")
    running = running_service_url(root)
    if running:
        return running
    settings = server_settings(root)
    host = settings.host if settings.host not in ("0.0.0.0", "::") else "127.0.0.1"
    if ":" in host:
        host = f"[{host}]"
    return f"http://{host}:{settings.port}"


@dataclass(slots=True)
class ApiResponse:
    """Status code and decoded JSON body of one API call."""

    status: int
    body: Any


class ApiUnavailable(Exception):
    """The supervisor could not be reached."""


def call_api(
    root: FrameworkRoot,
    method: str,
    path: str,
    body: Any = None,
    *,
    url: str | None = None,
    timeout: float = 10.0,
) -> ApiResponse:
    """Call the API with the root's token; raise ApiUnavailable if nothing answers."""
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(base_url(root, url) + path, data=data, method=method)
    request.add_header("Authorization", f"Bearer {root.read_token()}")
    if data is not None:
        request.add_header("Content-Type", "application/json")
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return ApiResponse(response.status, json.loads(response.read() or b"null"))
    except urllib.error.HTTPError as exc:
        raw = exc.read()
        try:
            decoded = json.loads(raw)
        except ValueError:
            decoded = {"error": {"message": raw.decode(errors="replace")}}
        return ApiResponse(exc.code, decoded)
    except (urllib.error.URLError, OSError) as exc:
        raise ApiUnavailable(
            f"cannot reach the supervisor at {base_url(root, url)}: {exc}"
        ) from None
