"""Atomic file replacement: write a temp file, fsync, rename, fsync the folder."""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any


def write_atomic(path: Path, data: bytes, mode: int = 0o600) -> None:
    """Replace `path` with `data` so a reader sees the old or the new file, never a mix.

    The temp file is created in the same folder with `mode`, fsynced, renamed over `path`,
    and the folder is fsynced so the rename survives a power loss.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.fchmod(fd, mode)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp_name, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp_name)
        raise
    dir_fd = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)


def write_json_atomic(path: Path, value: Any, mode: int = 0o600) -> None:
    """Serialise `value` as indented JSON and replace `path` atomically."""
    write_atomic(path, (json.dumps(value, indent=2, sort_keys=True) + "\n").encode(), mode)
