// The events by id, in the order added. Events are kept for good. Owned by Engine::State;
// single-threaded.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <utility>
#include <vector>

#include "common/types.h"
#include "engine/event_spec.h"
#include "engine/event_state.h"
#include "engine/flat_table.h"

namespace tix::engine {

class EventTable {
  public:
    const EventState* Find(EventId event_id) const {
        const Entry* entry =
            index_.Find(Hash(event_id), [&](const Entry& e) { return e.event_id == event_id; });
        return entry == nullptr ? nullptr : events_[entry->index].get();
    }
    EventState* Find(EventId event_id) {
        return const_cast<EventState*>(std::as_const(*this).Find(event_id));
    }

    // Adds the event under spec.event_id if non-zero (restore), else the next free id, with every
    // seat available. REQUIRES: spec is valid and normalized; spec.event_id is not in use.
    EventState& Add(EventSpec spec);

    // The events in the order added: events[i].index == i.
    std::size_t size() const { return events_.size(); }
    const EventState& operator[](std::size_t index) const { return *events_[index]; }

  private:
    struct Entry {
        EventId event_id{};
        std::uint32_t index = 0;  // into events_
    };

    static std::uint64_t Hash(EventId event_id) { return MixHash(event_id.value()); }

    std::vector<std::unique_ptr<EventState>> events_;  // in the order added
    FlatTable<Entry> index_;
    EventId next_event_id_{1};
};

}  // namespace tix::engine
