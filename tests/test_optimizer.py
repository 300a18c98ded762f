"""The optimizer: nothing that matters is lost, shapes are right, accounting is kept."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest
import trio
from tmpm_optimizer.compress import Budget, estimate_tokens, summarise

CORPUS = Path(__file__).parent / "data" / "optimizer_corpus"
MUST_KEEP = json.loads((CORPUS / "must-keep.json").read_text())
RUNS = [name for name in MUST_KEEP if not name.endswith(".py")]


@pytest.mark.parametrize("name", RUNS)
def test_summarise_keeps_every_error_and_the_final_summary(name: str) -> None:
    text = (CORPUS / name).read_text()
    result = summarise(text, Budget())
    missing = [line for line in MUST_KEEP[name] if line not in result]
    assert not missing, f"{name} lost: {missing}"
    assert result.rstrip().endswith(text.rstrip().splitlines()[-1].strip())
    assert len(result) < len(text)
    print(f"\n{name}: {len(text)} -> {len(result)} bytes "
          f"({100 * (1 - len(result) / len(text)):.0f}% smaller), tokens "
          f"{estimate_tokens(text)} -> {estimate_tokens(result)}")  # fmt: skip


def bash_event(sample, stdout: str) -> dict:
    payload = copy.deepcopy(sample("captured/v2.1.331-headless-PostToolUse.json"))
    payload["session_id"] = "opt"
    payload["tool_response"]["stdout"] = stdout
    return payload


async def test_bash_rewrite_keeps_the_shape_and_accounts(live, sample) -> None:
    text = (CORPUS / "pytest-failures.log").read_text()
    body = (await live.hook(bash_event(sample, text))).json()["hookSpecificOutput"]
    output = body["updatedToolOutput"]
    original = sample("captured/v2.1.331-headless-PostToolUse.json")["tool_response"]
    assert set(output) == set(original)
    assert output["interrupted"] is False and output["stderr"] == ""
    assert "3 failed, 477 passed" in output["stdout"] and len(output["stdout"]) < len(text)
    records = (await live.client.get("/audit", params={"event": "PostToolUse"})).json()["records"]
    rewrite = records[-1]["rewrite"]
    assert rewrite["plugin"] == "optimizer"
    assert rewrite["tokens_before"] > rewrite["tokens_after"] > 0
    info = (await live.client.get("/sessions/opt")).json()["plugins"]["optimizer"]
    assert info["rewrites"] == 1 and info["tokens_saved"] > 0
    status = (await live.client.get("/status")).json()["plugins"]["optimizer"]["status"]
    assert status["rewrites"] >= 1


async def test_small_output_is_not_rewritten(live, sample) -> None:
    body = (await live.hook(bash_event(sample, "short\n"))).json()
    assert "updatedToolOutput" not in body.get("hookSpecificOutput", {})


async def test_persisted_large_output_is_read_from_disk_and_keys_dropped(
    live, sample, tmp_path
) -> None:
    payload = copy.deepcopy(sample("schema-based/post-tool-use-bash-large.json"))
    full = (CORPUS / "cmake-build-error.log").read_text()
    persisted = tmp_path / "persisted.txt"
    persisted.write_text(full)
    payload["tool_response"]["persistedOutputPath"] = str(persisted)
    payload["tool_response"]["persistedOutputSize"] = len(full)
    output = (await live.hook(payload)).json()["hookSpecificOutput"]["updatedToolOutput"]
    assert "persistedOutputPath" not in output and "persistedOutputSize" not in output
    assert "make: *** [Makefile:146: all] Error 2" in output["stdout"]  # from the file's end
    assert "'Framebuffer' was not declared" in output["stdout"]


async def test_read_rewrite_has_the_text_file_shape(live, sample) -> None:
    payload = copy.deepcopy(sample("schema-based/post-tool-use-read.json"))
    content = (CORPUS / "large-module.py").read_text()
    payload["tool_response"]["file"].update(content=content, numLines=content.count("\n"),
                                            totalLines=content.count("\n"))  # fmt: skip
    output = (await live.hook(payload)).json()["hookSpecificOutput"]["updatedToolOutput"]
    assert output["type"] == "text"
    file = output["file"]
    assert set(file) == {"filePath", "content", "numLines", "startLine", "totalLines"}
    assert (
        file["content"].startswith('"""Generated module') and "# end of module" in file["content"]
    )
    assert (
        "tmpm left out" in file["content"] and file["numLines"] == file["content"].count("\n") + 1
    )


