#include "engine/event_table.h"

#include <algorithm>

#include "engine/tix_assert.h"

namespace tix::engine {

EventState& EventTable::Add(EventSpec spec) {
    if (!spec.event_id) spec.event_id = next_event_id_;
    TIX_ASSERT(Find(spec.event_id) == nullptr, "AddEvent of an event id in use");
    next_event_id_ = std::max(next_event_id_, EventId{spec.event_id.value() + 1});

    auto event = std::make_unique<EventState>();
    event->index = static_cast<std::uint32_t>(events_.size());
    event->zones.resize(spec.zones.size());
    for (std::size_t z = 0; z < spec.zones.size(); ++z) {
        const ZoneSpec& zone_spec = spec.zones[z];
        Zone& zone = event->zones[z];
        zone.capacity = zone_spec.capacity;
        zone.available = zone_spec.capacity;
        if (zone_spec.kind != ZoneKind::kSeated) continue;
        zone.seat_map = std::make_unique<SeatMap>(zone_spec);
        event->seat_ids.AddZone(static_cast<std::uint16_t>(z), zone_spec, *zone.seat_map);
    }
    event->spec = std::move(spec);
    event->shared_spec = std::make_shared<const EventSpec>(event->spec);
    const EventId event_id = event->spec.event_id;
    index_.Insert(Hash(event_id), {event_id, static_cast<std::uint32_t>(events_.size())});
    events_.push_back(std::move(event));
    return *events_.back();
}

}  // namespace tix::engine
