"""tmpm tmux plugin."""
