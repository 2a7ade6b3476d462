// An order is a hold on tickets that becomes paid, or ends cancelled or expired.
#pragma once

#include <array>
#include <cstdint>
#include <string_view>

#include "common/types.h"
#include "engine/event_spec.h"

namespace tix::engine {

enum class OrderStatus : std::uint8_t { kHeld, kPaid, kCancelled, kExpired };

std::string_view ToString(OrderStatus status);  // "held", "paid", "cancelled", "expired"

struct Order {
    OrderId order_id = 0;
    UserId user_id = 0;
    EventId event_id = 0;
    std::uint16_t zone_index = 0;  // index into EventSpec::zones
    std::uint8_t quantity = 0;     // 1..kMaxPerUserLimit
    OrderStatus status = OrderStatus::kHeld;
    TimeMs created_at = 0;
    TimeMs expires_at = 0;  // hold deadline; meaningful while held
    TimeMs updated_at = 0;  // time of the last status change
    std::int64_t amount_minor = 0;
    // Seated zones: the first `quantity` entries are seat indices within the zone, counted across
    // its rows in order (row 0 seat 1 is index 0). General admission: unused, zero.
    std::array<std::uint32_t, kMaxPerUserLimit> seats{};

    bool operator==(const Order&) const = default;
};

}  // namespace tix::engine
