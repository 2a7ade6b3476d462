// Helpers shared by the waiting room's tests: a valid config, times around a sale, joins with
// fresh challenges, and a journal that folds drained changes the way a durable one would.
#pragma once

#include <cstdint>
#include <map>
#include <ostream>

#include "engine/queue_config.h"
#include "engine/queue_records.h"
#include "engine/waiting_room.h"

namespace tix::engine {

// Readable outcomes in failure messages (found by GoogleTest through ADL).
inline void PrintTo(JoinOutcome outcome, std::ostream* os) { *os << ToString(outcome); }
inline void PrintTo(QueueStatus status, std::ostream* os) { *os << ToString(status); }
inline void PrintTo(EntryStatus status, std::ostream* os) { *os << ToString(status); }

}  // namespace tix::engine

namespace tix::engine::test {

// 2027-01-15T08:00:00Z: the sale starts; the room opens an hour before.
inline constexpr TimePoint kSaleStart = TimePoint{std::chrono::milliseconds{1'800'000'000'000}};
inline constexpr TimePoint kOpens = kSaleStart - std::chrono::hours(1);
inline constexpr QueueAvailability kPlenty{1'000'000, 0};

inline QueueSeed SeedOf(std::uint8_t first, std::uint64_t n = 0) {
    QueueSeed seed{};
    seed[0] = first;
    for (int i = 0; i < 8; ++i) seed[31 - i] = static_cast<std::uint8_t>(n >> (8 * i));
    return seed;
}

inline QueueConfig TestConfig() {
    QueueConfig config;
    config.opens_at = kOpens;
    config.sale_starts_at = kSaleStart;
    config.admit_per_minute = 60;
    config.active_max = 100;
    config.admission = std::chrono::seconds(300);
    config.pow_bits = 0;
    config.seed = SeedOf(0x5e);
    return config;
}

// Joins with a challenge never used before, valid for a minute.
inline JoinResult JoinFresh(WaitingRoom& room, UserId user, TimePoint now) {
    static std::uint64_t next_challenge = 1'000'000;
    return room.Join(user, ++next_challenge, now + std::chrono::minutes(1), now);
}

// What a journal keeps of drained changes: the latest room record, the latest record of each
// entry, each challenge with its latest expiry.
class FoldedJournal {
  public:
    void Append(const QueueChanges& changes) {
        for (const QueueRoomRecord& room : changes.rooms) room_ = room;
        for (const QueueEntryRecord& entry : changes.entries) entries_[entry.entry_id] = entry;
        for (const QueueChallengeRecord& c : changes.challenges) challenges_[c.challenge] = c;
    }
    void Drain(WaitingRoom& room) {
        QueueChanges changes;
        room.DrainChanges(changes);
        Append(changes);
    }
    QueueSnapshot Snapshot() const {
        QueueSnapshot snapshot{room_, {}, {}};
        for (const auto& [id, entry] : entries_) snapshot.entries.push_back(entry);
        for (const auto& [id, c] : challenges_) snapshot.challenges.push_back(c);
        return snapshot;
    }

  private:
    QueueRoomRecord room_;
    std::map<QueueEntryId, QueueEntryRecord> entries_;
    std::map<std::uint64_t, QueueChallengeRecord> challenges_;
};

// A room's snapshot without the challenges it may forget by `now` (rooms drop them at different
// times; ChallengeLedger), for comparing two rooms.
inline QueueSnapshot Comparable(QueueSnapshot snapshot, TimePoint now) {
    std::erase_if(snapshot.challenges, [&](const auto& c) { return c.expires_at <= now; });
    return snapshot;
}

}  // namespace tix::engine::test
