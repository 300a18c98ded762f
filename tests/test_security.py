"""Auth, Host checks, size limits and bad input: clear 4xx JSON, never a 5xx or a traceback."""

from __future__ import annotations

import httpx
import pytest

PROTECTED = [
    ("GET", "/status"),
    ("GET", "/sessions"),
    ("GET", "/events/recent"),
    ("GET", "/audit"),
    ("GET", "/approvals"),
    ("POST", "/reload"),
    ("POST", "/hooks"),
    ("GET", "/openapi.json"),
]


@pytest.mark.parametrize(("method", "path"), PROTECTED)
async def test_routes_need_the_token(live, method: str, path: str) -> None:
    async with httpx.AsyncClient(base_url=live.url) as anonymous:
        missing = await anonymous.request(method, path)
        wrong = await anonymous.request(method, path, headers={"Authorization": "Bearer nope"})
    assert missing.status_code == 401
    assert missing.json()["error"]["code"] == "missing_token"
    assert wrong.status_code == 401
    assert wrong.json()["error"]["code"] == "invalid_token"


async def test_health_is_public_and_token_header_alternative_works(live) -> None:
    async with httpx.AsyncClient(base_url=live.url) as anonymous:
        assert (await anonymous.get("/health")).json()["ok"] is True
        status = await anonymous.get("/status", headers={"X-Tmpm-Token": live.token})
    assert status.status_code == 200


@pytest.mark.parametrize(
    "host", ["evil.example", "evil.example:8765", "127.0.0.1.nip.io", "localhost.evil"]
)
async def test_foreign_host_headers_are_refused(live, host: str) -> None:
    response = await live.client.get("/status", headers={"Host": host})
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "forbidden_host"
    health = await live.client.get("/health", headers={"Host": host})
    assert health.status_code == 403


@pytest.mark.parametrize("host", ["localhost", "127.0.0.1:9", "[::1]:8765", "LOCALHOST:1"])
async def test_loopback_host_names_are_accepted(live, host: str) -> None:
    assert (await live.client.get("/status", headers={"Host": host})).status_code == 200


BAD_BODIES = [
    (b"", "empty_body"),
    (b"{not json", "invalid_json"),
    (b"\xff\xfe", "invalid_json"),
    (b"[1, 2]", "invalid_event"),
    (b'"text"', "invalid_event"),
    (b'{"hook_event_name": "Stop"}', "invalid_event"),
    (b'{"hook_event_name": 5, "session_id": "s"}', "invalid_event"),
    (b'{"hook_event_name": "Stop", "session_id": ["s"]}', "invalid_event"),
    (b'{"hook_event_name": "PreToolUse", "session_id": "s"}', "invalid_event"),
    (b'{"hook_event_name": "PreToolUse", "session_id": "s", "tool_name": 1}', "invalid_event"),
    (
        b'{"hook_event_name": "PreToolUse", "session_id": "s", "tool_name": "Bash",'
        b' "tool_input": "rm"}',
        "invalid_event",
    ),
    (b'{"hook_event_name": "Stop", "session_id": "s", "cwd": 3}', "invalid_event"),
]


@pytest.mark.parametrize(("body", "code"), BAD_BODIES)
async def test_bad_hook_bodies_get_a_named_400(live, body: bytes, code: str) -> None:
    response = await live.client.post(
        "/hooks", content=body, headers={"Content-Type": "application/json"}
    )
    assert response.status_code == 400, response.text
    error = response.json()["error"]
    assert error["code"] == code
    assert error["message"]
    assert "Traceback" not in response.text


async def test_oversized_body_gets_413_json(live_factory) -> None:
    live = await live_factory({"config/supervisor.yaml": "server:\n  max_body_bytes: 2048\n"})
    response = await live.client.post("/hooks", content=b"{" + b" " * 4096 + b"}")
    assert response.status_code == 413
    assert "server.max_body_bytes" in response.json()["error"]["message"]


async def test_large_payload_under_the_limit_is_accepted(live) -> None:
    payload = {
        "hook_event_name": "PostToolUse",
        "session_id": "big",
        "tool_name": "Bash",
        "tool_input": {"command": "cat big"},
        "tool_response": {"stdout": "x" * 300_000, "stderr": ""},
    }
    response = await live.hook(payload)
    assert response.status_code == 200


@pytest.mark.parametrize(
    ("method", "path", "kwargs", "status"),
    [
        ("GET", "/nowhere", {}, 404),
        ("DELETE", "/status", {}, 405),
        ("GET", "/audit?limit=abc", {}, 400),
        ("GET", "/audit?limit=0", {}, 400),
        ("GET", "/audit?since=yesterday", {}, 400),
        ("GET", "/audit?cursor=garbage", {}, 400),
        ("GET", "/audit?verdict=maybe", {}, 400),
        ("GET", "/events/recent?limit=-1", {}, 400),
        ("GET", "/approvals/nope", {}, 404),
        ("POST", "/approvals/nope", {"json": {"decision": "allow"}}, 404),
        ("POST", "/approvals/nope", {"json": {"decision": "perhaps"}}, 400),
        ("POST", "/approvals/nope", {"json": ["allow"]}, 400),
        ("POST", "/approvals/nope", {"json": {"decision": "deny", "reason": 5}}, 400),
        ("GET", "/sessions/unknown", {}, 404),
    ],
)
async def test_bad_requests_elsewhere_are_named_4xx(live, method, path, kwargs, status) -> None:
    response = await live.client.request(method, path, **kwargs)
    assert response.status_code == status, response.text
    assert response.json()["error"]["message"]
