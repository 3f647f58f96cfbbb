#!/usr/bin/env bash
# Idempotent workspace set-up for a bare machine: build tools for better-sqlite3, pnpm, and the
# workspace's dependencies; as root also the system parts (scripts/provision.sh: Docker, the test
# image, host PostgreSQL, btrfs/xfs tools). Fast when everything is already there. Used by
# `npm start`, `npm test` and .ci/run. SQLRS_SKIP_PROVISION=1 skips the system part.
set -euo pipefail
cd "$(dirname "$0")/.."

log() { printf 'bootstrap: %s\n' "$*" >&2; }
as_root() { [ "$(id -u)" = 0 ]; }

node_major=$(node -p 'process.versions.node.split(".")[0]')
node_minor=$(node -p 'process.versions.node.split(".")[1]')
if [ "$node_major" -lt 20 ] || { [ "$node_major" = 20 ] && [ "$node_minor" -lt 19 ]; }; then
  log "Node >= 20.19 is required, found $(node --version)"; exit 1
fi

missing=()
command -v g++ >/dev/null || missing+=(g++)
command -v make >/dev/null || missing+=(make)
command -v python3 >/dev/null || missing+=(python3)
if [ ${#missing[@]} -gt 0 ]; then
  if as_root; then
    log "installing ${missing[*]} (needed to compile better-sqlite3)"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    log "missing ${missing[*]}: install them (e.g. sudo apt-get install ${missing[*]}) and retry"; exit 1
  fi
fi

pnpm_version=$(node -p 'require("./package.json").packageManager.split("@")[1]')
if [ "$(pnpm --version 2>/dev/null || true)" != "$pnpm_version" ]; then
  log "installing pnpm $pnpm_version"
  if as_root; then
    npm install -g --silent "pnpm@$pnpm_version" >/dev/null
  else
    npm install -g --silent --prefix "$HOME/.local" "pnpm@$pnpm_version" >/dev/null
    export PATH="$HOME/.local/bin:$PATH"
    log "pnpm installed under ~/.local/bin; add it to your PATH"
  fi
fi

if as_root && [ "${SQLRS_SKIP_PROVISION:-}" != 1 ]; then
  bash scripts/provision.sh >&2
elif ! as_root; then
  log "not root: skipping system provisioning; run 'sudo bash scripts/provision.sh' once for Docker and PostgreSQL"
fi

if [ "${CI:-}" = true ]; then
  pnpm install --frozen-lockfile --reporter=append-only
else
  pnpm install --prefer-offline --reporter=silent
fi
