"""Where plugins come from: installed entry points and drop-in files under `<root>/plugins/`."""

from __future__ import annotations

import hashlib
import sys
import types
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

from .config_files import ConfigProblem
from .plugin_api import ENTRY_POINT_GROUP


@dataclass(slots=True)
class PluginSource:
    """A loaded plugin object and where it came from."""

    name: str
    obj: Any
    origin: str  # "entry-point" or "drop-in"
    location: str  # "dist==version: module" or the file path
    digest: str = ""  # source hash for drop-ins


def load_entry_point_plugins() -> tuple[list[PluginSource], list[ConfigProblem]]:
    """Load every plugin registered in the `tmpm.plugins` entry-point group.

    An entry point must name a module or a module-level object (not a class): a class is
    reported as a problem, since pluggy would register the class and every call would fail.
    """
    sources: list[PluginSource] = []
    problems: list[ConfigProblem] = []
    seen: set[str] = set()
    for entry in sorted(metadata.entry_points(group=ENTRY_POINT_GROUP), key=lambda e: e.name):
        if entry.name in seen:
            continue
        seen.add(entry.name)
        dist = f"{entry.dist.name}=={entry.dist.version}" if entry.dist else "?"
        label = f"entry point {entry.name} ({dist})"
        try:
            obj = entry.load()
        except Exception as exc:  # a broken package must not stop the others loading
            problems.append(ConfigProblem(label, f"failed to import: {exc!r}"))
            continue
        if isinstance(obj, type):
            problems.append(
                ConfigProblem(label, "names a class; point it at a module or an instance")
            )
            continue
        sources.append(PluginSource(entry.name, obj, "entry-point", f"{dist}: {entry.value}"))
    return sources, problems


class DropInLoader:
    """Compiles drop-in plugin files from their source text, caching by content hash.

    Loading from the text (never `importlib.reload` or a `.pyc`) means an edit made within the
    same second with the same size is still seen; an unchanged file keeps its module object
    (and so its state) across generations.
    """

    def __init__(self) -> None:
        self._cache: dict[Path, PluginSource] = {}
        self._pending: dict[Path, PluginSource] = {}

    def load(self, folder: Path) -> tuple[list[PluginSource], list[ConfigProblem]]:
        """Return a plugin per `*.py` file in `folder` (files starting `_` or `.` skipped)."""
        sources: list[PluginSource] = []
        problems: list[ConfigProblem] = []
        files = sorted(folder.glob("*.py")) if folder.is_dir() else []
        for path in files:
            if path.name.startswith(("_", ".")):
                continue
            try:
                source_bytes = path.read_bytes()
            except OSError as exc:
                problems.append(ConfigProblem(f"plugins/{path.name}", f"cannot read: {exc}"))
                continue
            digest = hashlib.sha256(source_bytes).hexdigest()
            cached = self._cache.get(path)
            if cached is not None and cached.digest == digest:
                sources.append(cached)
                continue
            try:
                module = self._compile(path, source_bytes)
            except SyntaxError as exc:
                problems.append(
                    ConfigProblem(
                        f"plugins/{path.name}", f"syntax error: {exc.msg}", line=exc.lineno
                    )
                )
                continue
            except Exception as exc:
                line = _traceback_line(exc, path)
                problems.append(
                    ConfigProblem(f"plugins/{path.name}", f"failed to import: {exc!r}", line=line)
                )
                continue
            source = PluginSource(path.stem, module, "drop-in", str(path), digest)
            sources.append(source)
        # Only commit cache entries once the caller accepts the generation.
        self._pending = {Path(s.location): s for s in sources}
        return sources, problems

    def commit(self) -> None:
        """Remember the modules of the generation that was just accepted."""
        self._cache = dict(self._pending)

    @staticmethod
    def _compile(path: Path, source_bytes: bytes) -> types.ModuleType:
        name = f"tmpm_dropin_{path.stem}"
        module = types.ModuleType(name)
        module.__file__ = str(path)
        code = compile(source_bytes, str(path), "exec", dont_inherit=True)
        # Registered while executing so dataclasses and pickling can find the module.
        sys.modules[name] = module
        try:
            exec(code, module.__dict__)
        finally:
            sys.modules.pop(name, None)
        return module


def _traceback_line(exc: BaseException, path: Path) -> int | None:
    tb = exc.__traceback__
    line = None
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == str(path):
            line = tb.tb_lineno
        tb = tb.tb_next
    return line
