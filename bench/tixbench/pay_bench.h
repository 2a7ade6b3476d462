// `--scenario pay`: the on-sale with payment (issue 9 §4), against a tixd in provider mode
// (--payments provider) and the tixpay it was pointed at, both already running on loopback.
//   setup      an event with one general-admission zone; a user per order; tixpay told tixd's
//              webhook URL (POST /v1/webhook_endpoints); --users orders held and their payments
//              opened (POST /orders/{id}/pay: tixd makes each intent at tixpay). Not measured.
//   webhooks   the bench plays the provider: a signed payment_intent.succeeded per intent, a
//              share redelivered, POSTed to tixd over --connections keep-alive connections as
//              fast as tixd answers: applied/s, duplicates/s, webhooks/s and their latency.
//   end to end --buyers buyers, --buyer-connections at once, each hold -> pay -> the card at
//              tixpay -> polling until tixpay's webhook made the order paid: hold -> paid p50 /
//              p95 / p99 and orders paid/s. tixpay delivers one webhook at a time, in order
//              (docs/tixpay.md): that bounds this phase, not tixd.
// Then the checks (PayReport). tixd's rate limits should not apply to loopback (its default).
#pragma once

#include <boost/asio/ip/tcp.hpp>
#include <ostream>

#include "bench_config.h"
#include "common/status.h"
#include "pay_report.h"

namespace tix::bench {

// REQUIRES: ResolveDefaults(config) passed for the pay scenario.
Result<PayReport> RunPayBench(const BenchConfig& config, boost::asio::ip::tcp::endpoint tixd,
                              boost::asio::ip::tcp::endpoint tixpay, std::ostream& out);

}  // namespace tix::bench
