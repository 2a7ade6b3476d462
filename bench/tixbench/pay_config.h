// PayConfig: the shape of `--scenario pay` (issue 9 §4: the on-sale with payment), besides the
// common options: where tixpay listens and the key and webhook secret that tixd and tixpay were
// started with (the bench signs its own webhooks with that secret), the share of webhooks
// redelivered, and the end-to-end phase's buyers. --users is the webhook phase's orders and
// --connections its connections.
#pragma once

#include <cstdint>
#include <string>

#include "common/status.h"

namespace tix::bench {

inline constexpr std::uint32_t kPayOrdersDefault = 50'000;
inline constexpr std::uint32_t kPayBuyersDefault = 2'000;
inline constexpr std::uint32_t kPayBuyerConnectionsDefault = 200;
inline constexpr std::uint32_t kPayPollMsDefault = 100;
inline constexpr std::uint32_t kPayPollMsMax = 1'000;
// tixpay's test card that succeeds at once (docs/tixpay.md).
inline constexpr const char* kCardSucceeds = "4242424242424242";

struct PayConfig {
    std::string tixpay_target;       // host:port on loopback
    std::string api_key;             // tixd's key at tixpay (--payment-api-key)
    std::string webhook_secret;      // tixd's --payment-webhook-secret
    double redelivered_share = 0.2;  // of the webhook phase's events, delivered a second time
    std::uint32_t buyers = kPayBuyersDefault;                       // end-to-end phase; 0 skips it
    std::uint32_t buyer_connections = kPayBuyerConnectionsDefault;  // buyers at once
    std::uint32_t poll_ms = kPayPollMsDefault;  // a buyer's GET /orders/{id} interval
};

// Checks every bound; the error names the offending option.
Status ValidatePayConfig(const PayConfig& config);

}  // namespace tix::bench
