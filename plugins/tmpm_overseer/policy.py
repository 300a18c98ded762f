"""Evaluating the policy for one tool call: rules (global and project), parse and dynamic checks.

Precedence (docs/overseer.md): every matching rule votes; deny beats ask beats allow; among
equals a hard rule, then the first in file order (global file before project file) gives the
reason. An allow rule may lift named soft rules of the global file (`overrides`); nothing lifts
a hard rule, and project files can only add restrictions (their allows count only with
`project_allows: true`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tmpm_supervisor.config_files import ConfigError, read_config_file, validate_section
from tmpm_supervisor.plugin_api import Decision, HookEvent, Vote

from .bash_analysis import Analysis, analyze
from .config import OverseerConfig, ProjectPolicy
from .rules import CompiledRules, RuleMatcher

ORDER = {"allow": Decision.ALLOW, "ask": Decision.ASK, "deny": Decision.DENY}
DECISION_EVENTS = frozenset({"PreToolUse", "PermissionRequest"})
PROJECT_FILES = (".tmpm/overseer.yaml", ".tmpm/overseer.yml", ".tmpm/overseer.toml")


@dataclass(slots=True)
class ProjectRules:
    """A project policy file as last read: its rules, or the problem that made it invalid."""

    key: tuple[int, int]
    rules: CompiledRules
    problem: str | None = None


class ProjectPolicies:
    """Project policy files by path, re-read only when they change (mtime and size)."""

    def __init__(self) -> None:
        self._cache: dict[Path, ProjectRules] = {}

    def for_cwd(self, cwd: str | None) -> tuple[CompiledRules | None, str | None, str | None]:
        """(rules, problem, file) of the policy file of the project at `cwd` (if any)."""
        if not cwd:
            return None, None, None
        for name in PROJECT_FILES:
            path = Path(cwd) / name
            try:
                stat = path.stat()
            except OSError:
                continue
            key = (stat.st_mtime_ns, stat.st_size)
            cached = self._cache.get(path)
            if cached is None or cached.key != key:
                cached = self._load(path, key)
                self._cache[path] = cached
            return cached.rules, cached.problem, str(path)
        return None, None, None

    @staticmethod
    def _load(path: Path, key: tuple[int, int]) -> ProjectRules:
        try:
            source = read_config_file(path)
        except ConfigError as exc:
            return ProjectRules(key, CompiledRules([]), str(exc))
        except OSError as exc:
            return ProjectRules(key, CompiledRules([]), f"{path}: {exc}")
        model, problems = validate_section(ProjectPolicy, source.data, source, str(path))
        if problems:
            return ProjectRules(key, CompiledRules([]), "; ".join(str(p) for p in problems))
        assert isinstance(model, ProjectPolicy)
        return ProjectRules(key, model.compiled)


def _vote(rule: RuleMatcher, source: str) -> Vote:
    decision = ORDER[rule.action]
    reason = rule.reason or f"{rule.action} by overseer rule {rule.id}"
    return Vote(decision, reason=reason, rule=rule.id, hard=rule.hard, data={"source": source})


def evaluate(event: HookEvent, config: OverseerConfig, projects: ProjectPolicies) -> Vote | None:
    """The overseer's policy vote on a tool call, or None (abstain)."""
    tool_name = event.tool_name
    if tool_name is None:
        return None
    tool_input: dict[str, Any] = event.tool_input or {}
    deciding = event.name in DECISION_EVENTS
    global_rules = config.compiled.for_call(tool_name, event.name)
    project, problem, path = (
        projects.for_cwd(event.cwd) if config.project_policy else (None, None, None)
    )
    project_rules = project.for_call(tool_name, event.name) if project is not None else ()
    raw = ""
    analysis: Analysis | None = None
    # Parse a shell command only when a rule may need it, or for PreToolUse's own checks.
    if tool_name == "Bash" and (global_rules or project_rules or event.name == "PreToolUse"):
        raw = str(tool_input.get("command", ""))
        analysis = analyze(raw)
        programs = {c.program for c in analysis.commands}
        global_rules = config.compiled.running(global_rules, programs)
        if project is not None:
            project_rules = project.running(project_rules, programs)
    votes: list[Vote] = []
    matched = [
        r for r in global_rules if r.matches(event.name, tool_name, tool_input, analysis, raw)
    ]
    lifted = {target for r in matched if r.action == "allow" for target in r.overrides}
    for rule in matched:
        if rule.id in lifted and not rule.hard:
            continue
        votes.append(_vote(rule, "global"))
    if problem is not None and deciding:
        votes.append(
            Vote(
                Decision.ASK,
                reason=f"the project policy is invalid: {problem}",
                rule="project-policy-invalid",
                data={"source": path},
            )
        )
    for rule in project_rules:
        if rule.action == "allow" and not config.project_allows:
            continue
        if rule.matches(event.name, tool_name, tool_input, analysis, raw):
            votes.append(_vote(rule, f"project:{path}"))
    if analysis is not None and event.name == "PreToolUse":
        votes.extend(_shell_checks(analysis, config))
    if not votes:
        if config.default_action == "abstain" or not deciding:
            return None
        return Vote(ORDER[config.default_action], reason="no rule matched", rule="default")
    return _strongest(votes)


def _shell_checks(analysis: Analysis, config: OverseerConfig) -> list[Vote]:
    """Votes for a command that cannot be parsed or runs code known only at run time."""
    votes = []
    if analysis.parse_error:
        votes.append(
            Vote(
                ORDER[config.unparseable_action],
                rule="unparseable-command",
                reason="the command could not be parsed, so it cannot be checked",
            )
        )
    if analysis.dynamic and config.dynamic_action != "abstain":
        what = analysis.dynamic_code[0] if analysis.dynamic_code else "a computed program name"
        votes.append(
            Vote(
                ORDER[config.dynamic_action],
                rule="dynamic-code",
                reason="the command runs code only known at run time "
                f"({what.replace(chr(0) + 'dynamic', '')})",
            )
        )
    return votes


def _strongest(votes: list[Vote]) -> Vote:
    best = votes[0]
    for vote in votes[1:]:
        if vote.decision > best.decision or (
            vote.decision == best.decision and vote.hard and not best.hard
        ):
            best = vote
    return best
