#!/usr/bin/env bash
# Installs the Debian packages tix builds and tests with. Idempotent: does nothing when all are present.
set -euo pipefail

packages=(
  build-essential cmake pkg-config
  libboost1.81-dev libboost-json1.81-dev libboost-url1.81-dev  # HTTP (Beast/Asio), JSON, URL parsing
  libsqlite3-dev                                              # embedded store
  libsodium-dev                                               # Argon2id passwords, HMAC-SHA256 tokens, Ed25519 tickets
  libqrencode-dev                                             # tickets: QR codes as SVG
  libspdlog-dev libfmt-dev                                    # structured logs
  libjemalloc-dev                                             # allocator (see CMakeLists.txt)
  libcli11-dev                                                # command line
  libgtest-dev libgmock-dev                                   # tests
  libbenchmark-dev                                            # engine micro-benchmarks
  curl                                                        # README walkthrough
  libhiredis-dev redis-server                                 # bench: the Redis-Lua alternative
  libpq-dev postgresql-15                                     # bench: the PostgreSQL alternative
  linux-perf                                                  # bench: profiling (perf record/stat)
  clang-format                                                # format check in CI
  chromium                                                    # web UI: Playwright drives Debian's chromium headless
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# The web UI's build (Vite) needs Node.js 20+ and npm. Machines of this kind carry them (a
# nodesource nodejs, which includes npm); Debian's own nodejs/npm are only the fallback where node
# is missing (Debian 12's is 18: scripts/build-web.sh then says what is needed). Installing
# Debian's npm beside a nodesource nodejs would conflict, so commands are checked, not packages.
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  missing+=(nodejs npm)
fi
[ ${#missing[@]} -eq 0 ] && exit 0

echo "install-deps: installing ${missing[*]}" >&2
sudo_cmd=()
[ "$(id -u)" -ne 0 ] && sudo_cmd=(sudo)
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -q
"${sudo_cmd[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
