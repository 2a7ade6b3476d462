#include "engine/reply.h"

namespace tix::engine {

std::string SeatLabel(const EventSpec& spec, std::uint16_t zone_index, std::uint32_t seat_index) {
    const ZoneSpec& zone = spec.zones[zone_index];
    for (const RowSpec& row : zone.rows) {
        if (seat_index < row.seats) {
            return zone.zone_id + "-" + row.label + "-" + std::to_string(seat_index + 1);
        }
        seat_index -= row.seats;
    }
    return {};
}

}  // namespace tix::engine
