// The PSP's API (docs/tixpay.md): payment intents, paying them with a test card, refunds, and
// the intent and event lists. Each route parses and validates, runs one call on the simulator
// through the SimulatorHost, and renders the outcome; outcomes map to statuses and error codes
// here, in one table per call. Build on one thread before the server starts.
#pragma once

#include <cstddef>
#include <cstdint>

#include "http/router.h"
#include "tixpay/api_support.h"
#include "tixpay/cors_policy.h"
#include "tixpay/simulator_host.h"

namespace tix::tixpay {

// Request bounds (bodies as a whole are bounded by the server's body limit).
inline constexpr std::size_t kIdempotencyKeyMax = 255;
inline constexpr std::size_t kCurrencyLength = 3;
inline constexpr std::size_t kReferenceMax = 200;
inline constexpr std::size_t kIdMax = 64;  // an intent id in a body
inline constexpr std::size_t kCardMax = 32;
inline constexpr std::size_t kClientSecretMax = 128;
inline constexpr std::int64_t kAmountMinorMax = 1'000'000'000'000;  // 1e10 in major units
// Year 9999: no deadline is later.
inline constexpr std::int64_t kPayByMaxUnixMillis = 253'402'300'799'999;
inline constexpr std::int64_t kListLimitMax = 1'000;
inline constexpr std::int64_t kListLimitDefault = 100;

// `cors` says which web pages may pay an intent from the browser (OPTIONS and POST
// /v1/payment_intents/{id}/pay). REQUIRES: host outlives the router.
void AddTixpayRoutes(http::Router& router, SimulatorHost& host, const ApiKey& api_key,
                     const CorsPolicy& cors = CorsPolicy());

}  // namespace tix::tixpay
