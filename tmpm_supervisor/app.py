"""The HTTP API (Quart on quart-trio): hook ingestion, status, feed, audit, approvals."""

from __future__ import annotations

import hmac
import json
import logging
import time
from typing import Any

import trio
from quart import Response, request
from quart_trio import QuartTrio
from werkzeug.exceptions import HTTPException, MethodNotAllowed, NotFound
from werkzeug.routing import Map, Rule

from . import __version__
from .approvals import ApprovalError
from .audit import AuditQuery, parse_cursor, read_audit
from .events import EventError, parse_event
from .http_errors import ApiError, error_response
from .openapi import CORE_ROUTES, build_openapi
from .pipeline import process_event
from .supervisor import Supervisor
from .verdicts import Decision

log = logging.getLogger("tmpm.http")

LOOPBACK_NAMES = frozenset({"localhost", "127.0.0.1", "[::1]", "::1"})
PUBLIC_PATHS = frozenset({"/health"})
PLUGIN_RULE = "/<path:subpath>"  # the catch-all that dispatches to plugin routes


def core_route_paths() -> set[str]:
    """Paths the core serves; plugin routes may not shadow them."""
    return {route.path for route in CORE_ROUTES}


def _host_name(host_header: str) -> str:
    host = host_header.strip().lower()
    if host.startswith("["):
        return host.split("]", 1)[0] + "]"
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


async def read_json_body() -> Any:
    """Decode the request body as JSON; raise ApiError(400) naming the problem."""
    raw = await request.get_data(cache=False)
    if not raw:
        raise ApiError(400, "empty_body", "the request body is empty; send a JSON object")
    try:
        return json.loads(raw)
    except UnicodeDecodeError:
        raise ApiError(400, "invalid_json", "the body is not UTF-8 text") from None
    except json.JSONDecodeError as exc:
        raise ApiError(
            400, "invalid_json", f"the body is not valid JSON: {exc.msg} at position {exc.pos}"
        ) from None


def _query_float(name: str) -> float | None:
    value = request.args.get(name)
    if value is None or value == "":
        return None
    try:
        return float(value)
    except ValueError:
        raise ApiError(400, "invalid_parameter", f"{name} must be a number (UNIX time)") from None


def _query_int(name: str, default: int, low: int, high: int) -> int:
    value = request.args.get(name)
    if value is None:
        return default
    try:
        number = int(value)
    except ValueError:
        raise ApiError(400, "invalid_parameter", f"{name} must be an integer") from None
    if not low <= number <= high:
        raise ApiError(400, "invalid_parameter", f"{name} must be between {low} and {high}")
    return number


