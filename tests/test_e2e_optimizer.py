"""End to end: the real Claude Code CLI's model receives the optimizer's smaller output."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import trio

from tests.support.claude_cli import ClaudeWorkspace
from tests.support.e2e import install_hooks
from tests.support.fake_anthropic import FakeAnthropic, Reply, bash, tool_result_text

pytestmark = pytest.mark.real_cli
CORPUS = Path(__file__).parent / "data" / "optimizer_corpus"


@pytest.fixture
async def wired(live, claude_bin, tmp_path):
    ws = ClaudeWorkspace(tmp_path / "ws")
    install_hooks(ws, live.root)
    return live, ws, claude_bin


async def run(ws, binary, script):
    with FakeAnthropic(script) as fake, trio.fail_after(120):
        result = await trio.to_thread.run_sync(lambda: ws.run_headless(binary, fake.url, "go"))
        assert result.returncode == 0, result.stderr
        return fake


@pytest.mark.parametrize("size", [20_000, 120_000], ids=["inline", "persisted-over-30k"])
async def test_model_reads_the_summarised_bash_output(wired, size: int) -> None:
    live, ws, binary = wired
    lines = size // 40
    command = (
        f'for i in $(seq 1 {lines}); do echo "[info] step $i of the build is fine"; done; '
        "echo 'ERROR: disk quota exceeded while writing artifact.tar'; "
        "echo '=== 1 failed, 999 passed in 3.21s ==='"
    )
    fake = await run(ws, binary, [bash(command), Reply(text="ok")])
    text = tool_result_text(fake.tool_results()[0])
    assert "ERROR: disk quota exceeded while writing artifact.tar" in text
    assert "=== 1 failed, 999 passed in 3.21s ===" in text
    assert "similar lines" in text  # the repeated lines were collapsed
    assert len(text) < 4000, len(text)
    assert "persisted" not in text.lower() and "saved to" not in text.lower()
    record = (await live.client.get("/audit", params={"event": "PostToolUse"})).json()["records"][
        -1
    ]
    assert record["rewrite"]["tokens_before"] > 10 * record["rewrite"]["tokens_after"]


async def test_model_reads_the_trimmed_file(wired) -> None:
    _live, ws, binary = wired
    target = ws.project / "big_module.py"
    shutil.copyfile(CORPUS / "large-module.py", target)
    read = Reply(tool_name="Read", tool_input={"file_path": str(target)})
    fake = await run(ws, binary, [read, Reply(text="ok")])
    text = tool_result_text(fake.tool_results()[0])
    assert "Generated module with many small functions" in text
    assert "tmpm left out" in text
    assert len(text) < 40_000 < target.stat().st_size


SEARCH_LIMITS = (
    "tools:\n"
    "  Grep: {level: trim, min_bytes: 2000, max_bytes: 1500, head_lines: 5, tail_lines: 5}\n"
    "  Glob: {min_bytes: 2000, max_bytes: 1500}\n"
)


async def test_model_reads_shorter_grep_and_glob_results(live_factory, claude_bin, tmp_path):
    live = await live_factory({"config/optimizer.yaml": SEARCH_LIMITS})
    ws = ClaudeWorkspace(tmp_path / "ws")
    install_hooks(ws, live.root)
    folder = ws.project / ("deeply_nested_package_directory_" * 2)
    folder.mkdir()
    for number in range(60):
        (folder / f"module_with_a_long_descriptive_name_{number:03d}.py").write_text(
            "def handler():\n    return 'needle'\n" * 4
        )
    project = str(ws.project)
    # Grep and Glob are offered to the model only when asked for by name.
    search_tools = ("--allowedTools", "Grep,Glob")
    script = [
        Reply(tool_name="Grep", tool_input={"pattern": "needle", "output_mode": "content"}),
        Reply(tool_name="Grep", tool_input={"pattern": "needle", "path": project}),
        Reply(tool_name="Glob", tool_input={"pattern": "**/*.py", "path": project}),
        Reply(text="ok"),
    ]
    with FakeAnthropic(script) as fake, trio.fail_after(120):
        result = await trio.to_thread.run_sync(
            lambda: ws.run_headless(claude_bin, fake.url, "go", *search_tools)
        )
    assert result.returncode == 0, result.stderr
    content, files, globbed = (tool_result_text(b) for b in fake.tool_results())
    assert "tmpm left out 230 lines" in content and len(content) < 1600, content
    assert content.count("return 'needle'") == 10
    assert files.startswith("Found 60 files limit: ") and 1000 < len(files) < 1600, files
    assert "Showing " in globbed and " of 60 matching files" in globbed, globbed
    assert len(globbed) < 1800
    records = (await live.client.get("/audit", params={"event": "PostToolUse"})).json()["records"]
    assert [r["tool"] for r in records if r.get("rewrite")] == ["Grep", "Grep", "Glob"]
