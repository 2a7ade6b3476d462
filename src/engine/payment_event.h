// A payment provider's event, as the engine applies it (Engine::ApplyPaymentEvent). The provider's
// adapter (payments/) turns a verified webhook, or an event fetched for reconciliation, into one;
// the engine never sees the provider's wire format.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "common/limits.h"
#include "common/types.h"

namespace tix::engine {

// Provider ids (events, payment intents, refunds): printable ASCII, 1 to this many characters.
inline constexpr std::size_t kMaxProviderIdLength = 64;

enum class PaymentEventKind : std::uint8_t {
    kPaymentSucceeded,  // payment_intent.succeeded: the money is taken
    kPaymentFailed,     // payment_intent.payment_failed: a charge was declined
    kRefundSucceeded,   // refund.succeeded: the money is given back
};

struct PaymentEvent {
    std::string event_id;  // the provider's: applied once, ever (durably deduplicated)
    PaymentEventKind kind = PaymentEventKind::kPaymentSucceeded;
    std::string payment_id;         // the payment intent the event is about
    OrderId order_id{};             // the intent's reference
    std::int64_t amount_minor = 0;  // the intent's amount; for a refund, the amount given back
    std::string currency;           // ISO 4217
    std::string refund_id;          // refund events only
    TimePoint created{};            // at the provider
};

// "payment_intent.succeeded", "payment_intent.payment_failed", "refund.succeeded"
std::string_view ToString(PaymentEventKind kind);

// True for a provider id tix accepts: 1..kMaxProviderIdLength characters, each printable ASCII
// other than space.
bool IsValidProviderId(std::string_view id);

}  // namespace tix::engine
