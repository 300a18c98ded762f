"""Regenerate the key reference in docs/configuration.md from the config models."""

from pathlib import Path

from tmpm_supervisor.config_docs import update_document

if __name__ == "__main__":
    document = Path(__file__).resolve().parent.parent / "docs" / "configuration.md"
    print("updated" if update_document(document) else "up to date", document)
