// What the engine keeps per event: its spec, each zone's inventory (counts, and the seat map of a
// seated zone) and its seat ids. Owned by the EventTable; single-threaded.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/event_spec.h"
#include "engine/seat_ids.h"
#include "engine/seat_map.h"

namespace tix::engine {

struct Zone {
    std::uint32_t capacity = 0;
    std::uint32_t available = 0;
    std::uint32_t held = 0;
    std::uint32_t sold = 0;
    std::unique_ptr<SeatMap> seat_map;  // seated zones only
};

struct EventState {
    std::uint32_t index = 0;  // in the EventTable, in the order added
    EventSpec spec;
    std::shared_ptr<const EventSpec> shared_spec;  // the same, for readers on other threads
    std::vector<Zone> zones;
    SeatIds seat_ids;
    std::uint64_t version = 0;  // grows with every change of the event's inventory
    // Engine::SeatStates of seat_states_version; rebuilt when asked for after a change.
    mutable std::shared_ptr<const std::string> seat_states;
    mutable std::uint64_t seat_states_version = 0;
};

inline std::optional<std::uint16_t> FindZone(const EventSpec& spec, std::string_view zone_id) {
    for (std::size_t z = 0; z < spec.zones.size(); ++z) {
        if (spec.zones[z].zone_id == zone_id) return static_cast<std::uint16_t>(z);
    }
    return std::nullopt;
}

}  // namespace tix::engine