def create_app(supervisor: Supervisor, stopping: trio.Event) -> QuartTrio:
    """Build the Quart app serving `supervisor`; `stopping` ends SSE streams at shutdown."""
    app = QuartTrio("tmpm")
    app.config["MAX_CONTENT_LENGTH"] = supervisor.generation.settings.server.max_body_bytes
    app.config["BACKGROUND_TASK_SHUTDOWN_TIMEOUT"] = None
    services = supervisor.services
    token_holder: dict[str, str] = {}

    def api_token() -> str:
        if "token" not in token_holder:
            token_holder["token"] = supervisor.root.read_token()
        return token_holder["token"]

    @app.before_request
    async def guard() -> Response | None:
        settings = supervisor.generation.settings.server
        app.config["MAX_CONTENT_LENGTH"] = settings.max_body_bytes
        host = _host_name(request.headers.get("Host", ""))
        allowed = LOOPBACK_NAMES | {h.lower() for h in settings.allowed_hosts}
        if settings.host not in ("0.0.0.0", "::"):
            allowed = allowed | {settings.host.lower()}
        if host not in allowed:
            return error_response(
                403, "forbidden_host", f"Host {host!r} is not accepted (DNS rebinding guard)"
            )
        if request.path in PUBLIC_PATHS:
            return None
        # Only requests that fell through to the plugin catch-all can be plugin routes.
        rule = request.url_rule
        if (
            rule is not None
            and rule.rule == PLUGIN_RULE
            and _is_public_plugin_route(supervisor, request)
        ):
            return None
        supplied = request.headers.get("X-Tmpm-Token", "")
        auth = request.headers.get("Authorization", "")
        if auth.lower().startswith("bearer "):
            supplied = auth[7:].strip()
        if not supplied:
            return error_response(
                401, "missing_token", "send the API token as 'Authorization: Bearer <token>'"
            )
        if not hmac.compare_digest(supplied.encode(), api_token().encode()):
            return error_response(401, "invalid_token", "the API token is not valid")
        return None

    @app.errorhandler(ApiError)
    async def api_error(exc: ApiError) -> Response:
        return error_response(exc.status, exc.code, exc.message, **exc.details)

    @app.errorhandler(HTTPException)
    async def http_error(exc: HTTPException) -> Response:
        code = (exc.name or "error").lower().replace(" ", "_")
        message = exc.description or exc.name or "error"
        if exc.code == 413:
            limit = supervisor.generation.settings.server.max_body_bytes
            message = f"the request body is larger than {limit} bytes (server.max_body_bytes)"
        return error_response(exc.code or 400, code, message)

    @app.errorhandler(Exception)
    async def internal_error(exc: Exception) -> Response:
        log.exception("internal error on %s %s", request.method, request.path)
        return error_response(500, "internal_error", "internal error; see the supervisor log")

    @app.get("/health")
    async def health() -> Any:
        return {"ok": True, "version": __version__}

    async def ingest(event_name: str | None) -> Any:
        payload = await read_json_body()
        meta = {}
        for header, key in (("X-Tmpm-Tmux-Pane", "tmux_pane"), ("X-Tmpm-Pid", "pid")):
            value = request.headers.get(header)
            if value:
                meta[key] = value[:100]
        try:
            event = parse_event(payload, event_name, meta)
        except EventError as exc:
            raise ApiError(400, "invalid_event", str(exc), field=exc.field_name) from None
        generation = supervisor.generation  # the event finishes on this generation
        return await process_event(generation, event)

    @app.post("/hooks")
    async def hooks() -> Any:
        return await ingest(None)

    @app.post("/hooks/<event_name>")
    async def hooks_named(event_name: str) -> Any:
        return await ingest(event_name)

    @app.get("/status")
    async def status() -> Any:
        generation = supervisor.generation
        plugins = {}
        for name, plugin in generation.plugins.items():
            entry = {
                "origin": plugin.source.origin,
                "location": plugin.source.location,
                **generation.health.get(name).to_json(),
            }
            plugins[name] = entry
        for name, value in await generation.call_all("tmpm_status"):
            plugins[name]["status"] = value
        for name in generation.settings.plugins.disabled:
            plugins.setdefault(name, {"state": "disabled"})
        last_error = supervisor.last_error
        return {
            "version": __version__,
            "uptime_s": round(time.time() - services.started_at, 3),
            "root": str(supervisor.root.path),
            "generation": {
                "number": generation.number,
                "digest": generation.digest,
                "loaded_at": generation.loaded_at,
                "files": generation.files,
                "warnings": generation.warnings,
            },
            "last_reload": supervisor.last_reload.to_json() if supervisor.last_reload else None,
            "last_error": last_error.to_json() if last_error else None,
            "plugins": plugins,
            "counters": dict(sorted(services.counters.items())),
            "approvals_pending": len(services.approvals.pending()),
            "feed": {
                "subscribers": services.feed.subscriber_count,
                "dropped": services.feed.dropped,
            },
            "audit": {"lines_written": services.audit.lines_written},
        }

    async def session_json(info: Any) -> dict[str, Any]:
        generation = supervisor.generation
        data = info.to_json()
        extra = await generation.call_all("tmpm_session_info", session_id=info.session_id)
        data["plugins"] = {name: value for name, value in extra}
        return data

    @app.get("/sessions")
    async def sessions() -> Any:
        return {"sessions": [await session_json(info) for info in services.sessions.all()]}

    @app.get("/sessions/<session_id>")
    async def session_detail(session_id: str) -> Any:
        info = services.sessions.get(session_id)
        if info is None:
            raise ApiError(404, "unknown_session", f"no session {session_id} has been seen")
        return await session_json(info)

    @app.get("/events/recent")
    async def events_recent() -> Any:
        limit = _query_int("limit", 100, 1, 100_000)
        after = request.args.get("after")
        after_id = _query_int("after", 0, 0, 2**62) if after is not None else None
        return {"events": services.feed.recent(limit, after_id)}

    @app.get("/events")
    async def events_stream() -> Response:
        last_id = request.headers.get("Last-Event-ID")
        replay: list[dict[str, Any]] = []
        if last_id and last_id.isdigit():
            replay = services.feed.recent(services.feed.ring.maxlen or 1000, int(last_id))
        receive = services.feed.subscribe()

        async def stream():
            try:
                yield b": tmpm live feed\n\n"
                for item in replay:
                    yield _sse(item)
                while not stopping.is_set():
                    with trio.move_on_after(15) as scope:
                        try:
                            item = await receive.receive()
                        except trio.EndOfChannel:
                            return
                    if scope.cancelled_caught:
                        yield b": keep-alive\n\n"
                        continue
                    yield _sse(item)
            finally:
                services.feed.unsubscribe(receive)

        response = Response(stream(), content_type="text/event-stream")
        response.headers["Cache-Control"] = "no-cache"
        response.timeout = None
        return response

    @app.get("/audit")
    async def audit() -> Any:
        cursor = request.args.get("cursor")
        if cursor:
            try:
                parse_cursor(cursor)
            except ValueError as exc:
                raise ApiError(400, "invalid_parameter", f"cursor: {exc}") from None
        verdict = request.args.get("verdict")
        if verdict and verdict not in {d.label for d in Decision}:
            raise ApiError(400, "invalid_parameter", "verdict must be allow, deny, ask or abstain")
        query = AuditQuery(
            session=request.args.get("session"),
            verdict=verdict,
            event=request.args.get("event"),
            since=_query_float("since"),
            until=_query_float("until"),
            limit=_query_int("limit", 100, 1, 1000),
            cursor=cursor,
        )
        records, next_cursor = await trio.to_thread.run_sync(
            read_audit, supervisor.root.audit_dir, query
        )
        return {"records": records, "next_cursor": next_cursor}

    @app.get("/approvals")
    async def approvals() -> Any:
        return {"approvals": [a.to_json() for a in services.approvals.pending()]}

    @app.get("/approvals/<approval_id>")
    async def approval_detail(approval_id: str) -> Any:
        approval = services.approvals.get(approval_id)
        if approval is None:
            raise ApiError(404, "unknown_approval", f"no approval {approval_id}")
        return approval.to_json()

    @app.post("/approvals/<approval_id>")
    async def approval_resolve(approval_id: str) -> Any:
        body = await read_json_body()
        if not isinstance(body, dict):
            raise ApiError(400, "invalid_body", "send a JSON object")
        label = body.get("decision")
        if label not in ("allow", "deny", "approve"):
            raise ApiError(
                400, "invalid_field", "decision must be 'allow' or 'deny'", field="decision"
            )
        reason = body.get("reason")
        if reason is not None and not isinstance(reason, str):
            raise ApiError(400, "invalid_field", "reason must be a string", field="reason")
        by = body.get("by") or "api"
        if not isinstance(by, str):
            raise ApiError(400, "invalid_field", "by must be a string", field="by")
        decision = Decision.DENY if label == "deny" else Decision.ALLOW
        try:
            approval = services.approvals.resolve(approval_id, decision, f"api:{by}", reason)
        except ApprovalError as exc:
            status = 404 if exc.code == "unknown" else 409
            raise ApiError(status, exc.code, str(exc)) from None
        return approval.to_json()

    @app.post("/reload")
    async def reload() -> Any:
        result = await supervisor.reload("api")
        return result.to_json(), (200 if result.ok else 422)

    @app.get("/openapi.json")
    async def openapi() -> Any:
        return build_openapi(supervisor.generation)

    @app.route(PLUGIN_RULE, methods=["GET", "POST", "PUT", "PATCH", "DELETE"])
    async def plugin_route(subpath: str) -> Any:
        generation = supervisor.generation
        matched = _match_plugin_route(generation, request)
        if matched is None:
            allowed = _core_methods(request.path)
            if allowed:
                raise ApiError(
                    405,
                    "method_not_allowed",
                    f"{request.method} is not allowed on {request.path}; use {', '.join(allowed)}",
                )
            raise ApiError(404, "not_found", f"no route {request.method} {request.path}")
        (plugin_name, route), params = matched
        ctx = generation.plugins[plugin_name].ctx
        return await route.handler(request, ctx, **params)

    return app


