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
        case OrderStatus::kRefundPending:
            return "refund_pending";
        case OrderStatus::kRefunded:
            return "refunded";
    }
    return "unknown";
}

std::string_view ToString(RefundReason reason) {
    switch (reason) {
        case RefundReason::kNone:
            return "none";
        case RefundReason::kRequested:
            return "requested";
        case RefundReason::kLatePayment:
            return "late_payment";
    }
    return "unknown";
}

std::optional<RefundReason> ParseRefundReason(std::string_view text) {
    for (auto reason :
         {RefundReason::kNone, RefundReason::kRequested, RefundReason::kLatePayment}) {
        if (ToString(reason) == text) return reason;
    }
    return std::nullopt;
}

std::optional<OrderStatus> ParseOrderStatus(std::string_view text) {
    for (auto status :
         {OrderStatus::kHeld, OrderStatus::kPaid, OrderStatus::kCancelled, OrderStatus::kExpired,
          OrderStatus::kPaymentPending, OrderStatus::kRefundPending, OrderStatus::kRefunded}) {
        if (ToString(status) == text) return status;
    }
    return std::nullopt;
}

}  // namespace tix::engine
