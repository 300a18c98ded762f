"""`tmpm init` creates the layout, copies commented defaults, never overwrites, token 0600."""

from __future__ import annotations

import stat

from tests.support.process import run_cli
from tmpm_supervisor.paths import FrameworkRoot, default_config_dir, resolve_root


def test_init_creates_layout_and_keeps_edited_files(tmp_path) -> None:
    root = FrameworkRoot(tmp_path / "root")
    first = run_cli("--root", str(root.path), "init")
    assert first.returncode == 0, first.stderr
    for folder in (root.config_dir, root.plugins_dir, root.state_dir, root.audit_dir):
        assert folder.is_dir()
    shipped = sorted(
        p.name for p in default_config_dir().iterdir() if p.suffix in {".yaml", ".toml"}
    )
    assert sorted(p.name for p in root.config_dir.iterdir()) == shipped
    assert "supervisor.yaml" in shipped
    assert stat.S_IMODE(root.token_file.stat().st_mode) == 0o600
    token = root.read_token()
    assert len(token) >= 32

    edited = root.config_dir / "supervisor.yaml"
    edited.write_text("server:\n  port: 9999\n")
    second = run_cli("--root", str(root.path), "init")
    assert second.returncode == 0
    assert edited.read_text() == "server:\n  port: 9999\n"
    assert "kept" in second.stdout
    assert root.read_token() == token


def test_a_toml_file_counts_as_the_section_already_configured(tmp_path) -> None:
    root = FrameworkRoot(tmp_path / "root")
    root.config_dir.mkdir(parents=True)
    (root.config_dir / "supervisor.toml").write_text("[server]\nport = 1234\n")
    assert run_cli("--root", str(root.path), "init").returncode == 0
    assert not (root.config_dir / "supervisor.yaml").exists()


def test_root_resolution_order(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("TMPM_ROOT", str(tmp_path / "env"))
    assert resolve_root(str(tmp_path / "flag")).path == tmp_path / "flag"
    assert resolve_root(None).path == tmp_path / "env"
    monkeypatch.delenv("TMPM_ROOT")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert resolve_root(None).path == tmp_path / "home" / ".tmpm"


def test_shipped_defaults_pass_config_check(tmp_path) -> None:
    root = tmp_path / "root"
    assert run_cli("--root", str(root), "init").returncode == 0
    check = run_cli("--root", str(root), "config", "check")
    assert check.returncode == 0, check.stderr


def test_config_check_changes_nothing_under_the_root(tmp_path) -> None:
    root = tmp_path / "root"
    assert run_cli("--root", str(root), "init").returncode == 0
    audit = root / "logs" / "audit"
    torn = audit / "2026-01-01.jsonl"
    torn.write_bytes(b'{"time": 1}\n{"half')
    before = sorted((p, p.stat().st_mtime_ns) for p in root.rglob("*"))
    assert run_cli("--root", str(root), "config", "check").returncode == 0
    assert sorted((p, p.stat().st_mtime_ns) for p in root.rglob("*")) == before
    assert torn.read_bytes() == b'{"time": 1}\n{"half'
