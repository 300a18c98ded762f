"""`tmpm install-hooks` merges into settings files without touching others' entries."""

from __future__ import annotations

import json
import stat
import subprocess
from pathlib import Path

from tests.support.live import make_root
from tests.support.process import run_cli

FOREIGN = {
    "model": "sonnet",
    "permissions": {"allow": ["Bash(ls:*)"]},
    "hooks": {
        "PreToolUse": [{"matcher": "Bash", "hooks": [{"type": "command", "command": "audit.sh"}]}],
        "Stop": [{"matcher": "", "hooks": [{"type": "http", "url": "http://other/hook"}]}],
    },
}


def install(
    root: Path, cwd: Path, *args: str, home: Path | None = None
) -> subprocess.CompletedProcess:
    env = {"TMPM_ROOT": str(root)}
    if home is not None:
        env["HOME"] = str(home)
    return run_cli("install-hooks", *args, env=env, cwd=cwd)


def test_install_merges_is_idempotent_and_uninstall_restores(tmp_path) -> None:
    root = make_root(tmp_path / "root")
    project = tmp_path / "project"
    settings = project / ".claude" / "settings.local.json"
    settings.parent.mkdir(parents=True)
    original = json.dumps(FOREIGN, indent=2) + "\n"
    settings.write_text(original)

    first = install(root.path, project, "--local")
    assert first.returncode == 0, first.stderr
    data = json.loads(settings.read_text())
    assert data["model"] == "sonnet" and data["permissions"] == FOREIGN["permissions"]
    pre = data["hooks"]["PreToolUse"]
    assert pre[0] == FOREIGN["hooks"]["PreToolUse"][0]  # theirs first, untouched
    ours = pre[1]["hooks"][0]
    assert ours["type"] == "http" and ours["url"].endswith("/hooks?tmpm=1")
    assert ours["headers"]["Authorization"] == f"Bearer {root.read_token()}"
    assert ours["onFailure"] == "block"  # the guard is on by default
    start = data["hooks"]["SessionStart"][0]["hooks"][0]
    assert start["type"] == "command" and start["command"].endswith("# tmpm-hook")
    assert stat.S_IMODE(settings.stat().st_mode) == 0o600  # it holds the token
    installed = settings.read_bytes()

    second = install(root.path, project, "--local")
    assert "already up to date" in second.stdout
    assert settings.read_bytes() == installed

    removed = install(root.path, project, "--local", "--uninstall")
    assert removed.returncode == 0
    assert json.loads(settings.read_text()) == FOREIGN
    assert settings.read_text() == original


def test_events_option_and_no_guard(tmp_path) -> None:
    root = make_root(tmp_path / "root")
    project = tmp_path / "p"
    project.mkdir()
    install(root.path, project, "--events", "PreToolUse,Stop", "--no-guard")
    data = json.loads((project / ".claude" / "settings.local.json").read_text())
    assert sorted(data["hooks"]) == ["PreToolUse", "Stop"]
    assert "onFailure" not in data["hooks"]["PreToolUse"][0]["hooks"][0]


def test_legacy_guard_uses_the_forwarder(tmp_path) -> None:
    root = make_root(tmp_path / "root")
    project = tmp_path / "p"
    project.mkdir()
    install(root.path, project, "--legacy-guard")
    data = json.loads((project / ".claude" / "settings.local.json").read_text())
    handler = data["hooks"]["PreToolUse"][0]["hooks"][0]
    assert handler["type"] == "command"
    assert "--guard" in handler["command"]


def test_shared_project_file_never_holds_the_token(tmp_path) -> None:
    root = make_root(tmp_path / "root")
    project = tmp_path / "p"
    project.mkdir()
    result = install(root.path, tmp_path, "--project", str(project))
    assert "TMPM_API_TOKEN" in result.stdout
    text = (project / ".claude" / "settings.json").read_text()
    assert root.read_token() not in text
    handler = json.loads(text)["hooks"]["PreToolUse"][0]["hooks"][0]
    assert handler["headers"]["Authorization"] == "Bearer $TMPM_API_TOKEN"
    assert handler["allowedEnvVars"] == ["TMPM_API_TOKEN"]


def test_user_settings(tmp_path) -> None:
    root = make_root(tmp_path / "root")
    home = tmp_path / "home"
    home.mkdir()
    assert install(root.path, tmp_path, "--user", home=home).returncode == 0
    assert "PreToolUse" in json.loads((home / ".claude" / "settings.json").read_text())["hooks"]


def test_dry_run_prints_a_diff_and_writes_nothing(tmp_path) -> None:
    root = make_root(tmp_path / "root")
    project = tmp_path / "p"
    project.mkdir()
    result = install(root.path, project, "--dry-run")
    assert result.returncode == 0
    assert result.stdout.startswith("---")
    assert '+    "PreToolUse": [' in result.stdout
    assert root.read_token() not in result.stdout  # redacted
    assert not (project / ".claude" / "settings.local.json").exists()


def test_invalid_settings_file_is_left_untouched(tmp_path) -> None:
    root = make_root(tmp_path / "root")
    project = tmp_path / "p"
    settings = project / ".claude" / "settings.local.json"
    settings.parent.mkdir(parents=True)
    settings.write_text("{ not json")
    result = install(root.path, project)
    assert result.returncode == 1
    assert "not valid JSON" in result.stderr
    assert settings.read_text() == "{ not json"
