// An order is a hold on tickets that becomes paid, or ends cancelled or expired.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>
#include <type_traits>

#include "common/types.h"
#include "engine/event_spec.h"

namespace tix::engine {

// held -> payment_pending -> paid -> refund_pending -> refunded, or held -> cancelled | expired
// (docs/payments.md has the whole diagram). A payment_pending order keeps its seats until its
// payment deadline: a charge is never under way for seats the engine gave back. A payment that
// arrives for an expired order takes its seats back (paid) or is given back (refund_pending, with
// RefundReason::kLatePayment, then refunded).
enum class OrderStatus : std::uint8_t {
    kHeld,
    kPaid,
    kCancelled,
    kExpired,
    kPaymentPending,
    kRefundPending,
    kRefunded,
};

// Why an order is refund_pending or refunded.
enum class RefundReason : std::uint8_t {
    kNone,
    kRequested,    // by its owner or an admin: the order was paid, its seats go back when refunded
    kLatePayment,  // the payment came after the order expired and its seats were gone
};

// "held", "paid", "cancelled", "expired", "payment_pending", "refund_pending", "refunded"
std::string_view ToString(OrderStatus status);
std::optional<OrderStatus> ParseOrderStatus(std::string_view text);
// "none", "requested", "late_payment"
std::string_view ToString(RefundReason reason);
std::optional<RefundReason> ParseRefundReason(std::string_view text);

// Held or being paid: the order has its seats on hold, a deadline, and counts toward the user's
// limit.
inline bool HasSeats(OrderStatus status) {
    return status == OrderStatus::kHeld || status == OrderStatus::kPaymentPending;
}

// How a hold was asked for: part of "the same request" when a retry brings the same
// idempotency key. Journaled with the key, so a replay after a restart is as strict as before it.
enum class RequestKind : std::uint8_t {
    kQuantity,       // zone and quantity, adjacent seats
    kQuantitySplit,  // zone and quantity, allow_split
    kSeats,          // named seats
    kUnknown,        // journaled before request kinds were kept: any request that fits replays
};

struct Order {
    OrderId order_id{};
    UserId user_id{};
    EventId event_id{};
    std::uint16_t zone_index = 0;  // index into EventSpec::zones
    std::uint8_t quantity = 0;     // 1..kMaxPerUserLimit
    OrderStatus status = OrderStatus::kHeld;
    RefundReason refund_reason = RefundReason::kNone;  // set once refund_pending
    TimePoint created_at{};
    TimePoint expires_at{};          // hold deadline; meaningful while held
    TimePoint payment_expires_at{};  // payment deadline; meaningful while payment_pending
    TimePoint updated_at{};          // time of the last status change
    std::int64_t amount_minor = 0;
    // Seated zones: the first `quantity` entries are seat indices within the zone, counted across
    // its rows in order (row 0 seat 1 is index 0). General admission: unused, zero.
    std::array<std::uint32_t, kMaxPerUserLimit> seats{};

    bool operator==(const Order&) const = default;
};
// Owns its seats: held, payment_pending, paid, or paid and being refunded (the seats stay sold
// until the money is back). Such an order's tickets count toward its user's limit.
inline bool IsLive(const Order& order) {
    switch (order.status) {
        case OrderStatus::kHeld:
        case OrderStatus::kPaymentPending:
        case OrderStatus::kPaid:
            return true;
        case OrderStatus::kRefundPending:
            return order.refund_reason == RefundReason::kRequested;
        default:
            return false;
    }
}

// The engine keeps every order ever placed (ChunkedVector<Order>): typed ids must not grow it.
static_assert(sizeof(Order) <= 104 && std::is_trivially_copyable_v<Order>);

// The owner a seat map records for the order's seats: its id in 32 bits.
// REQUIRES: order_id <= limits::kMaxOrderId (OrderBook refuses ids beyond it).
inline std::uint32_t SeatOwner(OrderId order_id) {
    return static_cast<std::uint32_t>(order_id.value());
}

}  // namespace tix::engine