async def test_mcp_blocks_and_levels_and_overrides(live_factory, sample) -> None:
    live = await live_factory({"config/optimizer.yaml": (
        "level: caveman\nmin_bytes: 100\ntools:\n  'mcp__*': {level: trim, max_bytes: 600}\n"
        "projects:\n  - cwd: /home/dev/quiet/**\n    level: 'off'\n"
    )})  # fmt: skip
    payload = copy.deepcopy(sample("schema-based/post-tool-use-mcp.json"))
    payload["tool_response"] = [
        {"type": "text", "text": "row\n" * 2000},
        {"type": "image", "data": "x"},
    ]
    blocks = (await live.hook(payload)).json()["hookSpecificOutput"]["updatedToolOutput"]
    assert blocks[1] == {"type": "image", "data": "x"} and len(blocks[0]["text"]) <= 700
    bash = bash_event(sample, "line\n" * 500)
    note = (await live.hook(bash)).json()["hookSpecificOutput"]["updatedToolOutput"]["stdout"]
    assert note.startswith("[tmpm suppressed 501 lines")
    bash["cwd"] = "/home/dev/quiet/project"
    assert "hookSpecificOutput" not in (await live.hook(bash)).json()


async def test_webfetch_result_is_summarised_in_its_own_shape(live, sample) -> None:
    payload = copy.deepcopy(sample("captured/v2.1.331-headless-PostToolUse.json"))
    page = "\n".join(
        [*(f"Section {n}: the service is up and healthy" for n in range(600)),
         "Error: the v1 endpoint was removed on 2026-01-01"]
    )  # fmt: skip
    payload["tool_name"] = "WebFetch"
    payload["tool_input"] = {"url": "https://example.test/status", "prompt": "summarise"}
    # WebFetchOutput as the CLI declares it in sdk-tools.d.ts.
    payload["tool_response"] = {
        "bytes": len(page), "code": 200, "codeText": "OK", "result": page,
        "durationMs": 12, "url": "https://example.test/status",
    }  # fmt: skip
    new = (await live.hook(payload)).json()["hookSpecificOutput"]["updatedToolOutput"]
    assert {k: v for k, v in new.items() if k != "result"} == {
        k: v for k, v in payload["tool_response"].items() if k != "result"
    }
    assert "Error: the v1 endpoint was removed on 2026-01-01" in new["result"]
    assert "similar lines" in new["result"] and len(new["result"]) < 2000


async def test_persisted_output_past_the_read_limit_keeps_its_head_and_tail(
    live_factory, sample, tmp_path
) -> None:
    live = await live_factory({"config/optimizer.yaml": "max_persisted_bytes: 20000\n"})
    payload = copy.deepcopy(sample("schema-based/post-tool-use-bash-large.json"))
    lines = [f"[info] step {n} is fine" for n in range(20_000)]
    full = "\n".join(["fatal: first problem", *lines, "=== 1 failed, 9 passed in 2.00s ==="])
    persisted = tmp_path / "persisted.txt"
    persisted.write_text(full)
    payload["tool_response"]["persistedOutputPath"] = str(persisted)
    output = (await live.hook(payload)).json()["hookSpecificOutput"]["updatedToolOutput"]
    assert "fatal: first problem" in output["stdout"]
    assert output["stdout"].endswith("=== 1 failed, 9 passed in 2.00s ===")
    assert f"tmpm left out {len(full) - 20000} bytes here" in output["stdout"]


async def test_a_huge_persisted_output_does_not_stall_other_requests(
    live, sample, tmp_path
) -> None:
    payload = copy.deepcopy(sample("schema-based/post-tool-use-bash-large.json"))
    persisted = tmp_path / "persisted.txt"
    persisted.write_text("".join(f"[info] step {n} is fine\n" for n in range(600_000)))
    payload["tool_response"]["persistedOutputPath"] = str(persisted)
    finished: list[str] = []

    async def hook() -> None:
        response = await live.hook(payload)
        assert "updatedToolOutput" in response.json()["hookSpecificOutput"]
        finished.append("hook")

    with trio.fail_after(30):
        async with trio.open_nursery() as nursery:
            nursery.start_soon(hook)
            await trio.sleep(0.05)
            assert (await live.client.get("/health")).status_code == 200
            finished.append("health")
    assert finished == ["health", "hook"]
