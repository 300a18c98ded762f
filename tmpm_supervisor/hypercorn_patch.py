"""A fix for hypercorn 0.18's trio worker under quart-trio (hypercorn is pinned exactly).

After the first request on a keep-alive connection, hypercorn restarts the connection's idle
timer from inside the request task, which quart-trio cancels right after the response; the
restart is cancelled with it, so `keep_alive_timeout` is never enforced and every graceful
shutdown with an idle client waits the full `graceful_timeout`. Running the restart under a
shielded cancel scope lets it complete. Tested in tests/test_server_lifecycle.py.
"""

from __future__ import annotations

from collections.abc import Callable

import trio
from hypercorn.trio import tcp_server, worker_context
from hypercorn.typing import TaskGroup

_applied = False


class ShieldedSingleTask(worker_context.TrioSingleTask):
    """A TrioSingleTask whose restart and stop cannot be cancelled half-way."""

    async def restart(self, task_group: TaskGroup, action: Callable) -> None:
        """Restart the task under a shield so a cancelled caller cannot abort it."""
        with trio.CancelScope(shield=True):
            await super().restart(task_group, action)

    async def stop(self) -> None:
        """Stop the task under a shield."""
        with trio.CancelScope(shield=True):
            await super().stop()


def apply() -> None:
    """Install the fix (idempotent)."""
    global _applied
    if not _applied:
        # tcp_server imports the class by name for each connection's idle timer.
        tcp_server.TrioSingleTask = ShieldedSingleTask
        worker_context.WorkerContext.single_task_class = ShieldedSingleTask
        _applied = True
