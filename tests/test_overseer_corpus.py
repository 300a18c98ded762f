"""The shipped policy against the evasion corpus: every dangerous variant caught, no everyday
command blocked. Rates are printed (run with -s to see them)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from tmpm_overseer.config import OverseerConfig
from tmpm_overseer.policy import ProjectPolicies, evaluate

from tmpm_supervisor.events import parse_event
from tmpm_supervisor.verdicts import Decision

REPO = Path(__file__).resolve().parent.parent
CORPUS = Path(__file__).parent / "data" / "bash_corpus"


def load(name: str) -> list[str]:
    lines = (CORPUS / name).read_text().splitlines()
    return [line for line in lines if line.strip() and not line.startswith("# ")]


@pytest.fixture(scope="module")
def shipped() -> OverseerConfig:
    return OverseerConfig.model_validate(
        yaml.safe_load((REPO / "config" / "overseer.yaml").read_text())
    )


def verdict(config: OverseerConfig, command: str) -> Decision:
    event = parse_event(
        {
            "hook_event_name": "PreToolUse",
            "session_id": "corpus",
            "cwd": "/nonexistent-project",
            "tool_name": "Bash",
            "tool_input": {"command": command},
        }
    )
    vote = evaluate(event, config, ProjectPolicies())
    return Decision.ABSTAIN if vote is None else vote.decision


def test_corpus_sizes() -> None:
    assert len(load("dangerous.txt")) >= 100
    assert len(load("benign.txt")) >= 200


def test_every_dangerous_variant_is_caught(shipped) -> None:
    commands = load("dangerous.txt")
    missed = [c for c in commands if verdict(shipped, c) not in (Decision.DENY, Decision.ASK)]
    caught = len(commands) - len(missed)
    print(f"\ndangerous caught: {caught}/{len(commands)} = {100 * caught / len(commands):.1f}%")
    assert not missed, "not caught:\n" + "\n".join(missed)


def test_no_everyday_command_is_blocked(shipped) -> None:
    commands = load("benign.txt")
    blocked = [f"{c}  -> {verdict(shipped, c).label}" for c in commands
               if verdict(shipped, c) in (Decision.DENY, Decision.ASK)]  # fmt: skip
    print(
        f"\nbenign blocked: {len(blocked)}/{len(commands)} = {100 * len(blocked) / len(commands):.1f}%"
    )
    assert not blocked, "blocked:\n" + "\n".join(blocked)
