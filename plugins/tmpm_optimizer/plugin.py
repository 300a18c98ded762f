"""The optimizer plugin: registered through the tmpm.plugins entry point `optimizer`."""

from __future__ import annotations
