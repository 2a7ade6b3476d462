// WaitingRoom's records: what each change journals, the whole room as records, and the room
// rebuilt from them.
#include <algorithm>
#include <utility>

#include "engine/tix_assert.h"
#include "engine/waiting_room.h"
#include "engine/waiting_room_state.h"

namespace tix::engine {

QueueRoomRecord WaitingRoom::State::RoomRecord() const {
    return {event_id, config, drawn, pacer.next_at()};
}

QueueEntryRecord WaitingRoom::State::EntryRecord(std::uint32_t entry) const {
    const QueueEntry& e = entries[entry];
    QueueEntryRecord record{event_id, IdOf(entry), e.user_id, e.joined_at, e.status, e.in_draw};
    if (const QueueAdmission* admission = AdmissionOf(e)) record.admission = *admission;
    return record;
}

void WaitingRoom::DrainChanges(QueueChanges& changes) {
    QueueChanges& mine = state_->changes;
    if (changes.empty()) {
        std::swap(changes, mine);  // the common case: no copy
        return;
    }
    const auto append = [](auto& to, auto& from) {
        to.insert(to.end(), std::make_move_iterator(from.begin()),
                  std::make_move_iterator(from.end()));
    };
    append(changes.rooms, mine.rooms);
    append(changes.entries, mine.entries);
    append(changes.challenges, mine.challenges);
    mine.clear();
}

bool WaitingRoom::HasChanges() const { return !state_->changes.empty(); }

QueueSnapshot WaitingRoom::Snapshot() const {
    const State& s = *state_;
    QueueSnapshot snapshot;
    snapshot.room = s.RoomRecord();
    snapshot.entries.reserve(s.entries.size());
    for (std::uint32_t e = 0; e < s.entries.size(); ++e)
        snapshot.entries.push_back(s.EntryRecord(e));
    s.challenges.ForEach([&](std::uint64_t challenge, TimePoint expires_at) {
        snapshot.challenges.push_back({s.event_id, challenge, expires_at});
    });
    std::sort(snapshot.challenges.begin(), snapshot.challenges.end(),
              [](const auto& a, const auto& b) { return a.challenge < b.challenge; });
    return snapshot;
}

WaitingRoom WaitingRoom::Restore(const QueueSnapshot& snapshot) {
    const QueueRoomRecord& room = snapshot.room;
    TIX_ASSERT(room.event_id && !ValidateQueueConfig(room.config).has_value(),
               "a corrupt queue room record");
    auto state = std::make_unique<State>();
    State& s = *state;
    s.event_id = room.event_id;
    s.config = room.config;
    s.seed_sha256 = SeedCommitment(room.config.seed);
    // Entries as they were, the pre-queue as draw candidates again (keys from the seed).
    std::vector<std::uint32_t> admitted;  // entries with an admission, ended or not
    for (const QueueEntryRecord& record : snapshot.entries) {
        const auto entry = static_cast<std::uint32_t>(s.entries.size());
        TIX_ASSERT(record.event_id == s.event_id && record.entry_id == State::IdOf(entry),
                   "queue entries must be the room's, ascending from 1 without gaps");
        TIX_ASSERT(record.user_id && !s.Find(record.user_id), "a queue entry without its own user");
        TIX_ASSERT(record.in_draw || room.drawn, "an entry behind a draw that did not happen");
        s.entries.push_back(
            {record.user_id, record.joined_at, kNoIndex, kNoIndex, record.status, record.in_draw});
        s.users.Insert(State::UserWord(record.user_id, entry));
        if (record.status == EntryStatus::kWaiting) ++s.waiting;
        if (record.status == EntryStatus::kAdmitted) ++s.active;
        // Removed entries may or may not have been admitted first; the others say by status.
        TIX_ASSERT(record.status == EntryStatus::kRemoved ||
                       record.admission.has_value() == (record.status != EntryStatus::kWaiting),
                   "a queue entry's admission disagrees with its status");
        if (record.admission) admitted.push_back(entry);
        if (record.in_draw) {
            s.candidates.push_back({DrawKey(s.config.seed, record.entry_id), record.entry_id});
        }
    }
    // The line: the draw, then later joins in join order.
    if (room.drawn) {
        s.Draw();
        for (std::uint32_t e = 0; e < s.entries.size(); ++e) {
            if (!s.entries[e].in_draw) s.AppendToLine(e);
        }
        s.AdvanceHead();
    }
    // Admissions in time order, so the pacer counts its window as it did.
    std::stable_sort(admitted.begin(), admitted.end(), [&](std::uint32_t a, std::uint32_t b) {
        return snapshot.entries[a].admission->admitted_at <
               snapshot.entries[b].admission->admitted_at;
    });
    for (const std::uint32_t entry : admitted) {
        const QueueAdmission& times = *snapshot.entries[entry].admission;
        s.entries[entry].admission = static_cast<std::uint32_t>(s.admissions.size());
        s.admissions.push_back({times, entry});
        s.pacer.RestoreAdmission(times.admitted_at);
        if (s.entries[entry].status == EntryStatus::kAdmitted) {
            s.PushExpiry({times.expires_at, entry});
        }
    }
    s.pacer.RestoreNextAt(room.next_admission_at);
    for (const QueueChallengeRecord& record : snapshot.challenges) {
        TIX_ASSERT(record.event_id == s.event_id, "a challenge of another room");
        s.challenges.Restore(record.challenge, record.expires_at);
    }
    if constexpr (kCheckQueueInvariants) s.CheckAll();
    return WaitingRoom(std::move(state));
}

}  // namespace tix::engine
