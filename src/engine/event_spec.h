// What an event is: its date, zones, prices, sale window and limits. Plain data, validated once
// at the edge (ValidateEventSpec) so the engine can assume it is well formed.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/limits.h"
#include "common/types.h"

namespace tix::engine {

// The product's limits (values and their relations: common/limits.h).
using limits::kDefaultHold;
using limits::kMaxCapacityPerEvent;
using limits::kMaxCapacityPerZone;
using limits::kMaxHold;
using limits::kMaxNameLength;
using limits::kMaxPerUserLimit;  // the product's hard ceiling of tickets per user per event
using limits::kMaxPriceMinor;
using limits::kMaxRowLabelLength;
using limits::kMaxRowsPerZone;
using limits::kMaxSeatsPerRow;
using limits::kMaxZoneIdLength;
using limits::kMaxZonesPerEvent;

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
    EventId event_id{};  // 0 until the engine assigns one
    std::string name;
    std::string series;  // optional: groups the dates of one series
    std::string venue;
    TimePoint starts_at{};
    TimePoint sale_starts_at{};
    TimePoint sale_ends_at = kNoEnd;
    std::uint32_t max_per_user = kMaxPerUserLimit;
    std::chrono::seconds hold = kDefaultHold;  // how long a hold keeps its seats
    std::vector<ZoneSpec> zones;
    // Tickets' QR codes carry a code that changes every 15 s (docs/tickets.md): a screenshot
    // stops working within a minute. Fixed at creation.
    bool rotating_qr = false;
};

// Why the spec cannot be an event ("zones[2].rows[0].seats must be 1..2000"), or nullopt when it
// is valid. Seated zones need not set capacity; a valid spec has it filled in by
// NormalizeEventSpec.
std::optional<std::string> ValidateEventSpec(const EventSpec& spec);

// Fills the derived fields (capacity of seated zones). REQUIRES: ValidateEventSpec(spec) is
// nullopt.
void NormalizeEventSpec(EventSpec& spec);

}  // namespace tix::engine
