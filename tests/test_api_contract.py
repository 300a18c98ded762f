"""The public contracts: OpenAPI matches the routes; every hookspec is documented."""

from __future__ import annotations

import inspect
import re
from pathlib import Path

from tmpm_supervisor.openapi import CORE_ROUTES, openapi_path
from tmpm_supervisor.plugin_docs import BEGIN, END, hookspec_functions, render_reference

DOCS = Path(__file__).resolve().parent.parent / "docs"


async def test_openapi_lists_exactly_the_served_core_routes(live) -> None:
    app_rules = {
        (method, openapi_path(rule.rule))
        for rule in live.handle.app.url_map.iter_rules()
        for method in rule.methods - {"HEAD", "OPTIONS"}
        if "<path:subpath>" not in rule.rule and not rule.rule.startswith("/static")
    }
    spec = (await live.client.get("/openapi.json")).json()
    plugins = set(live.supervisor.generation.plugins)
    spec_routes = {
        (method.upper(), path)
        for path, item in spec["paths"].items()
        for method, operation in item.items()
        if not plugins & set(operation.get("tags", []))  # plugin routes are listed too
    }
    assert spec["openapi"].startswith("3.")
    assert app_rules == spec_routes
    assert {(r.method, openapi_path(r.path)) for r in CORE_ROUTES} == spec_routes


def test_every_hookspec_documents_when_what_and_return() -> None:
    specs = hookspec_functions()
    assert len(specs) >= 10
    for name, function in specs:
        doc = inspect.cleandoc(function.__doc__ or "")
        assert len(doc) > 80, f"{name} needs a real docstring"
        assert re.search(r"\bcalled\b|\bimplemented by\b", doc, re.I), f"{name}: say when"
        assert re.search(r"\breturn", doc, re.I), f"{name}: say what the return value means"


def test_plugins_doc_matches_the_hookspecs() -> None:
    text = (DOCS / "plugins.md").read_text()
    start, end = text.index(BEGIN), text.index(END) + len(END)
    assert text[start:end] == render_reference(), (
        "docs/plugins.md is out of date: run `.venv/bin/python scripts/gen-plugin-docs.py`"
    )
    for name, _ in hookspec_functions():
        assert f"`{name}`" in text
