"""Running the real Claude Code CLI offline: install location, private environment, runs.

The CLI is installed by `scripts/install-claude-cli.sh` into a cache outside the repo
(`$TMPM_CLAUDE_CACHE`, default `~/.cache/tmpm`). Every run gets its own HOME, project
directory, `CLAUDE_CODE_TMPDIR` and `XDG_RUNTIME_DIR`.
"""

from __future__ import annotations

import json
import os
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

CLAUDE_VERSION = "2.1.331"
API_KEY = "sk-test-tmpm-0123456789abcdefghij"


def claude_binary(version: str = CLAUDE_VERSION) -> Path | None:
    """Return the installed CLI binary for `version`, or None if it is not installed."""
    cache = Path(os.environ.get("TMPM_CLAUDE_CACHE", Path.home() / ".cache" / "tmpm"))
    binary = cache / f"claude-code-{version}" / "node_modules" / ".bin" / "claude"
    return binary if binary.exists() else None


@dataclass
class ClaudeWorkspace:
    """A private HOME + project directory for one CLI run."""

    base: Path
    version: str = CLAUDE_VERSION

    def __post_init__(self) -> None:
        self.home = self.base / "home"
        self.project = self.base / "project"
        self.tmp = self.base / "t"  # short: the CLI's socket path must stay under 104 bytes
        for folder in (self.home, self.project, self.tmp):
            folder.mkdir(parents=True, exist_ok=True)
        os.chmod(self.tmp, 0o700)
        self.seed_home()

    def seed_home(self) -> None:
        """Pre-accept onboarding, the API key and the project's trust dialog."""
        state = {
            "hasCompletedOnboarding": True,
            "lastOnboardingVersion": self.version,
            "theme": "dark",
            "customApiKeyResponses": {"approved": [API_KEY[-20:]], "rejected": []},
            "bypassPermissionsModeAccepted": True,
            "projects": {
                str(self.project): {
                    "hasTrustDialogAccepted": True,
                    "hasCompletedProjectOnboarding": True,
                }
            },
        }
        (self.home / ".claude.json").write_text(json.dumps(state))

    def env(self, model_url: str, extra: dict[str, str] | None = None) -> dict[str, str]:
        """A clean environment pointing the CLI at the fake model server."""
        env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": str(self.home),
            "IS_SANDBOX": "1",
            "ANTHROPIC_BASE_URL": model_url,
            "ANTHROPIC_API_KEY": API_KEY,
            "CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC": "1",
            "DISABLE_TELEMETRY": "1",
            "DISABLE_AUTOUPDATER": "1",
            "DISABLE_ERROR_REPORTING": "1",
            "CLAUDE_CODE_TMPDIR": str(self.tmp),
            "XDG_RUNTIME_DIR": str(self.tmp),
            "TERM": "xterm-256color",
            "LANG": "C.UTF-8",
        }
        env.update(extra or {})
        return env

    def write_settings(self, settings: dict[str, Any], name: str = "settings.json") -> Path:
        """Write `<project>/.claude/<name>`."""
        path = self.project / ".claude" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(settings, indent=2))
        return path

    def headless_command(self, binary: Path, prompt: str, *extra: str) -> list[str]:
        """The argv for one headless (`-p`) run."""
        return [
            str(binary),
            "-p",
            prompt,
            "--output-format",
            "stream-json",
            "--verbose",
            "--permission-mode",
            "bypassPermissions",
            *extra,
        ]

    def run_headless(
        self,
        binary: Path,
        model_url: str,
        prompt: str,
        *extra: str,
        timeout: float = 90,
        env: dict[str, str] | None = None,
    ) -> subprocess.CompletedProcess[str]:
        """Run one headless turn to completion (bounded by `timeout`)."""
        return subprocess.run(
            self.headless_command(binary, prompt, *extra),
            cwd=self.project,
            env=self.env(model_url, env),
            capture_output=True,
            text=True,
            timeout=timeout,
            stdin=subprocess.DEVNULL,
        )
