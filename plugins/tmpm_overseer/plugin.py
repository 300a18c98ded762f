"""The overseer plugin: registered through the tmpm.plugins entry point `overseer`."""

from __future__ import annotations
