"""tmpm optimizer plugin."""
