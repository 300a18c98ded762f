"""The framework root: where config, drop-in plugins, state, audit logs and the token live."""

from __future__ import annotations

import os
import secrets
import shutil
from dataclasses import dataclass
from pathlib import Path

ROOT_ENV = "TMPM_ROOT"
CONFIG_SUFFIXES = (".yaml", ".yml", ".toml")


@dataclass(frozen=True, slots=True)
class FrameworkRoot:
    """Paths of one framework root (default `~/.tmpm`)."""

    path: Path

    @property
    def config_dir(self) -> Path:
        """`<root>/config`: one YAML or TOML file per config section."""
        return self.path / "config"

    @property
    def plugins_dir(self) -> Path:
        """`<root>/plugins`: drop-in `.py` plugins, hot-reloaded."""
        return self.path / "plugins"

    @property
    def state_dir(self) -> Path:
        """`<root>/state`: state files replaced atomically (sessions, pairing)."""
        return self.path / "state"

    @property
    def audit_dir(self) -> Path:
        """`<root>/logs/audit`: one JSONL file per day."""
        return self.path / "logs" / "audit"

    @property
    def token_file(self) -> Path:
        """`<root>/api-token`: the API token, mode 0600."""
        return self.path / "api-token"

    def exists(self) -> bool:
        """True when the root has been initialised (its config folder exists)."""
        return self.config_dir.is_dir()

    def read_token(self) -> str:
        """Return the API token; raises FileNotFoundError if the root has none."""
        return self.token_file.read_text().strip()


def resolve_root(explicit: str | os.PathLike[str] | None = None) -> FrameworkRoot:
    """Return the framework root: `--root`, else `$TMPM_ROOT`, else `~/.tmpm`."""
    if explicit:
        return FrameworkRoot(Path(explicit).expanduser().absolute())
    env = os.environ.get(ROOT_ENV)
    if env:
        return FrameworkRoot(Path(env).expanduser().absolute())
    return FrameworkRoot(Path.home() / ".tmpm")


def default_config_dir() -> Path:
    """Return the folder of shipped default config files.

    In a wheel they are packaged as `tmpm_supervisor/default_config`; in a source checkout
    (editable install) they are the repository's `config/`.
    """
    packaged = Path(__file__).parent / "default_config"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parent.parent / "config"


@dataclass(slots=True)
class InitReport:
    """What `init_root` did: files written and files kept because they already existed."""

    written: list[Path]
    kept: list[Path]
    token_created: bool


def init_root(root: FrameworkRoot) -> InitReport:
    """Create the root's layout, copy default config files and create the API token.

    Never overwrites an existing file: a user's edited config is kept as it is.
    """
    for folder in (root.config_dir, root.plugins_dir, root.state_dir, root.audit_dir):
        folder.mkdir(parents=True, exist_ok=True)
    os.chmod(root.state_dir, 0o700)
    written: list[Path] = []
    kept: list[Path] = []
    for source in sorted(default_config_dir().iterdir()):
        if source.suffix not in CONFIG_SUFFIXES:
            continue
        siblings = [root.config_dir / (source.stem + s) for s in CONFIG_SUFFIXES]
        existing = [p for p in siblings if p.exists()]
        if existing:
            kept.extend(existing)
            continue
        target = root.config_dir / source.name
        shutil.copyfile(source, target)
        written.append(target)
    token_created = False
    if not root.token_file.exists():
        fd = os.open(root.token_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as handle:
            handle.write(secrets.token_urlsafe(32) + "\n")
        token_created = True
    return InitReport(written=written, kept=kept, token_created=token_created)
