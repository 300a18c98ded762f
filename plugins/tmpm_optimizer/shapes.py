"""Reading the text out of a tool's output and putting compressed text back in its own shape.

Claude Code silently drops a replacement of the wrong shape, so each tool keeps its shape:
Bash the original object with `stdout`/`stderr` replaced (and `persistedOutputPath` /
`persistedOutputSize` removed, or the model would see a "saved to file" preview), Read the
text-file object, Grep (content and count modes) and WebFetch the object with its text field
replaced, Grep's file list and Glob the object with a shorter `filenames` list and the fields
that tell the model the list was cut, MCP tools a string or content blocks. The object shapes
are the ones the CLI ships in `sdk-tools.d.ts` (GrepOutput, GlobOutput, WebFetchOutput).
Other tools are left unchanged.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

PERSISTED_KEYS = ("persistedOutputPath", "persistedOutputSize")

Compressor = Callable[[str], str]
NamesFitter = Callable[[list[str]], list[str]]
Rewrite = tuple[dict[str, Any], str, str]


def bash_texts(response: dict[str, Any], persisted_text: str | None) -> dict[str, str]:
    """The texts of a Bash output by field (`stdout` comes from disk when persisted)."""
    texts = {}
    stdout = persisted_text if persisted_text is not None else response.get("stdout")
    if isinstance(stdout, str):
        texts["stdout"] = stdout
    if isinstance(response.get("stderr"), str):
        texts["stderr"] = response["stderr"]
    return texts


def rewrite_bash(
    response: dict[str, Any], persisted_text: str | None, compress: Compressor
) -> Rewrite | None:
    """(new output, text before, text after) for Bash, or None when nothing changed."""
    texts = bash_texts(response, persisted_text)
    new = {k: v for k, v in response.items() if k not in PERSISTED_KEYS}
    changed = persisted_text is not None
    for key, text in texts.items():
        smaller = compress(text)
        if smaller != text:
            new[key] = smaller
            changed = True
        else:
            new[key] = text
    if not changed:
        return None
    before = "\n".join(texts.values())
    after = "\n".join(new[k] for k in texts)
    return new, before, after


def rewrite_read(response: dict[str, Any], compress: Compressor) -> Rewrite | None:
    """Read of a text file: `{"type": "text", "file": {..., "content", "numLines"}}`."""
    file = response.get("file")
    if response.get("type") != "text" or not isinstance(file, dict):
        return None
    content = file.get("content")
    if not isinstance(content, str):
        return None
    smaller = compress(content)
    if smaller == content:
        return None
    new = copy.deepcopy(response)
    new["file"]["content"] = smaller
    new["file"]["numLines"] = smaller.count("\n") + 1
    return new, content, smaller


def rewrite_text_field(
    response: dict[str, Any], field: str, compress: Compressor, line_count: str | None = None
) -> Rewrite | None:
    """An object whose text is one string `field` (Grep `content`, WebFetch `result`); the
    `line_count` field (Grep's `numLines`), when present, is set to the new count."""
    text = response.get(field)
    if not isinstance(text, str):
        return None
    smaller = compress(text)
    if smaller == text:
        return None
    new = {**response, field: smaller}
    if line_count and isinstance(response.get(line_count), int):
        new[line_count] = smaller.count("\n") + 1
    return new, text, smaller


def rewrite_grep(
    response: dict[str, Any], compress: Compressor, fit: NamesFitter
) -> Rewrite | None:
    """Grep: `content` in content and count modes; in files_with_matches mode a shorter
    `filenames` list with `appliedLimit` set (the model reads "Found N files limit: M")."""
    if isinstance(response.get("content"), str):
        return rewrite_text_field(response, "content", compress, "numLines")
    names = _fitted_names(response, fit)
    if names is None:
        return None
    full, kept = names
    new = {**response, "filenames": kept, "appliedLimit": len(kept)}
    return new, "\n".join(full), "\n".join(kept)


def rewrite_glob(response: dict[str, Any], fit: NamesFitter) -> Rewrite | None:
    """Glob: a shorter `filenames` list, `truncated` set and `numFiles` counting what is
    listed (the model reads "Showing M of N matching files")."""
    names = _fitted_names(response, fit)
    if names is None:
        return None
    full, kept = names
    new = {
        **response,
        "filenames": kept,
        "numFiles": len(kept),
        "totalMatches": max(response.get("totalMatches") or 0, len(full)),
        "truncated": True,
    }
    return new, "\n".join(full), "\n".join(kept)


def _fitted_names(response: dict[str, Any], fit: NamesFitter) -> tuple[list[str], list[str]] | None:
    """(all filenames, the ones kept) when `fit` shortened the list, else None."""
    names = response.get("filenames")
    if not isinstance(names, list) or not all(isinstance(name, str) for name in names):
        return None
    kept = fit(names)
    return (names, kept) if len(kept) < len(names) else None


def rewrite_mcp(response: Any, compress: Compressor) -> tuple[Any, str, str] | None:
    """MCP results: a string, a list of content blocks, or an object with `content` blocks."""
    if isinstance(response, str):
        smaller = compress(response)
        return (smaller, response, smaller) if smaller != response else None
    blocks = response if isinstance(response, list) else None
    if isinstance(response, dict) and isinstance(response.get("content"), list):
        blocks = response["content"]
    if blocks is None:
        return None
    new_blocks, before, after, changed = [], [], [], False
    for block in blocks:
        if (
            isinstance(block, dict)
            and block.get("type") == "text"
            and isinstance(block.get("text"), str)
        ):
            smaller = compress(block["text"])
            before.append(block["text"])
            after.append(smaller)
            changed |= smaller != block["text"]
            new_blocks.append({**block, "text": smaller})
        else:
            new_blocks.append(block)
    if not changed:
        return None
    new = new_blocks if isinstance(response, list) else {**response, "content": new_blocks}
    return new, "\n".join(before), "\n".join(after)
