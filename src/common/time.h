// Time in every layer is a std::chrono type: an instant is a TimePoint, a span a duration
// (std::chrono::milliseconds, seconds, ...). Raw integers appear only where time leaves the
// process (journal columns, token claims, JSON), converted here.
#pragma once

#include <chrono>
#include <cstdint>

namespace tix {

// A UTC instant with millisecond resolution, counted from the Unix epoch. The engine never reads
// a clock: callers pass one of these in.
using TimePoint = std::chrono::sys_time<std::chrono::milliseconds>;

// "Never": the sale end of an event that does not end.
inline constexpr TimePoint kNoEnd = TimePoint::max();

constexpr std::int64_t ToUnixMillis(TimePoint t) { return t.time_since_epoch().count(); }
constexpr TimePoint FromUnixMillis(std::int64_t ms) {
    return TimePoint{std::chrono::milliseconds{ms}};
}

// Whole seconds since the epoch, rounded down (token claims are in seconds).
constexpr std::int64_t ToUnixSeconds(TimePoint t) {
    return std::chrono::floor<std::chrono::seconds>(t).time_since_epoch().count();
}

}  // namespace tix
