#!/usr/bin/env bash
# `make run`: the Taipei Dome demo with real payments. tixpay (the payment-provider simulator,
# docs/tixpay.md) starts beside tixd, which takes payments through it (--payments provider); both
# stop together (Ctrl-C, or either one exiting). With a built web front end (web/dist), tixd
# serves it at http://LISTEN/, and tixpay lets its pages post cards (--allow-origin).
# Usage: run-demo.sh BUILD_DIR LISTEN DATA_DIR
set -euo pipefail
build=$1 listen=$2 data=$3
host=${listen%:*}
tixpay_listen="${host}:${TIXPAY_PORT:-8090}"
repo=$(cd "$(dirname "$0")/.." && pwd)
web_root="$repo/web/dist"
web_args=()
[ -f "$web_root/index.html" ] && web_args=(--web-root "$web_root")

# Fresh secrets each run: tixpay keeps nothing across restarts anyway.
random_hex() { od -An -tx1 -N16 /dev/urandom | tr -d ' \n'; }
api_key="sk_demo_$(random_hex)"
secret="whsec_demo_$(random_hex)"

pids=()
stop_all() {
  trap - EXIT INT TERM
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap stop_all EXIT INT TERM

"$build/src/tixpay/tixpay" --listen "$tixpay_listen" --api-key "$api_key" \
  --webhook-secret "$secret" --webhook-url "http://$listen/api/v1/payments/webhook" \
  --allow-origin "http://$listen" --log-level warn &
pids+=($!)

cat <<CARDS
tixpay (payment provider) on http://$tixpay_listen; test cards:
  4242424242424242  succeeds at once
  4000000000000002  declined
  4000000000000077  succeeds after 5 seconds
  4000000000000341  succeeds only after the order's payment deadline (a late payment)
Pay an order: POST /api/v1/orders/{id}/pay, then POST <provider_url> {"client_secret", "card"}.
CARDS
if [ ${#web_args[@]} -gt 0 ]; then
  echo "web front end: http://$listen/"
else
  echo "no web front end: build web/dist to serve one at http://$listen/"
fi

# The key and the secret go by environment, not by argument: `ps` shows arguments.
TIXD_PAYMENTS=provider TIXD_PAYMENT_PROVIDER_URL="http://$tixpay_listen" \
TIXD_PAYMENT_API_KEY="$api_key" TIXD_PAYMENT_WEBHOOK_SECRET="$secret" \
  "$build/src/app/tixd" serve --listen "$listen" --data "$data" --demo "${web_args[@]}" &
pids+=($!)

# Whichever stops first (Ctrl-C stops both through the trap) takes the other down.
wait -n "${pids[@]}" || true
