"""GET /status and GET /sessions show what the supervisor knows."""

from __future__ import annotations

import time

from tmpm_supervisor import __version__


async def test_status_reports_generation_plugins_and_counters(live, sample) -> None:
    await live.hook(sample("captured/v2.1.331-headless-PreToolUse.json"))
    await live.hook(sample("captured/v2.1.331-headless-Stop.json"))
    status = (await live.client.get("/status")).json()
    assert status["version"] == __version__
    assert 0 <= status["uptime_s"] < 60
    generation = status["generation"]
    assert generation["number"] == 1
    assert len(generation["digest"]) == 16
    assert time.time() - generation["loaded_at"] < 60
    assert generation["files"]["supervisor"] == "supervisor.yaml"
    for name, plugin in status["plugins"].items():
        assert plugin["origin"] in {"entry-point", "drop-in"}, name
        assert plugin["state"] == "active", name
    assert status["counters"]["events.PreToolUse"] == 1
    assert status["counters"]["events.Stop"] == 1
    assert status["counters"]["verdicts.abstain"] >= 1
    assert status["audit"]["lines_written"] >= 2


async def test_sessions_are_keyed_by_session_id_with_identity(live, sample) -> None:
    start = sample("captured/v2.1.331-headless-SessionStart.json")
    response = await live.client.post(
        "/hooks", json=start, headers={"X-Tmpm-Tmux-Pane": "%7", "X-Tmpm-Pid": "4242"}
    )
    assert response.status_code == 200
    await live.hook(sample("captured/v2.1.331-headless-PreToolUse.json"))
    other = sample("captured/v2.1.197-headless-Stop.json")
    await live.hook(other)
    sessions = (await live.client.get("/sessions")).json()["sessions"]
    assert [s["session_id"] for s in sessions] == [other["session_id"], start["session_id"]]
    first = sessions[1]
    assert first["cwd"] == start["cwd"]
    assert first["transcript_path"] == start["transcript_path"]
    assert first["tmux_pane"] == "%7"
    assert first["pid"] == 4242
    assert first["last_event"] == "PreToolUse"
    assert first["last_tool"] == "Bash"
    assert first["events"] == {"SessionStart": 1, "PreToolUse": 1}
    one = (await live.client.get(f"/sessions/{start['session_id']}")).json()
    assert one["tmux_pane"] == "%7"
    end = sample("captured/v2.1.331-headless-SessionEnd.json")
    await live.hook(end)
    assert (await live.client.get(f"/sessions/{end['session_id']}")).json()["ended"] is True
