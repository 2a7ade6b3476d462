#include "engine/order.h"

namespace tix::engine {

std::string_view ToString(OrderStatus status) {
    switch (status) {
        case OrderStatus::kHeld:
            return "held";
        case OrderStatus::kPaid:
            return "paid";
        case OrderStatus::kCancelled:
            return "cancelled";
        case OrderStatus::kExpired:
            return "expired";
        case OrderStatus::kPaymentPending:
            return "payment_pending";
    }
    return "unknown";
}

std::optional<OrderStatus> ParseOrderStatus(std::string_view text) {
    for (auto status : {OrderStatus::kHeld, OrderStatus::kPaid, OrderStatus::kCancelled,
                        OrderStatus::kExpired, OrderStatus::kPaymentPending}) {
        if (ToString(status) == text) return status;
    }
    return std::nullopt;
}

}  // namespace tix::engine
