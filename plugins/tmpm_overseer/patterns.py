"""Compiled rule patterns: Claude-Code-style `Tool(spec)` patterns, regexes and pipelines.

- `Bash(rm -rf {/,~})`: a program, flags and positional words. Flags are normalised
  (`-rf` = `-fr` = `-r -f` = `--recursive --force`) and may appear in any order and among other
  flags; each positional word must match one of the command's positional words (glob, or a
  `{a,b}` set of literal alternatives); `*` alone means "anything else". A trailing `:*` is
  Claude Code's prefix form (`Bash(npm run test:*)`).
- `Write(/etc/**)`, `Read(**/.env)`, `Edit(...)`: a path glob (`**` crosses folders, `*` does
  not, `~` is the home folder) on the tool's file path.
- `WebFetch(domain:example.com)`: the URL's host (or a subdomain of it).
- Any other `Tool(glob)`: a glob on the tool input as compact JSON.
"""

from __future__ import annotations

import fnmatch
import json
import os
import re
import shlex
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from .bash_analysis import Analysis, SimpleCommand

PATH_TOOLS = {
    "Read": "file_path", "Write": "file_path", "Edit": "file_path", "MultiEdit": "file_path",
    "NotebookEdit": "notebook_path", "NotebookRead": "notebook_path", "Glob": "path",
    "Grep": "path", "LS": "path",
}  # fmt: skip
FLAG_ALIASES: dict[str, dict[str, str]] = {
    "rm": {"--recursive": "-r", "-R": "-r", "--force": "-f", "--dir": "-d"},
    "chmod": {"--recursive": "-R"},
    "chown": {"--recursive": "-R"},
    "chgrp": {"--recursive": "-R"},
    "git": {"-f": "--force"},
    "cp": {"--recursive": "-r", "-R": "-r", "--force": "-f"},
    "mv": {"--force": "-f"},
    "shred": {"--remove": "-u", "--zero": "-z"},
}
_PATTERN = re.compile(r"^\s*([A-Za-z_*][\w*|.-]*)\s*\((.*)\)\s*$", re.S)


class PatternError(ValueError):
    """A pattern that cannot be compiled; the message says why."""


def normalise_path(word: str) -> str:
    """Canonical form of a path-like word: `$HOME` -> `~`, no `.`/`..`, no trailing slash."""
    if word.startswith(("$HOME", "${HOME}")):
        word = "~" + word.split("}", 1)[-1] if word.startswith("${") else "~" + word[5:]
    if not word or ("/" not in word and word not in ("~", ".", "..")):
        return word
    star = word.endswith("/*")
    base = word[:-2] if star else word
    normal = os.path.normpath(base) if base else "/"
    if normal.startswith("//"):
        normal = "/" + normal.lstrip("/")
    if normal in ("~/.", "~/"):
        normal = "~"
    return normal + ("/*" if star else "")


def command_flags(program: str, args: tuple[str, ...]) -> tuple[set[str], list[str]]:
    """(normalised flag set, positional words) of a simple command."""
    aliases = FLAG_ALIASES.get(program, {})
    flags: set[str] = set()
    positional: list[str] = []
    after_dashes = False
    for word in args:
        if after_dashes or not word.startswith("-") or word == "-":
            if program == "git" and word.startswith("+") and len(word) > 1:
                flags.add("--force")  # git push origin +main is a force push
            positional.append(normalise_path(word))
            continue
        if word == "--":
            after_dashes = True
            continue
        if word.startswith("--"):
            name = word.split("=", 1)[0]
            flags.add(aliases.get(name, name))
            continue
        flags.add(aliases.get(word, word))
        if len(word) > 2 and word[1:].isalpha():
            for letter in word[1:]:
                flags.add(aliases.get(f"-{letter}", f"-{letter}"))
    return flags, positional


def _glob_regex(pattern: str) -> re.Pattern[str]:
    """A path glob where `**` crosses folders and `*`/`?` stay within one."""
    out = []
    index = 0
    while index < len(pattern):
        if pattern.startswith("**/", index):
            out.append("(?:.*/)?")
            index += 3
        elif pattern.startswith("**", index):
            out.append(".*")
            index += 2
        elif pattern[index] == "*":
            out.append("[^/]*")
            index += 1
        elif pattern[index] == "?":
            out.append("[^/]")
            index += 1
        else:
            out.append(re.escape(pattern[index]))
            index += 1
    return re.compile("^" + "".join(out) + "$")


@dataclass(frozen=True, slots=True)
class WordPattern:
    """One positional word pattern: literal alternatives, or a glob."""

    alternatives: frozenset[str] | None
    glob: str | None

    @classmethod
    def parse(cls, token: str) -> WordPattern:
        """Compile `{a,b}` (literal set) or a glob word."""
        if token.startswith("{") and token.endswith("}") and len(token) > 2:
            items = token[1:-1].split(",")
            return cls(frozenset(normalise_path(i) for i in items), None)
        return cls(None, normalise_path(token) if not any(c in token for c in "*?[") else token)

    def matches(self, word: str) -> bool:
        """True if the (normalised) positional word matches."""
        if self.alternatives is not None:
            return word in self.alternatives
        assert self.glob is not None
        return fnmatch.fnmatchcase(word, self.glob)


