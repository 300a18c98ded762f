"""Reading config files (YAML or TOML) and turning validation errors into precise messages."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from .paths import CONFIG_SUFFIXES


@dataclass(slots=True)
class ConfigProblem:
    """One thing wrong with one config file: where (file, line, key path) and why."""

    file: str
    reason: str
    key: str | None = None
    line: int | None = None

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f":{self.line}"
        if self.key:
            where += f": {self.key}"
        return f"{where}: {self.reason}"

    def to_json(self) -> dict[str, Any]:
        """Return the problem as a JSON-ready dict."""
        return {"file": self.file, "line": self.line, "key": self.key, "reason": self.reason}


class ConfigError(Exception):
    """A set of config files that cannot become a generation; `problems` says why."""

    def __init__(self, problems: list[ConfigProblem]) -> None:
        super().__init__("; ".join(str(p) for p in problems))
        self.problems = problems


@dataclass(slots=True)
class ConfigFile:
    """One parsed config file: its section name, data, and a key-path-to-line map (YAML)."""

    section: str
    path: Path
    data: dict[str, Any]
    lines: dict[tuple[str | int, ...], int]
    text: str


def _yaml_lines(node: yaml.Node, prefix: tuple[str | int, ...], out: dict) -> None:
    out[prefix] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else str(key_node)
            out[(*prefix, key)] = key_node.start_mark.line + 1
            _yaml_lines(value_node, (*prefix, key), out)
            out[(*prefix, key)] = key_node.start_mark.line + 1
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _yaml_lines(item, (*prefix, index), out)


def _toml_lines(text: str) -> dict[tuple[str | int, ...], int]:
    """Best-effort key-path-to-line map for simple TOML (tables and `key =` lines)."""
    out: dict[tuple[str | int, ...], int] = {}
    table: tuple[str, ...] = ()
    array_counts: dict[tuple[str, ...], int] = {}
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if line.startswith("[["):
            name = tuple(p.strip().strip('"') for p in line.strip("[]").split("."))
            index = array_counts.get(name, 0)
            array_counts[name] = index + 1
            table = (*name, index)  # type: ignore[assignment]
            out.setdefault(name, number)
            out[table] = number
        elif line.startswith("["):
            table = tuple(p.strip().strip('"') for p in line.strip("[]").split("."))
            out[table] = number
        elif "=" in line and not line.startswith("#"):
            key = line.split("=", 1)[0].strip().strip('"')
            out[(*table, *key.split("."))] = number
    return out


def read_config_file(path: Path) -> ConfigFile:
    """Parse one YAML or TOML file into a mapping; raises ConfigError naming file and line."""
    text = path.read_text(encoding="utf-8")
    name = path.name
    if path.suffix == ".toml":
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError([ConfigProblem(name, f"TOML syntax error: {exc}")]) from None
        lines = _toml_lines(text)
    else:
        try:
            node = yaml.compose(text, Loader=yaml.SafeLoader)
            data = yaml.safe_load(text)
        except yaml.MarkedYAMLError as exc:
            line = exc.problem_mark.line + 1 if exc.problem_mark else None
            reason = f"YAML syntax error: {exc.problem or exc}"
            raise ConfigError([ConfigProblem(name, reason, line=line)]) from None
        except yaml.YAMLError as exc:
            raise ConfigError([ConfigProblem(name, f"YAML error: {exc}")]) from None
        lines = {}
        if node is not None:
            _yaml_lines(node, (), lines)
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise ConfigError(
            [ConfigProblem(name, f"the top level must be a mapping, not {type(data).__name__}")]
        )
    return ConfigFile(section=path.stem, path=path, data=data, lines=lines, text=text)


def find_config_files(config_dir: Path) -> tuple[dict[str, Path], list[ConfigProblem]]:
    """Map each section name to its file; two files for one section is a problem."""
    found: dict[str, Path] = {}
    problems: list[ConfigProblem] = []
    if not config_dir.is_dir():
        return found, problems
    for path in sorted(config_dir.iterdir()):
        if path.name.startswith(".") or path.suffix not in CONFIG_SUFFIXES or not path.is_file():
            continue
        if path.stem in found:
            problems.append(
                ConfigProblem(
                    path.name,
                    f"section {path.stem!r} is also configured by {found[path.stem].name}; "
                    "keep exactly one file per section",
                )
            )
            continue
        found[path.stem] = path
    return found, problems


def _format_loc(loc: tuple[str | int, ...]) -> str:
    parts: list[str] = []
    for item in loc:
        if isinstance(item, int):
            parts.append(f"[{item}]")
        else:
            parts.append(("." if parts else "") + str(item))
    return "".join(parts)


def _line_for(lines: dict[tuple[str | int, ...], int], loc: tuple[str | int, ...]) -> int | None:
    for end in range(len(loc), 0, -1):
        line = lines.get(loc[:end])
        if line is not None:
            return line
    return None


def validate_section(
    model: type[BaseModel], data: dict[str, Any], source: ConfigFile | None, file_label: str
) -> tuple[BaseModel | None, list[ConfigProblem]]:
    """Validate a section's data; return the model instance or the precise problems."""
    try:
        return model.model_validate(data), []
    except ValidationError as exc:
        problems = []
        for error in exc.errors(include_url=False):
            loc = tuple(p for p in error["loc"] if not str(p).startswith("function-"))
            reason = error["msg"]
            if error["type"] == "extra_forbidden":
                reason = "unknown key (not in the schema)"
            line = _line_for(source.lines, loc) if source else None
            problems.append(
                ConfigProblem(file_label, reason, key=_format_loc(loc) or None, line=line)
            )
        return None, problems
