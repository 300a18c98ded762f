#!/usr/bin/env bash
# Install the pinned Claude Code CLI into a cache outside the repo (reused between runs).
set -euo pipefail
VERSION=${TMPM_CLAUDE_VERSION:-2.1.331}
CACHE=${TMPM_CLAUDE_CACHE:-$HOME/.cache/tmpm}
target="$CACHE/claude-code-$VERSION"
if [ -x "$target/node_modules/.bin/claude" ] && "$target/node_modules/.bin/claude" --version >/dev/null 2>&1; then
  exit 0
fi
mkdir -p "$target"
npm install --silent --no-fund --no-audit --prefix "$target" "@anthropic-ai/claude-code@$VERSION" >/dev/null
"$target/node_modules/.bin/claude" --version
