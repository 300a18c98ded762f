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
from itertools import accumulate

ANSI = re.compile(r"\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[()][A-Z0-9]")
# Words that mark a line as mattering, found with str.find over the lowercased text (one C
# scan per word is several times faster than one regex alternation over the text).
KEYWORDS = (
    "error", "exception", "traceback", "fail", "fatal", "panic", "warn", "denied", "refused",
    "cannot", "can't", "could not", "not found", "no such", "undefined", "unresolved",
    "segmentation", "abort", "timeout", "timed out", "assert", "npm err!", "exit code",
    "exit status", "test suites", "build succeeded", "build finished", "compiled ",
)  # fmt: skip
# Summary counts ("3 failed, 477 passed", "ran 12 tests"): a number before the word.
COUNTED = (" passed", " failed", " skipped", " test", " package", " warning", " error")
# Lines that matter by their form: test assertion lines, traceback frames, banners, carets.
STRUCTURAL = re.compile(
    r"^[ \t]*(?:e |file \"|added |removed |changed |audited |test result|[\u2717\u2718\u00d7]|"
    r"at \S+\(|\^+[ \t]*$|=+ .* =+[ \t]*$)",
    re.M,
)
BAR = re.compile(r"[#=\u2580-\u259f][#=>\-. \u2580-\u259f]{5,}")
RATE = re.compile(r"\d(?:\.\d+)?\s*[kKMG]i?B/s\b")
PROGRESS_WORDS = ("downloading", "progress", "fetching", "receiving objects", "resolving deltas",
                  "counting objects", "compressing objects", "remote: counting", "remote: compressing")  # fmt: skip
SPINNERS = frozenset("⠁⠂⠄⡀⢀⠠⠐⠈⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏◐◓◑◒|/\\-")
DIGITS = str.maketrans("0123456789", "##########")


def is_noise(line: str) -> bool:
    """True for progress bars, spinners and transfer-rate lines."""
    stripped = line.lstrip()
    if stripped[:1] in SPINNERS and stripped[1:2] == " ":
        return True
    if "B/s" in line and RATE.search(line):
        return True
    if "%" in line:
        if stripped.lower().startswith(PROGRESS_WORDS):
            return True
        if ("#" in line or "=" in line or "\u2588" in line) and BAR.search(line):
            return True
    return False


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
        return [line.rstrip() for line in text.split("\n")]
    lines = []
    for line in text.split("\n"):
        if "\r" in line:
            parts = [p for p in line.split("\r") if p.strip()]
            line = parts[-1] if parts else ""
        lines.append(line.rstrip())
    return lines


def important_lines(lines: list[str]) -> tuple[str, set[int]]:
    """(joined text, indexes of lines that look like errors, warnings, failures, tracebacks or
    summaries), scanning the whole lowercased text once per word instead of once per line."""
    text = "\n".join(lines)
    starts = list(accumulate((len(line) + 1 for line in lines), initial=0))
    lowered = text.lower()
    positions: list[int] = []
    for word in KEYWORDS:
        found = lowered.find(word)
        while found >= 0:
            positions.append(found)
            found = lowered.find(word, found + len(word))
    for word in COUNTED:
        found = lowered.find(word)
        while found >= 0:
            if lowered[found - 1 : found].isdigit() and _counted(lowered, found):
                positions.append(found)
            found = lowered.find(word, found + len(word))
    positions.extend(m.start() for m in STRUCTURAL.finditer(lowered))
    return text, {bisect_right(starts, position) - 1 for position in positions}


def _counted(text: str, position: int) -> bool:
    """True if a whole number ends right before `position` ("3 failed", not "case_11 failed")."""
    start = position
    while start > 0 and text[start - 1].isdigit():
        start -= 1
    if start == position:
        return False
    return start == 0 or not (text[start - 1].isalnum() or text[start - 1] == "_")


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
    lines = [line for line in clean(text) if not is_noise(line)]
    joined, important = important_lines(lines)
    keys = joined.translate(DIGITS).split("\n")
    collapsed = _collapse(lines, keys, important)
    keep = [False] * len(collapsed)
    for index, (_line, _count, marked) in enumerate(collapsed):
        if marked:
            for near in range(index - budget.context_lines, index + budget.context_lines + 1):
                if 0 <= near < len(collapsed):
                    keep[near] = True
    for index in range(min(budget.head_lines, len(collapsed))):
        keep[index] = True
    for index in range(max(0, len(collapsed) - budget.tail_lines), len(collapsed)):
        keep[index] = True
    out: list[str] = []
    marks: list[bool] = []
    skipped = 0
    for (line, count, marked), wanted in zip(collapsed, keep, strict=True):
        if not wanted:
            skipped += count
            continue
        if skipped:
            out.append(f"[... tmpm left out {skipped} unremarkable lines ...]")
            marks.append(False)
            skipped = 0
        out.append(line if count == 1 else f"{line}  [x{count} similar lines]")
        marks.append(marked)
    if skipped:
        out.append(f"[... tmpm left out {skipped} unremarkable lines ...]")
        marks.append(False)
    return _fit(out, marks, budget.max_bytes)


def _collapse(
    lines: list[str], keys: list[str], important: set[int]
) -> list[tuple[str, int, bool]]:
    """Runs of lines equal but for numbers become (first line, count, any important)."""
    result: list[tuple[str, int, bool]] = []
    previous_key = None
    for index, line in enumerate(lines):
        key = keys[index].strip()
        marked = index in important
        if result and key == previous_key == "":
            continue  # a run of blank lines is one blank line
        if result and key == previous_key:
            first, count, was = result[-1]
            result[-1] = (first, count + 1, was or marked)
        else:
            result.append((line, 1, marked))
        previous_key = key
    return result


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
    lines = clean(text)
    errors = len(important_lines(lines)[1])
    return (
        f"[tmpm suppressed {len(lines)} lines ({len(text)} bytes) of output from {what}; "
        f"{errors} lines looked like errors or warnings. Re-run with less output if needed.]"
    )
