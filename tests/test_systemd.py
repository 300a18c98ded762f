"""Running under systemd: the notify protocol on a real datagram socket, the unit files, the
installer and journald-friendly logs."""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.support.live import make_root
from tests.support.process import run_cli, start_service_process

REPO = Path(__file__).resolve().parent.parent


class NotifySocket:
    """A datagram socket standing in for systemd's notify socket."""

    def __init__(self, tmp_path: Path, abstract: bool) -> None:
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        if abstract:
            name = f"tmpm-test-{os.getpid()}-{time.monotonic_ns()}"
            self.sock.bind("\0" + name)
            self.address = "@" + name
        else:
            path = tmp_path / "notify.sock"
            self.sock.bind(str(path))
            self.address = str(path)
        self.sock.settimeout(10)
        self.messages: list[str] = []

    def next_message(self, skip_watchdog: bool = True) -> str:
        """The next message (watchdog pings and bare status updates counted and skipped)."""
        while True:
            message = self.sock.recv(65536).decode()
            self.messages.append(message)
            if skip_watchdog and (message == "WATCHDOG=1" or message.startswith("STATUS=")):
                continue
            return message

    def close(self) -> None:
        self.sock.close()


@pytest.mark.parametrize("abstract", [False, True], ids=["path", "abstract"])
def test_notify_sequence_start_watchdog_reload_stop(tmp_path, abstract: bool) -> None:
    notify = NotifySocket(tmp_path, abstract)
    root = make_root(tmp_path / "root")
    env = {"NOTIFY_SOCKET": notify.address, "WATCHDOG_USEC": "100000"}
    service = start_service_process(root, env=env)
    try:
        ready = notify.next_message()
        assert ready.startswith(
            "READY=1\nSTATUS=0 active sessions, 0 pending approvals, config generation 1"
        )
        deadline = time.monotonic() + 3
        while notify.messages.count("WATCHDOG=1") < 5 and time.monotonic() < deadline:
            notify.next_message(skip_watchdog=False)
        assert notify.messages.count("WATCHDOG=1") >= 5  # every 50 ms from the event loop

        service.process.send_signal(signal.SIGHUP)  # a good reload
        reloading = notify.next_message()
        lines = reloading.split("\n")
        assert lines[0] == "RELOADING=1" and lines[1].startswith("MONOTONIC_USEC=")
        assert abs(int(lines[1].split("=")[1]) - time.monotonic_ns() // 1000) < 5_000_000
        assert notify.next_message().startswith("READY=1\nSTATUS=")

        (root.config_dir / "supervisor.yaml").write_text("server: {port: nope}\n")
        service.process.send_signal(signal.SIGHUP)  # a bad reload
        assert notify.next_message().startswith("RELOADING=1\nMONOTONIC_USEC=")
        errno = notify.next_message()
        assert errno.startswith("ERRNO=22\nSTATUS=reload rejected, generation")
        assert "server.port" in errno
        assert notify.next_message() == "READY=1"

        service.process.send_signal(signal.SIGTERM)
        assert notify.next_message() == "STOPPING=1\nSTATUS=stopping"
        assert service.process.wait(timeout=10) == 0
    finally:
        if service.process.poll() is None:
            service.process.kill()
        notify.close()


def test_no_notify_socket_means_no_op(tmp_path) -> None:
    root = make_root(tmp_path / "root")
    service = start_service_process(root, env={"NOTIFY_SOCKET": ""})
    service.process.send_signal(signal.SIGTERM)
    assert service.process.wait(timeout=10) == 0


cli = run_cli


@pytest.fixture
def recording_systemctl(tmp_path) -> Path:
    """A stand-in for systemctl (the program the installer drives, not the installer) that
    records its arguments."""
    log = tmp_path / "systemctl.log"
    stub = tmp_path / "systemctl"
    stub.write_text(f'#!/bin/sh\necho "$@" >> {log}\n')
    stub.chmod(0o755)
    return stub


@pytest.mark.parametrize("system", [False, True], ids=["user", "system"])
def test_installer_writes_a_valid_unit_and_enables_it(
    tmp_path, recording_systemctl, system
) -> None:
    root = make_root(tmp_path / "root")
    units = tmp_path / "units"
    scope = ["--system", "--account", "dev"] if system else ["--user"]
    env = {"TMPM_SYSTEMCTL": str(recording_systemctl)}
    result = cli("--root", str(root.path), "service", "install", *scope, "--now",
                 "--unit-dir", str(units), env=env)  # fmt: skip
    assert result.returncode == 0, result.stderr
    unit = units / ("tmpm@.service" if system else "tmpm.service")
    text = unit.read_text()
    tmpm = str(Path(sys.executable).parent / "tmpm")
    assert f"ExecStart={tmpm} --root {root.path} serve --log-format journal" in text
    assert "@TMPM@" not in text and "@ROOT@" not in text
    calls = (tmp_path / "systemctl.log").read_text().splitlines()
    user = "" if system else "--user "
    instance = "tmpm@dev.service" if system else "tmpm.service"
    assert calls == [f"{user}daemon-reload", f"{user}enable --now {instance}"]
    if not system:
        assert "enable-linger" in result.stdout

    verify_env = {**os.environ, "XDG_RUNTIME_DIR": str(tmp_path)}
    verify = ["systemd-analyze", *([] if system else ["--user"]), "verify", "--man=no", str(unit)]
    checked = subprocess.run(verify, capture_output=True, text=True, timeout=60, env=verify_env)
    assert checked.returncode == 0, checked.stdout + checked.stderr

    removed = cli(
        "--root", str(root.path), "service", "uninstall", *scope, "--unit-dir", str(units), env=env
    )
    assert removed.returncode == 0
    assert not unit.exists()
    calls = (tmp_path / "systemctl.log").read_text().splitlines()
    assert calls[2:] == [f"{user}disable --now {instance}", f"{user}daemon-reload"]


def test_dry_run_prints_and_writes_nothing(tmp_path, recording_systemctl) -> None:
    units = tmp_path / "units"
    result = cli("--root", str(tmp_path / "root"), "service", "install", "--dry-run",
                 "--unit-dir", str(units), env={"TMPM_SYSTEMCTL": str(recording_systemctl)})  # fmt: skip
    assert result.returncode == 0
    assert f"# would write {units}/tmpm.service:" in result.stdout
    assert "Type=notify" in result.stdout
    assert f"# would run: {recording_systemctl} --user enable tmpm.service" in result.stdout
    assert not units.exists()
    assert not (tmp_path / "systemctl.log").exists()


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="systemd-analyze missing")
def test_shipped_units_pass_systemd_analyze_verify(tmp_path) -> None:
    for name, user in (("tmpm.service", True), ("tmpm@.service", False)):
        text = (REPO / "systemd" / name).read_text()
        text = (
            text.replace("@TMPM@", "/usr/bin/true")
            .replace("@ROOT@", "/tmp")
            .replace("@DOCS@", "/tmp")
        )
        unit = tmp_path / name
        unit.write_text(text)
        command = [
            "systemd-analyze",
            *(["--user"] if user else []),
            "verify",
            "--man=no",
            str(unit),
        ]
        result = subprocess.run(command, capture_output=True, text=True, timeout=60,
                                env={**os.environ, "XDG_RUNTIME_DIR": str(tmp_path)})  # fmt: skip
        assert result.returncode == 0, f"{name}: {result.stdout}{result.stderr}"


@pytest.mark.parametrize("fmt", ["journal", "json"])
def test_log_formats(tmp_path, fmt: str) -> None:
    root = make_root(tmp_path / "root")
    service = start_service_process(root, "--log-format", fmt)
    service.process.send_signal(signal.SIGTERM)
    service.process.wait(timeout=10)
    lines = [line for line in service.log().splitlines() if line.strip()]
    # start_service_process passes --log-format plain first; the last flag wins.
    assert lines, service.log()
    if fmt == "journal":
        assert all(
            line[0] == "<" and line[2] == ">" for line in lines if not line.startswith(" ")
        ), lines
        assert any(
            line.startswith("<6>tmpm.service: serving on http://127.0.0.1:") for line in lines
        )
        assert not any(line[3:5].isdigit() and line[5] == ":" for line in lines)  # no timestamps
    else:
        records = [json.loads(line) for line in lines]
        assert {"time", "level", "logger", "message"} <= set(records[0])
        assert any(r["message"].startswith("serving on") for r in records)