def _match_plugin_route(generation: Any, req: Any) -> Any:
    if generation.route_map is None:
        return None
    adapter = generation.route_map.bind("localhost")
    try:
        endpoint, params = adapter.match(req.path, method=req.method)
    except MethodNotAllowed:
        raise ApiError(
            405, "method_not_allowed", f"{req.method} is not allowed on {req.path}"
        ) from None
    except NotFound:
        return None
    index = int(endpoint.rsplit(":", 1)[1])
    return generation.routes[index], params


_CORE_MAP = Map([Rule(r.path, methods=[r.method], endpoint=r.path) for r in CORE_ROUTES])


def _core_methods(path: str) -> list[str]:
    """Methods the core serves on `path` (empty when the core has no such path)."""
    adapter = _CORE_MAP.bind("localhost")
    try:
        adapter.match(path, method="__none__")
    except MethodNotAllowed as exc:
        return sorted(m for m in (exc.valid_methods or []) if m not in ("HEAD", "OPTIONS"))
    except NotFound:
        return []
    return []


def _is_public_plugin_route(supervisor: Supervisor, req: Any) -> bool:
    try:
        matched = _match_plugin_route(supervisor.generation, req)
    except ApiError:
        return False
    return matched is not None and matched[0][1].public


def _sse(item: dict[str, Any]) -> bytes:
    data = json.dumps(item, separators=(",", ":"), default=str)
    return f"id: {item['id']}\nevent: {item['kind']}\ndata: {data}\n\n".encode()
