"""The optimizer's config section (`<root>/config/optimizer.yaml` or `.toml`)."""

from __future__ import annotations

import fnmatch
from typing import Literal

from pydantic import Field

from tmpm_supervisor.settings import StrictModel

Level = Literal["off", "trim", "summarise", "caveman"]


class Overrides(StrictModel):
    """Settings that replace the defaults for one tool or project (unset = inherited)."""

    level: Level | None = Field(None, description="Compression level.")
    min_bytes: int | None = Field(None, ge=0, description="Leave smaller outputs alone.")
    max_bytes: int | None = Field(None, ge=500, description="Target size of a rewrite.")
    head_lines: int | None = Field(None, ge=0, description="Lines always kept at the start.")
    tail_lines: int | None = Field(None, ge=0, description="Lines always kept at the end.")


class ProjectOverrides(Overrides):
    """Overrides for sessions whose working directory matches `cwd` (a glob)."""

    cwd: str = Field(description="Glob on the session's cwd, e.g. `/home/me/legacy/**`.")
    tools: dict[str, Overrides] = Field(
        default_factory=dict, description="Per-tool overrides within this project."
    )


class Effective(StrictModel):
    """The settings that apply to one tool call."""

    level: Level
    min_bytes: int
    max_bytes: int
    head_lines: int
    tail_lines: int


class OptimizerConfig(StrictModel):
    """How bulky tool output is shrunk before the model reads it."""

    level: Level = Field("summarise", description="Default level for every tool.")
    min_bytes: int = Field(8192, ge=0, description="Outputs smaller than this are left alone.")
    max_bytes: int = Field(12000, ge=500, description="Target size of a rewrite, in bytes.")
    head_lines: int = Field(30, ge=0, description="Lines always kept at the start.")
    tail_lines: int = Field(40, ge=0, description="Lines always kept at the end (summaries).")
    context_lines: int = Field(2, ge=0, le=20, description="Lines kept around each error.")
    max_persisted_bytes: int = Field(
        16 * 1024 * 1024,
        ge=1024,
        description="Most of a persisted Bash output read back from disk to compress; past it, "
        "its head and tail halves are read.",
    )
    tools: dict[str, Overrides] = Field(
        default_factory=lambda: {
            "Read": Overrides(level="trim", min_bytes=32768, max_bytes=24000),
            # Grep matches differ only in file names and line numbers: never collapse them.
            "Grep": Overrides(level="trim"),
        },
        description="Per-tool overrides, by tool name or glob (e.g. `mcp__*`).",
    )
    projects: list[ProjectOverrides] = Field(
        default_factory=list, description="Per-project overrides, first matching cwd wins."
    )

    def effective(self, tool_name: str, cwd: str | None) -> Effective:
        """Defaults, then the tool's overrides, then the project's (and its tool's)."""
        values = {
            "level": self.level, "min_bytes": self.min_bytes, "max_bytes": self.max_bytes,
            "head_lines": self.head_lines, "tail_lines": self.tail_lines,
        }  # fmt: skip
        layers: list[Overrides] = [
            o for g, o in self.tools.items() if fnmatch.fnmatchcase(tool_name, g)
        ]
        project = next((p for p in self.projects if cwd and fnmatch.fnmatchcase(cwd, p.cwd)), None)
        if project is not None:
            layers.append(project)
            layers.extend(o for g, o in project.tools.items() if fnmatch.fnmatchcase(tool_name, g))
        for layer in layers:
            for key in values:
                value = getattr(layer, key)
                if value is not None:
                    values[key] = value
        return Effective(**values)
