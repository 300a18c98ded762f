"""Text compression levels for tool output: trim, summarise and caveman.

`summarise` never drops a line that looks like an error, warning, failure or traceback (it keeps
a little context around each), nor the head and tail of the output (where a run's final summary
line is); it strips ANSI codes, drops progress-bar noise and collapses runs of repeated or
near-identical lines into one line with a count, then trims to the byte budget.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

ANSI = re.compile(r"\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[()][A-Z0-9]")
IMPORTANT = re.compile(
    r"error|exception|traceback|fail|fatal|panic|warn|denied|refused|cannot|can't|could not|"
    r"not found|no such|undefined|unresolved|segmentation|abort|timed? ?out|assert|"
    r"^\s*E\s|^\s*File \"|^\s*at [\w.$<>]+\(|npm ERR!|^\s*[\u2717\u2718\u00d7]|^\s*\^+\s*$",
    re.I,
)
SUMMARY = re.compile(
    r"\b\d+ (passed|failed|errors?|skipped|warnings?|tests?|packages?)\b|^=+ .* =+$|"
    r"\b(Tests?|Test Suites|Ran \d+)\b.*|\b(build|compil\w+) (succeeded|failed|finished)|"
    r"^(added|removed|changed|audited) \d+|\bexit (code|status)\b",
    re.I,
)
PROGRESS = re.compile(
    r"^\s*[\[(]?[#=>\-\s.·█▉▊▋▌▍▎▏░▒▓]{6,}[\])]?\s*\d{1,3}(\.\d+)?\s*%|"
    r"\d{1,3}%\s*\|[█▉▊▋▌▍▎▏ #]{3,}\||^\s*[⠁-⣿◐◓◑◒|/\\-]\s|"
    r"\b\d+(\.\d+)?\s*[kKMG]i?B/s\b|^\s*(Downloading|Progress|Fetching|Receiving objects|"
    r"Resolving deltas|Counting objects|Compressing objects|remote: (Counting|Compressing))\b.*\d+%"
)
NUMBERS = re.compile(r"0x[0-9a-f]+|\d+(\.\d+)?", re.I)


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
    text = ANSI.sub("", text)
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
    """Summarise as described in the module docstring."""
    lines = [line for line in clean(text) if not PROGRESS.search(line)]
    collapsed = _collapse(lines)
    keep = [False] * len(collapsed)
    for index, (line, _count) in enumerate(collapsed):
        if IMPORTANT.search(line) or SUMMARY.search(line):
            for near in range(index - budget.context_lines, index + budget.context_lines + 1):
                if 0 <= near < len(collapsed):
                    keep[near] = True
    for index in range(min(budget.head_lines, len(collapsed))):
        keep[index] = True
    for index in range(max(0, len(collapsed) - budget.tail_lines), len(collapsed)):
        keep[index] = True
    out: list[str] = []
    skipped = 0
    for (line, count), wanted in zip(collapsed, keep, strict=True):
        if not wanted:
            skipped += count
            continue
        if skipped:
            out.append(f"[... tmpm left out {skipped} unremarkable lines ...]")
            skipped = 0
        out.append(line if count == 1 else f"{line}  [x{count} similar lines]")
    if skipped:
        out.append(f"[... tmpm left out {skipped} unremarkable lines ...]")
    return _fit(out, budget.max_bytes)


def _collapse(lines: list[str]) -> list[tuple[str, int]]:
    """Runs of lines equal but for numbers become (first line, count)."""
    result: list[tuple[str, int]] = []
    previous_key = None
    for line in lines:
        key = NUMBERS.sub("#", line).strip()
        if result and key == previous_key == "":
            continue  # a run of blank lines is one blank line
        if result and key == previous_key:
            first, count = result[-1]
            result[-1] = (first, count + 1)
        else:
            result.append((line, 1))
        previous_key = key
    return result


def _fit(lines: list[str], max_bytes: int) -> str:
    """Join lines; past `max_bytes`, drop unimportant ones from the middle first."""
    text = "\n".join(lines)
    if len(text) <= max_bytes:
        return text
    important = [bool(IMPORTANT.search(line) or SUMMARY.search(line)) for line in lines]
    kept = list(lines)
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
        kept[index] = None  # type: ignore[call-overload]
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
    lines = clean(text)
    errors = sum(1 for line in lines if IMPORTANT.search(line))
    return (
        f"[tmpm suppressed {len(lines)} lines ({len(text)} bytes) of output from {what}; "
        f"{errors} lines looked like errors or warnings. Re-run with less output if needed.]"
    )
