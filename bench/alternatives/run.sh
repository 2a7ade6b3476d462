#!/usr/bin/env bash
# Runs the alternatives tixd is compared with — Redis 7 + Lua (fsync always, and no persistence)
# and PostgreSQL 15 (conditional UPDATE, SELECT ... FOR UPDATE) — through the dome, churn and
# hot-row on-sales, each on a throw-away server on 127.0.0.1 that this script starts and stops.
#
#   bench/alternatives/run.sh <build dir> <results dir>
#
# Writes <results dir>/<label>-<scenario>[-<connections>].json (RunStats JSON, as tixbench) and a
# .log beside each. Sizes from the environment (defaults): DOME_CONNECTIONS=1000 DOME_USERS=200000
# CHURN_CONNECTIONS=100 ALT_CHURN_SECONDS=10 HOT_ROW_CONNECTIONS=1000 HOT_ROW_USERS=20000
# ALT_TIME_LIMIT=10 (dome and hot-row stop there even with users left, marked "complete": false —
# PostgreSQL at 1000 connections on 2 cores would otherwise take many minutes). Churn runs 10 s,
# not tixbench's 20 s, to keep the whole script near 5 minutes. BENCH_QUICK=1: a tiny smoke run.
# Exit status: 0 when every run ran and passed verification.
set -euo pipefail

if [ $# -ne 2 ]; then
    echo "usage: $0 <build dir> <results dir>" >&2
    exit 2
fi
build=$(readlink -f "$1")
mkdir -p "$2"
results=$(readlink -f "$2")
here=$(dirname "$(readlink -f "$0")")
servers=$here/local_servers.sh
altbench=$build/bench/alternatives/altbench
[ -x "$altbench" ] || { echo "run.sh: no $altbench; build the altbench target" >&2; exit 2; }

if [ "${BENCH_QUICK:-0}" = 1 ]; then
    DOME_CONNECTIONS=20 DOME_USERS=2000 CHURN_CONNECTIONS=10 ALT_CHURN_SECONDS=2
    HOT_ROW_CONNECTIONS=20 HOT_ROW_USERS=500 ALT_TIME_LIMIT=10
    REDIS_CHURN_REFERENCE_CONNECTIONS=5 PG_CHURN_REFERENCE_CONNECTIONS=4
fi
DOME_CONNECTIONS=${DOME_CONNECTIONS:-1000}
DOME_USERS=${DOME_USERS:-200000}
CHURN_CONNECTIONS=${CHURN_CONNECTIONS:-100}
ALT_CHURN_SECONDS=${ALT_CHURN_SECONDS:-10}
HOT_ROW_CONNECTIONS=${HOT_ROW_CONNECTIONS:-1000}
HOT_ROW_USERS=${HOT_ROW_USERS:-20000}
ALT_TIME_LIMIT=${ALT_TIME_LIMIT:-10}
# The issue's reference points: Redis-Lua churn at 50, PostgreSQL conditional update at 16.
REDIS_CHURN_REFERENCE_CONNECTIONS=${REDIS_CHURN_REFERENCE_CONNECTIONS:-50}
PG_CHURN_REFERENCE_CONNECTIONS=${PG_CHURN_REFERENCE_CONNECTIONS:-16}
# PostgreSQL needs a backend per connection, plus a few for setup and superuser slots.
largest=$((DOME_CONNECTIONS > HOT_ROW_CONNECTIONS ? DOME_CONNECTIONS : HOT_ROW_CONNECTIONS))
largest=$((largest > CHURN_CONNECTIONS ? largest : CHURN_CONNECTIONS))
export PG_MAX_CONNECTIONS=$((largest + 100))

work=$(mktemp -d "${TMPDIR:-/tmp}/tix-alt.XXXXXX")
chmod 711 "$work"  # PostgreSQL runs as its own user when we are root
cleanup() {
    local dir
    for dir in "$work"/*/; do
        [ -d "$dir" ] && "$servers" stop "$dir"
    done
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

started=$(date +%s)
failures=0

# run <label> <system> <scenario> <connections> <file suffix> <altbench args...>
run() {
    local label=$1 system=$2 scenario=$3 connections=$4 suffix=$5
    shift 5
    local name=$label-$scenario$suffix status=0
    echo "== $name ($connections connections)"
    "$altbench" --system "$system" --label "$label" --scenario "$scenario" \
        --connections "$connections" --json "$results/$name.json" "$@" \
        >"$results/$name.log" 2>&1 || status=$?
    grep -E "requests/s|hold latency|sold out after|INCOMPLETE|^PASS:|^FAIL|altbench:" \
        "$results/$name.log" || true
    if [ "$status" -ne 0 ]; then
        echo "   $name exited with $status (see $results/$name.log)"
        failures=$((failures + 1))
    fi
}

# scenarios <label> <system> <connection args...>: dome, churn and hot-row for one system.
scenarios() {
    local label=$1 system=$2
    shift 2
    run "$label" "$system" dome "$DOME_CONNECTIONS" "" --users "$DOME_USERS" \
        --time-limit "$ALT_TIME_LIMIT" "$@"
    run "$label" "$system" churn "$CHURN_CONNECTIONS" "" --duration "$ALT_CHURN_SECONDS" "$@"
    run "$label" "$system" hot-row "$HOT_ROW_CONNECTIONS" "" --users "$HOT_ROW_USERS" \
        --time-limit "$ALT_TIME_LIMIT" "$@"
}

for mode in always none; do
    label=redis-lua-fsync
    [ "$mode" = none ] && label=redis-lua-nopersist
    mkdir "$work/$label"
    port=$("$servers" redis "$work/$label" "$mode" $$)
    scenarios "$label" redis-lua --redis-port "$port"
    run "$label" redis-lua churn "$REDIS_CHURN_REFERENCE_CONNECTIONS" \
        "-$REDIS_CHURN_REFERENCE_CONNECTIONS" --duration "$ALT_CHURN_SECONDS" --redis-port "$port"
    "$servers" stop "$work/$label"
done

mkdir "$work/postgres"
port=$("$servers" postgres "$work/postgres" $$)
conninfo="host=127.0.0.1 port=$port user=postgres dbname=postgres"
scenarios postgres-update postgres-update --pg-conninfo "$conninfo"
run postgres-update postgres-update churn "$PG_CHURN_REFERENCE_CONNECTIONS" \
    "-$PG_CHURN_REFERENCE_CONNECTIONS" --duration "$ALT_CHURN_SECONDS" --pg-conninfo "$conninfo"
scenarios postgres-for-update postgres-for-update --pg-conninfo "$conninfo"
"$servers" stop "$work/postgres"

echo "alternatives: $(($(date +%s) - started)) s, $failures failed runs; results in $results"
[ "$failures" -eq 0 ]
