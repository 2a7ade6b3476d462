#!/usr/bin/env bash
# tixscan verify end to end, as an offline gate runs it: one process per scan (start, read the
# bundle and the whole scan log, decode, Ed25519, append the log line and fsync, answer), timed
# from the fork to the exit with bash's clock, one scan after another on a fresh log.
#   bench/tixscan_verify.sh TIXSCAN BUNDLE PAYLOADS [COUNT] [REPEATS]
# PAYLOADS: one QR payload a line (tixbench --scenario checkin --payloads-out FILE); BUNDLE: the
# event's (tixscan fetch). The first COUNT payloads (default 1,000) are verified once each (every
# one due `admitted`), then the first REPEATS of them (default 100) again (each due `duplicate`).
# Prints ms per scan (mean, p50, p95, p99, max) of each pass, and the mean of the first and the
# last 100 admissions: the log is read whole at every scan, so a scan costs more as it grows.
# Exit 1 if any answer was not the one due. With TIMES_OUT=FILE, the admissions' µs, one a line.
set -euo pipefail

TIXSCAN=$1 BUNDLE=$2 PAYLOADS=$3 COUNT=${4:-1000} REPEATS=${5:-100}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
LOG="$WORK/scans.jsonl"
mapfile -t -n "$COUNT" payloads <"$PAYLOADS"
[ "${#payloads[@]}" -ge "$COUNT" ] || { echo "tixscan_verify: fewer than $COUNT payloads" >&2; exit 2; }
[ "$REPEATS" -le "$COUNT" ] || { echo "tixscan_verify: REPEATS > COUNT" >&2; exit 2; }

# pass NAME N EXPECTED_EXIT: verifies payloads [0, N), one µs figure a line into $WORK/NAME.
WRONG=0
pass() {
    local name=$1 n=$2 expected=$3 start end status
    : >"$WORK/$name"
    for ((i = 0; i < n; i++)); do
        start=$EPOCHREALTIME
        status=0
        "$TIXSCAN" verify --bundle "$BUNDLE" --log "$LOG" --gate gate-offline \
            "${payloads[i]}" >/dev/null || status=$?
        end=$EPOCHREALTIME
        [ "$status" = "$expected" ] || WRONG=$((WRONG + 1))
        echo $(((${end/[.,]/} - ${start/[.,]/}))) >>"$WORK/$name"
    done
}

# summary NAME LABEL: one line of ms figures.
summary() {
    sort -n "$WORK/$1" | awk -v label="$2" '
        { v[NR] = $1; sum += $1 }
        END {
            printf "%s: %d scans, ms per scan: mean %.2f  p50 %.2f  p95 %.2f  p99 %.2f  max %.2f\n",
                label, NR, sum / NR / 1000, v[int(NR * 0.50 + 0.5)] / 1000,
                v[int(NR * 0.95 + 0.5)] / 1000, v[int(NR * 0.99 + 0.5)] / 1000, v[NR] / 1000
        }'
}

echo "tixscan verify, one process a scan, fresh log, a bundle of $(stat -c %s "$BUNDLE") bytes; $(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg)"
pass admissions "$COUNT" 0
summary admissions "admitted (exit 0)"
[ -z "${TIMES_OUT:-}" ] || cp "$WORK/admissions" "$TIMES_OUT"
head -n 100 "$WORK/admissions" | awk '{ s += $1 } END { printf "  first 100: mean %.2f ms", s / NR / 1000 }'
tail -n 100 "$WORK/admissions" | awk -v n="$COUNT" '{ s += $1 } END { printf "; last 100 (log of %d lines): mean %.2f ms\n", n, s / NR / 1000 }'
if [ "$REPEATS" -gt 0 ]; then
    pass duplicates "$REPEATS" 2
    summary duplicates "duplicate (exit 2)"
fi
if [ "$WRONG" -gt 0 ]; then
    echo "FAIL $WRONG answers were not the one due" >&2
    exit 1
fi
echo "PASS every first scan admitted, every second one a duplicate"
