#include "service/sim_orders.h"

#include <algorithm>
#include <vector>

namespace tix::service {

using engine::OrderStatus;
using engine::RefundReason;

std::string Describe(const engine::Order& o) {
    std::string text = "{order " + std::to_string(o.order_id.value()) + ", user " +
                       std::to_string(o.user_id.value()) + ", event " +
                       std::to_string(o.event_id.value()) + ", zone " +
                       std::to_string(o.zone_index) + ", quantity " + std::to_string(o.quantity) +
                       ", " + std::string(engine::ToString(o.status)) +
                       (o.refund_reason == RefundReason::kNone
                            ? ""
                            : " (" + std::string(engine::ToString(o.refund_reason)) + ")") +
                       ", created " + std::to_string(ToUnixMillis(o.created_at)) + ", expires " +
                       std::to_string(ToUnixMillis(o.expires_at)) + ", payment expires " +
                       std::to_string(ToUnixMillis(o.payment_expires_at)) + ", updated " +
                       std::to_string(ToUnixMillis(o.updated_at)) + ", seats";
    for (std::uint32_t i = 0; i < o.quantity && i < o.seats.size(); ++i) {
        text += " " + std::to_string(o.seats[i]);
    }
    return text + "}";
}

std::string Describe(const engine::PlaceHold& h) {
    std::string text = "PlaceHold{user " + std::to_string(h.user_id.value()) + ", event " +
                       std::to_string(h.event_id.value());
    if (h.seats.empty()) {
        text += ", zone " + h.zone_id + ", quantity " + std::to_string(h.quantity) +
                (h.allow_split ? ", split" : "");
    } else {
        text += ", seats";
        for (const std::string& seat : h.seats) text += " " + seat;
    }
    return text + ", key '" + h.idempotency_key + "'}";
}

bool SameRequest(const engine::PlaceHold& a, const engine::PlaceHold& b) {
    if (a.event_id != b.event_id || a.seats.empty() != b.seats.empty()) return false;
    if (a.seats.empty()) {
        return a.zone_id == b.zone_id && a.quantity == b.quantity && a.allow_split == b.allow_split;
    }
    std::vector<std::string> x = a.seats;
    std::vector<std::string> y = b.seats;
    std::sort(x.begin(), x.end());
    std::sort(y.begin(), y.end());
    return x == y;
}

bool MayBecome(const engine::Order& told, const engine::Order& now) {
    const bool same_order = told.order_id == now.order_id && told.user_id == now.user_id &&
                            told.event_id == now.event_id && told.zone_index == now.zone_index &&
                            told.quantity == now.quantity && told.seats == now.seats &&
                            told.created_at == now.created_at &&
                            told.expires_at == now.expires_at &&
                            told.amount_minor == now.amount_minor;
    if (!same_order || now.updated_at < told.updated_at) return false;
    if (now == told) return true;
    switch (told.status) {
        case OrderStatus::kHeld:
        case OrderStatus::kPaymentPending:
            return true;
        case OrderStatus::kCancelled:
        case OrderStatus::kExpired:
            return now.status == OrderStatus::kPaid || now.status == OrderStatus::kRefundPending ||
                   now.status == OrderStatus::kRefunded;
        case OrderStatus::kPaid:
            return (now.status == OrderStatus::kRefundPending ||
                    now.status == OrderStatus::kRefunded) &&
                   now.refund_reason == RefundReason::kRequested;
        case OrderStatus::kRefundPending:
            return now.status == OrderStatus::kRefunded && now.refund_reason == told.refund_reason;
        case OrderStatus::kRefunded:
            return false;
    }
    return false;
}

}  // namespace tix::service
