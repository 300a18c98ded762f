"""Plugins from an installed distribution's entry point and from drop-in files, one mechanism."""

from __future__ import annotations

import copy
import sys
from pathlib import Path

import pytest

from tests.support.live import make_root, start_live

DIST_MODULE = '''
"""A third-party tmpm plugin shipped as its own distribution."""
from tmpm_supervisor.plugin_api import Decision, Route, Vote, hookimpl
from pydantic import BaseModel, ConfigDict


class Settings(BaseModel):
    model_config = ConfigDict(extra="forbid")
    word: str = "DANGER"


@hookimpl
def tmpm_config_model():
    return Settings


@hookimpl
def tmpm_decide(event, ctx):
    if event.name == "PreToolUse" and ctx.config.word in str(event.tool_input):
        return Vote(Decision.DENY, reason=f"third party refuses {ctx.config.word}", rule="word")


async def hello(request, ctx):
    return {"plugin": ctx.name, "word": ctx.config.word}


@hookimpl
def tmpm_routes(ctx):
    return [Route("GET", "/thirdparty/hello", hello, summary="Say hello.")]
'''


@pytest.fixture
def installed_distribution(tmp_path: Path):
    """An installed distribution (module + dist-info with an entry point) on sys.path."""
    site = tmp_path / "site"
    (site / "tmpm_thirdparty_demo").mkdir(parents=True)
    (site / "tmpm_thirdparty_demo" / "__init__.py").write_text(DIST_MODULE)
    info = site / "tmpm_thirdparty_demo-1.2.3.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(
        "Metadata-Version: 2.1\nName: tmpm-thirdparty-demo\nVersion: 1.2.3\n"
    )
    (info / "entry_points.txt").write_text("[tmpm.plugins]\nwordguard = tmpm_thirdparty_demo\n")
    (info / "RECORD").write_text("")
    sys.path.insert(0, str(site))
    yield site
    sys.path.remove(str(site))
    sys.modules.pop("tmpm_thirdparty_demo", None)


async def test_entry_point_distribution_is_loaded_configured_and_used(
    nursery, tmp_path, sample, installed_distribution
) -> None:
    root = make_root(tmp_path / "root", {"config/wordguard.toml": 'word = "KABOOM"\n'})
    live = await start_live(nursery, root)
    status = (await live.client.get("/status")).json()["plugins"]["wordguard"]
    assert status["origin"] == "entry-point"
    assert "tmpm-thirdparty-demo==1.2.3" in status["location"]
    payload = copy.deepcopy(sample("captured/v2.1.331-headless-PreToolUse.json"))
    payload["tool_input"]["command"] = "echo KABOOM"
    body = (await live.hook(payload)).json()["hookSpecificOutput"]
    assert body["permissionDecisionReason"] == "third party refuses KABOOM"
    hello = await live.client.get("/thirdparty/hello")
    assert hello.json() == {"plugin": "wordguard", "word": "KABOOM"}
    spec = (await live.client.get("/openapi.json")).json()
    assert spec["paths"]["/thirdparty/hello"]["get"]["tags"] == ["wordguard"]
    await live.client.aclose()
    live.handle.stop()


async def test_drop_in_file_is_loaded_and_used(live_factory, sample) -> None:
    source = DIST_MODULE.replace("/thirdparty/hello", "/dropin/hello")
    live = await live_factory({"plugins/mine.py": source, "config/mine.yaml": "word: ZAP\n"})
    status = (await live.client.get("/status")).json()["plugins"]["mine"]
    assert status["origin"] == "drop-in"
    payload = copy.deepcopy(sample("captured/v2.1.331-headless-PreToolUse.json"))
    payload["tool_input"]["command"] = "echo ZAP"
    body = (await live.hook(payload)).json()["hookSpecificOutput"]
    assert body["permissionDecision"] == "deny"
    assert (await live.client.get("/dropin/hello")).json()["plugin"] == "mine"


async def test_disabled_plugin_is_not_loaded(live_factory, sample) -> None:
    live = await live_factory(
        {
            "plugins/mine.py": DIST_MODULE.replace("/thirdparty/hello", "/dropin/hello"),
            "config/supervisor.yaml": "plugins:\n  disabled: [mine]\n",
        }
    )
    status = (await live.client.get("/status")).json()["plugins"]
    assert status["mine"] == {"state": "disabled"}
    payload = copy.deepcopy(sample("captured/v2.1.331-headless-PreToolUse.json"))
    payload["tool_input"]["command"] = "echo DANGER"
    assert (await live.hook(payload)).json() == {}
    assert (await live.client.get("/dropin/hello")).status_code == 404


PUBLIC_ROUTES = """
from tmpm_supervisor.plugin_api import Route, hookimpl


async def open_door(request, ctx):
    return {"public": True}


async def closed_door(request, ctx):
    return {"public": False}


@hookimpl
def tmpm_routes(ctx):
    return [Route("GET", "/doors/open", open_door, public=True),
            Route("GET", "/doors/closed", closed_door)]
"""


async def test_public_plugin_routes_need_no_token_and_others_do(live_factory) -> None:
    import httpx

    live = await live_factory({"plugins/doors.py": PUBLIC_ROUTES})
    async with httpx.AsyncClient(base_url=live.url) as anonymous:
        assert (await anonymous.get("/doors/open")).json() == {"public": True}
        assert (await anonymous.get("/doors/closed")).status_code == 401
        assert (await anonymous.get("/hooks")).status_code == 401
    assert (await live.client.get("/doors/closed")).json() == {"public": False}
