#include "engine/event_spec.h"

#include <string_view>
#include <unordered_set>

namespace tix::engine {
namespace {

bool IsAlnum(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

// Zone ids and row labels never contain '-': seat ids "ZONE-ROW-N" split unambiguously.
bool IsZoneId(std::string_view s) {
    if (s.empty() || s.size() > kMaxZoneIdLength) return false;
    for (char c : s) {
        if (!IsAlnum(c) && c != '_') return false;
    }
    return true;
}

bool IsRowLabel(std::string_view s) {
    if (s.empty() || s.size() > kMaxRowLabelLength) return false;
    for (char c : s) {
        if (!IsAlnum(c)) return false;
    }
    return true;
}

bool IsCurrency(std::string_view s) {
    if (s.size() != 3) return false;
    for (char c : s) {
        if (c < 'A' || c > 'Z') return false;
    }
    return true;
}

// Lengths are in bytes (UTF-8 code units): the bound is about storage, not typography.
bool IsName(std::string_view s) { return !s.empty() && s.size() <= kMaxNameLength; }

std::string ZonePath(std::size_t z) { return "zones[" + std::to_string(z) + "]"; }

std::optional<std::string> ValidateZone(const ZoneSpec& zone, std::size_t z,
                                        std::uint64_t& capacity) {
    const std::string path = ZonePath(z);
    if (!IsZoneId(zone.zone_id)) return path + ".zone_id must match [A-Za-z0-9_]{1,16}";
    if (!IsName(zone.name)) return path + ".name must be 1..200 bytes";
    if (zone.price_minor < 0 || zone.price_minor > kMaxPriceMinor) {
        return path + ".price_minor must be 0.." + std::to_string(kMaxPriceMinor);
    }
    if (!IsCurrency(zone.currency)) return path + ".currency must be three letters A-Z";
    if (zone.kind == ZoneKind::kGeneralAdmission) {
        if (zone.capacity < 1 || zone.capacity > kMaxCapacityPerZone) {
            return path + ".capacity must be 1.." + std::to_string(kMaxCapacityPerZone);
        }
        if (!zone.rows.empty()) return path + ".rows must be empty for general admission";
        capacity = zone.capacity;
        return std::nullopt;
    }
    if (zone.kind != ZoneKind::kSeated) return path + ".kind is unknown";
    if (zone.rows.empty() || zone.rows.size() > kMaxRowsPerZone) {
        return path + ".rows must have 1.." + std::to_string(kMaxRowsPerZone) + " rows";
    }
    std::unordered_set<std::string_view> labels;
    std::uint64_t seats = 0;
    for (std::size_t r = 0; r < zone.rows.size(); ++r) {
        const RowSpec& row = zone.rows[r];
        const std::string row_path = path + ".rows[" + std::to_string(r) + "]";
        if (!IsRowLabel(row.label)) return row_path + ".label must match [A-Za-z0-9]{1,8}";
        if (!labels.insert(row.label).second) {
            return row_path + ".label '" + row.label + "' is not unique in the zone";
        }
        if (row.seats < 1 || row.seats > kMaxSeatsPerRow) {
            return row_path + ".seats must be 1.." + std::to_string(kMaxSeatsPerRow);
        }
        seats += row.seats;
    }
    if (zone.capacity != 0 && zone.capacity != seats) {
        return path + ".capacity must be 0 or the number of seats in its rows (" +
               std::to_string(seats) + ")";
    }
    if (seats > kMaxCapacityPerZone) {
        return path + ".rows hold " + std::to_string(seats) + " seats, more than " +
               std::to_string(kMaxCapacityPerZone);
    }
    capacity = seats;
    return std::nullopt;
}

}  // namespace

std::optional<std::string> ValidateEventSpec(const EventSpec& spec) {
    if (!IsName(spec.name)) return "name must be 1..200 bytes";
    if (!IsName(spec.venue)) return "venue must be 1..200 bytes";
    if (spec.series.size() > kMaxNameLength) return "series must be at most 200 bytes";
    if (spec.sale_starts_at >= spec.sale_ends_at) {
        return "sale_starts_at must be before sale_ends_at";
    }
    if (spec.max_per_user < 1 || spec.max_per_user > kMaxPerUserLimit) {
        return "max_per_user must be 1.." + std::to_string(kMaxPerUserLimit);
    }
    if (spec.hold < std::chrono::seconds{1} || spec.hold > kMaxHold) {
        return "hold_seconds must be 1.." + std::to_string(kMaxHold.count());
    }
    if (spec.zones.empty() || spec.zones.size() > kMaxZonesPerEvent) {
        return "zones must have 1.." + std::to_string(kMaxZonesPerEvent) + " zones";
    }
    std::uint64_t total = 0;
    for (std::size_t z = 0; z < spec.zones.size(); ++z) {
        std::uint64_t capacity = 0;
        if (auto problem = ValidateZone(spec.zones[z], z, capacity)) return problem;
        for (std::size_t earlier = 0; earlier < z; ++earlier) {
            if (spec.zones[earlier].zone_id == spec.zones[z].zone_id) {
                return ZonePath(z) + ".zone_id '" + spec.zones[z].zone_id + "' is already " +
                       ZonePath(earlier) + ".zone_id";
            }
        }
        total += capacity;
    }
    if (total > kMaxCapacityPerEvent) {
        return "zones hold " + std::to_string(total) + " tickets, more than " +
               std::to_string(kMaxCapacityPerEvent);
    }
    return std::nullopt;
}

void NormalizeEventSpec(EventSpec& spec) {
    for (ZoneSpec& zone : spec.zones) {
        if (zone.kind != ZoneKind::kSeated) continue;
        std::uint32_t seats = 0;
        for (const RowSpec& row : zone.rows) seats += row.seats;
        zone.capacity = seats;
    }
}

}  // namespace tix::engine
