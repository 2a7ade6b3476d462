// What a waiting room journals, as plain serializable values: the room (config with its seed,
// whether the draw happened, the pacer's schedule), a snapshot of each entry after each change,
// and each challenge used. WaitingRoom records them as it changes (DrainChanges), and rebuilds
// itself exactly from the latest of each (WaitingRoom::Restore). The draw is not journaled: it
// is recomputed from the seed and the entries. Any thread may hold or copy these.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "engine/admission_pacer.h"
#include "engine/queue_config.h"
#include "engine/queue_types.h"

namespace tix::engine {

// An entry's own state (the view a user gets, QueueStatus, adds sold_out and not_joined).
enum class EntryStatus : std::uint8_t {
    kWaiting,   // in line: in the pre-queue until the draw, then at a position
    kAdmitted,  // may shop until its admission expires
    kExpired,   // the admission lapsed
    kPaid,      // the user's order was paid while admitted: the admission ended early
    kRemoved,   // the account was banned; the entry keeps its place in the draw, unused
};

// The room after a change of its config, its draw or its pacing.
struct QueueRoomRecord {
    EventId event_id{};
    QueueConfig config;  // with the seed: the journal is private, the seed secret until sale start
    bool drawn = false;
    PaceTime next_admission_at{};  // AdmissionPacer::next_at

    bool operator==(const QueueRoomRecord&) const = default;
};

struct QueueAdmission {
    TimePoint admitted_at{};
    TimePoint expires_at{};

    bool operator==(const QueueAdmission&) const = default;
};

// An entry after a change. Later records of an entry supersede earlier ones.
struct QueueEntryRecord {
    EventId event_id{};
    QueueEntryId entry_id{};
    UserId user_id{};
    TimePoint joined_at{};
    EntryStatus status = EntryStatus::kWaiting;
    bool in_draw = false;  // joined before the draw, so ranked by it (queue_draw.h)
    // Set once admitted, kept when the admission ends (expired, paid, or removed after it).
    std::optional<QueueAdmission> admission;

    bool operator==(const QueueEntryRecord&) const = default;
};

// A challenge used by a join: refused again until `expires_at`.
struct QueueChallengeRecord {
    EventId event_id{};
    std::uint64_t challenge = 0;
    TimePoint expires_at{};

    bool operator==(const QueueChallengeRecord&) const = default;
};

// Every change since the last drain, in the order made, per kind.
struct QueueChanges {
    std::vector<QueueRoomRecord> rooms;
    std::vector<QueueEntryRecord> entries;
    std::vector<QueueChallengeRecord> challenges;

    bool empty() const { return rooms.empty() && entries.empty() && challenges.empty(); }
    void clear() {
        rooms.clear();
        entries.clear();
        challenges.clear();
    }
};

// What rebuilds a room: its latest room record, the latest record of every entry (ascending
// entry id, 1 to n without gaps: every entry is journaled when it joins) and the challenges still
// remembered (any order; expired ones do no harm).
struct QueueSnapshot {
    QueueRoomRecord room;
    std::vector<QueueEntryRecord> entries;
    std::vector<QueueChallengeRecord> challenges;

    bool operator==(const QueueSnapshot&) const = default;
};

}  // namespace tix::engine
