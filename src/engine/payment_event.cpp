#include "engine/payment_event.h"

#include <algorithm>

namespace tix::engine {

std::string_view ToString(PaymentEventKind kind) {
    switch (kind) {
        case PaymentEventKind::kPaymentSucceeded:
            return "payment_intent.succeeded";
        case PaymentEventKind::kPaymentFailed:
            return "payment_intent.payment_failed";
        case PaymentEventKind::kRefundSucceeded:
            return "refund.succeeded";
    }
    return "unknown";
}

bool IsValidProviderId(std::string_view id) {
    return !id.empty() && id.size() <= kMaxProviderIdLength &&
           std::all_of(id.begin(), id.end(), [](char c) { return c > ' ' && c < 127; });
}

}  // namespace tix::engine
