#include "service/sim_queue_tables.h"

namespace tix::service {

void SimQueueTables::Fold(const engine::QueueChanges& changes, std::vector<std::string>& problems) {
    for (const engine::QueueRoomRecord& room : changes.rooms) rooms_[room.event_id].room = room;
    const auto room_of = [&](EventId event_id, const char* what) -> Room* {
        auto it = rooms_.find(event_id);
        if (it != rooms_.end()) return &it->second;
        problems.push_back(std::string(what) + " of event " + std::to_string(event_id.value()) +
                           " before its room");
        return nullptr;
    };
    for (const engine::QueueEntryRecord& entry : changes.entries) {
        Room* room = room_of(entry.event_id, "a queue entry");
        if (room == nullptr) continue;
        auto [it, fresh] = room->entries.try_emplace(entry.entry_id, entry);
        if (fresh) continue;
        // ON CONFLICT DO UPDATE SET status, admitted_at, admission_expires_at.
        it->second.status = entry.status;
        it->second.admission = entry.admission;
    }
    for (const engine::QueueChallengeRecord& challenge : changes.challenges) {
        Room* room = room_of(challenge.event_id, "a challenge");
        if (room != nullptr) room->challenges[challenge.challenge] = challenge;
    }
}

std::vector<engine::QueueSnapshot> SimQueueTables::Snapshots() const {
    std::vector<engine::QueueSnapshot> snapshots;
    for (const auto& [event_id, room] : rooms_) {
        engine::QueueSnapshot& snapshot = snapshots.emplace_back();
        snapshot.room = room.room;
        for (const auto& [id, entry] : room.entries) snapshot.entries.push_back(entry);
        for (const auto& [id, challenge] : room.challenges)
            snapshot.challenges.push_back(challenge);
    }
    return snapshots;
}

}  // namespace tix::service
