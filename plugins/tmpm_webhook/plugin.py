"""The webhook plugin: registered through the tmpm.plugins entry point `webhook`."""

from __future__ import annotations
