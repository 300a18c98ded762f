"""tmpm webhook plugin."""
