#!/usr/bin/env bash
# The on-sale benchmark (`make bench`): tixd under tixbench on loopback, then the Redis-Lua /
# PostgreSQL alternatives if their driver is there, then one summary table.
#   ./bench/run.sh [build dir]        (default build/release; builds nothing)
#   BENCH_QUICK=1 ./bench/run.sh ...  every run tiny: a smoke test of the whole pipeline
#   BENCH_TIXD_ONLY=1 ./bench/run.sh ...  tixd's runs only (no alternatives, no engine): for a
#                                         before/after comparison of two builds in one sitting
# Results: build/bench-results/<timestamp>/ (one JSON + text per run, tixd.log, summary.md).
# Every on-sale run gets a fresh tixd so its verification sees only its own orders.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${1:-build/release}
case "$BUILD" in /*) ;; *) BUILD="$ROOT/$BUILD" ;; esac
TIXD="$BUILD/src/app/tixd"
TIXBENCH="$BUILD/bench/tixbench/tixbench"
TIXPAY="$BUILD/src/tixpay/tixpay"
TIXSCAN="$BUILD/src/tixscan/tixscan"
for binary in "$TIXD" "$TIXBENCH" "$TIXPAY"; do
    [ -x "$binary" ] || { echo "run.sh: $binary not built (make build)" >&2; exit 2; }
done

if [ "${BENCH_QUICK:-0}" = 1 ]; then
    CEILING_SECONDS=2
    DOME_CONNECTIONS=50 DOME_USERS=2000
    CHURN_CONNECTIONS=20 CHURN_SECONDS=2 CHURN_USERS=2000 CHURN_OPEN_CONNECTIONS=100
    HOT_ROW_CONNECTIONS=50 HOT_ROW_USERS=500
    QUEUE_LOAD_USERS=5000 QUEUE_LOAD_SECONDS=1
    QUEUE_ARGS=(--users 2000 --pre-queue-seconds 5 --join-seconds 10 --duration 40)
    PAY_ARGS=(--users 2000 --buyers 200 --buyer-connections 50)
    CHECKIN_ARGS=(--users 500 --tickets-per-user 4 --rescans 500)
    TIXSCAN_SCANS=(50 10)
    BIDDING_RUNS=("200 3")
else
    CEILING_SECONDS=10
    DOME_CONNECTIONS=1000 DOME_USERS=200000
    CHURN_CONNECTIONS=100 CHURN_SECONDS=20 CHURN_USERS=200000 CHURN_OPEN_CONNECTIONS=1000
    HOT_ROW_CONNECTIONS=1000 HOT_ROW_USERS=20000
    QUEUE_LOAD_USERS=100000 QUEUE_LOAD_SECONDS=5
    QUEUE_ARGS=(--users 20000)
    PAY_ARGS=(--users 100000 --buyers 5000 --buyer-connections 500)
    CHECKIN_ARGS=(--users 5000 --tickets-per-user 4 --rescans 5000)
    TIXSCAN_SCANS=(1000 100)
    BIDDING_RUNS=("1000 20" "10000 20")  # bidders, seconds of bidding
fi
export DOME_CONNECTIONS DOME_USERS CHURN_CONNECTIONS CHURN_SECONDS HOT_ROW_CONNECTIONS HOT_ROW_USERS

RESULTS="$ROOT/build/bench-results/$(date +%Y%m%d-%H%M%S)"
mkdir -p "$RESULTS"
WORK=$(mktemp -d)
TIXD_PID=""
PORT=""
TIXPAY_PID=""
TIXPAY_PORT=""
# The payments scenario's key and webhook secret, for this run only (loopback).
PAY_KEY="sk_bench_$(date +%s)_$$"
PAY_SECRET="whsec_bench_$(date +%s)_$$"
FAILED=0

stop_tixd() {
    if [ -n "$TIXD_PID" ]; then
        kill -TERM "$TIXD_PID" 2>/dev/null || true
        wait "$TIXD_PID" 2>/dev/null || true
        TIXD_PID=""
    fi
}
stop_tixpay() {
    if [ -n "$TIXPAY_PID" ]; then
        kill -TERM "$TIXPAY_PID" 2>/dev/null || true
        wait "$TIXPAY_PID" 2>/dev/null || true
        TIXPAY_PID=""
    fi
}
trap 'stop_tixd; stop_tixpay; rm -rf "$WORK"' EXIT
trap 'exit 130' INT TERM

# A fresh tixd with a new data directory on a port the kernel picks; arguments go to tixd.
start_tixd() {
    stop_tixd
    rm -rf "$WORK/data" "$WORK/port"
    "$TIXD" serve --listen 127.0.0.1:0 --port-file "$WORK/port" --data "$WORK/data" --demo \
        --log-level warn "$@" >>"$RESULTS/tixd.log" 2>&1 &
    TIXD_PID=$!
    for _ in $(seq 300); do
        [ -s "$WORK/port" ] && break
        kill -0 "$TIXD_PID" 2>/dev/null || { echo "run.sh: tixd died, see tixd.log" >&2; exit 2; }
        sleep 0.1
    done
    PORT=$(cat "$WORK/port")
    [ -n "$PORT" ] || { echo "run.sh: tixd did not start" >&2; exit 2; }
}

# A fresh tixpay (the payment-provider simulator) on a port the kernel picks; tixd is told its
# URL, and tixbench tells it tixd's webhook URL (POST /v1/webhook_endpoints).
start_tixpay() {
    stop_tixpay
    rm -f "$WORK/tixpay-port"
    "$TIXPAY" --listen 127.0.0.1:0 --port-file "$WORK/tixpay-port" --api-key "$PAY_KEY" \
        --webhook-secret "$PAY_SECRET" --log-level warn >>"$RESULTS/tixpay.log" 2>&1 &
    TIXPAY_PID=$!
    for _ in $(seq 300); do
        [ -s "$WORK/tixpay-port" ] && break
        kill -0 "$TIXPAY_PID" 2>/dev/null || { echo "run.sh: tixpay died, see tixpay.log" >&2; exit 2; }
        sleep 0.1
    done
    TIXPAY_PORT=$(cat "$WORK/tixpay-port")
    [ -n "$TIXPAY_PORT" ] || { echo "run.sh: tixpay did not start" >&2; exit 2; }
}

# bench NAME ARGS...: one tixbench run into NAME.json / NAME.txt; a failed one fails run.sh at
# the end but does not stop the later runs.
bench() {
    local name=$1
    shift
    echo "== $name"
    if ! "$TIXBENCH" --target "127.0.0.1:$PORT" --json "$RESULTS/$name.json" "$@" \
        2>&1 | tee "$RESULTS/$name.txt"; then
        echo "run.sh: $name FAILED" >&2
        FAILED=1
    fi
}

# A JSON number of a run file, e.g. json_number churn-closed.json seconds (compact JSON).
json_number() {
    grep -o "\"$2\":[-0-9.eE+]*" "$RESULTS/$1" | head -n1 | cut -d: -f2
}

start_tixd
bench ceiling-1000 --scenario ceiling --connections 1000 --duration "$CEILING_SECONDS"
bench ceiling-100 --scenario ceiling --connections 100 --duration "$CEILING_SECONDS"

start_tixd
bench dome --scenario dome --connections "$DOME_CONNECTIONS" --users "$DOME_USERS"

start_tixd
bench churn-closed --scenario churn --connections "$CHURN_CONNECTIONS" \
    --duration "$CHURN_SECONDS" --users "$CHURN_USERS"

# Open loop at half the turn rate (hold attempts/s) the closed loop just sustained, so it
# measures latency below saturation rather than the queue of an overloaded server.
holds_tried=$(grep -o '"hold_latency":{"count":[0-9]*' "$RESULTS/churn-closed.json" | grep -o '[0-9]*$' || echo 0)
seconds=$(json_number churn-closed.json seconds || echo 0)
RATE=$(awk -v n="${holds_tried:-0}" -v s="${seconds:-0}" 'BEGIN { r = s > 0 ? n / s / 2 : 0; printf "%.0f", r < 1 ? 1 : r }')
echo "churn open loop at $RATE turns/s"
start_tixd
bench churn-open --scenario churn --mode open --rate "$RATE" \
    --connections "$CHURN_OPEN_CONNECTIONS" --duration "$CHURN_SECONDS" --users "$CHURN_USERS"

start_tixd
bench hot-row --scenario hot-row --connections "$HOT_ROW_CONNECTIONS" --users "$HOT_ROW_USERS"

# The waiting room (issue 8 §4): joins/s and polls/s at the ceiling's connection counts, with
# tixd's memory per waiting user; then the on-sale through the room, bots and all, with the
# limits per address on for the simulated 127.x.y.z clients.
for connections in 1000 100; do
    start_tixd
    bench "queue-load-$connections" --scenario queue-load --connections "$connections" \
        --users "$QUEUE_LOAD_USERS" --duration "$QUEUE_LOAD_SECONDS" --tixd-pid "$TIXD_PID"
done
start_tixd --rate-limit-loopback
bench queue --scenario queue "${QUEUE_ARGS[@]}"

# Payments (issue 9 §4): webhooks/s with tixbench as the provider, then hold -> paid end to end
# with tixpay in the loop. Loopback is not rate limited (tixd's default), reconciliation off.
start_tixpay
start_tixd --payments provider --payment-provider-url "http://127.0.0.1:$TIXPAY_PORT" \
    --payment-api-key "$PAY_KEY" --payment-webhook-secret "$PAY_SECRET" \
    --payment-reconcile-seconds 0
bench pay --scenario pay --connections 100 "${PAY_ARGS[@]}" --tixpay "127.0.0.1:$TIXPAY_PORT" \
    --tixpay-api-key "$PAY_KEY" --webhook-secret "$PAY_SECRET"
stop_tixd
stop_tixpay

# Check-in (issue 10): every ticket of an event scanned once at the gates (each 200 durable),
# then re-scans refused 409 already_checked_in; on a fresh tixd with instant payments, the checkin
# class's 30,000/min per account off (it measures tixd, not the limiter). Some tickets are left
# for an offline gate: the event's bundle (with the check-ins of the others) fetched with the
# admin's token, then tixscan verify end to end, one process a scan (bench/tixscan_verify.sh).
start_tixd --rate-limit-checkin-per-account off
bench checkin --scenario checkin --connections 100 --gates 4 "${CHECKIN_ARGS[@]}" \
    --offline-tickets "${TIXSCAN_SCANS[0]}" --payloads-out "$WORK/checkin-payloads.txt"
if [ -x "$TIXSCAN" ] && [ -s "$WORK/checkin-payloads.txt" ]; then
    echo "== tixscan"
    token=$(curl -s -X POST "http://127.0.0.1:$PORT/api/v1/auth/login" \
        -H 'Content-Type: application/json' \
        -d '{"email":"admin@tix.local","password":"tix-admin-2026"}' |
        grep -o '"access_token":"[^"]*"' | cut -d'"' -f4 || true)
    event=$(json_number checkin.json event_id || echo 0)
    if "$TIXSCAN" fetch --server "http://127.0.0.1:$PORT" --token "$token" --event "$event" \
        --bundle "$WORK/checkin-bundle.json" >/dev/null &&
        "$ROOT/bench/tixscan_verify.sh" "$TIXSCAN" "$WORK/checkin-bundle.json" \
            "$WORK/checkin-payloads.txt" "${TIXSCAN_SCANS[@]}" 2>&1 | tee "$RESULTS/tixscan.txt"; then
        :
    else
        echo "run.sh: tixscan FAILED" >&2
        FAILED=1
    fi
fi
stop_tixd

# Bidding (issue 11 §5): bidders with a WebSocket each re-bid over 100 connections; tixd's memory
# per socket from its pid; the same bids replayed into a Redis sorted set (a throw-away
# redis-server, without persistence and with appendfsync always) when redis-server is installed.
for run in "${BIDDING_RUNS[@]}"; do
    read -r bidders seconds <<<"$run"
    # A bidder re-bids in closed loop, far above the 120/min a person is allowed.
    start_tixd --rate-limit-bids-per-account off
    bench "bidding-$bidders" --scenario bidding --bidders "$bidders" --connections 100 \
        --duration "$seconds" --tixd-pid "$TIXD_PID"
done
stop_tixd

TIXD_ONLY=${BENCH_TIXD_ONLY:-0}
if [ "$TIXD_ONLY" != 1 ] && [ -x "$ROOT/bench/alternatives/run.sh" ]; then
    echo "== alternatives"
    "$ROOT/bench/alternatives/run.sh" "$BUILD" "$RESULTS" || { echo "run.sh: alternatives FAILED" >&2; FAILED=1; }
fi

# Google Benchmark binaries, run as they are: the report to <name>.txt and <name>.bench.json.
MIN_TIME=$([ "${BENCH_QUICK:-0}" = 1 ] && echo 0.05 || echo 1)
micro_bench() {  # name binary
    "$2" --benchmark_min_time="$MIN_TIME" --benchmark_out="$RESULTS/$1.bench.json" \
        --benchmark_out_format=json 2>&1 | tee "$RESULTS/$1.txt" || FAILED=1
}

# The pure engine on one core: once as is, and the growth-heavy GA holds again with glibc keeping
# freed memory, since on this VM a fresh page costs more than a hold.
ENGINE_BENCH="$BUILD/src/engine/engine_bench"
if [ "$TIXD_ONLY" != 1 ] && [ -x "$ENGINE_BENCH" ]; then
    echo "== engine"
    micro_bench engine "$ENGINE_BENCH"
    MALLOC_MMAP_THRESHOLD_=4294967296 MALLOC_TRIM_THRESHOLD_=4294967296 MALLOC_TOP_PAD_=268435456 \
        "$ENGINE_BENCH" --benchmark_filter=GeneralAdmission --benchmark_min_time="$MIN_TIME" \
        2>&1 | tee "$RESULTS/engine-warm-malloc.txt" || FAILED=1
fi

# The rate limiter every request passes through: ns per check, one thread and IO threads contending.
GUARD_BENCH="$BUILD/src/guard/rate_limiter_bench"
if [ "$TIXD_ONLY" != 1 ] && [ -x "$GUARD_BENCH" ]; then
    echo "== rate limiter"
    micro_bench guard "$GUARD_BENCH"
fi

# A ticket's QR payload: an offline gate's verify per scan (Ed25519, and the rotating code) and
# tixd's signing per issued ticket.
TICKETS_BENCH="$BUILD/src/tickets/ticket_payload_bench"
if [ "$TIXD_ONLY" != 1 ] && [ -x "$TICKETS_BENCH" ]; then
    echo "== ticket payloads"
    micro_bench tickets "$TICKETS_BENCH"
fi

echo "== summary ($RESULTS)"
"$TIXBENCH" summarize "$RESULTS" | tee "$RESULTS/summary.md"
exit "$FAILED"
