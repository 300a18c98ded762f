"""A live supervisor for tests: a real hypercorn server on an ephemeral loopback port."""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import trio

from tmpm_supervisor.paths import FrameworkRoot, init_root
from tmpm_supervisor.service import ServiceHandle, run_service


def make_root(path: Path, files: dict[str, str] | None = None) -> FrameworkRoot:
    """Create a framework root at `path` with the default config, then write `files`
    (paths relative to the root, e.g. `config/overseer.yaml` or `plugins/x.py`)."""
    root = FrameworkRoot(path)
    init_root(root)
    for relative, text in (files or {}).items():
        target = path / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text)
    return root


@dataclass
class LiveSupervisor:
    """A running supervisor and an authenticated async client for it."""

    handle: ServiceHandle
    root: FrameworkRoot
    client: httpx.AsyncClient
    token: str
    extras: dict[str, Any] = field(default_factory=dict)

    @property
    def url(self) -> str:
        """Base URL of the API."""
        return self.handle.base_url

    @property
    def supervisor(self):
        """The in-process Supervisor object."""
        return self.handle.supervisor

    async def hook(self, payload: dict[str, Any]) -> httpx.Response:
        """POST one payload to /hooks."""
        return await self.client.post("/hooks", json=payload)


async def start_live(nursery: trio.Nursery, root: FrameworkRoot, **kwargs: Any) -> LiveSupervisor:
    """Start `run_service` for `root` on 127.0.0.1:0 in `nursery` and return a client."""
    handle: ServiceHandle = await nursery.start(
        functools.partial(
            run_service, root, host="127.0.0.1", port=0, handle_signals=False, **kwargs
        )
    )
    token = root.read_token()
    client = httpx.AsyncClient(
        base_url=handle.base_url,
        headers={"Authorization": f"Bearer {token}"},
        timeout=httpx.Timeout(30.0),
    )
    return LiveSupervisor(handle=handle, root=root, client=client, token=token)
