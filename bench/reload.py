"""Benchmark: time from saving a policy file to the first hook decision made by the new policy.

Runs `tmpm serve` as a separate process with a drop-in deny policy, then repeatedly rewrites
the policy with a new reason and polls `POST /hooks` until the answer carries it. Measured in
the same run as peers: the same change applied with `POST /reload` (no watcher latency) and a
single `/hooks` round trip (the polling floor). Usage:

    .venv/bin/python bench/reload.py [--edits 40]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

import httpx

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tests.support.live import make_root  # noqa: E402
from tests.support.process import start_service_process  # noqa: E402

SAMPLE = REPO.parent / "shared" / "samples" / "claude-code" / "captured"
POLICY = """
from tmpm_supervisor.plugin_api import Decision, Vote, hookimpl


@hookimpl
def tmpm_decide(event):
    if event.name == "PreToolUse":
        return Vote(Decision.DENY, reason="{reason}", rule="bench")
"""


def percentile(values: list[float], fraction: float) -> float:
    """The `fraction` quantile of `values` (nearest rank)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def decided_reason(client: httpx.Client, body: bytes) -> str:
    """The deny reason the service gives for the sample PreToolUse."""
    answer = client.post("/hooks", content=body).json()
    return answer.get("hookSpecificOutput", {}).get("permissionDecisionReason", "")


def time_until(client: httpx.Client, body: bytes, reason: str, limit_s: float = 5.0) -> float:
    """Seconds until the service decides with `reason` (polling /hooks)."""
    started = time.perf_counter()
    while time.perf_counter() - started < limit_s:
        if decided_reason(client, body) == reason:
            return time.perf_counter() - started
    raise SystemExit(f"policy {reason!r} not active after {limit_s}s")


def main() -> None:
    """Run the benchmark and print p50/p95 per method."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--edits", type=int, default=40)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = make_root(Path(tmp) / "root", {"plugins/policy.py": POLICY.format(reason="r0")})
        service = start_service_process(root)
        policy = root.plugins_dir / "policy.py"
        body = json.dumps(
            json.loads((SAMPLE / "v2.1.331-headless-PreToolUse.json").read_text())
        ).encode()
        headers = {
            "Authorization": f"Bearer {root.read_token()}",
            "Content-Type": "application/json",
        }
        try:
            with httpx.Client(base_url=service.url, headers=headers, timeout=10) as client:
                time_until(client, body, "r0")
                floor = []
                for _ in range(200):
                    started = time.perf_counter()
                    decided_reason(client, body)
                    floor.append((time.perf_counter() - started) * 1000)
                watched, explicit = [], []
                for index in range(1, args.edits + 1):
                    reason = f"w{index}"
                    policy.write_text(POLICY.format(reason=reason))
                    watched.append(time_until(client, body, reason) * 1000)
                    time.sleep(0.15)  # let the watcher settle before the next edit
                # The same change applied by an explicit reload (the watcher may race it).
                for index in range(1, args.edits + 1):
                    reason = f"x{index}"
                    started = time.perf_counter()
                    policy.write_text(POLICY.format(reason=reason))
                    client.post("/reload")
                    time_until(client, body, reason)
                    explicit.append((time.perf_counter() - started) * 1000)
                    time.sleep(0.15)
        finally:
            service.process.terminate()
            service.process.wait(timeout=10)
    print(f"{args.edits} edits of a drop-in policy; time from save to the first decision by it")
    print(f"{'method':34} {'p50 ms':>8} {'p95 ms':>8} {'mean ms':>8}")
    for name, values in (
        ("save -> decision (watcher)", watched),
        ("save + POST /reload -> decision", explicit),
        ("floor: one /hooks round trip", floor),
    ):
        print(
            f"{name:34} {percentile(values, 0.5):8.2f} {percentile(values, 0.95):8.2f} "
            f"{statistics.mean(values):8.2f}"
        )


if __name__ == "__main__":
    main()
