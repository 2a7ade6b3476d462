// SimDurableLog's waiting rooms: the lifecycle of each entry as it becomes durable.
#include <algorithm>

#include "engine/waiting_room.h"
#include "service/sim_durable_log.h"

namespace tix::service {
namespace {

using engine::EntryStatus;

// How far along its life an entry is: it never goes back.
int Stage(EntryStatus status) {
    switch (status) {
        case EntryStatus::kWaiting:
            return 0;
        case EntryStatus::kAdmitted:
            return 1;
        case EntryStatus::kExpired:
        case EntryStatus::kPaid:
            return 2;
        case EntryStatus::kRemoved:
            return 3;
    }
    return -1;
}

// Why `next` cannot follow `prev` in an entry's life, or nullptr if it can.
const char* IllegalStep(const engine::QueueEntryRecord& prev,
                        const engine::QueueEntryRecord& next) {
    if (next.user_id != prev.user_id || next.joined_at != prev.joined_at ||
        next.in_draw != prev.in_draw) {
        return "who joined, when or whether in the draw changed";
    }
    if (prev.admission && next.admission != prev.admission) return "its admission changed";
    if (next == prev) return "recorded without a change";
    if (Stage(next.status) < Stage(prev.status)) return "went back";
    if (Stage(next.status) == Stage(prev.status) && next.status != prev.status) {
        return "ended twice (expired and paid)";
    }
    if (next.status == EntryStatus::kPaid && prev.status != EntryStatus::kAdmitted) {
        return "paid without a running admission";
    }
    if (next.status == EntryStatus::kExpired && prev.status != EntryStatus::kAdmitted) {
        return "expired without a running admission";
    }
    return nullptr;
}

}  // namespace

void SimDurableLog::AddQueues(const engine::QueueChanges& changes) {
    queue_records_ += QueueRecordCount(changes);
    for (const engine::QueueRoomRecord& room : changes.rooms) AddQueueRoom(room);
    for (const engine::QueueEntryRecord& entry : changes.entries) AddQueueEntry(entry);
    queues_.Fold(changes, problems_);
}

void SimDurableLog::AddQueueRoom(const engine::QueueRoomRecord& room) {
    const std::string what = "waiting room of event " + std::to_string(room.event_id.value());
    if (!events_.contains(room.event_id)) problems_.push_back(what + ": its event is not durable");
    auto [it, fresh] = rooms_.try_emplace(room.event_id, room);
    if (fresh) return;
    if (room.config.seed != it->second.config.seed) problems_.push_back(what + ": seed changed");
    if (it->second.drawn && !room.drawn) problems_.push_back(what + ": the draw was undone");
    it->second = room;
}

void SimDurableLog::AddQueueEntry(const engine::QueueEntryRecord& entry) {
    std::vector<engine::QueueEntryRecord>& history = entries_[{entry.event_id, entry.entry_id}];
    const std::string what = "queue entry " + std::to_string(entry.entry_id.value()) +
                             " of event " + std::to_string(entry.event_id.value()) + " (" +
                             std::string(engine::ToString(entry.status)) + ")";
    if (history.empty()) {
        if (entry.status != EntryStatus::kWaiting) problems_.push_back(what + ": born not waiting");
    } else if (const char* why = IllegalStep(history.back(), entry)) {
        problems_.push_back(what + ": " + why);
    }
    history.push_back(entry);
}

bool SimDurableLog::HoldsEntry(EventId event_id, engine::QueueEntryId entry_id, UserId user_id,
                               std::initializer_list<EntryStatus> statuses,
                               std::optional<TimePoint> admission_expires_at) const {
    const auto found = entries_.find({event_id, entry_id});
    if (found == entries_.end()) return false;
    return std::any_of(found->second.begin(), found->second.end(), [&](const auto& record) {
        const bool status =
            std::find(statuses.begin(), statuses.end(), record.status) != statuses.end();
        const bool deadline =
            !admission_expires_at ||
            (record.admission && record.admission->expires_at == *admission_expires_at);
        return record.user_id == user_id && status && deadline;
    });
}

}  // namespace tix::service
