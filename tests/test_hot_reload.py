"""Hot reload: edits take effect quickly, bad edits never switch the policy off."""

from __future__ import annotations

import copy
import json

import trio

from tests.support.reload import save_atomically, wait_generation, wait_reload_error

DENY_PLUGIN = """
from tmpm_supervisor.plugin_api import Decision, Vote, hookimpl


@hookimpl
def tmpm_decide(event):
    if event.name == "PreToolUse":
        return Vote(Decision.DENY, reason="{reason}", rule="r")
"""

SLOW_PLUGIN = """
import trio
from tmpm_supervisor.plugin_api import Decision, Vote, hookimpl

gate = trio.Event()
entered = trio.Event()


@hookimpl
async def tmpm_decide(event):
    if event.name == "PreToolUse":
        entered.set()
        await gate.wait()
        return Vote(Decision.DENY, reason="{reason}", rule="slow")
"""

TASK_PLUGIN = """
from tmpm_supervisor.plugin_api import BackgroundTask, hookimpl
import trio

LOG = {log!r}


async def run(ctx):
    with open(LOG, "a") as handle:
        handle.write("start {version}\\n")
    try:
        await trio.sleep_forever()
    finally:
        with open(LOG, "a") as handle:
            handle.write("stop {version}\\n")


@hookimpl
def tmpm_background_tasks(ctx):
    return [BackgroundTask("ticker", run)]
"""

NOTIFIER_PLUGIN = """
from tmpm_supervisor.plugin_api import hookimpl

received = []


@hookimpl
def tmpm_deliver_notice(notice):
    received.append(notice)
"""


def pre_tool_use(sample) -> dict:
    return copy.deepcopy(sample("captured/v2.1.331-headless-PreToolUse.json"))


async def reason(live, sample) -> str | None:
    body = (await live.hook(pre_tool_use(sample))).json()
    return body.get("hookSpecificOutput", {}).get("permissionDecisionReason")


async def test_config_edit_is_applied_without_restart(live_factory) -> None:
    live = await live_factory()
    path = live.root.config_dir / "supervisor.yaml"
    save_atomically(path, "feed:\n  ring_size: 20\n")
    status = await wait_generation(live, 2)
    assert status["last_reload"]["trigger"] == "watch"
    assert status["last_reload"]["ok"] is True
    assert live.supervisor.generation.settings.feed.ring_size == 20


async def test_plugin_edit_changes_decisions_and_burst_reloads_once(live_factory, sample) -> None:
    live = await live_factory({"plugins/policy.py": DENY_PLUGIN.format(reason="v1")})
    assert await reason(live, sample) == "v1"
    path = live.root.plugins_dir / "policy.py"
    for version in ("v2", "v3", "v4"):  # one burst: three quick saves
        path.write_text(DENY_PLUGIN.format(reason=version))
    await wait_generation(live, 2)
    await trio.sleep(0.3)
    status = (await live.client.get("/status")).json()
    assert status["generation"]["number"] == 2, "a burst of saves should reload once"
    assert await reason(live, sample) == "v4"


async def test_same_size_edits_within_one_second_load_the_newest_code(live_factory, sample) -> None:
    live = await live_factory({"plugins/policy.py": DENY_PLUGIN.format(reason="aa")})
    path = live.root.plugins_dir / "policy.py"
    generation = 1
    for version in ("bb", "cc", "dd"):
        stat = path.stat()
        path.write_text(DENY_PLUGIN.format(reason=version))
        os_stat = path.stat()
        assert os_stat.st_size == stat.st_size
        generation += 1
        await wait_generation(live, generation)
        assert await reason(live, sample) == version


async def test_bad_edit_keeps_last_good_policy_and_fix_recovers(live_factory, sample) -> None:
    live = await live_factory({"plugins/policy.py": DENY_PLUGIN.format(reason="good")})
    path = live.root.plugins_dir / "policy.py"
    received: list[dict] = []

    async def feed() -> None:
        async with live.client.stream("GET", "/events") as response:
            async for line in response.aiter_lines():
                if line.startswith("data: "):
                    item = json.loads(line[6:])
                    if item["kind"] == "reload":
                        received.append(item["data"])
                        return

    with trio.fail_after(10):
        async with trio.open_nursery() as nursery:
            nursery.start_soon(feed)
            await trio.sleep(0.1)
            path.write_text("def broken(:\n")
            status = await wait_reload_error(live, 1)
    assert received and received[0]["ok"] is False
    error = status["last_error"]["errors"][0]
    assert error.startswith("plugins/policy.py:1: syntax error")
    assert status["generation"]["number"] == 1
    assert await reason(live, sample) == "good"
    audit = (await live.client.get("/audit")).json()["records"]
    assert any(r.get("kind") == "reload" and r["ok"] is False for r in audit)
    path.write_text(DENY_PLUGIN.format(reason="fixed"))
    await wait_generation(live, 2)
    assert await reason(live, sample) == "fixed"


