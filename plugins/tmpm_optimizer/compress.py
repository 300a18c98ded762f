"""Text compression levels for tool output: trim, summarise and caveman.

`summarise` never drops a line that looks like an error, warning, failure or traceback (it keeps
a little context around each), nor the head and tail of the output (where a run's final summary
line is); it strips ANSI codes, drops progress-bar noise and collapses runs of repeated or
near-identical lines into one line with a count, then trims to the byte budget.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from itertools import compress as select
from operator import ne

from .scan import ScannedText

ANSI = re.compile(r"\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[()][A-Z0-9]")
# A line's key for collapsing: the line without digits and blanks, so lines that differ only in
# numbers or in padding ("[  9%]", "[ 10%]") are near-identical.
KEY_TABLE = str.maketrans("", "", "0123456789 \t")


@dataclass(frozen=True, slots=True)
class Budget:
    """Sizes the levels work to."""

    max_bytes: int = 12_000
    head_lines: int = 30
    tail_lines: int = 40
    context_lines: int = 2


def estimate_tokens(text: str) -> int:
    """Estimated tokens: one per 4 characters (Claude's tokenizer averages 3.5-4 for code
    and logs; a real tokenizer would need model files this project cannot ship)."""
    return (len(text) + 3) // 4


def clean(text: str) -> list[str]:
    """Lines without ANSI codes, with carriage-return redraws reduced to their last state."""
    if "\x1b" in text:
        text = ANSI.sub("", text)
    if "\r" not in text:
        return list(map(str.rstrip, text.split("\n")))
    lines = []
    for line in text.split("\n"):
        if "\r" in line:
            parts = [p for p in line.split("\r") if p.strip()]
            line = parts[-1] if parts else ""
        lines.append(line.rstrip())
    return lines


def trim(text: str, budget: Budget) -> str:
    """Keep the head and tail lines (within `max_bytes`), with a marker for what was left out."""
    lines = text.split("\n")
    if len(lines) > budget.head_lines + budget.tail_lines + 1:
        head, tail = lines[: budget.head_lines], lines[-budget.tail_lines :]
        omitted = lines[budget.head_lines : -budget.tail_lines]
        left_out = sum(len(line) + 1 for line in omitted)
        marker = f"[... tmpm left out {len(omitted)} lines ({left_out} bytes) here ...]"
        text = "\n".join([*head, marker, *tail])
    return _cut_bytes(text, budget.max_bytes)


def _cut_bytes(text: str, max_bytes: int) -> str:
    if len(text) <= max_bytes:
        return text
    half = max_bytes // 2
    left_out = len(text) - 2 * half
    return f"{text[:half]}\n[... tmpm left out {left_out} characters here ...]\n{text[-half:]}"


def summarise(text: str, budget: Budget) -> str:
    """Summarise as described in the module docstring; returns the summary text."""
    scanned = ScannedText.of(clean(text))
    lines = scanned.lines
    keys = scanned.text.translate(KEY_TABLE).split("\n")
    important = scanned.important()
    noise = scanned.noise()
    if noise:
        kept = [index for index in range(len(lines)) if index not in noise]
        renumbered = {old: new for new, old in enumerate(kept)}
        important = {renumbered[index] for index in important if index in renumbered}
        lines = [lines[index] for index in kept]
        keys = [keys[index] for index in kept]
        if not lines:
            return f"[tmpm left out {len(noise)} lines of progress output]"
    runs = _runs(keys)
    marked = {bisect_right(runs, index) - 1 for index in important}
    count = len(runs) - 1
    wanted = set(range(min(budget.head_lines, count)))
    wanted.update(range(max(0, count - budget.tail_lines), count))
    reach = budget.context_lines
    for run in marked:
        wanted.update(range(max(0, run - reach), min(count, run + reach + 1)))
    out: list[str] = []
    marks: list[bool] = []
    shown_until = 0  # index of the first line not yet shown or counted
    for run in sorted(wanted):
        first, end = runs[run], runs[run + 1]
        if first > shown_until:
            out.append(f"[... tmpm left out {first - shown_until} unremarkable lines ...]")
            marks.append(False)
        similar = end - first
        line = lines[first]
        out.append(
            line if similar == 1 or not keys[first] else f"{line}  [x{similar} similar lines]"
        )
        marks.append(run in marked)
        shown_until = end
    if shown_until < len(lines):
        out.append(f"[... tmpm left out {len(lines) - shown_until} unremarkable lines ...]")
        marks.append(False)
    return _fit(out, marks, budget.max_bytes)


def _runs(keys: list[str]) -> list[int]:
    """Start index of each run of equal keys (near-identical lines, or blank lines),
    followed by `len(keys)` so run `r` spans `runs[r]:runs[r + 1]`."""
    changes = select(range(1, len(keys)), map(ne, keys[1:], keys))
    return [0, *changes, len(keys)]


def _fit(lines: list[str], important: list[bool], max_bytes: int) -> str:
    """Join lines; past `max_bytes`, drop unimportant ones from the middle first."""
    text = "\n".join(lines)
    if len(text) <= max_bytes:
        return text
    kept: list[str | None] = list(lines)
    middle = len(kept) // 2
    order = sorted(range(len(kept)), key=lambda i: abs(i - middle))
    size = len(text)
    removed = 0
    for index in order:
        if size <= max_bytes:
            break
        if important[index]:
            continue
        size -= len(kept[index]) + 1
        kept[index] = None
        removed += 1
    out, gap = [], 0
    for line in kept:
        if line is None:
            gap += 1
            continue
        if gap:
            out.append(f"[... tmpm left out {gap} lines ...]")
            gap = 0
        out.append(line)
    return _cut_bytes("\n".join(out), max(max_bytes, 2000))


def caveman(text: str, what: str) -> str:
    """A one-line note of what was suppressed (errors counted, so the agent can ask again)."""
    scanned = ScannedText.of(clean(text))
    errors = len(scanned.important())
    return (
        f"[tmpm suppressed {len(scanned.lines)} lines ({len(text)} bytes) of output from {what}; "
        f"{errors} lines looked like errors or warnings. Re-run with less output if needed.]"
    )
