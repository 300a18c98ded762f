"""Config generations: a validated set of config files plus the plugin set built from it.

A generation is built completely (parse, validate, load drop-ins, register, check hooks,
configure) before it is swapped in; a hook request holds a reference to the generation it
started on and finishes on it.
"""

from __future__ import annotations

import hashlib
import inspect
import logging
import time
from collections.abc import Awaitable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pluggy
import trio
from pydantic import BaseModel
from werkzeug.routing import Map, Rule

from . import hookspecs
from .config_files import (
    ConfigError,
    ConfigFile,
    ConfigProblem,
    find_config_files,
    read_config_file,
    validate_section,
)
from .context import PluginContext, Services
from .health import HealthBook
from .plugin_api import PROJECT_NAME, Route
from .plugin_sources import DropInLoader, PluginSource
from .settings import SupervisorSettings

log = logging.getLogger("tmpm.generation")

CORE_SECTION = "supervisor"


@dataclass(slots=True)
class LoadedPlugin:
    """A plugin in one generation: where it came from, its config and its context."""

    source: PluginSource
    config: Any
    ctx: PluginContext | None = None

    @property
    def name(self) -> str:
        """The plugin's name (entry-point name or drop-in file stem)."""
        return self.source.name


@dataclass(slots=True)
class Generation:
    """One active-or-candidate configuration of the supervisor."""

    number: int
    digest: str
    loaded_at: float
    settings: SupervisorSettings
    files: dict[str, str]  # section -> file name
    plugins: dict[str, LoadedPlugin]
    pm: pluggy.PluginManager
    health: HealthBook
    services: Services
    routes: list[tuple[str, Route]] = field(default_factory=list)
    route_map: Map | None = None
    warnings: list[str] = field(default_factory=list)
    fingerprint: tuple = ()
    _order_cache: dict[str, list[Any]] = field(default_factory=dict)

    def impls(self, hook_name: str) -> list[Any]:
        """Hook implementations of `hook_name` in call order (tryfirst first)."""
        cached = self._order_cache.get(hook_name)
        if cached is None:
            caller = getattr(self.pm.hook, hook_name)
            cached = list(reversed(caller.get_hookimpls()))
            self._order_cache[hook_name] = cached
        return cached

    def _args(self, impl: Any, kwargs: dict[str, Any]) -> list[Any]:
        ctx = self.plugins[impl.plugin_name].ctx
        return [ctx if name == "ctx" else kwargs[name] for name in impl.argnames]

    def _invoke(self, impl: Any, kwargs: dict[str, Any]) -> tuple[bool, Any]:
        """Call one implementation synchronously; return (ok, result or awaitable)."""
        name = impl.plugin_name
        try:
            return True, impl.function(*self._args(impl, kwargs))
        except Exception as exc:
            self.health.failure(name, f"{type(exc).__name__}: {exc}")
            log.warning("plugin %s failed in %s: %r", name, impl.function.__name__, exc)
            return False, None

    async def _await(self, name: str, hook: str, awaitable: Awaitable[Any], timeout: float) -> Any:
        with trio.move_on_after(timeout) as scope:
            try:
                result = await awaitable
            except Exception as exc:
                self.health.failure(name, f"{type(exc).__name__}: {exc}")
                log.warning("plugin %s failed in %s: %r", name, hook, exc)
                return None
            self.health.success(name)
            return result
        if scope.cancelled_caught:
            self.health.failure(name, f"timed out after {timeout:g} s in {hook}", timeout=True)
            log.warning("plugin %s timed out in %s", name, hook)
        return None

    async def call_all(
        self, hook_name: str, timeout: float | None = None, **kwargs: Any
    ) -> list[tuple[str, Any]]:
        """Call every implementation, contained; return `(plugin, result)` in call order.

        Synchronous implementations run inline; awaitables run concurrently, each under the
        plugin call timeout. Failed or timed-out calls yield no entry.
        """
        limit = timeout if timeout is not None else self.settings.plugins.call_timeout_s
        results: list[tuple[str, Any]] = []
        pending: list[tuple[int, str, Awaitable[Any]]] = []
        for name, result in self._started_calls(hook_name, kwargs):
            if inspect.isawaitable(result):
                pending.append((len(results), name, result))
                results.append((name, None))
            else:
                self.health.success(name)
                results.append((name, result))
        if pending:
            async with trio.open_nursery() as nursery:
                for index, name, awaitable in pending:

                    async def run(index: int = index, name: str = name, aw=awaitable) -> None:
                        results[index] = (name, await self._await(name, hook_name, aw, limit))

                    nursery.start_soon(run)
        return [(name, value) for name, value in results if value is not None]

    async def call_first_named(
        self, hook_name: str, timeout: float | None = None, **kwargs: Any
    ) -> tuple[str, Any] | None:
        """Call implementations in order, contained; return `(plugin, result)` of the first
        non-None result, or None."""
        limit = timeout if timeout is not None else self.settings.plugins.call_timeout_s
        for name, result in self._started_calls(hook_name, kwargs):
            if inspect.isawaitable(result):
                result = await self._await(name, hook_name, result, limit)
            else:
                self.health.success(name)
            if result is not None:
                return name, result
        return None

    def _started_calls(self, hook_name: str, kwargs: dict[str, Any]) -> Iterator[tuple[str, Any]]:
        """Call the implementations of `hook_name` one by one, as the caller asks for them
        (lazily, so a first-result caller stops early); yield `(plugin, result or awaitable)`
        for each that is not skipped as unhealthy and did not raise."""
        for impl in self.impls(hook_name):
            name = impl.plugin_name
            if self.health.should_skip(name):
                continue
            ok, result = self._invoke(impl, kwargs)
            if ok:
                yield name, result

    async def call_first(self, hook_name: str, timeout: float | None = None, **kwargs: Any) -> Any:
        """Call implementations in order, contained; return the first non-None result."""
        found = await self.call_first_named(hook_name, timeout, **kwargs)
        return found[1] if found is not None else None

    def plugin_names(self) -> list[str]:
        """Names of the plugins in this generation."""
        return list(self.plugins)


