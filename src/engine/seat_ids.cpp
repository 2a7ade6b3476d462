#include "engine/seat_ids.h"

#include <optional>

#include "engine/event_state.h"
#include "engine/seat_map.h"

namespace tix::engine {
namespace {

// "12" -> 12. Canonical decimal only (no sign, no leading zero), so each seat has one id.
std::optional<std::uint32_t> ParseSeatNumber(std::string_view digits) {
    if (digits.empty() || digits.size() > 9 || digits[0] == '0') return std::nullopt;
    std::uint32_t value = 0;
    for (char c : digits) {
        if (c < '0' || c > '9') return std::nullopt;
        value = value * 10 + static_cast<std::uint32_t>(c - '0');
    }
    return value;
}

}  // namespace

void SeatIds::AddZone(std::uint16_t zone_index, const ZoneSpec& zone, const SeatMap& seat_map) {
    for (std::size_t r = 0; r < zone.rows.size(); ++r) {
        rows_.emplace(zone.zone_id + "-" + zone.rows[r].label,
                      Row{&seat_map, zone_index, static_cast<std::uint32_t>(r)});
    }
}

ParsedSeat SeatIds::Parse(std::string_view seat_id, const EventSpec& spec) const {
    ParsedSeat parsed;
    const std::size_t dash = seat_id.rfind('-');
    if (dash != std::string_view::npos) {
        const auto number = ParseSeatNumber(seat_id.substr(dash + 1));
        const auto row = rows_.find(seat_id.substr(0, dash));
        if (number && row != rows_.end()) {
            const SeatMap& seat_map = *row->second.seat_map;
            if (*number <= seat_map.RowSeats(row->second.row_index)) {
                parsed.zone_index = row->second.zone_index;
                parsed.seat = seat_map.SeatIndex(row->second.row_index, *number);
                return parsed;
            }
        }
    }
    const auto zone = FindZone(spec, seat_id.substr(0, seat_id.find('-')));
    const bool general_admission = zone && spec.zones[*zone].kind == ZoneKind::kGeneralAdmission;
    parsed.problem = general_admission ? HoldOutcome::kNotSeated : HoldOutcome::kUnknownSeat;
    return parsed;
}

std::string SeatIds::Format(const ZoneSpec& zone, const SeatMap& seat_map,
                            std::uint32_t seat_index) {
    const std::uint32_t row = seat_map.RowOf(seat_index);
    return zone.zone_id + "-" + zone.rows[row].label + "-" +
           std::to_string(seat_map.SeatNumber(seat_index));
}

}  // namespace tix::engine
