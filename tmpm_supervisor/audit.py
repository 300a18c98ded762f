"""Append-only audit log: one self-describing JSON line per decision, one file per day."""

from __future__ import annotations

import json
import os
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any


def audit_day(timestamp: float) -> str:
    """Return the local date (`YYYY-MM-DD`) whose file holds a record made at `timestamp`."""
    return datetime.fromtimestamp(timestamp).strftime("%Y-%m-%d")


def repair_torn_tail(path: Path) -> int:
    """Cut a partial last line (left by a power loss) off `path`; return bytes removed."""
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        return 0
    if size == 0:
        return 0
    with path.open("rb+") as handle:
        handle.seek(size - 1)
        if handle.read(1) == b"\n":
            return 0
        chunk = 64 * 1024
        position = size
        while position > 0:
            start = max(0, position - chunk)
            handle.seek(start)
            block = handle.read(position - start)
            newline = block.rfind(b"\n")
            if newline >= 0:
                keep = start + newline + 1
                handle.truncate(keep)
                return size - keep
            position = start
        handle.truncate(0)
        return size


class AuditLog:
    """Writes audit records to `<dir>/YYYY-MM-DD.jsonl`.

    Each record is encoded first and written with a single `write()` on a file opened with
    `O_APPEND`, so a killed process leaves whole lines only; the file for a record is chosen
    from the record's own time, so the log rolls at local midnight while running.
    """

    def __init__(self, directory: Path, fsync: bool = False) -> None:
        self.directory = directory
        self.fsync = fsync
        self._fd: int | None = None
        self._day: str | None = None
        self._lock = threading.Lock()
        self.lines_written = 0

    def prepare(self) -> int:
        """Create the folder and cut torn last lines off existing files (done once at service
        start, never by read-only commands); return how many files were repaired."""
        self.directory.mkdir(parents=True, exist_ok=True)
        return sum(1 for path in self.directory.glob("*.jsonl") if repair_torn_tail(path))

    def _file_for(self, day: str) -> int:
        if self._day != day or self._fd is None:
            if self._fd is not None:
                os.close(self._fd)
            self.directory.mkdir(parents=True, exist_ok=True)
            path = self.directory / f"{day}.jsonl"
            self._fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
            self._day = day
        return self._fd

    def append(self, record: dict[str, Any]) -> None:
        """Append one record (it must carry `time`, a UNIX timestamp) as one whole line."""
        line = (json.dumps(record, separators=(",", ":"), default=str) + "\n").encode()
        with self._lock:
            fd = self._file_for(audit_day(record["time"]))
            os.write(fd, line)
            if self.fsync:
                os.fsync(fd)
            self.lines_written += 1

    def close(self) -> None:
        """Close the current file."""
        with self._lock:
            if self._fd is not None:
                os.close(self._fd)
                self._fd = None


@dataclass(slots=True)
class AuditQuery:
    """Filters and paging for reading the audit log back."""

    session: str | None = None
    verdict: str | None = None
    event: str | None = None
    since: float | None = None
    until: float | None = None
    limit: int = 100
    cursor: str | None = None  # "YYYY-MM-DD:byte offset" of the next line to read


def _days_between(since: float | None, until: float | None, directory: Path) -> list[str]:
    present = sorted(p.stem for p in directory.glob("*.jsonl"))
    if not present:
        return []
    first = audit_day(since) if since is not None else present[0]
    last = audit_day(until) if until is not None else present[-1]
    return [d for d in present if first <= d <= last]


def iter_lines(path: Path, offset: int) -> Iterator[tuple[int, bytes]]:
    """Yield `(offset after the line, line)` for whole lines from `offset` on."""
    with path.open("rb") as handle:
        handle.seek(offset)
        for line in handle:
            offset += len(line)
            if not line.endswith(b"\n"):
                return  # a line being written right now: not whole yet
            yield offset, line


def read_audit(directory: Path, query: AuditQuery) -> tuple[list[dict[str, Any]], str | None]:
    """Return matching records oldest first, and the cursor for the next page (or None)."""
    records: list[dict[str, Any]] = []
    start_day, start_offset = None, 0
    if query.cursor:
        start_day, _, raw_offset = query.cursor.partition(":")
        start_offset = int(raw_offset)
    for day in _days_between(query.since, query.until, directory):
        if start_day and day < start_day:
            continue
        offset = start_offset if day == start_day else 0
        for next_offset, line in iter_lines(directory / f"{day}.jsonl", offset):
            try:
                record = json.loads(line)
            except ValueError:
                continue
            if not _matches(record, query):
                continue
            records.append(record)
            if len(records) >= query.limit:
                return records, f"{day}:{next_offset}"
    return records, None


def _matches(record: dict[str, Any], query: AuditQuery) -> bool:
    if query.session and record.get("session_id") != query.session:
        return False
    if query.verdict and record.get("verdict") != query.verdict:
        return False
    if query.event and record.get("event") != query.event:
        return False
    when = record.get("time", 0)
    if query.since is not None and when < query.since:
        return False
    return not (query.until is not None and when > query.until)


def parse_cursor(cursor: str) -> str:
    """Check a paging cursor's form (`YYYY-MM-DD:offset`); raise ValueError if malformed."""
    day, sep, offset = cursor.partition(":")
    date.fromisoformat(day)
    if not sep or not offset.isdigit():
        raise ValueError("cursor must look like YYYY-MM-DD:offset")
    return cursor


def seconds_until_midnight(now: float | None = None) -> float:
    """Seconds from `now` to the next local midnight (when a new audit file starts)."""
    current = datetime.fromtimestamp(now if now is not None else time.time())
    tomorrow = datetime.combine(current.date() + timedelta(days=1), datetime.min.time())
    return (tomorrow - current).total_seconds()