def files_fingerprint(*folders: Path) -> tuple:
    """Name, size and mtime of every file in `folders`: cheap change detection."""
    entries = []
    for folder in folders:
        if not folder.is_dir():
            continue
        for path in sorted(folder.iterdir()):
            try:
                stat = path.stat()
            except OSError:
                continue
            entries.append((str(path), stat.st_size, stat.st_mtime_ns))
    return tuple(entries)


def _digest(files: list[ConfigFile], sources: list[PluginSource]) -> str:
    hasher = hashlib.sha256()
    for item in sorted(files, key=lambda f: f.path.name):
        hasher.update(item.path.name.encode() + b"\0" + item.text.encode() + b"\0")
    for source in sorted(sources, key=lambda s: s.name):
        if source.origin == "drop-in":
            hasher.update(source.name.encode() + b"\0" + source.digest.encode() + b"\0")
    return hasher.hexdigest()[:16]


def build_generation(
    *,
    number: int,
    services: Services,
    health: HealthBook,
    entry_sources: list[PluginSource],
    entry_problems: list[ConfigProblem],
    dropins: DropInLoader,
    core_route_paths: set[str],
) -> Generation:
    """Parse, validate and load everything into a new generation; raise ConfigError if not.

    Nothing is swapped here: the caller makes the result current only when this returns.
    """
    root = services.root
    fingerprint = files_fingerprint(root.config_dir, root.plugins_dir)
    problems: list[ConfigProblem] = list(entry_problems)
    paths, file_problems = find_config_files(root.config_dir)
    problems.extend(file_problems)
    files: dict[str, ConfigFile] = {}
    for section, path in paths.items():
        try:
            files[section] = read_config_file(path)
        except ConfigError as exc:
            problems.extend(exc.problems)
        except OSError as exc:
            problems.append(ConfigProblem(path.name, f"cannot read: {exc}"))

    core_file = files.get(CORE_SECTION)
    settings_model, core_problems = validate_section(
        SupervisorSettings,
        core_file.data if core_file else {},
        core_file,
        core_file.path.name if core_file else f"{CORE_SECTION}.yaml",
    )
    problems.extend(core_problems)
    settings = settings_model if isinstance(settings_model, SupervisorSettings) else None

    drop_sources, drop_problems = dropins.load(root.plugins_dir)
    problems.extend(drop_problems)
    disabled = set(settings.plugins.disabled) if settings else set()
    sources: dict[str, PluginSource] = {}
    for source in [*entry_sources, *drop_sources]:
        if source.name == CORE_SECTION:
            problems.append(ConfigProblem(source.location, "plugin name 'supervisor' is reserved"))
            continue
        if source.name in sources:
            problems.append(
                ConfigProblem(
                    source.location,
                    f"plugin name {source.name!r} is already used by "
                    f"{sources[source.name].location}",
                )
            )
            continue
        sources[source.name] = source

    pm = pluggy.PluginManager(PROJECT_NAME)
    pm.add_hookspecs(hookspecs)
    active = [s for s in sources.values() if s.name not in disabled]
    for source in reversed(active):  # pluggy calls the last registered first
        try:
            pm.register(source.obj, name=source.name)
        except (pluggy.PluginValidationError, ValueError) as exc:
            problems.append(ConfigProblem(_label(source), f"invalid hook implementation: {exc}"))
    try:
        pm.check_pending()
    except pluggy.PluginValidationError as exc:
        bad_obj = getattr(exc, "plugin", None)
        bad = next((s for s in sources.values() if s.obj is bad_obj), None)
        label = _label(bad) if bad else "plugins"
        problems.append(ConfigProblem(label, f"unknown hook: {exc}"))

    plugins: dict[str, LoadedPlugin] = {}
    warnings: list[str] = []
    models: dict[str, type[BaseModel]] = {}
    for source in active:
        if not pm.is_registered(source.obj):
            continue
        model = None
        impl = getattr(source.obj, "tmpm_config_model", None)
        if impl is not None:
            try:
                model = impl()
            except Exception as exc:
                problems.append(ConfigProblem(_label(source), f"tmpm_config_model failed: {exc!r}"))
                continue
        config = None
        section_file = files.get(source.name)
        if model is not None:
            models[source.name] = model
            label = section_file.path.name if section_file else f"{source.name}.yaml"
            config, section_problems = validate_section(
                model, section_file.data if section_file else {}, section_file, label
            )
            problems.extend(section_problems)
        elif section_file is not None and section_file.data:
            problems.append(
                ConfigProblem(section_file.path.name, f"plugin {source.name!r} takes no config")
            )
        plugins[source.name] = LoadedPlugin(source=source, config=config)

    known_sections = {CORE_SECTION, *sources}
    for section, item in files.items():
        if section not in known_sections:
            warnings.append(f"{item.path.name}: no loaded plugin is named {section!r}; ignored")
        elif section in disabled:
            warnings.append(f"{item.path.name}: plugin {section!r} is disabled; not validated")

    if problems or settings is None:
        raise ConfigError(problems)

    generation = Generation(
        number=number,
        digest=_digest(list(files.values()), list(sources.values())),
        loaded_at=time.time(),
        settings=settings,
        files={section: item.path.name for section, item in files.items()},
        plugins=plugins,
        pm=pm,
        health=health,
        services=services,
        warnings=warnings,
        fingerprint=fingerprint,
    )
    for plugin in plugins.values():
        plugin.ctx = PluginContext(plugin.name, plugin.config, services, generation)
    _collect_routes(generation, core_route_paths)
    return generation


def _label(source: PluginSource) -> str:
    if source.origin == "drop-in":
        return f"plugins/{source.location.rsplit('/', 1)[-1]}"
    return f"plugin {source.name} ({source.location})"


def _collect_routes(generation: Generation, core_route_paths: set[str]) -> None:
    """Ask plugins for routes (synchronously) and build the generation's route map."""
    rules: list[Rule] = []
    problems: list[ConfigProblem] = []
    for impl in generation.impls("tmpm_routes"):
        name = impl.plugin_name
        try:
            routes = impl.function(*generation._args(impl, {})) or []
        except Exception as exc:
            problems.append(ConfigProblem(f"plugin {name}", f"tmpm_routes failed: {exc!r}"))
            continue
        for route in routes:
            if route.path in core_route_paths:
                problems.append(
                    ConfigProblem(f"plugin {name}", f"route {route.path} shadows a core route")
                )
                continue
            endpoint = f"{name}:{len(generation.routes)}"
            generation.routes.append((name, route))
            rules.append(Rule(route.path, methods=[route.method.upper()], endpoint=endpoint))
    if problems:
        raise ConfigError(problems)
    generation.route_map = Map(rules, strict_slashes=False)
