"""The written merge rule: deny > ask > allow > abstain; hard preferred; rewrites and context."""

from __future__ import annotations

import itertools

import pytest

from tmpm_supervisor.verdicts import Decision, Vote, merge_votes

A, D, K, N = Decision.ALLOW, Decision.DENY, Decision.ASK, Decision.ABSTAIN


@pytest.mark.parametrize("order", list(itertools.permutations([A, D, K, N])))
def test_deny_beats_ask_beats_allow_in_any_order(order) -> None:
    votes = [Vote(d, reason=d.label, plugin=f"p{i}") for i, d in enumerate(order)]
    assert merge_votes(votes).decision == D
    without_deny = [v for v in votes if v.decision != D]
    assert merge_votes(without_deny).decision == K
    only_allow = [v for v in votes if v.decision in (A, N)]
    assert merge_votes(only_allow).decision == A


def test_no_votes_is_abstain() -> None:
    verdict = merge_votes([])
    assert verdict.decision == N
    assert verdict.reason == ""


def test_hard_allow_never_overrides_any_deny() -> None:
    verdict = merge_votes(
        [Vote(A, reason="project allows", hard=True), Vote(D, reason="soft deny", rule="r1")]
    )
    assert (verdict.decision, verdict.reason, verdict.rule) == (D, "soft deny", "r1")


def test_hard_vote_of_the_winning_kind_gives_the_reason() -> None:
    verdict = merge_votes(
        [Vote(D, reason="soft", plugin="a"), Vote(D, reason="hard", plugin="b", hard=True)]
    )
    assert (verdict.reason, verdict.plugin, verdict.hard) == ("hard", "b", True)


def test_first_of_the_winning_kind_gives_the_reason() -> None:
    verdict = merge_votes([Vote(K, reason="first"), Vote(K, reason="second")])
    assert verdict.reason == "first"


def test_contexts_join_and_halt_wins() -> None:
    verdict = merge_votes(
        [
            Vote(N, additional_context="one"),
            Vote(A, additional_context="two"),
            Vote(N, halt=True, stop_reason="budget spent"),
        ]
    )
    assert verdict.additional_context == "one\n\ntwo"
    assert verdict.halt
    assert verdict.stop_reason == "budget spent"


def test_deny_carries_no_input_rewrite() -> None:
    verdict = merge_votes([Vote(A, updated_input={"command": "x"}), Vote(D, reason="no")])
    assert verdict.updated_input is None


def test_rewrite_survives_a_hard_allow_without_one() -> None:
    verdict = merge_votes([Vote(A, hard=True), Vote(A, updated_input={"command": "safe"})])
    assert verdict.updated_input == {"command": "safe"}
