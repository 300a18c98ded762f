"""Every broken edit in tests/data/broken_edits.yaml is rejected precisely while the last good
policy keeps deciding every request."""

from __future__ import annotations

import copy
from pathlib import Path

import trio
import yaml

from tests.support.reload import wait_generation, wait_reload_error

CORPUS = yaml.safe_load((Path(__file__).parent / "data" / "broken_edits.yaml").read_text())
POLICY = """
from tmpm_supervisor.plugin_api import Decision, Vote, hookimpl


@hookimpl
def tmpm_decide(event):
    if event.name == "PreToolUse":
        return Vote(Decision.DENY, reason="last good policy", rule="keep")
"""


def test_corpus_has_at_least_40_broken_edits() -> None:
    assert len([e for e in CORPUS if not e.get("valid")]) >= 40


async def test_broken_edits_are_rejected_while_the_policy_keeps_deciding(
    live_factory, sample
) -> None:
    live = await live_factory({"plugins/policy.py": POLICY})
    payload = copy.deepcopy(sample("captured/v2.1.331-headless-PreToolUse.json"))
    answers: list[str] = []
    stop = trio.Event()

    async def hammer() -> None:
        while not stop.is_set():
            body = (await live.hook(payload)).json()
            answers.append(body.get("hookSpecificOutput", {}).get("permissionDecisionReason"))

    failures = 0
    generation = 1
    mismatches: list[str] = []
    with trio.fail_after(120):
        async with trio.open_nursery() as nursery:
            for _ in range(2):
                nursery.start_soon(hammer)
            for entry in CORPUS:
                target = live.root.path / entry["file"]
                original = target.read_text() if target.exists() else None
                target.write_text(entry["text"])
                if entry.get("valid"):
                    generation += 1
                    await wait_generation(live, generation)
                else:
                    failures += 1
                    status = await wait_reload_error(live, failures)
                    errors = status["last_error"]["errors"]
                    if not any(all(f in e for f in entry["expect"]) for e in errors):
                        mismatches.append(f"{entry['file']}: {entry['expect']} not in {errors}")
                    assert status["generation"]["number"] == generation
                if original is None:
                    target.unlink()
                else:
                    target.write_text(original)
                generation += 1
                await wait_generation(live, generation)
            stop.set()
    assert not mismatches, "\n".join(mismatches)
    assert len(answers) > 100
    assert set(answers) == {"last good policy"}, "a request was answered without the policy"
