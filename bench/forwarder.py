"""Benchmark: the `tmpm hook` forwarder against curl posting the same payload to the same server.

Runs `tmpm serve` as a separate process and times whole processes, as Claude Code runs them:
`curl` (the peer), the forwarder as `install-hooks` writes it (`python -I -S forwarder.py`),
and the `tmpm hook` console script (for reference). Usage:

    .venv/bin/python bench/forwarder.py [--runs 100] [--payload-kib 2]
"""

from __future__ import annotations

import argparse
import json
import shlex
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tests.support.live import make_root  # noqa: E402
from tests.support.process import start_service_process  # noqa: E402
from tmpm_supervisor.install_hooks import forwarder_command  # noqa: E402

SAMPLE = REPO.parent / "shared" / "samples" / "claude-code" / "captured"


def percentile(values: list[float], fraction: float) -> float:
    """The `fraction` quantile of `values` (nearest rank)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def time_runs(argv: list[str], payload: bytes, runs: int) -> list[float]:
    """Wall time in ms of `runs` processes each fed `payload` on stdin."""
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        result = subprocess.run(argv, input=payload, capture_output=True, timeout=30)
        timings.append((time.perf_counter() - started) * 1000)
        if result.returncode != 0:
            raise SystemExit(f"{argv[0]} failed: {result.stderr.decode()[:300]}")
    return timings


def main() -> None:
    """Run the benchmark and print p50/p95 per client."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=100)
    parser.add_argument("--payload-kib", type=int, default=0, help="pad the payload to this size")
    args = parser.parse_args()
    payload_data = json.loads((SAMPLE / "v2.1.331-headless-PreToolUse.json").read_text())
    if args.payload_kib:
        payload_data["tool_input"]["command"] += " #" + "x" * (args.payload_kib * 1024)
    payload = json.dumps(payload_data).encode()
    with tempfile.TemporaryDirectory() as tmp:
        root = make_root(Path(tmp) / "root")
        service = start_service_process(root)
        token = root.read_token()
        try:
            clients = {
                "curl (peer)": [
                    "curl", "-s", "-X", "POST", "--data-binary", "@-",
                    "-H", "Content-Type: application/json",
                    "-H", f"Authorization: Bearer {token}", f"{service.url}/hooks",
                ],
                "forwarder (install-hooks form)": shlex.split(
                    forwarder_command(root.path, service.url).split(" # ")[0]
                ),
                "tmpm hook (console script)": [
                    str(Path(sys.executable).parent / "tmpm"), "hook", "--root", str(root.path),
                ],
            }  # fmt: skip
            results = {name: time_runs(argv, payload, 5) and time_runs(argv, payload, args.runs)
                       for name, argv in clients.items()}  # fmt: skip
        finally:
            service.process.terminate()
            service.process.wait(timeout=10)
    floor = percentile(results["curl (peer)"], 0.5)
    print(f"{args.runs} runs per client, payload {len(payload)} bytes, one process per hook call")
    print(f"{'client':30} {'p50 ms':>8} {'p95 ms':>8} {'x curl p50':>10}")
    for name, values in results.items():
        p50 = percentile(values, 0.5)
        print(f"{name:30} {p50:8.2f} {percentile(values, 0.95):8.2f} {p50 / floor:10.2f}")


if __name__ == "__main__":
    main()
