// Identifiers and time shared by every layer. Plain values, no behaviour.
#pragma once

#include <cstdint>
#include <limits>

#include "common/strong_id.h"

namespace tix {

// Milliseconds since the Unix epoch, UTC. The engine never reads a clock: callers pass this in.
using TimeMs = std::int64_t;
inline constexpr TimeMs kNoEnd = std::numeric_limits<TimeMs>::max();

// Distinct types: a user id cannot stand for an event id (see strong_id.h).
using UserId = Id<struct UserTag>;
using EventId = Id<struct EventTag>;
using OrderId = Id<struct OrderTag>;

enum class Role : std::uint8_t { kUser, kAdmin };

}  // namespace tix
