"""The optimizer plugin: registered through the tmpm.plugins entry point `optimizer`.

It rewrites what the model reads from bulky tool output (PostToolUse `updatedToolOutput`),
in the tool's own shape, and accounts estimated tokens before and after.
"""

from __future__ import annotations

import os
from collections import defaultdict
from typing import Any

import trio

from tmpm_supervisor.plugin_api import HookEvent, OutputRewrite, hookimpl

from .compress import Budget, caveman, estimate_tokens, summarise, trim
from .config import Effective, OptimizerConfig
from .shapes import (
    rewrite_bash,
    rewrite_glob,
    rewrite_grep,
    rewrite_mcp,
    rewrite_read,
    rewrite_text_field,
)

# Texts longer than this are compressed in a worker thread (about 10 ms of work at 0.6 ms per
# 30 KB); shorter ones inline, where a thread hop would cost more than it saves.
OFF_LOOP_CHARS = 512 * 1024
FIELDS = ("rewrites", "bytes_before", "bytes_after", "tokens_before", "tokens_after")
totals: dict[str, int] = dict.fromkeys(FIELDS, 0)
per_session: dict[str, dict[str, int]] = defaultdict(lambda: dict.fromkeys(FIELDS, 0))


@hookimpl
def tmpm_config_model() -> type[OptimizerConfig]:
    """The optimizer's config schema."""
    return OptimizerConfig


def _applies(settings: Effective, size: int) -> bool:
    """True when an output of `size` characters is to be shrunk at all."""
    return settings.level != "off" and size >= settings.min_bytes


def make_names_fitter(settings: Effective):
    """A function names -> the leading names that fit `max_bytes` (all of them when the list
    is under `min_bytes` or the level is off). File lists have no lines to summarise, so every
    level other than off shortens them the same way."""

    def fit(names: list[str]) -> list[str]:
        if not _applies(settings, sum(map(len, names)) + len(names)):
            return names
        kept, used = [], 0
        for name in names:
            used += len(name) + 1
            if used > settings.max_bytes and kept:
                break
            kept.append(name)
        return kept

    return fit


def make_compressor(settings: Effective, context_lines: int, what: str):
    """A function text -> compressed text for the effective settings (identity when small)."""
    budget = Budget(settings.max_bytes, settings.head_lines, settings.tail_lines, context_lines)

    def compress(text: str) -> str:
        if not _applies(settings, len(text)):
            return text
        if settings.level == "trim":
            result = trim(text, budget)
        elif settings.level == "caveman":
            result = caveman(text, what)
        else:
            result = summarise(text, budget)
        return result if len(result) < len(text) else text

    return compress


async def _persisted_text(response: Any, limit: int) -> str | None:
    """The full output Claude Code saved to `persistedOutputPath` (read off the event loop);
    past `limit` bytes, its head and tail (where a run's summary is) around a marker."""
    path = response.get("persistedOutputPath") if isinstance(response, dict) else None
    if not isinstance(path, str):
        return None
    return await trio.to_thread.run_sync(_read_head_and_tail, path, limit)


def _read_head_and_tail(path: str, limit: int) -> str | None:
    try:
        with open(path, "rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            if size <= limit:
                data = handle.read()
            else:
                head = handle.read(limit // 2)
                handle.seek(size - limit // 2)
                marker = f"\n[... tmpm left out {size - 2 * (limit // 2)} bytes here ...]\n"
                data = head + marker.encode() + handle.read()
    except OSError:
        return None
    return data.decode("utf-8", "replace")


@hookimpl
async def tmpm_rewrite_output(event: HookEvent, ctx: Any) -> OutputRewrite | None:
    """Return a smaller tool output of the same shape, or None when nothing changed."""
    config: OptimizerConfig = ctx.config
    tool = event.tool_name or ""
    settings = config.effective(tool, event.cwd)
    response = event.get("tool_response")
    if settings.level == "off" or response is None:
        return None
    what = f"{tool} {str((event.tool_input or {}).get('command', ''))[:80]}".strip()
    compress = make_compressor(settings, config.context_lines, what)
    if tool == "Bash" and isinstance(response, dict):
        persisted = await _persisted_text(response, config.max_persisted_bytes)
        if persisted is not None and len(persisted) > OFF_LOOP_CHARS:
            # Tens of milliseconds or more of summarising: keep the event loop answering.
            result = await trio.to_thread.run_sync(rewrite_bash, response, persisted, compress)
        else:
            result = rewrite_bash(response, persisted, compress)
    elif tool == "Read" and isinstance(response, dict):
        result = rewrite_read(response, compress)
    elif tool == "Grep" and isinstance(response, dict):
        result = rewrite_grep(response, compress, make_names_fitter(settings))
    elif tool == "Glob" and isinstance(response, dict):
        result = rewrite_glob(response, make_names_fitter(settings))
    elif tool == "WebFetch" and isinstance(response, dict):
        result = rewrite_text_field(response, "result", compress)
    elif tool.startswith("mcp__"):
        result = rewrite_mcp(response, compress)
    else:
        result = None
    if result is None:
        return None
    new, before, after = result
    tokens_before, tokens_after = estimate_tokens(before), estimate_tokens(after)
    for bucket in (totals, per_session[event.session_id]):
        bucket["rewrites"] += 1
        bucket["bytes_before"] += len(before)
        bucket["bytes_after"] += len(after)
        bucket["tokens_before"] += tokens_before
        bucket["tokens_after"] += tokens_after
    return OutputRewrite(
        new,
        note=f"{settings.level}: {len(before)} -> {len(after)} bytes",
        tokens_before=tokens_before,
        tokens_after=tokens_after,
    )


def _with_saved(figures: dict[str, int]) -> dict[str, int]:
    return {**figures, "tokens_saved": figures["tokens_before"] - figures["tokens_after"]}


@hookimpl
def tmpm_status(ctx: Any) -> dict[str, Any]:
    """Totals of every rewrite since start for GET /status."""
    return {"level": ctx.config.level, **_with_saved(totals)}


@hookimpl
def tmpm_session_info(session_id: str) -> dict[str, Any] | None:
    """This session's rewrites and estimated tokens saved for GET /sessions."""
    figures = per_session.get(session_id)
    return _with_saved(figures) if figures else None
