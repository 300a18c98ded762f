"""tmpm telegram plugin."""
