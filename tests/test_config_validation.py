"""Invalid config is refused with the file and the line or key; `tmpm config check` agrees."""

from __future__ import annotations

import pytest

from tests.support.live import make_root, start_live
from tests.support.process import run_cli
from tmpm_supervisor.config_files import ConfigError

CASES = [
    # (file, content, fragments expected in one problem)
    ("supervisor.yaml", "server:\n  port: high\n", ["supervisor.yaml:2", "server.port", "integer"]),
    (
        "supervisor.yaml",
        "server:\n  prot: 1\n",
        ["supervisor.yaml:2", "server.prot", "unknown key"],
    ),
    ("supervisor.yaml", "server: [1, 2\n", ["supervisor.yaml", "YAML syntax error"]),
    ("supervisor.yaml", "- a\n- b\n", ["supervisor.yaml", "top level must be a mapping"]),
    (
        "supervisor.yaml",
        "approvals:\n  on_timeout: maybe\n",
        ["supervisor.yaml:2", "approvals.on_timeout", "'deny'"],
    ),
    ("supervisor.toml", "[server]\nport = -5\n", ["supervisor.toml:2", "server.port"]),
    ("supervisor.toml", "[server\nport = 1\n", ["supervisor.toml", "TOML syntax error"]),
    (
        "supervisor.toml",
        "[plugins]\ndisabled = 'x'\n",
        ["supervisor.toml:2", "plugins.disabled", "list"],
    ),
]


@pytest.mark.parametrize(("name", "content", "fragments"), CASES)
async def test_invalid_config_refuses_to_start(nursery, tmp_path, name, content, fragments) -> None:
    root = make_root(tmp_path / "root")
    (root.config_dir / "supervisor.yaml").unlink()
    (root.config_dir / name).write_text(content)
    with pytest.raises(ConfigError) as caught:
        await start_live(nursery, root)
    messages = [str(p) for p in caught.value.problems]
    assert any(all(f in m for f in fragments) for m in messages), messages


def test_two_files_for_one_section_is_an_error(tmp_path) -> None:
    root = make_root(tmp_path / "root", {"config/supervisor.toml": "[server]\nport = 1\n"})
    result = run_cli("--root", str(root.path), "config", "check")
    assert result.returncode == 1
    assert "supervisor.yaml: section 'supervisor' is also configured by supervisor.toml" in (
        result.stderr
    )


def test_config_check_cli_names_file_line_and_key(tmp_path) -> None:
    root = make_root(tmp_path / "root", {"config/supervisor.yaml": "feed:\n  ring_size: 3\n"})
    result = run_cli("--root", str(root.path), "config", "check")
    assert result.returncode == 1
    assert (
        "error: supervisor.yaml:2: feed.ring_size: Input should be greater than or equal to 10"
        in (result.stderr)
    )
    good = make_root(tmp_path / "good")
    ok = run_cli("--root", str(good.path), "config", "check")
    assert ok.returncode == 0, ok.stderr
    assert ok.stdout.startswith("ok: ")


def test_serve_with_invalid_config_exits_with_the_problem(tmp_path) -> None:
    root = make_root(tmp_path / "root", {"config/supervisor.yaml": "server:\n  port: nope\n"})
    result = run_cli("--root", str(root.path), "serve")
    assert result.returncode == 1
    assert "supervisor.yaml:2: server.port" in result.stderr


def test_drop_in_with_unknown_hook_is_a_load_error(tmp_path) -> None:
    root = make_root(
        tmp_path / "root",
        {
            "plugins/typo.py": (
                "from tmpm_supervisor.plugin_api import hookimpl\n\n"
                "@hookimpl\ndef tmpm_decid(event):\n    return None\n"
            )
        },
    )
    result = run_cli("--root", str(root.path), "config", "check")
    assert result.returncode == 1
    assert "plugins/typo.py" in result.stderr
    assert "unknown hook 'tmpm_decid'" in result.stderr
