"""The audit log: complete lines, daily files, filters and paging, and no torn line on SIGKILL."""

from __future__ import annotations

import copy
import json
import signal
import threading
import time
from datetime import datetime

import httpx

from tests.support.dropins import POLICY
from tests.support.live import make_root
from tests.support.process import start_service_process
from tmpm_supervisor.audit import AuditLog, AuditQuery, read_audit, repair_torn_tail

REQUIRED = {
    "time", "id", "session_id", "event", "tool", "input", "verdict", "reason", "plugin",
    "rule", "generation", "config_digest", "latency_ms",
}  # fmt: skip


async def test_every_decision_is_one_self_describing_line(live_factory, sample) -> None:
    live = await live_factory({"plugins/policy.py": POLICY})
    payload = copy.deepcopy(sample("captured/v2.1.331-headless-PreToolUse.json"))
    payload["tool_input"]["command"] = "touch FORBIDDEN-a"
    await live.hook(payload)
    payload["tool_input"]["command"] = "echo fine"
    await live.hook(payload)
    files = list(live.root.audit_dir.glob("*.jsonl"))
    assert [f.name for f in files] == [datetime.now().strftime("%Y-%m-%d") + ".jsonl"]
    lines = [json.loads(line) for line in files[0].read_text().splitlines()]
    decisions = [r for r in lines if r.get("event") == "PreToolUse"]
    assert [(r["verdict"], r["rule"], r["plugin"]) for r in decisions] == [
        ("deny", "no-forbidden", "policy"),
        ("allow", "allow-echo", "policy"),
    ]
    for record in decisions:
        assert set(record) >= REQUIRED, REQUIRED - set(record)
        assert record["generation"] == 1
        assert record["latency_ms"] >= 0
    assert "FORBIDDEN-a" in decisions[0]["input"]


async def test_audit_route_filters_and_pages(live_factory, sample) -> None:
    live = await live_factory({"plugins/policy.py": POLICY})
    base = copy.deepcopy(sample("captured/v2.1.331-headless-PreToolUse.json"))
    for index in range(7):
        payload = copy.deepcopy(base)
        payload["session_id"] = f"s{index % 2}"
        payload["tool_input"]["command"] = "touch FORBIDDEN" if index % 3 == 0 else "echo ok"
        await live.hook(payload)
    denies = (await live.client.get("/audit", params={"verdict": "deny"})).json()["records"]
    assert len(denies) == 3
    only_s1 = (await live.client.get("/audit", params={"session": "s1"})).json()["records"]
    assert {r["session_id"] for r in only_s1} == {"s1"}
    assert len(only_s1) == 3
    collected, cursor = [], None
    while True:
        params = {"limit": 2, **({"cursor": cursor} if cursor else {})}
        page = (await live.client.get("/audit", params=params)).json()
        collected.extend(page["records"])
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert len(collected) == 7
    assert len({r["id"] for r in collected}) == 7
    future = (await live.client.get("/audit", params={"since": time.time() + 60})).json()
    assert future["records"] == []


def test_file_rolls_at_midnight(tmp_path) -> None:
    log = AuditLog(tmp_path)
    before = datetime(2026, 3, 1, 23, 59, 59, 900000).timestamp()
    after = datetime(2026, 3, 2, 0, 0, 0, 100000).timestamp()
    log.append({"time": before, "id": "a"})
    log.append({"time": after, "id": "b"})
    log.close()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["2026-03-01.jsonl", "2026-03-02.jsonl"]
    records, _ = read_audit(tmp_path, AuditQuery(limit=10))
    assert [r["id"] for r in records] == ["a", "b"]


def test_torn_tail_from_a_power_loss_is_repaired_and_never_read(tmp_path) -> None:
    path = tmp_path / "2026-03-01.jsonl"
    path.write_bytes(b'{"time": 1, "id": "whole"}\n{"time": 2, "id": "to')
    records, _ = read_audit(tmp_path, AuditQuery(limit=10))
    assert [r["id"] for r in records] == ["whole"]
    assert repair_torn_tail(path) == len(b'{"time": 2, "id": "to')
    assert path.read_bytes() == b'{"time": 1, "id": "whole"}\n'


def test_audit_lines_are_whole_after_sigkill_mid_load(tmp_path, sample) -> None:
    root = make_root(tmp_path / "root", {"plugins/policy.py": POLICY})
    payload = copy.deepcopy(sample("captured/v2.1.331-headless-PreToolUse.json"))
    payload["tool_input"]["command"] = "touch FORBIDDEN " + "x" * 3000
    service = start_service_process(root)
    token = root.read_token()
    acknowledged: list[int] = []
    stop = threading.Event()

    def load(worker: int) -> None:
        with httpx.Client(
            base_url=service.url, headers={"Authorization": f"Bearer {token}"}, timeout=5
        ) as client:
            for _ in range(2000):
                if stop.is_set():
                    return
                try:
                    response = client.post("/hooks", json=payload)
                except httpx.HTTPError:
                    return
                if response.status_code == 200:
                    acknowledged.append(worker)

    workers = [threading.Thread(target=load, args=(i,)) for i in range(4)]
    try:
        for worker in workers:
            worker.start()
        deadline = time.monotonic() + 10
        while len(acknowledged) < 300 and time.monotonic() < deadline:
            time.sleep(0.01)
    finally:
        service.process.send_signal(signal.SIGKILL)
        service.process.wait(timeout=10)
        stop.set()
        for worker in workers:
            worker.join(timeout=10)
    assert len(acknowledged) >= 300, service.log()
    raw = b"".join(p.read_bytes() for p in sorted(root.audit_dir.glob("*.jsonl")))
    assert raw.endswith(b"\n"), "the last line is torn"
    decoded = [json.loads(line) for line in raw.splitlines()]  # every line parses
    denies = [r for r in decoded if r.get("verdict") == "deny"]
    # Every answered request had its line written before the answer was sent.
    assert len(denies) >= len(acknowledged)


async def test_service_start_repairs_a_torn_last_line(nursery, tmp_path) -> None:
    from tests.support.live import start_live

    root = make_root(tmp_path / "root")
    torn = root.audit_dir / "2026-01-01.jsonl"
    torn.write_bytes(b'{"time": 1, "id": "kept"}\n{"time": 2, "id": "cu')
    live = await start_live(nursery, root)
    assert torn.read_bytes() == b'{"time": 1, "id": "kept"}\n'
    await live.client.aclose()
    live.handle.stop()
