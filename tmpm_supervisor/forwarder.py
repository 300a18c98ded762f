"""`tmpm hook`: forward one hook payload from stdin to the supervisor (placeholder).

Implemented fully by the Claude Code integration work; kept stdlib-only so it starts fast.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence


def main(argv: Sequence[str]) -> int:
    """Forward stdin to the supervisor; return Claude Code's expected exit code."""
    print("tmpm hook: not implemented yet", file=sys.stderr)
    return 1
