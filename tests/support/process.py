"""Running `tmpm serve` as a real separate process (for signals, SIGKILL and restarts)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from tmpm_supervisor.paths import FrameworkRoot


@dataclass
class ServiceProcess:
    """A `tmpm serve` child process and where it listens."""

    process: subprocess.Popen[bytes]
    url: str
    port: int
    log_path: Path

    def log(self) -> str:
        """What the service wrote to stderr so far."""
        return self.log_path.read_text(errors="replace")


def start_service_process(
    root: FrameworkRoot, *extra: str, timeout: float = 20.0, env: dict[str, str] | None = None
) -> ServiceProcess:
    """Start `tmpm serve --port 0` for `root` and wait until it has written service.json."""
    service_file = root.state_dir / "service.json"
    if service_file.exists():
        service_file.unlink()
    log_path = root.path / f"serve-{time.monotonic_ns()}.log"
    log = log_path.open("wb")
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "tmpm_supervisor.cli",
            "--root",
            str(root.path),
            "serve",
            "--port",
            "0",
            "--log-format",
            "plain",
            *extra,
        ],
        stdout=log,
        stderr=log,
        stdin=subprocess.DEVNULL,
        env={**os.environ, **(env or {})},
    )
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"tmpm serve exited early:\n{log_path.read_text()}")
        try:
            data = json.loads(service_file.read_text())
            if data["pid"] == process.pid:
                return ServiceProcess(process, data["url"], int(data["port"]), log_path)
        except (OSError, ValueError, KeyError):
            pass
        time.sleep(0.02)
    process.kill()
    raise RuntimeError(f"tmpm serve did not start in {timeout}s:\n{log_path.read_text()}")


def run_cli(
    *args: str,
    env: dict[str, str] | None = None,
    cwd: Path | None = None,
    timeout: float = 60,
) -> subprocess.CompletedProcess[str]:
    """Run `tmpm <args>` in a child process (this environment plus `env`) and return its
    result, output captured as text."""
    return subprocess.run(
        [sys.executable, "-m", "tmpm_supervisor.cli", *args],
        cwd=cwd,
        env={**os.environ, **(env or {})},
        capture_output=True,
        text=True,
        timeout=timeout,
    )
