"""docs/configuration.md documents every key of every installed section, generated and current."""

from __future__ import annotations

from pathlib import Path

from tmpm_supervisor.config_docs import BEGIN, END, model_rows, render_reference, sections

DOC = Path(__file__).resolve().parent.parent / "docs" / "configuration.md"


def test_configuration_reference_is_current() -> None:
    text = DOC.read_text()
    start, end = text.index(BEGIN), text.index(END) + len(END)
    assert text[start:end] == render_reference(), (
        "docs/configuration.md is out of date: run `.venv/bin/python scripts/gen-config-docs.py`"
    )


def test_every_key_has_a_description() -> None:
    missing = [
        f"{name}.{key}"
        for name, model in sections()
        for key, _kind, _default, description in model_rows(model)
        if not description
    ]
    assert not missing, f"keys without a description: {missing}"
