"""`tmpm config check`: the same validator the service uses at start and on reload."""

from __future__ import annotations

from typing import Any

from .config_files import ConfigError
from .paths import FrameworkRoot
from .supervisor import Supervisor


def check_root(root: FrameworkRoot) -> dict[str, Any]:
    """Validate every config file and plugin under `root` without serving anything."""
    if not root.exists():
        return {
            "ok": False,
            "errors": [f"{root.path}: not a framework root (run 'tmpm init')"],
            "problems": [],
            "plugins": [],
            "warnings": [],
        }
    supervisor = Supervisor(root)
    try:
        generation = supervisor.build_candidate()
    except ConfigError as exc:
        return {
            "ok": False,
            "errors": [str(p) for p in exc.problems],
            "problems": [p.to_json() for p in exc.problems],
            "plugins": [],
            "warnings": [],
        }
    finally:
        supervisor.services.audit.close()
    return {
        "ok": True,
        "errors": [],
        "problems": [],
        "plugins": generation.plugin_names(),
        "warnings": generation.warnings,
        "digest": generation.digest,
    }
