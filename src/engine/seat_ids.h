// Seat ids of one event ("INF-A-12": zone id, row label, seat number) to zone and seat index, and
// back. Owned by the event's EventState; single-threaded.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "engine/engine.h"
#include "engine/event_spec.h"

namespace tix::engine {

class SeatMap;

struct ParsedSeat {
    HoldOutcome problem = HoldOutcome::kOk;  // or kUnknownSeat / kNotSeated
    std::uint16_t zone_index = 0;
    std::uint32_t seat = 0;  // index within the zone
};

class SeatIds {
  public:
    // Files the rows of a seated zone. REQUIRES: seat_map outlives this (the zone owns both).
    void AddZone(std::uint16_t zone_index, const ZoneSpec& zone, const SeatMap& seat_map);

    // "INF-A-12" -> zone and seat index. Splits at the last '-', then looks "INF-A" up among the
    // event's rows. Not a seat: kNotSeated if the id starts with a general-admission zone id,
    // else kUnknownSeat.
    ParsedSeat Parse(std::string_view seat_id, const EventSpec& spec) const;

    // "INF-A-12" for a seat index of a seated zone. REQUIRES: seat_index < seat_map.capacity().
    static std::string Format(const ZoneSpec& zone, const SeatMap& seat_map,
                              std::uint32_t seat_index);

  private:
    struct StringHash {
        using is_transparent = void;
        std::size_t operator()(std::string_view s) const {
            return std::hash<std::string_view>{}(s);
        }
    };
    struct Row {
        const SeatMap* seat_map = nullptr;  // of the row's zone
        std::uint16_t zone_index = 0;
        std::uint32_t row_index = 0;
    };

    // "ZONE-ROW" -> its row. One entry per row, never one per seat.
    std::unordered_map<std::string, Row, StringHash, std::equal_to<>> rows_;
};

}  // namespace tix::engine
