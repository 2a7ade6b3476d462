#!/usr/bin/env bash
# The layers point one way: common <- engine <- service <- api/http <- app, with guard (the rate
# limiter, pure like the engine) under http and auth (tests may reach across), push (the WebSocket
# hub and its per-socket queues) under http, tickets (the QR payload's keys and signatures) under
# api, and tixscan (the offline gate scanner) on tickets and payments. Fails when a file includes a
# layer above its own, or when the engine includes anything but the C++ library and common/ (no
# Boost, SQLite, sockets, threads or clocks in the pure core).
set -euo pipefail
cd "$(dirname "$0")/../src"
status=0

complain() { echo "layering: $1" >&2; status=1; }

# Allowed project includes per layer.
declare -A allowed=(
  [common]="common"
  [engine]="common engine"
  [store]="common engine store"
  [service]="common engine service"
  [payments]="common engine payments"
  [tickets]="common engine tickets"
  [tixscan]="common engine payments tickets tixscan"
  [tixpay]="common http payments tixpay"
  [guard]="common guard"
  [auth]="common store auth http guard"
  [push]="common push"
  [http]="common guard push http"
  [api]="common engine service push http payments tickets api"
  [app]="common engine store service auth guard push http payments tickets api app"
)

for layer in "${!allowed[@]}"; do
  [ -d "$layer" ] || continue
  while IFS= read -r line; do
    file=${line%%:*}
    target=$(sed -E 's/.*#include "([^/"]+)\/.*/\1/' <<<"$line")
    [[ " ${allowed[$layer]} " == *" $target "* ]] || complain "$file includes $target/"
  done < <(grep -HE '^#include "[^/"]+/' -r "$layer" --exclude='*_test.cpp' || true)
done

# The engine is pure: only standard headers (and its own), no threads; <chrono> for its time
# types, but nothing that reads a clock. One exception: engine/sha256.cpp wraps libsodium's
# SHA-256 (pure computation) for the waiting room's draw and proofs of work; no other engine file
# includes sodium.
while IFS= read -r line; do
  complain "engine is pure: $line"
done < <(grep -nE '^#include <(boost|sqlite3|sodium|spdlog|thread|mutex|random|fstream|iostream|filesystem|sys/|unistd)' -r engine --include='*.h' --include='*.cpp' | grep -v '_test.cpp\|_bench.cpp' | grep -v '^engine/sha256.cpp:[0-9]*:#include <sodium.h>$' || true)
while IFS= read -r line; do
  complain "engine reads no clock: $line"
done < <(grep -nE 'system_clock|steady_clock|high_resolution_clock|::now\(|time\(nullptr\)|gettimeofday|clock_gettime' -r engine | grep -v '_bench.cpp' || true)

# The rate limiter is handed the time, like the engine: a test drives it with any clock it likes.
while IFS= read -r line; do
  complain "guard reads no clock: $line"
done < <(grep -nE 'system_clock|steady_clock|time\(nullptr\)|gettimeofday|clock_gettime' -r guard | grep -v '_bench.cpp' || true)

exit $status
