"""Regenerate the hookspec reference in docs/plugins.md from tmpm_supervisor/hookspecs.py."""

from pathlib import Path

from tmpm_supervisor.plugin_docs import update_document

if __name__ == "__main__":
    document = Path(__file__).resolve().parent.parent / "docs" / "plugins.md"
    print("updated" if update_document(document) else "up to date", document)
