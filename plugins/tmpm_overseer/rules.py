"""Policy rules: their config model (compiled when validated) and how a rule matches a call."""

from __future__ import annotations

import fnmatch
import json
import re
from dataclasses import dataclass
from typing import Any, Literal

from pydantic import Field, field_validator, model_validator

from tmpm_supervisor.settings import StrictModel

from .bash_analysis import Analysis
from .patterns import PatternError, PipelinePattern, ToolPattern, normalise_path

TOOL_EVENTS = ("PreToolUse", "PermissionRequest")


class Rule(StrictModel):
    """One named rule. It matches when every condition given matches."""

    id: str = Field(description="Unique name, shown in answers and the audit log.")
    action: Literal["allow", "ask", "deny"] = Field(description="What a match decides.")
    reason: str = Field("", description="Why; on deny the model reads it.")
    hard: bool = Field(
        False, description="A hard deny or ask can never be lifted by an allow's `overrides`."
    )
    events: list[str] = Field(
        default_factory=lambda: list(TOOL_EVENTS), description="Events the rule applies to."
    )
    pattern: list[str] = Field(
        default_factory=list,
        description="Claude-Code-style patterns, any of which may match: `Bash(git push --force *)`, "
        "`Write(/etc/**)`, `Read(**/.env)`, `WebFetch(domain:x.com)`, `mcp__*`.",
    )
    regex: str | None = Field(
        None,
        description="A regular expression searched in the command (raw, and each simple command "
        "with quoting resolved) or in the tool input as JSON.",
    )
    pipeline: list[str] | None = Field(
        None,
        description="Program globs that must follow each other in one pipeline, "
        "e.g. [`curl|wget`, `sh|bash`].",
    )
    redirect: list[str] = Field(
        default_factory=list,
        description="Globs on the targets a shell command writes to with `>`/`>>` "
        "(e.g. `/dev/sd*`).",
    )
    overrides: list[str] = Field(
        default_factory=list,
        description="For allow rules: ids of soft (not hard) deny/ask rules this allow lifts.",
    )

    @field_validator("pattern", mode="before")
    @classmethod
    def _one_or_many(cls, value: Any) -> Any:
        return [value] if isinstance(value, str) else value

    @field_validator("pattern")
    @classmethod
    def _check_patterns(cls, value: list[str]) -> list[str]:
        for text in value:
            try:
                ToolPattern.parse(text)
            except PatternError as exc:
                raise ValueError(f"invalid pattern: {exc}") from None
        return value

    @field_validator("regex")
    @classmethod
    def _check_regex(cls, value: str | None) -> str | None:
        if value is not None:
            try:
                re.compile(value)
            except re.error as exc:
                raise ValueError(f"invalid regex: {exc}") from None
        return value

    @field_validator("pipeline")
    @classmethod
    def _check_pipeline(cls, value: list[str] | None) -> list[str] | None:
        if value is not None:
            try:
                PipelinePattern.parse(value)
            except PatternError as exc:
                raise ValueError(str(exc)) from None
        return value

    @model_validator(mode="after")
    def _complete(self) -> Rule:
        if not (self.pattern or self.regex or self.pipeline or self.redirect):
            raise ValueError("a rule needs at least one of pattern, regex, pipeline, redirect")
        if self.overrides and self.action != "allow":
            raise ValueError("only allow rules can have overrides")
        return self

    def compile(self) -> RuleMatcher:
        """The rule as a plain matcher object (fast to evaluate on every call)."""
        return RuleMatcher(
            id=self.id,
            action=self.action,
            reason=self.reason,
            hard=self.hard,
            events=frozenset(self.events),
            patterns=tuple(ToolPattern.parse(p) for p in self.pattern),
            regex=re.compile(self.regex) if self.regex else None,
            pipeline=PipelinePattern.parse(self.pipeline) if self.pipeline else None,
            redirect=tuple(self.redirect),
            overrides=tuple(self.overrides),
        )


