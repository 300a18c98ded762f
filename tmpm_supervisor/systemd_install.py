"""`tmpm service install|uninstall`: the systemd unit installer (to be implemented)."""

from __future__ import annotations

import argparse
import sys


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the `service` sub-commands."""


def run(args: argparse.Namespace) -> int:
    """Run `tmpm service ...`."""
    print("tmpm service: not implemented yet", file=sys.stderr)
    return 1
