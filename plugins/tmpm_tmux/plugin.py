"""The tmux plugin: registered through the tmpm.plugins entry point `tmux`."""

from __future__ import annotations
