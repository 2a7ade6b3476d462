// What an event is: its date, zones, prices, sale window and limits. Plain data, validated once
// at the edge (ValidateEventSpec) so the engine can assume it is well formed.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/types.h"

namespace tix::engine {

// The product's hard ceiling of tickets per user per event.
inline constexpr std::uint32_t kMaxPerUserLimit = 8;
inline constexpr std::uint32_t kDefaultHoldSeconds = 600;
inline constexpr std::uint32_t kMaxHoldSeconds = 86'400;
inline constexpr std::uint32_t kMaxZonesPerEvent = 64;
inline constexpr std::uint32_t kMaxRowsPerZone = 1'000;
inline constexpr std::uint32_t kMaxSeatsPerRow = 2'000;
inline constexpr std::uint32_t kMaxCapacityPerZone = 1'000'000;
inline constexpr std::uint32_t kMaxCapacityPerEvent = 2'000'000;
inline constexpr std::size_t kMaxZoneIdLength = 16;
inline constexpr std::size_t kMaxRowLabelLength = 8;
inline constexpr std::size_t kMaxNameLength = 200;
inline constexpr std::int64_t kMaxPriceMinor = 100'000'000'000;  // 1e9 in major units
static_assert(kMaxPerUserLimit <= 8, "Order stores at most 8 seats inline");
static_assert(kMaxZonesPerEvent <= 65'535, "zone index is 16 bits");
static_assert(std::uint64_t{kMaxRowsPerZone} * kMaxSeatsPerRow <= 2 * kMaxCapacityPerZone);

enum class ZoneKind : std::uint8_t { kGeneralAdmission, kSeated };

struct RowSpec {
    std::string label;        // [A-Za-z0-9]{1,8}; nearer the stage comes first in ZoneSpec::rows
    std::uint32_t seats = 0;  // numbered 1..seats
};

struct ZoneSpec {
    std::string zone_id;  // [A-Za-z0-9_]{1,16}, unique in the event; seat ids are "ZONE-ROW-N"
    std::string name;
    std::int64_t price_minor = 0;  // price in the currency's minor unit (cents)
    std::string currency;          // ISO 4217, three upper-case letters
    ZoneKind kind = ZoneKind::kGeneralAdmission;
    std::uint32_t capacity = 0;  // general admission only; for seated zones the sum of rows
    std::vector<RowSpec> rows;   // seated only
};

struct EventSpec {
    EventId event_id = 0;  // 0 until the engine assigns one
    std::string name;
    std::string series;  // optional: groups the dates of one series
    std::string venue;
    TimeMs starts_at = 0;
    TimeMs sale_starts_at = 0;
    TimeMs sale_ends_at = kNoEnd;
    std::uint32_t max_per_user = kMaxPerUserLimit;
    std::uint32_t hold_seconds = kDefaultHoldSeconds;
    std::vector<ZoneSpec> zones;
};

// Why the spec cannot be an event ("zones[2].rows[0].seats must be 1..2000"), or nullopt when it
// is valid. Seated zones need not set capacity; a valid spec has it filled in by
// NormalizeEventSpec.
std::optional<std::string> ValidateEventSpec(const EventSpec& spec);

// Fills the derived fields (capacity of seated zones). REQUIRES: ValidateEventSpec(spec) is
// nullopt.
void NormalizeEventSpec(EventSpec& spec);

}  // namespace tix::engine
