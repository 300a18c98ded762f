"""tmpm overseer plugin."""