@dataclass(frozen=True, slots=True)
class BashPattern:
    """`Bash(program flags words)` compiled."""

    program: str
    flags: tuple[str, ...]
    words: tuple[WordPattern, ...]
    prefix: str | None = None  # Claude Code's `cmd:*` form

    @classmethod
    def parse(cls, spec: str) -> BashPattern:
        """Compile the inside of `Bash(...)`."""
        spec = spec.strip()
        if not spec or spec == "*":
            return cls("*", (), ())
        if spec.endswith(":*"):
            return cls("*", (), (), prefix=spec[:-2].strip())
        try:
            tokens = shlex.split(spec)
        except ValueError as exc:
            raise PatternError(f"cannot split {spec!r}: {exc}") from None
        program, rest = tokens[0], tokens[1:]
        flags: list[str] = []
        words: list[WordPattern] = []
        for token in rest:
            if token == "*":
                continue
            if token.startswith("-") and token != "-":
                flags.append(token)
            else:
                words.append(WordPattern.parse(token))
        return cls(program, tuple(flags), tuple(words))

    def matches(self, command: SimpleCommand, raw: str) -> bool:
        """True if this simple command matches the pattern."""
        if self.prefix is not None:
            joined = " ".join((command.program, *command.args))
            return (
                joined == self.prefix
                or joined.startswith(self.prefix + " ")
                or (raw.strip().startswith(self.prefix))
            )
        if not any(fnmatch.fnmatchcase(command.program, p) for p in self.program.split("|")):
            return False
        have, positional = command_flags(command.program, command.args)
        for flag in self.flags:
            wanted, _ = command_flags(command.program, (flag,))
            if not wanted <= have:
                return False
        return all(any(word.matches(p) for p in positional) for word in self.words)


@dataclass(frozen=True, slots=True)
class ToolPattern:
    """A compiled `Tool(spec)` pattern."""

    tool: str
    bash: BashPattern | None = None
    path: re.Pattern[str] | None = None
    domain: str | None = None
    json_glob: str | None = None

    @classmethod
    def parse(cls, text: str) -> ToolPattern:
        """Compile `Tool(spec)` (or a bare tool name, meaning any input)."""
        match = _PATTERN.match(text)
        if match is None:
            if re.fullmatch(r"[A-Za-z_*][\w*|.-]*", text.strip()):
                return cls(text.strip(), json_glob="*")
            raise PatternError(f"{text!r} is not of the form Tool(spec), e.g. Bash(git push *)")
        tool, spec = match.group(1), match.group(2)
        if tool == "Bash":
            return cls(tool, bash=BashPattern.parse(spec))
        if tool in PATH_TOOLS:
            return cls(tool, path=_glob_regex(os.path.expanduser(spec.strip())))
        if tool == "WebFetch" and spec.startswith("domain:"):
            return cls(tool, domain=spec[7:].strip().lower())
        return cls(tool, json_glob=spec.strip() or "*")

    def tool_matches(self, name: str) -> bool:
        """True if the tool name matches (`|` separates alternatives, globs allowed)."""
        return any(fnmatch.fnmatchcase(name, t) for t in self.tool.split("|"))

    def matches(
        self, tool_name: str, tool_input: dict[str, Any], analysis: Analysis | None, raw: str
    ) -> bool:
        """True if the tool call matches."""
        if not self.tool_matches(tool_name):
            return False
        if self.bash is not None:
            if analysis is None:
                return False
            return any(self.bash.matches(c, raw) for c in analysis.commands)
        if self.path is not None:
            value = tool_input.get(PATH_TOOLS.get(tool_name, "file_path"))
            if not isinstance(value, str):
                return False
            path = normalise_path(os.path.expanduser(value))
            return bool(self.path.match(path) or self.path.match(os.path.basename(path)))
        if self.domain is not None:
            host = (urlsplit(str(tool_input.get("url", ""))).hostname or "").lower()
            return host == self.domain or host.endswith("." + self.domain)
        text = json.dumps(tool_input, sort_keys=True, separators=(",", ":"))
        return fnmatch.fnmatchcase(text, self.json_glob or "*")


@dataclass(frozen=True, slots=True)
class PipelinePattern:
    """Program globs that must appear in this order within one pipeline (`curl|wget`, `sh|bash`)."""

    stages: tuple[tuple[str, ...], ...]

    @classmethod
    def parse(cls, stages: list[str]) -> PipelinePattern:
        """Compile a list of `|`-separated program globs."""
        if len(stages) < 2:
            raise PatternError("a pipeline pattern needs at least two stages")
        return cls(tuple(tuple(s.split("|")) for s in stages))

    def matches(self, analysis: Analysis) -> bool:
        """True if some pipeline contains the stages in order."""
        for programs in analysis.pipelines:
            index = 0
            for program in programs:
                if any(fnmatch.fnmatchcase(program, g) for g in self.stages[index]):
                    index += 1
                    if index == len(self.stages):
                        return True
        return False
