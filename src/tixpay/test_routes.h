// tixpay's test-only calls (docs/tixpay.md), all behind the API key: the delivery counters that
// tests wait on instead of sleeping, the fault switches, and, with --test-clock, moving the
// clock. Build on one thread before the server starts.
#pragma once

#include <chrono>
#include <cstdint>

#include "common/clock.h"
#include "http/router.h"
#include "tixpay/api_support.h"
#include "tixpay/simulator_host.h"
#include "tixpay/webhook_deliverer.h"

namespace tix::tixpay {

inline constexpr std::int64_t kClockAdvanceSecondsMax = 366 * 86'400;
inline constexpr std::int64_t kFaultDelayMsMax = 600'000;
inline constexpr std::int64_t kFaultDropFirstMax = 1'000'000;
inline constexpr std::size_t kWebhookUrlMax = 2'048;

// Adds POST /v1/webhook_endpoints (where deliveries go: set after start, when tixd's port is
// known), GET /v1/test/deliveries and POST /v1/test/faults, and POST /v1/test/clock/advance when
// test_clock is set. REQUIRES: deliverer, host and test_clock outlive the router.
void AddTestRoutes(http::Router& router, const ApiKey& api_key, WebhookDeliverer& deliverer,
                   SimulatorHost& host, ServerClock* test_clock);

}  // namespace tix::tixpay
