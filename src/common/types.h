// Identifiers and time shared by every layer. Plain values, no behaviour.
#pragma once

#include <cstdint>
#include <limits>

namespace tix {

// Milliseconds since the Unix epoch, UTC. The engine never reads a clock: callers pass this in.
using TimeMs = std::int64_t;
inline constexpr TimeMs kNoEnd = std::numeric_limits<TimeMs>::max();

using UserId = std::uint64_t;
using EventId = std::uint64_t;
using OrderId = std::uint64_t;

enum class Role : std::uint8_t { kUser, kAdmin };

}  // namespace tix