async def test_deleted_plugin_unloads_and_new_one_loads(live_factory, sample) -> None:
    live = await live_factory({"plugins/policy.py": DENY_PLUGIN.format(reason="one")})
    (live.root.plugins_dir / "policy.py").unlink()
    status = await wait_generation(live, 2)
    assert "policy" not in status["plugins"]
    assert await reason(live, sample) is None
    save_atomically(live.root.plugins_dir / "other.py", DENY_PLUGIN.format(reason="two"))
    status = await wait_generation(live, 3)
    assert "other" in status["plugins"]
    assert await reason(live, sample) == "two"


async def test_in_flight_request_finishes_on_its_generation(live_factory, sample) -> None:
    live = await live_factory(
        {
            "plugins/slow.py": SLOW_PLUGIN.format(reason="old"),
            "config/supervisor.yaml": "plugins:\n  call_timeout_s: 10\n",
        }
    )
    old_module = live.supervisor.generation.plugins["slow"].source.obj
    answers: list[dict] = []

    async def request() -> None:
        answers.append((await live.hook(pre_tool_use(sample))).json())

    with trio.fail_after(10):
        async with trio.open_nursery() as nursery:
            nursery.start_soon(request)
            await old_module.entered.wait()
            (live.root.plugins_dir / "slow.py").write_text(DENY_PLUGIN.format(reason="new"))
            await wait_generation(live, 2)
            assert await reason(live, sample) == "new"
            old_module.gate.set()
    assert answers[0]["hookSpecificOutput"]["permissionDecisionReason"] == "old"
    records = (await live.client.get("/audit", params={"event": "PreToolUse"})).json()["records"]
    assert [(r["reason"], r["generation"]) for r in records] == [("new", 2), ("old", 1)]


async def test_background_tasks_of_a_replaced_plugin_restart(live_factory, tmp_path) -> None:
    log = tmp_path / "tasks.log"
    live = await live_factory({"plugins/ticker.py": TASK_PLUGIN.format(log=str(log), version=1)})
    with trio.fail_after(5):
        while not log.exists():
            await trio.sleep(0.01)
    (live.root.plugins_dir / "ticker.py").write_text(TASK_PLUGIN.format(log=str(log), version=2))
    await wait_generation(live, 2)
    with trio.fail_after(5):
        while log.read_text().count("\n") < 3:
            await trio.sleep(0.01)
    assert log.read_text().splitlines() == ["start 1", "stop 1", "start 2"]
    # A config change of another section leaves the task alone.
    (live.root.config_dir / "supervisor.yaml").write_text("feed:\n  ring_size: 50\n")
    await wait_generation(live, 3)
    await trio.sleep(0.1)
    assert log.read_text().splitlines() == ["start 1", "stop 1", "start 2"]


async def test_reload_errors_reach_notifiers(live_factory) -> None:
    live = await live_factory({"plugins/notifier.py": NOTIFIER_PLUGIN})
    module = live.supervisor.generation.plugins["notifier"].source.obj
    (live.root.config_dir / "supervisor.yaml").write_text("server:\n  port: [1]\n")
    await wait_reload_error(live, 1)
    with trio.fail_after(5):
        while not any(n.kind == "reload.error" for n in module.received):
            await trio.sleep(0.01)
    notice = next(n for n in module.received if n.kind == "reload.error")
    assert "supervisor.yaml:2: server.port" in notice.text


async def test_sighup_and_post_reload_report_results(live_factory) -> None:
    live = await live_factory()
    ok = await live.client.post("/reload")
    assert ok.status_code == 200
    assert ok.json()["ok"] is True
    (live.root.config_dir / "supervisor.yaml").write_text("bogus: 1\n")
    await wait_reload_error(live, 1)
    bad = await live.client.post("/reload")
    assert bad.status_code == 422
    assert bad.json()["errors"] == ["supervisor.yaml:1: bogus: unknown key (not in the schema)"]
