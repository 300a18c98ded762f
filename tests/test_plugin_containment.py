"""A plugin that raises or hangs never stops the answer; one that keeps failing is skipped."""

from __future__ import annotations

import copy
import time

import trio

from tests.support.dropins import HANGS, POLICY, RAISES

CAPTURED = "captured/v2.1.331-headless-PreToolUse.json"
FAST_TIMEOUTS = "plugins:\n  call_timeout_s: 0.3\n  failure_threshold: 3\n  retry_after_s: 60\n"


def forbidden(sample) -> dict:
    payload = copy.deepcopy(sample(CAPTURED))
    payload["tool_input"]["command"] = "touch FORBIDDEN-x"
    return payload


async def test_raising_and_hanging_plugins_do_not_stop_the_deny(live_factory, sample) -> None:
    live = await live_factory(
        {
            "plugins/policy.py": POLICY,
            "plugins/raises.py": RAISES,
            "plugins/hangs.py": HANGS,
            "config/supervisor.yaml": FAST_TIMEOUTS,
        }
    )
    started = time.perf_counter()
    with trio.fail_after(5):
        response = await live.hook(forbidden(sample))
    elapsed = time.perf_counter() - started
    assert response.json()["hookSpecificOutput"]["permissionDecision"] == "deny"
    assert elapsed < 1.0, f"answer took {elapsed:.3f}s with a hanging plugin (timeout 0.3s)"
    status = (await live.client.get("/status")).json()
    assert status["plugins"]["raises"]["failures"] == 1
    assert status["plugins"]["hangs"]["timeouts"] == 1
    assert "always fails" in status["plugins"]["raises"]["last_error"]


async def test_a_plugin_that_keeps_failing_is_marked_failed_and_skipped(
    live_factory, sample
) -> None:
    live = await live_factory({"plugins/hangs.py": HANGS, "config/supervisor.yaml": FAST_TIMEOUTS})
    for _ in range(3):
        with trio.fail_after(5):
            await live.hook(forbidden(sample))
    status = (await live.client.get("/status")).json()["plugins"]["hangs"]
    assert status["state"] == "failed"
    assert status["retry_at"] is not None
    # Now skipped: the answer no longer waits for the timeout.
    started = time.perf_counter()
    await live.hook(forbidden(sample))
    assert time.perf_counter() - started < 0.2
    assert (await live.client.get("/status")).json()["plugins"]["hangs"]["timeouts"] == 3


async def test_a_plugin_returning_garbage_counts_as_a_failure(live_factory, sample) -> None:
    live = await live_factory(
        {
            "plugins/garbage.py": (
                "from tmpm_supervisor.plugin_api import hookimpl\n\n"
                "@hookimpl\ndef tmpm_decide(event):\n    return 'deny'\n"
            )
        }
    )
    assert (await live.hook(forbidden(sample))).json() == {}
    status = (await live.client.get("/status")).json()["plugins"]["garbage"]
    assert status["failures"] == 1
    assert "returned str" in status["last_error"]
