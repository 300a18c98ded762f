"""Graceful shutdown under a deadline with idle keep-alive clients; keep-alive timeout enforced."""

from __future__ import annotations

import signal
import socket
import time

import httpx
import trio

from tests.support.live import make_root, start_live
from tests.support.process import start_service_process


def open_idle_keepalive(port: int, token: str) -> socket.socket:
    """Send one complete keep-alive request and leave the connection open and idle."""
    sock = socket.create_connection(("127.0.0.1", port), timeout=5)
    sock.sendall(
        b"GET /status HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
        + token.encode()
        + b"\r\nConnection: keep-alive\r\n\r\n"
    )
    received = b""
    while b"\r\n\r\n" not in received:
        received += sock.recv(65536)
    head, _, body = received.partition(b"\r\n\r\n")
    length = next(
        int(line.split(b":", 1)[1])
        for line in head.split(b"\r\n")
        if line.lower().startswith(b"content-length:")
    )
    while len(body) < length:
        body += sock.recv(65536)
    return sock


def test_sigterm_with_idle_keepalive_clients_stops_within_2s(tmp_path) -> None:
    root = make_root(
        tmp_path / "root", {"config/supervisor.yaml": "server:\n  graceful_timeout_s: 5\n"}
    )
    service = start_service_process(root)
    token = root.read_token()
    idle = [open_idle_keepalive(service.port, token) for _ in range(5)]
    with httpx.Client(base_url=service.url) as client:
        assert client.get("/health").status_code == 200
        started = time.monotonic()
        service.process.send_signal(signal.SIGTERM)
        code = service.process.wait(timeout=10)
    elapsed = time.monotonic() - started
    for sock in idle:
        sock.close()
    assert code == 0, service.log()
    assert elapsed < 2.0, f"shutdown took {elapsed:.2f}s"
    assert "stopped" in service.log()
    assert not (root.state_dir / "service.json").exists()


async def test_idle_keepalive_connection_is_closed_after_timeout(nursery, tmp_path) -> None:
    root = make_root(
        tmp_path / "root", {"config/supervisor.yaml": "server:\n  keep_alive_timeout_s: 0.3\n"}
    )
    live = await start_live(nursery, root)
    sock = await trio.to_thread.run_sync(open_idle_keepalive, live.handle.port, live.token)
    sock.settimeout(3)
    started = time.monotonic()
    data = await trio.to_thread.run_sync(sock.recv, 1024)  # b"" once the server closes
    elapsed = time.monotonic() - started
    sock.close()
    assert data == b""
    assert elapsed < 1.5, f"idle connection lived {elapsed:.2f}s (timeout 0.3s)"
    await live.client.aclose()
    live.handle.stop()


async def test_stop_with_idle_client_is_quick_in_process(nursery, tmp_path) -> None:
    root = make_root(
        tmp_path / "root", {"config/supervisor.yaml": "server:\n  graceful_timeout_s: 5\n"}
    )
    done = trio.Event()
    live = None

    async def run(task_status=trio.TASK_STATUS_IGNORED) -> None:
        nonlocal live
        async with trio.open_nursery() as inner:
            live = await start_live(inner, root)
            task_status.started()
        done.set()

    await nursery.start(run)
    sock = await trio.to_thread.run_sync(open_idle_keepalive, live.handle.port, live.token)
    started = trio.current_time()
    live.handle.stop()
    with trio.fail_after(2):
        await done.wait()
    assert trio.current_time() - started < 0.5
    sock.close()
    await live.client.aclose()
