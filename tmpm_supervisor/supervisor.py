"""The Supervisor: shared services, the active generation, reloads and plugin tasks."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import trio

from .approvals import ApprovalBroker
from .audit import AuditLog
from .config_files import ConfigError, ConfigProblem
from .context import PluginContext, Services
from .feed import EventFeed
from .generation import Generation, build_generation
from .health import HealthBook
from .notices import Notice, Severity
from .paths import FrameworkRoot
from .plugin_api import BackgroundTask
from .plugin_sources import DropInLoader, load_entry_point_plugins
from .sessions import SessionRegistry

log = logging.getLogger("tmpm.supervisor")


@dataclass(slots=True)
class ReloadResult:
    """What one reload did: the generation now active, and the problems if it failed."""

    ok: bool
    generation: int
    digest: str
    trigger: str
    problems: list[ConfigProblem]
    duration_ms: float

    def to_json(self) -> dict[str, Any]:
        """Return the result as a JSON-ready dict."""
        return {
            "ok": self.ok,
            "generation": self.generation,
            "digest": self.digest,
            "trigger": self.trigger,
            "problems": [p.to_json() for p in self.problems],
            "errors": [str(p) for p in self.problems],
            "duration_ms": round(self.duration_ms, 3),
        }


@dataclass(slots=True)
class _RunningTask:
    key: tuple[int, Any]
    ctx: PluginContext
    scopes: list[trio.CancelScope]
    finished: trio.Event
    remaining: int = 0

    def cancel(self) -> None:
        """Cancel every task of the plugin."""
        for scope in self.scopes:
            scope.cancel()


class Supervisor:
    """Owns the services and the active generation; swaps generations atomically.

    Listeners (`on_reload_start`, `on_reload_done`, `on_stop`) let the service tell systemd.
    """

    def __init__(self, root: FrameworkRoot, core_route_paths: set[str] | None = None) -> None:
        self.root = root
        # Sized again from the first generation's `notices.queue_size` in load_initial().
        notice_send, self.notice_receive = trio.open_memory_channel[Notice](1000)
        self.services = Services(
            root=root,
            audit=AuditLog(root.audit_dir),
            feed=EventFeed(),
            sessions=SessionRegistry(),
            approvals=ApprovalBroker(),
            started_at=time.time(),
            notice_send=notice_send,
        )
        self.health = HealthBook()
        self.dropins = DropInLoader()
        self.entry_sources, self.entry_problems = load_entry_point_plugins()
        self.core_route_paths = core_route_paths or set()
        self._number = 0
        self._reload_lock = trio.Lock()
        self.last_error: ReloadResult | None = None
        self.last_reload: ReloadResult | None = None
        self.on_reload_start: list[Callable[[], None]] = []
        self.on_reload_done: list[Callable[[ReloadResult], None]] = []
        self.on_stop: list[Callable[[], None]] = []
        self._nursery: trio.Nursery | None = None
        self._tasks: dict[str, _RunningTask] = {}

    @property
    def generation(self) -> Generation:
        """The active generation (raises if none was loaded yet)."""
        current = self.services.current
        if current is None:
            raise RuntimeError("no generation loaded")
        return current

    def load_initial(self) -> Generation:
        """Build the first generation; raises ConfigError (the service refuses to start)."""
        generation = self.build_candidate()
        size = generation.settings.notices.queue_size
        self.services.notice_send, self.notice_receive = trio.open_memory_channel[Notice](size)
        self._activate(generation)
        return generation

    def build_candidate(self) -> Generation:
        """Build (but do not activate) a generation from the files; raises ConfigError."""
        generation = build_generation(
            number=self._number + 1,
            services=self.services,
            health=self.health,
            entry_sources=self.entry_sources,
            entry_problems=self.entry_problems,
            dropins=self.dropins,
            core_route_paths=self.core_route_paths,
        )
        return generation

    def _activate(self, generation: Generation) -> None:
        previous = self.services.current
        self.dropins.commit()
        self._number = generation.number
        settings = generation.settings
        self.health.failure_threshold = settings.plugins.failure_threshold
        self.health.retry_after_s = settings.plugins.retry_after_s
        self.services.audit.fsync = settings.audit.fsync
        self.services.feed.configure(settings.feed.ring_size, settings.feed.subscriber_queue)
        if previous is not None:
            for name, plugin in generation.plugins.items():
                old = previous.plugins.get(name)
                if old is None or old.source.obj is not plugin.source.obj:
                    self.health.reset(name)
        self.services.current = generation
        if self._nursery is not None:
            self._sync_tasks(generation)

    async def reload(self, trigger: str) -> ReloadResult:
        """Build a new generation from the files and swap it in, or keep the current one.

        A failed reload leaves the last good generation deciding and reports the problems in
        status, on the feed, in the audit log and to notifiers.
        """
        async with self._reload_lock:
            for listener in self.on_reload_start:
                listener()
            started = time.perf_counter()
            try:
                generation = self.build_candidate()
            except ConfigError as exc:
                current = self.services.current
                result = ReloadResult(
                    ok=False,
                    generation=current.number if current else 0,
                    digest=current.digest if current else "",
                    trigger=trigger,
                    problems=exc.problems,
                    duration_ms=(time.perf_counter() - started) * 1000,
                )
                self.last_error = result
                self._report(result)
                return result
            self._activate(generation)
            result = ReloadResult(
                ok=True,
                generation=generation.number,
                digest=generation.digest,
                trigger=trigger,
                problems=[],
                duration_ms=(time.perf_counter() - started) * 1000,
            )
            self._report(result)
            return result

    def _report(self, result: ReloadResult) -> None:
        self.last_reload = result
        services = self.services
        services.counters["reloads.ok" if result.ok else "reloads.failed"] += 1
        services.feed.publish("reload", result.to_json())
        services.audit.append({"time": time.time(), "kind": "reload", **result.to_json()})
        if result.ok:
            log.info("reload (%s): generation %d active", result.trigger, result.generation)
        else:
            log.error(
                "reload (%s) rejected, generation %d keeps deciding: %s",
                result.trigger,
                result.generation,
                "; ".join(str(p) for p in result.problems),
            )
            services.notify(
                Notice(
                    kind="reload.error",
                    severity=Severity.ALERT,
                    title="Config reload rejected",
                    text="\n".join(str(p) for p in result.problems)[:2000],
                    data=result.to_json(),
                )
            )
        for listener in self.on_reload_done:
            listener(result)

    # Background tasks -------------------------------------------------------------------

    async def run_tasks(
        self, task_status: trio.TaskStatus[None] = trio.TASK_STATUS_IGNORED
    ) -> None:
        """Run the notice dispatcher and plugin background tasks until cancelled."""
        async with trio.open_nursery() as nursery:
            self._nursery = nursery
            nursery.start_soon(self._dispatch_notices)
            self._sync_tasks(self.generation)
            task_status.started()
            try:
                await trio.sleep_forever()
            finally:
                self._nursery = None

    def _sync_tasks(self, generation: Generation) -> None:
        """Keep tasks whose plugin object and config are unchanged; restart the others.

        A replaced plugin's tasks are cancelled and its new tasks start only once the old
        ones have finished, so a plugin never runs twice at once.
        """
        assert self._nursery is not None
        wanted: dict[str, tuple[int, Any]] = {
            name: (id(p.source.obj), p.config) for name, p in generation.plugins.items()
        }
        stopping: dict[str, trio.Event] = {}
        for name in list(self._tasks):
            running = self._tasks[name]
            if wanted.get(name) != running.key:
                running.cancel()
                stopping[name] = running.finished
                del self._tasks[name]
            else:
                running.ctx.generation = generation
        for impl in generation.impls("tmpm_background_tasks"):
            name = impl.plugin_name
            if name in self._tasks:
                continue
            plugin = generation.plugins[name]
            ctx = PluginContext(name, plugin.config, self.services, generation)
            try:
                tasks = impl.function(*[ctx if a == "ctx" else None for a in impl.argnames]) or []
            except Exception as exc:
                self.health.failure(name, f"tmpm_background_tasks failed: {exc!r}")
                continue
            running = _RunningTask(wanted[name], ctx, [], trio.Event(), len(tasks))
            self._tasks[name] = running
            if not tasks:
                running.finished.set()
            for task in tasks:
                scope = trio.CancelScope()  # made now, so a cancel before the task runs counts
                running.scopes.append(scope)
                self._nursery.start_soon(self._run_task, running, scope, task, stopping.get(name))

    async def _run_task(
        self,
        running: _RunningTask,
        scope: trio.CancelScope,
        task: BackgroundTask,
        previous: trio.Event | None,
    ) -> None:
        ctx = running.ctx
        try:
            with scope:
                if previous is not None:
                    await previous.wait()
                while True:
                    try:
                        await task.run(ctx)
                        log.warning(
                            "background task %s/%s returned; restarting", ctx.name, task.name
                        )
                    except Exception as exc:
                        self.health.failure(ctx.name, f"task {task.name}: {exc!r}")
                        log.exception("background task %s/%s failed", ctx.name, task.name)
                    await trio.sleep(task.restart_delay_s)
        finally:
            running.remaining -= 1
            if running.remaining <= 0:
                running.finished.set()

    async def _dispatch_notices(self) -> None:
        async for notice in self.notice_receive:
            generation = self.services.current
            if generation is None:
                continue
            await generation.call_all("tmpm_deliver_notice", notice=notice)
            self.services.counters["notices.dispatched"] += 1
