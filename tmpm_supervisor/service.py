"""The resident service: one root nursery owning the HTTP server and every background task."""

from __future__ import annotations

import json
import logging
import os
import signal
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import trio
from hypercorn.config import Config as HypercornConfig
from hypercorn.trio import serve
from quart_trio import QuartTrio

from . import hypercorn_patch
from .app import core_route_paths, create_app
from .atomic import write_json_atomic
from .paths import FrameworkRoot, init_root
from .supervisor import Supervisor
from .verdicts import Decision

log = logging.getLogger("tmpm.service")

SHUTDOWN_DEADLINE_S = 2.0


@dataclass(slots=True)
class ServiceHandle:
    """What `run_service` reports once serving: the address and ways to control it."""

    host: str
    port: int
    supervisor: Supervisor
    stop: Callable[[], None]
    app: QuartTrio | None = None

    @property
    def base_url(self) -> str:
        """`http://host:port` of the API."""
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}"


ServiceExtension = Callable[[Supervisor, trio.Nursery], None]
"""A core part the service starts with its nursery once the API is bound and plugins are
loaded (the config watcher, the systemd notifier): it may start tasks in the nursery."""


def default_extensions() -> list[ServiceExtension]:
    """Core extensions started by default: the config watcher and the systemd notifier."""
    from .sd_notify import start_systemd_notifier
    from .watcher import start_config_watcher

    return [start_config_watcher, start_systemd_notifier]


async def run_service(
    root: FrameworkRoot,
    *,
    host: str | None = None,
    port: int | None = None,
    handle_signals: bool = True,
    extensions: list[ServiceExtension] | None = None,
    task_status: trio.TaskStatus[ServiceHandle] = trio.TASK_STATUS_IGNORED,
) -> None:
    """Run the supervisor until stopped (SIGTERM/SIGINT or `handle.stop()`).

    Initialises `root` from the shipped defaults if it does not exist yet. Raises
    `ConfigError` if the config is invalid at start. Reports a `ServiceHandle` through
    `task_status` once the API is bound and plugins are loaded.
    """
    hypercorn_patch.apply()
    if not root.exists() or not root.token_file.exists():
        report = init_root(root)
        log.info("initialised framework root %s (%d files)", root.path, len(report.written))
    supervisor = Supervisor(root, core_route_paths())
    repaired = supervisor.services.audit.prepare()
    if repaired:
        log.warning("cut a torn last line off %d audit files (power loss?)", repaired)
    generation = supervisor.load_initial()
    settings = generation.settings.server
    bind_host = host or settings.host
    bind_port = settings.port if port is None else port
    stopping = trio.Event()
    app = create_app(supervisor, stopping)

    config = HypercornConfig()
    config.bind = [f"[{bind_host}]:{bind_port}" if ":" in bind_host else f"{bind_host}:{bind_port}"]
    config.accesslog = None
    config.errorlog = logging.getLogger("hypercorn.error")
    config.graceful_timeout = settings.graceful_timeout_s
    config.keep_alive_timeout = settings.keep_alive_timeout_s
    config.include_server_header = False

    server_done = trio.Event()

    async def serve_api(task_status: trio.TaskStatus[list[str]]) -> None:
        try:
            await serve(app, config, shutdown_trigger=stopping.wait, task_status=task_status)
        finally:
            server_done.set()

    async with trio.open_nursery() as nursery:
        await nursery.start(supervisor.run_tasks)
        binds = await nursery.start(serve_api)
        bound_port = int(binds[0].rsplit(":", 1)[1])
        if handle_signals:
            nursery.start_soon(_signal_loop, supervisor, stopping)
        for extension in default_extensions() if extensions is None else extensions:
            extension(supervisor, nursery)
        log.info(
            "serving on http://%s:%d (generation %d, %d plugins: %s)",
            bind_host,
            bound_port,
            generation.number,
            len(generation.plugins),
            ", ".join(generation.plugins) or "none",
        )

        def stop() -> None:
            stopping.set()

        handle = ServiceHandle(bind_host, bound_port, supervisor, stop, app)
        write_service_file(root, handle)
        task_status.started(handle)
        await stopping.wait()
        log.info("stopping")
        for listener in supervisor.on_stop:
            listener()
        _answer_held_calls(supervisor)
        supervisor.services.feed.close()
        # hypercorn drains connections (graceful_timeout); everything else is cancelled.
        with trio.move_on_after(SHUTDOWN_DEADLINE_S):
            await server_done.wait()
        nursery.cancel_scope.cancel()
    supervisor.services.audit.close()
    remove_service_file(root)
    log.info("stopped")


def _answer_held_calls(supervisor: Supervisor) -> None:
    """Answer held approvals before the server drains: a request cut off by shutdown would
    fail open in Claude Code (the tool would run)."""
    settings = supervisor.generation.settings.approvals
    decision = (
        Decision.DENY if settings.on_timeout == "deny" else Decision.from_label(settings.on_timeout)
    )
    if decision == Decision.ASK:
        decision = Decision.DENY
    count = supervisor.services.approvals.close_all(
        decision, "shutdown", "the supervisor is stopping"
    )
    if count:
        log.warning("answered %d held approvals with %s at shutdown", count, decision.label)


def service_file(root: FrameworkRoot) -> Path:
    """`<root>/state/service.json`: where the running service says where it listens."""
    return root.state_dir / "service.json"


def write_service_file(root: FrameworkRoot, handle: ServiceHandle) -> None:
    """Record the bound address and pid so the CLI and the forwarder can find the service."""
    write_json_atomic(
        service_file(root),
        {"pid": os.getpid(), "host": handle.host, "port": handle.port, "url": handle.base_url},
    )


def remove_service_file(root: FrameworkRoot) -> None:
    """Remove the service file if it is still ours."""
    path = service_file(root)
    try:
        if json.loads(path.read_text()).get("pid") == os.getpid():
            path.unlink()
    except (OSError, ValueError):
        pass


async def _signal_loop(supervisor: Supervisor, stopping: trio.Event) -> None:
    with trio.open_signal_receiver(signal.SIGTERM, signal.SIGINT, signal.SIGHUP) as signals:
        async for signum in signals:
            if signum == signal.SIGHUP:
                await supervisor.reload("SIGHUP")
            else:
                log.info("received %s", signal.Signals(signum).name)
                stopping.set()
