// WaitingRoom::State: everything a WaitingRoom owns, and the steps its operations share.
// Internal: waiting_room.cpp runs the operations, waiting_room_reads.cpp answers reads,
// waiting_room_restore.cpp records and restores, waiting_room_invariants.cpp checks. Single-
// threaded.
//
// The line is `order`: one slot per entry with a place, the draw's ranks first, then later joins
// in join order. `waiting_slots` holds 1 for each slot whose entry still waits, so a position is
// a prefix sum. `head` is the first slot that may still wait. Entries are indexed from 0 (their
// id minus one).
#pragma once

#include <cstdint>
#include <limits>
#include <optional>
#include <vector>

#include "engine/admission_pacer.h"
#include "engine/challenge_ledger.h"
#include "engine/chunked_vector.h"
#include "engine/fenwick_tree.h"
#include "engine/queue_draw.h"
#include "engine/waiting_room.h"
#include "engine/word_table.h"

namespace tix::engine {

#ifdef TIX_CHECK_INVARIANTS
inline constexpr bool kCheckQueueInvariants = true;
#else
inline constexpr bool kCheckQueueInvariants = false;
#endif

inline constexpr std::uint32_t kNoIndex = std::numeric_limits<std::uint32_t>::max();

// 32 bytes per entry.
struct QueueEntry {
    UserId user_id{};
    TimePoint joined_at{};
    std::uint32_t slot = kNoIndex;       // in `order`, once it has a place in the line
    std::uint32_t admission = kNoIndex;  // in `admissions`, once admitted
    EntryStatus status = EntryStatus::kWaiting;
    bool in_draw = false;
};

struct AdmissionSlot {
    QueueAdmission times;
    std::uint32_t entry = 0;
};

// An admission's deadline; stale once its entry is no longer admitted (paid, removed).
struct ExpiryItem {
    TimePoint expires_at{};
    std::uint32_t entry = 0;
};

struct WaitingRoom::State {
    EventId event_id{};
    QueueConfig config;
    Sha256Digest seed_sha256{};
    bool drawn = false;

    ChunkedVector<QueueEntry> entries;
    WordTable users;                        // UserWord: the entry of each user
    std::vector<DrawCandidate> candidates;  // the pre-queue, until the draw
    std::vector<std::uint32_t> order;       // entry index per slot
    std::uint64_t draw_size = 0;            // the first draw_size slots are the draw
    FenwickTree waiting_slots;
    std::size_t head = 0;
    std::uint64_t waiting = 0;
    std::uint64_t active = 0;  // admitted, not yet ended (lapsed ones end at the next Pump)
    ChunkedVector<AdmissionSlot> admissions;
    std::vector<ExpiryItem> expiries;  // a min-heap by (expires_at, entry)
    AdmissionPacer pacer;
    ChallengeLedger challenges;
    std::optional<QueueAvailability> availability;  // from the last Pump
    QueueChanges changes;                           // since the last DrainChanges

    // ---- Lookups ----
    // A user's word in `users`: the high half of MixHash(user id), then entry index + 1.
    static std::uint32_t UserHigh(UserId user_id);
    static std::uint64_t UserWord(UserId user_id, std::uint32_t entry) {
        return std::uint64_t{UserHigh(user_id)} << 32 | (entry + std::uint64_t{1});
    }
    std::optional<std::uint32_t> Find(UserId user_id) const;
    static QueueEntryId IdOf(std::uint32_t entry) { return QueueEntryId{entry + std::uint64_t{1}}; }
    const QueueAdmission* AdmissionOf(const QueueEntry& entry) const {
        return entry.admission == kNoIndex ? nullptr : &admissions[entry.admission].times;
    }
    bool SoldOut() const {
        return availability && availability->available == 0 && availability->held == 0;
    }
    // Status of a waiting entry: sold out, or its place in the line (none before the draw).
    void DescribeWaiting(const QueueEntry& entry, TimePoint now, QueueView& view) const;

    // ---- Steps (waiting_room.cpp) ----
    std::uint32_t AddEntry(UserId user_id, TimePoint now);
    // The draw, if sale start has come and it has not happened; the pacing starts then.
    bool DrawIfDue(TimePoint now);
    // Orders the pre-queue and gives it the first slots. REQUIRES: !drawn.
    void Draw();
    void AppendToLine(std::uint32_t entry);
    // The entry leaves `waiting` (admitted or removed) and its slot.
    void LeaveLine(std::uint32_t entry);
    void AdvanceHead();
    void Admit(std::uint32_t entry, TimePoint now);
    // Every rule of admission but the pacer's: drawn, not paused, someone waiting, room under
    // active_max and under the available seats.
    bool HasRoomToAdmit() const {
        return drawn && !config.paused && waiting > 0 && active < config.active_max &&
               availability && active < availability->available;
    }
    // Ends an admission that runs: kExpired, kPaid or kRemoved.
    void EndAdmission(QueueEntry& entry, EntryStatus status);
    std::uint64_t ExpireDue(TimePoint now);
    // Pops deadlines of admissions that ended otherwise, so the top is current.
    void DropStaleExpiries();
    void PushExpiry(ExpiryItem item);
    void PopExpiry();

    // ---- Recording (waiting_room_restore.cpp) ----
    QueueRoomRecord RoomRecord() const;
    QueueEntryRecord EntryRecord(std::uint32_t entry) const;
    void RecordRoom() { changes.rooms.push_back(RoomRecord()); }
    void RecordEntry(std::uint32_t entry) { changes.entries.push_back(EntryRecord(entry)); }

    // ---- Invariants (waiting_room_invariants.cpp) ----
    void CheckTouched(std::uint32_t entry) const;
    void CheckAll() const;
};

}  // namespace tix::engine
