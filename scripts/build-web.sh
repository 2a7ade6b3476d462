#!/usr/bin/env bash
# Builds the web front end (web/) into web/dist, which tixd serves (--web-root). Installs the npm
# packages first when node_modules is missing or older than package-lock.json, and skips the
# build when nothing under web/ changed since the last one. Only the npm registry is used:
# Playwright's own browser download is switched off (the tests drive Debian's chromium).
set -euo pipefail
cd "$(dirname "$0")/../web"
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1

if ! command -v node >/dev/null || ! node -e 'process.exit(+process.versions.node.split(".")[0] >= 20 ? 0 : 1)'; then
  echo "build-web: Node.js 20 or newer is needed to build web/ (found: $(node --version 2>/dev/null || echo none))" >&2
  exit 1
fi

if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "build-web: npm ci" >&2
  npm ci --no-audit --no-fund --loglevel=error
fi

stamp=dist/index.html
if [ -f "$stamp" ] && [ -z "$(find src index.html vite.config.ts tsconfig.json package-lock.json scripts \
    -newer "$stamp" -print -quit)" ]; then
  exit 0
fi
npm run --silent build