@dataclass(frozen=True, slots=True)
class RuleMatcher:
    """A validated rule, compiled for matching."""

    id: str
    action: str
    reason: str
    hard: bool
    events: frozenset[str]
    patterns: tuple[ToolPattern, ...]
    regex: re.Pattern[str] | None
    pipeline: PipelinePattern | None
    redirect: tuple[str, ...]
    overrides: tuple[str, ...]

    @property
    def required_programs(self) -> frozenset[str] | None:
        """Programs one of which a Bash command must run for this rule to match (None: any)."""
        names: set[str] = set()
        sources = [p.bash.program.split("|") for p in self.patterns if p.bash is not None]
        if not self.patterns and self.pipeline is not None:
            sources = [list(self.pipeline.stages[0])]
        if not sources or (
            self.patterns and any(p.bash is None for p in self.patterns if p.tool == "Bash")
        ):
            return None
        for alternatives in sources:
            for name in alternatives:
                if any(c in name for c in "*?[") or (not name):
                    return None
                names.add(name)
        return frozenset(names)

    def may_apply_to(self, tool_name: str) -> bool:
        """False when the rule's patterns all name other tools (a cheap pre-filter)."""
        if not self.patterns:
            return (self.pipeline is None and not self.redirect) or tool_name == "Bash"
        return any(p.tool_matches(tool_name) for p in self.patterns)

    def matches(
        self,
        event: str,
        tool_name: str,
        tool_input: dict[str, Any],
        analysis: Analysis | None,
        raw: str,
    ) -> bool:
        """True if every condition of the rule matches this call."""
        if event not in self.events:
            return False
        if self.patterns and not any(
            p.matches(tool_name, tool_input, analysis, raw) for p in self.patterns
        ):
            return False
        if self.regex is not None and not self._regex_matches(tool_input, analysis, raw):
            return False
        if self.redirect and not (
            analysis is not None
            and any(
                fnmatch.fnmatchcase(normalise_path(target), glob)
                for target in analysis.redirects
                for glob in self.redirect
            )
        ):
            return False
        return self.pipeline is None or (
            tool_name == "Bash" and analysis is not None and self.pipeline.matches(analysis)
        )

    def _regex_matches(
        self, tool_input: dict[str, Any], analysis: Analysis | None, raw: str
    ) -> bool:
        assert self.regex is not None
        if analysis is not None:
            if self.regex.search(raw):
                return True
            return any(self.regex.search(" ".join((c.program, *c.args))) for c in analysis.commands)
        return bool(self.regex.search(json.dumps(tool_input, sort_keys=True)))


class CompiledRules:
    """Rules in file order, compiled, with a per-tool index of the ones that may apply."""

    def __init__(self, rules: list[Rule]) -> None:
        self.rules = tuple(rule.compile() for rule in rules)
        self._by_tool: dict[str, tuple[RuleMatcher, ...]] = {}
        self._by_call: dict[tuple[str, str], tuple[RuleMatcher, ...]] = {}
        self.programs = {rule.id: rule.required_programs for rule in self.rules}

    def for_call(self, tool_name: str, event: str) -> tuple[RuleMatcher, ...]:
        """The rules that may match a call of `tool_name` on `event` (cached)."""
        key = (tool_name, event)
        found = self._by_call.get(key)
        if found is None:
            found = tuple(r for r in self.for_tool(tool_name) if event in r.events)
            if len(self._by_call) < 1000:
                self._by_call[key] = found
        return found

    def running(self, rules: tuple[RuleMatcher, ...], programs: set[str]) -> list[RuleMatcher]:
        """Those of `rules` that may match a shell command running `programs`."""
        return [
            rule
            for rule in rules
            if (needed := self.programs[rule.id]) is None or not needed.isdisjoint(programs)
        ]

    def for_tool(self, tool_name: str) -> tuple[RuleMatcher, ...]:
        """The rules that may match calls of `tool_name`."""
        found = self._by_tool.get(tool_name)
        if found is None:
            found = tuple(r for r in self.rules if r.may_apply_to(tool_name))
            if len(self._by_tool) < 1000:
                self._by_tool[tool_name] = found
        return found


def unique_ids(rules: list[Rule]) -> list[Rule]:
    """Validate that rule ids are unique and overrides name existing rules."""
    seen: set[str] = set()
    for rule in rules:
        if rule.id in seen:
            raise ValueError(f"rule id {rule.id!r} is used twice")
        seen.add(rule.id)
    for rule in rules:
        for target in rule.overrides:
            if target not in seen:
                raise ValueError(f"rule {rule.id!r} overrides unknown rule {target!r}")
    return rules
