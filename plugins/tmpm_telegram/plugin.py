"""The telegram plugin: registered through the tmpm.plugins entry point `telegram`."""

from __future__ import annotations
