"""Latency of the tmux plugin's operations through the live API, with GET /health as the peer.

Run: `.venv/bin/python bench/tmux_ops.py`. Starts a supervisor on 127.0.0.1:0 with a private
tmux socket (killed at the end) and prints p50/p95 in milliseconds:
- GET /health (peer: the API floor), GET /tmux/sessions, POST .../snapshot, POST .../send;
- spawn (API call) and spawn-to-first-output;
- reaper: program exit to status `dead`, against the configured reap interval.
"""

from __future__ import annotations

import functools
import os
import statistics
import subprocess
import tempfile
import time
import uuid
from pathlib import Path

import httpx
import trio

from tmpm_supervisor.paths import FrameworkRoot, init_root
from tmpm_supervisor.service import run_service

ROUNDS = 200
REAP_INTERVAL = 0.2


def _ms(samples: list[float]) -> str:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]
    return f"p50 {statistics.median(ordered) * 1000:7.2f} ms  p95 {p95 * 1000:7.2f} ms"


async def _time(call, rounds: int = ROUNDS) -> list[float]:
    samples = []
    for _ in range(rounds):
        start = time.perf_counter()
        response = await call()
        samples.append(time.perf_counter() - start)
        assert response.status_code < 300, response.text
    return samples


async def main() -> None:
    """Run the measurements and print them."""
    socket = f"tmpm-bench-{uuid.uuid4().hex[:8]}"
    base = Path(tempfile.mkdtemp())
    root = FrameworkRoot(base / "root")
    init_root(root)
    (root.config_dir / "tmux.yaml").write_text(
        f"socket_name: {socket}\nserver_scope: none\nreap_interval_s: {REAP_INTERVAL}\n"
    )
    try:
        async with trio.open_nursery() as nursery:
            handle = await nursery.start(
                functools.partial(run_service, root, host="127.0.0.1", port=0, handle_signals=False)
            )
            headers = {"Authorization": f"Bearer {root.read_token()}"}
            async with httpx.AsyncClient(base_url=handle.base_url, headers=headers) as client:
                project = str(base)
                spawn_samples, first_output = [], []
                for index in range(10):
                    start = time.perf_counter()
                    response = await client.post(
                        "/tmux/sessions",
                        json={
                            "project": project,
                            "name": f"s{index}",
                            "command": ["sh", "-c", "echo ready; exec cat"],
                        },
                    )
                    spawn_samples.append(time.perf_counter() - start)
                    assert response.status_code == 201, response.text
                    while (
                        "ready"
                        not in (await client.post(f"/tmux/sessions/s{index}/snapshot")).json()[
                            "text"
                        ]
                    ):
                        await trio.sleep(0.005)
                    first_output.append(time.perf_counter() - start)
                print(
                    f"GET /health (peer)        {_ms(await _time(lambda: client.get('/health')))}"
                )
                print(
                    f"GET /tmux/sessions (10)   "
                    f"{_ms(await _time(lambda: client.get('/tmux/sessions')))}"
                )
                snap = await _time(lambda: client.post("/tmux/sessions/s0/snapshot"))
                print(f"POST snapshot (200 lines) {_ms(snap)}")
                send = await _time(
                    lambda: client.post("/tmux/sessions/s0/send", json={"text": "x"})
                )
                print(f"POST send (text+Enter)    {_ms(send)}")
                print(f"spawn (API answer)        {_ms(spawn_samples)}")
                print(f"spawn to first output     {_ms(first_output)}")
                reap = []
                for index in range(5):
                    name = f"r{index}"
                    await client.post(
                        "/tmux/sessions",
                        json={"project": project, "name": name, "command": ["sh", "-c", "read x"]},
                    )
                    await trio.sleep(0.6)
                    start = time.perf_counter()
                    await client.post(f"/tmux/sessions/{name}/send", json={"text": ""})
                    while (await client.get(f"/tmux/sessions/{name}")).json()["status"] != "dead":
                        await trio.sleep(0.005)
                    reap.append(time.perf_counter() - start)
                print(f"exit to dead (reaper, interval {REAP_INTERVAL}s) {_ms(reap)}")
            handle.stop()
    finally:
        subprocess.run(["tmux", "-L", socket, "kill-server"], capture_output=True)
        (Path("/tmp") / f"tmux-{os.getuid()}" / socket).unlink(missing_ok=True)


if __name__ == "__main__":
    trio.run(main)
