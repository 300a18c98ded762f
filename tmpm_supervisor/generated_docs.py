"""Keeping generated sections of Markdown documents in step with the code they describe."""

from __future__ import annotations

import re
from pathlib import Path


def replace_section(path: Path, begin: str, end: str, content: str) -> bool:
    """Replace the text from `begin` to `end` (markers included, `content` must carry them);
    return True if the file changed."""
    text = path.read_text()
    pattern = re.compile(re.escape(begin) + ".*?" + re.escape(end), re.S)
    new = pattern.sub(lambda _: content, text)
    if new != text:
        path.write_text(new)
        return True
    return False
