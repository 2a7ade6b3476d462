// The waiting rooms by event: an event has at most one (issue 8), kept for good like the event.
// Owned by Engine::State beside the EventTable; single-threaded. Rooms are few (one per on-sale
// that has a queue), so an ordered map: lookups are a few comparisons, and the sequencer's pump
// visits the rooms in ascending event id, the same order every run.
#pragma once

#include <map>
#include <utility>

#include "common/types.h"
#include "engine/tix_assert.h"
#include "engine/waiting_room.h"

namespace tix::engine {

class RoomTable {
  public:
    WaitingRoom* Find(EventId event_id) {
        const auto it = rooms_.find(event_id);
        return it == rooms_.end() ? nullptr : &it->second;
    }
    const WaitingRoom* Find(EventId event_id) const {
        const auto it = rooms_.find(event_id);
        return it == rooms_.end() ? nullptr : &it->second;
    }

    // REQUIRES: the event has no room yet.
    WaitingRoom& Add(WaitingRoom room) {
        const EventId event_id = room.event_id();
        const auto [it, added] = rooms_.emplace(event_id, std::move(room));
        TIX_ASSERT(added, "a second waiting room for one event");
        return it->second;
    }

    // Visits every room, ascending event id.
    template <typename Visit>
    void ForEach(Visit visit) {
        for (auto& [event_id, room] : rooms_) visit(room);
    }
    template <typename Visit>
    void ForEach(Visit visit) const {
        for (const auto& [event_id, room] : rooms_) visit(room);
    }

    bool empty() const { return rooms_.empty(); }
    std::size_t size() const { return rooms_.size(); }

  private:
    std::map<EventId, WaitingRoom> rooms_;
};

}  // namespace tix::engine
