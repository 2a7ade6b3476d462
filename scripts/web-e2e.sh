#!/usr/bin/env bash
# The web front end's browser tests (web/e2e, Playwright driving Debian's chromium headless)
# against real tixd and tixpay binaries: TIXD=... TIXPAY=... scripts/web-e2e.sh [playwright args]
# Builds web/dist first when it is out of date. ctest runs it as the `web_e2e` test.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
export CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"
if [ ! -x "$CHROMIUM" ]; then
  echo "web-e2e: $CHROMIUM is missing (Debian package chromium; scripts/install-deps.sh installs it)" >&2
  exit 1
fi
"$root/scripts/build-web.sh"
cd "$root/web"
exec node node_modules/@playwright/test/cli.js test "$@"
