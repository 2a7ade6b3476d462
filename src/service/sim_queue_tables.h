// SimQueueTables: the waiting rooms as the SQLite journal keeps them (store/queue_tables.h), for
// the durable-path simulator: each room's latest record, each entry's latest state (who joined,
// when and whether in the draw are written once, like the upsert), each used challenge with its
// latest expiry. SimJournal folds its frames into one; SimDurableLog folds the durable batches
// into another, and a Load must return the same. Tests only; single-threaded.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "engine/queue_records.h"

namespace tix::service {

class SimQueueTables {
  public:
    // Folds the records in the order SQLite writes them (rooms, entries, challenges). An entry or
    // a challenge of a room that is not there yet is a problem (SQLite's foreign key would fail
    // the append).
    void Fold(const engine::QueueChanges& changes, std::vector<std::string>& problems);
    // What Load returns: ascending event id, entries ascending, challenges by id.
    std::vector<engine::QueueSnapshot> Snapshots() const;
    std::size_t size() const { return rooms_.size(); }

  private:
    struct Room {
        engine::QueueRoomRecord room;
        std::map<engine::QueueEntryId, engine::QueueEntryRecord> entries;
        std::map<std::uint64_t, engine::QueueChallengeRecord> challenges;
    };
    std::map<EventId, Room> rooms_;
};

// The number of records a batch's waiting rooms carry.
inline std::size_t QueueRecordCount(const engine::QueueChanges& changes) {
    return changes.rooms.size() + changes.entries.size() + changes.challenges.size();
}

}  // namespace tix::service
