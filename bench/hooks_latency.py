"""Benchmark: /hooks PreToolUse decision latency and throughput over keep-alive HTTP.

Starts `tmpm serve` (all first-party plugins loaded, default config) as a separate process on
a free loopback port and measures, in the same run:

- the floor: `GET /health` (a trivial core Quart route) and `POST /bench/floor` (a trivial
  plugin route taking the same JSON body as a hook);
- `POST /hooks` with a captured PreToolUse payload.

Latency is sequential requests over one keep-alive connection (p50/p99); throughput is
`--concurrency` keep-alive clients in threads. Usage:

    .venv/bin/python bench/hooks_latency.py [--requests 2000] [--concurrency 4]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tests.support.live import make_root  # noqa: E402
from tests.support.process import start_service_process  # noqa: E402

SAMPLE = REPO.parent / "shared" / "samples" / "claude-code" / "captured"
FLOOR_PLUGIN = """
from tmpm_supervisor.plugin_api import Route, hookimpl


async def floor(request, ctx):
    await request.get_data()
    return {}


@hookimpl
def tmpm_routes(ctx):
    return [Route("POST", "/bench/floor", floor, summary="Benchmark floor.")]
"""


def generated_policy(count: int) -> str:
    """An overseer policy of `count` rules of every kind, none matching the sample call."""
    kinds = [
        "pattern: 'Bash(tool{i} --flag{i} {{/,~}})'",
        "pattern: 'Write(/srv/area{i}/**)'",
        "regex: 'secret-token-{i}'",
        "pipeline: ['fetcher{i}', 'sh|bash']",
    ]
    lines = ["rules:"]
    for index in range(count):
        kind = kinds[index % len(kinds)].format(i=index)
        lines.append(f"  - {{id: rule-{index}, action: deny, {kind}}}")
    return "\n".join(lines) + "\n"


def percentile(values: list[float], fraction: float) -> float:
    """The `fraction` quantile of `values` (nearest rank)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def sequential(
    client: httpx.Client, method: str, path: str, body: bytes | None, count: int
) -> list[float]:
    """Latencies in ms of `count` sequential requests on one keep-alive connection."""
    timings = []
    for _ in range(count):
        started = time.perf_counter()
        response = client.request(method, path, content=body)
        timings.append((time.perf_counter() - started) * 1000)
        if response.status_code != 200:
            raise SystemExit(f"{method} {path}: {response.status_code} {response.text}")
    return timings


def throughput(
    url: str, token: str, method: str, path: str, body: bytes | None, count: int, concurrency: int
) -> float:
    """Requests per second with `concurrency` keep-alive clients sharing `count` requests."""
    per_worker = count // concurrency

    def worker() -> None:
        with httpx.Client(base_url=url, headers={"Authorization": f"Bearer {token}"}) as client:
            sequential(client, method, path, body, per_worker)

    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return per_worker * concurrency / (time.perf_counter() - started)


def main() -> None:
    """Run the benchmark and print a table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument(
        "--overseer-rules",
        type=int,
        default=0,
        help="replace the shipped policy by this many generated rules",
    )
    parser.add_argument(
        "--plugin-file",
        action="append",
        default=[],
        help="extra files to write into the root, as DEST=SOURCE",
    )
    args = parser.parse_args()
    files = {"plugins/benchfloor.py": FLOOR_PLUGIN}
    if args.overseer_rules:
        files["config/overseer.yaml"] = generated_policy(args.overseer_rules)
    for item in args.plugin_file:
        dest, source = item.split("=", 1)
        files[dest] = Path(source).read_text()
    with tempfile.TemporaryDirectory() as tmp:
        root = make_root(Path(tmp) / "root", files)
        service = start_service_process(root)
        try:
            token = root.read_token()
            payload = json.loads((SAMPLE / "v2.1.331-headless-PreToolUse.json").read_text())
            body = json.dumps(payload).encode()
            status = httpx.get(
                f"{service.url}/status", headers={"Authorization": f"Bearer {token}"}
            ).json()
            plugins = ", ".join(sorted(status["plugins"]))
            cases = [
                ("floor GET /health", "GET", "/health", None),
                ("floor POST /bench/floor", "POST", "/bench/floor", body),
                ("POST /hooks PreToolUse", "POST", "/hooks", body),
            ]
            print(f"plugins loaded: {plugins}")
            print(
                f"{args.requests} sequential requests per case over keep-alive; "
                f"throughput with {args.concurrency} clients"
            )
            print(f"{'case':28} {'p50 ms':>8} {'p99 ms':>8} {'mean ms':>8} {'req/s':>8}")
            with httpx.Client(
                base_url=service.url,
                headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
            ) as client:
                for name, method, path, data in cases:
                    sequential(client, method, path, data, 100)  # warm-up
                    timings = sequential(client, method, path, data, args.requests)
                    rate = throughput(
                        service.url, token, method, path, data, args.requests, args.concurrency
                    )
                    print(
                        f"{name:28} {percentile(timings, 0.5):8.3f} {percentile(timings, 0.99):8.3f} "
                        f"{statistics.mean(timings):8.3f} {rate:8.0f}"
                    )
        finally:
            service.process.terminate()
            service.process.wait(timeout=10)


if __name__ == "__main__":
    main()
