"""The OpenAPI document for `/openapi.json`: core routes plus the active plugins' routes.

Written by hand rather than generated (quart-schema would need pydantic models for every
route body, and Claude Code's payloads are open-ended); a test checks it against the app's
real URL map so the two cannot drift.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from . import __version__

if TYPE_CHECKING:
    from .generation import Generation


@dataclass(frozen=True, slots=True)
class CoreRoute:
    """One route the core serves."""

    method: str
    path: str
    summary: str
    public: bool = False
    body: bool = False


CORE_ROUTES: tuple[CoreRoute, ...] = (
    CoreRoute("GET", "/health", "Liveness probe (no token needed).", public=True),
    CoreRoute(
        "POST", "/hooks", "Ingest a Claude Code hook payload; answers the hook JSON.", body=True
    ),
    CoreRoute("POST", "/hooks/<event_name>", "Ingest a payload for the named event.", body=True),
    CoreRoute("GET", "/status", "Version, uptime, generation, plugins, counters."),
    CoreRoute("GET", "/sessions", "Sessions seen, with their last event and plugin details."),
    CoreRoute("GET", "/sessions/<session_id>", "One session seen."),
    CoreRoute("GET", "/events", "Server-Sent Events: every event and decision, live."),
    CoreRoute("GET", "/events/recent", "Recent feed items from the ring buffer (limit, after)."),
    CoreRoute(
        "GET", "/audit", "Audit records (session, verdict, event, since, until, limit, cursor)."
    ),
    CoreRoute("GET", "/approvals", "Pending approvals."),
    CoreRoute("GET", "/approvals/<approval_id>", "One pending or recently decided approval."),
    CoreRoute(
        "POST",
        "/approvals/<approval_id>",
        "Approve or deny a held call: {decision: allow|deny, reason?, by?}.",
        body=True,
    ),
    CoreRoute("POST", "/reload", "Reload config and drop-in plugins now; 422 if rejected."),
    CoreRoute("GET", "/openapi.json", "This document."),
)

_PARAM = re.compile(r"<(?:[a-z]+:)?([a-zA-Z_][a-zA-Z0-9_]*)>")


def openapi_path(rule: str) -> str:
    """Turn a Werkzeug rule (`/a/<id>`) into an OpenAPI path (`/a/{id}`)."""
    return _PARAM.sub(r"{\1}", rule)


def _operation(summary: str, path: str, public: bool, body: bool, schema: Any = None) -> dict:
    operation: dict[str, Any] = {
        "summary": summary,
        "responses": {
            "200": {"description": "OK", "content": {"application/json": {}}},
            "400": {"$ref": "#/components/responses/Error"},
            "401": {"$ref": "#/components/responses/Error"},
        },
    }
    params = _PARAM.findall(path)
    if params:
        operation["parameters"] = [
            {"name": p, "in": "path", "required": True, "schema": {"type": "string"}}
            for p in params
        ]
    if public:
        operation["security"] = []
    if body or schema:
        operation["requestBody"] = {
            "required": True,
            "content": {"application/json": {"schema": schema or {"type": "object"}}},
        }
    return operation


def build_openapi(generation: Generation | None) -> dict[str, Any]:
    """Return the OpenAPI 3.1 document for the core and the generation's plugin routes."""
    paths: dict[str, dict[str, Any]] = {}
    for route in CORE_ROUTES:
        entry = paths.setdefault(openapi_path(route.path), {})
        entry[route.method.lower()] = _operation(
            route.summary, route.path, route.public, route.body
        )
    if generation is not None:
        for plugin, route in generation.routes:
            entry = paths.setdefault(openapi_path(route.path), {})
            operation = _operation(
                route.summary or f"Route of plugin {plugin}.",
                route.path,
                route.public,
                route.method.upper() in ("POST", "PUT", "PATCH"),
                route.request_schema,
            )
            operation["tags"] = [plugin]
            entry[route.method.lower()] = operation
    return {
        "openapi": "3.1.0",
        "info": {"title": "tmpm supervisor API", "version": __version__},
        "servers": [{"url": "http://127.0.0.1:8765"}],
        "components": {
            "securitySchemes": {"token": {"type": "http", "scheme": "bearer"}},
            "responses": {
                "Error": {
                    "description": "A JSON error naming the problem",
                    "content": {
                        "application/json": {
                            "schema": {
                                "type": "object",
                                "properties": {
                                    "error": {
                                        "type": "object",
                                        "properties": {
                                            "code": {"type": "string"},
                                            "message": {"type": "string"},
                                        },
                                    }
                                },
                            }
                        }
                    },
                }
            },
        },
        "security": [{"token": []}],
        "paths": paths,
    }
