"""Whole-text scans that find which lines of a tool output matter (errors, warnings, failures,
tracebacks, summary counts) and which are noise (progress bars, spinners, transfer rates).

Every scan runs over the joined text in C: one Aho-Corasick pass (the `ahocorasick-rs`
library) finds all marker words at once, and the line-shaped patterns are regexes that begin
with a literal newline, which the regex engine finds with a fast substring search instead of
trying every position. Hit offsets are mapped to line numbers with a binary search. The cost
grows with the length of the text and the number of hits, not with a Python step per line.
"""

from __future__ import annotations

import re
import string
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import accumulate, repeat

import ahocorasick_rs

# Words that mark a line as mattering. Each is matched as written, in capitals, capitalised
# and title-cased ("error", "ERROR", "Error" also inside "TypeError"), plus the mixed forms
# tools really print.
KEYWORDS = (
    "error", "exception", "traceback", "fail", "fatal", "panic", "warn", "denied", "refused",
    "cannot", "can't", "could not", "not found", "no such", "undefined", "unresolved",
    "segmentation", "abort", "timeout", "timed out", "assert", "exit code", "exit status",
    "test suites", "build succeeded", "build finished", "compiled ",
)  # fmt: skip
MIXED_CASE_KEYWORDS = ("npm ERR!", "TimeOut", "ExitCode")
# Summary counts ("3 failed, 477 passed", "ran 12 tests"): a whole number before a lowercase
# word. Per-test statuses ("test_case_7 PASSED") are capitalised and do not count.
COUNTED = (" passed", " failed", " skipped", " test", " package", " warning", " error")
_KEYWORD_FORMS = sorted(
    {form for word in KEYWORDS for form in (word, word.upper(), word.capitalize(), word.title())}
    | set(MIXED_CASE_KEYWORDS)
)
# The automaton matches "<digit><word>" for counted words; the whole-number check follows.
MARKERS = ahocorasick_rs.AhoCorasick(
    [*_KEYWORD_FORMS, *(digit + word for word in COUNTED for digit in string.digits)]
)
COUNTED_FROM = len(_KEYWORD_FORMS)
ASCII_LOWER = str.maketrans(string.ascii_uppercase, string.ascii_lowercase)

# Lines that matter by their form: test assertion lines, traceback frames, banners, carets.
STRUCTURAL = re.compile(
    r"\n[ \t]*(?:e |file \"|added |removed |changed |audited |test result|[\u2717\u2718\u00d7]|"
    r"at \S+\(|\^+[ \t]*$|=+ .* =+[ \t]*$)",
    re.M,
)
# Spinner frames (braille and quarter circles; ASCII |/-\ frames are left alone, since "- item"
# is a list entry, and carriage-return redraws already reduce ASCII spinners to one line).
SPINNER_START = re.compile("\n[^\\S\n]*[⠁⠂⠄⡀⢀⠠⠐⠈⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏◐◓◑◒] ")
PROGRESS_WORDS = ("downloading", "progress", "fetching", "receiving objects", "resolving deltas",
                  "counting objects", "compressing objects", "remote: counting", "remote: compressing")  # fmt: skip
PROGRESS_START = re.compile("\n[^\\S\n]*(?:" + "|".join(map(re.escape, PROGRESS_WORDS)) + ")")
# A bar: a run of fill characters, or a bracketed gauge that may still be empty ("[    ]").
# Two patterns, not one alternation: each keeps the regex engine's fast scan for its first
# character.
FILL_BAR = re.compile(r"[#=\u2580-\u259f][#=>\-. \u2580-\u259f]{5,}")
GAUGE = re.compile(r"\[[#=>\-. \u2580-\u259f]{6,}\]")
RATE = re.compile(r"\d(?:\.\d+)?\s*[kKMG]i?B/s\b")


@dataclass(frozen=True, slots=True)
class ScannedText:
    """Lines of an output with the joined forms the scans run over."""

    lines: list[str]
    text: str
    # The text after a newline (so the first line starts like the others), as is and lowered.
    prefixed: str
    prefixed_lowered: str
    # Offset just past each line's newline in `text`: line i spans [ends[i-1], ends[i]).
    ends: list[int]

    @classmethod
    def of(cls, lines: list[str]) -> ScannedText:
        """Prepare `lines` (already cleaned of ANSI codes and trailing blanks) for scanning."""
        text = "\n".join(lines)
        prefixed = "\n" + text
        lowered = prefixed.lower()
        if len(lowered) != len(prefixed):  # a few non-ASCII capitals lower to two characters
            lowered = prefixed.translate(ASCII_LOWER)
        ends = list(accumulate(map((1).__add__, map(len, lines))))
        return cls(lines, text, prefixed, lowered, ends)

    def lines_at(self, offsets: Iterable[int]) -> set[int]:
        """Indexes of the lines holding the given character offsets of `text`."""
        return set(map(bisect_right, repeat(self.ends), offsets))

    def _lines_starting(self, pattern: re.Pattern[str], haystack: str) -> set[int]:
        # In a prefixed haystack a match's leading newline sits at its line's offset in `text`.
        return self.lines_at(map(re.Match.start, pattern.finditer(haystack)))

    def important(self) -> set[int]:
        """Indexes of lines that look like errors, warnings, failures, tracebacks or summaries."""
        prefixed = self.prefixed
        positions = [
            start - 1  # offsets in `prefixed` are one past those in `text`
            for index, start, _end in MARKERS.find_matches_as_indexes(prefixed)
            if index < COUNTED_FROM or _whole_number_ends_at(prefixed, start)
        ]
        return self.lines_at(positions) | self._lines_starting(STRUCTURAL, self.prefixed_lowered)

    def noise(self) -> set[int]:
        """Indexes of progress-bar, spinner and transfer-rate lines."""
        noise = self._lines_starting(SPINNER_START, self.prefixed)
        text, lines = self.text, self.lines
        found = text.find("B/s")
        while found >= 0:
            index = bisect_right(self.ends, found)
            if RATE.search(lines[index]):
                noise.add(index)
            found = text.find("B/s", found + 3)
        if "%" in text:
            bars = self.lines_at(map(re.Match.start, FILL_BAR.finditer(text)))
            bars |= self.lines_at(map(re.Match.start, GAUGE.finditer(text)))
            candidates = bars | self._lines_starting(PROGRESS_START, self.prefixed_lowered)
            noise.update(index for index in candidates if "%" in lines[index])
        return noise


def _whole_number_ends_at(text: str, last_digit: int) -> bool:
    """True if the digits ending at `last_digit` are a whole number ("3 failed", not
    "case_11 failed")."""
    start = last_digit
    while start > 0 and text[start - 1].isdigit():
        start -= 1
    return start == 0 or not (text[start - 1].isalnum() or text[start - 1] == "_")
