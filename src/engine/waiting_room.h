// One event's virtual waiting room: who joined, the draw that orders the pre-queue, the line
// after it, and the paced outflow of admissions that let a user shop (issue 8).
//
// Pure and single-threaded, like Engine: no IO, no threads, no clock reads (every call that
// depends on time takes `now`), no randomness (the draw's seed comes in the config), so the same
// calls give the same room. One thread owns a WaitingRoom (the sequencer, beside the Engine);
// nothing here is thread-safe.
//
// The rules:
// - Join: one entry per account. Before opens_at nobody joins; from opens_at until sale start,
//   entries wait unranked in the pre-queue; at sale start the pre-queue is put in a uniformly
//   random, auditable order (the draw: queue_draw.h); later entries line up behind it in join
//   order. A join spends a challenge (usable once; the proof of work behind it is checked
//   outside: proof_of_work.h).
// - Pump (the sequencer's call at NextDeadline, or every turn): the draw when due, expiries, then
//   admissions in line order while all hold: not paused; fewer than active_max admissions run;
//   fewer run than seats are available; the pacer allows it (admission_pacer.h: spread evenly at
//   admit_per_minute, never more than admit_per_minute in any 60 s).
// - An admission ends exactly once: it expires (Pump, by deadline), the user's order is paid
//   (OnPaid), or the account is removed (Remove). Its place goes to the next in line.
// - Every change is recorded (DrainChanges) as queue_records.h values; Restore rebuilds the exact
//   room from them and records nothing.
//
// Cost: Join O(1) plus a SHA-256 in the pre-queue (the draw key); Status and Remove O(log n)
// (a Fenwick tree over the line); Pump O(log n) per admission or expiry, the draw O(n log n) once;
// memory, at a million waiting, 82 bytes a user before the draw (with its challenge) and 74
// after (bytes(); engine_bench BM_QueueMemoryPerUser).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string_view>

#include "engine/queue_config.h"
#include "engine/queue_records.h"
#include "engine/queue_types.h"

namespace tix::engine {

using limits::kChallengeLifetimeMax;
using limits::kQueueEntriesMax;

enum class JoinOutcome : std::uint8_t {
    kJoined,            // a new entry
    kAlreadyJoined,     // the user's entry, as it is (whatever its status but removed)
    kQueueNotOpen,      // now < opens_at
    kChallengeExpired,  // expires_at <= now, or later than now + kChallengeLifetimeMax
    kChallengeReused,   // the challenge was used by an earlier join
    kRemoved,           // the account was removed from this room
    kQueueFull,         // kQueueEntriesMax entries joined already
};

// What a user sees of the room.
enum class QueueStatus : std::uint8_t {
    kNotJoined,
    kWaiting,   // in line; position unknown in the pre-queue until the draw
    kAdmitted,  // may shop until admission_expires_at
    kExpired,   // the admission lapsed
    kPaid,      // the admission ended with a paid order
    kSoldOut,   // waiting, but the event has neither available nor held seats
    kRemoved,
};

enum class PaidOutcome : std::uint8_t { kEnded, kNotAdmitted, kNotJoined };
enum class RemoveOutcome : std::uint8_t { kRemoved, kAlreadyRemoved, kNotJoined };
enum class ReconfigureOutcome : std::uint8_t {
    kOk,
    // opens_at, sale_starts_at and the seed are fixed once the room has opened or has entries:
    // the seed's commitment is public, and joins have their draw keys.
    kScheduleFixed,
};

std::string_view ToString(JoinOutcome outcome);  // "joined", "queue_not_open", ...
std::string_view ToString(QueueStatus status);   // "waiting", "sold_out", ...
std::string_view ToString(EntryStatus status);

struct JoinResult {
    JoinOutcome outcome = JoinOutcome::kQueueNotOpen;
    QueueEntryId entry_id{};  // set for kJoined, kAlreadyJoined and kRemoved
};

// The event's seats, summed over its zones, as the Engine has them (Counts).
struct QueueAvailability {
    std::uint64_t available = 0;
    std::uint64_t held = 0;
};

struct PumpResult {
    bool drew = false;           // the draw happened in this call
    std::uint64_t expired = 0;   // admissions that lapsed
    std::uint64_t admitted = 0;  // entries admitted
};

struct QueueView {
    QueueStatus status = QueueStatus::kNotJoined;
    QueueEntryId entry_id{};
    std::optional<std::uint64_t> position;   // waiting: 1 = next; nullopt until the draw
    std::optional<std::uint64_t> ahead;      // position - 1
    std::optional<std::uint64_t> draw_rank;  // entries ranked by the draw: the published rank
    std::optional<TimePoint> admission_expires_at;  // admitted or expired
    // Waiting: position / measured outflow. nullopt without a position or without outflow in
    // the last minute.
    std::optional<std::chrono::seconds> estimated_wait;
    std::chrono::milliseconds poll_after{};  // queue_poll.h
};

struct QueueStats {
    std::uint64_t waiting = 0;
    std::uint64_t admitted_active = 0;
    std::uint64_t admitted_total = 0;
    std::uint64_t admitted_last_minute = 0;  // the measured outflow per minute
    bool paused = false;
    bool drawn = false;
    std::uint64_t draw_size = 0;
    Sha256Digest seed_sha256{};
    std::optional<QueueSeed> seed;  // from sale start on
};

class WaitingRoom {
  public:
    // A new room for the event; records its first room record.
    // REQUIRES: ValidateQueueConfig(config) is nullopt; event_id is non-zero.
    WaitingRoom(EventId event_id, const QueueConfig& config);
    // Recovery: the room as journaled (see QueueSnapshot). The draw is redone from the seed;
    // admissions keep their deadlines, even past ones (Pump expires them). Records nothing; call
    // Pump with the event's availability before serving Status (sold_out needs it).
    // REQUIRES: the snapshot came from a room's records. Aborts on a corrupt one.
    static WaitingRoom Restore(const QueueSnapshot& snapshot);
    ~WaitingRoom();
    WaitingRoom(WaitingRoom&&) noexcept;
    WaitingRoom& operator=(WaitingRoom&&) noexcept;

    // Checks in this order, the first that fails answers: not open; an entry of the user
    // (kRemoved or kAlreadyJoined: no challenge is spent, so a retried join finds its entry);
    // the challenge's expiry; room full; the challenge used before. A join at or after sale
    // start does the draw first, so it lines up behind the whole pre-queue.
    // REQUIRES: user_id and challenge are non-zero (0 is none).
    JoinResult Join(UserId user_id, std::uint64_t challenge, TimePoint challenge_expires_at,
                    TimePoint now);

    // The draw if now >= sale_starts_at; expires every admission with expires_at <= now (each
    // once, in deadline order); then admits in line order while the rules allow (see above).
    // `availability` is kept for the admissions that follow and for sold_out in Status.
    PumpResult Pump(TimePoint now, QueueAvailability availability);
    // When Pump next has work without any other call: the draw, an expiry, or the next admission
    // the pacer allows (if nothing else blocks one). After Pump(now) it is later than now.
    // OnPaid, Remove, Reconfigure and a change of availability may make work sooner: the
    // sequencer pumps after them (or every turn).
    std::optional<TimePoint> NextDeadline() const;

    // The user's order for the event was paid: an admission that runs ends (kPaid).
    PaidOutcome OnPaid(UserId user_id);
    // A banned account: its entry leaves the line (or its admission ends) for good.
    RemoveOutcome Remove(UserId user_id);
    // Live changes: rate, active_max, admission (for admissions from now on), pow_bits, paused.
    // Resuming restarts the pacing at `now` (no burst for the time paused).
    // REQUIRES: ValidateQueueConfig(config) is nullopt.
    ReconfigureOutcome Reconfigure(const QueueConfig& config, TimePoint now);

    // Reads.
    QueueView Status(UserId user_id, TimePoint now) const;
    // For POST /orders: an admission that runs at `now`.
    bool IsAdmitted(UserId user_id, TimePoint now) const;
    QueueStats Stats(TimePoint now) const;
    // The draw, for publishing: DrawSize() entries (0 before it), rank 1 first.
    std::uint64_t DrawSize() const;
    // REQUIRES: 1 <= rank <= DrawSize().
    QueueEntryId DrawnAt(std::uint64_t rank) const;
    EventId event_id() const;
    const QueueConfig& config() const;

    // What changed since the last drain, in order (see queue_records.h). The sequencer appends
    // them to the journal batch beside the Engine's.
    void DrainChanges(QueueChanges& changes);
    bool HasChanges() const;
    // The whole room as records (entries ascending, challenges by id): Restore(Snapshot()) is
    // this room.
    QueueSnapshot Snapshot() const;

    // Heap bytes held, by capacity (what is reserved, not what is used).
    std::size_t bytes() const;
    // Aborts with a message if any invariant is broken. O(n log n).
    void CheckInvariants() const;

  private:
    struct State;
    explicit WaitingRoom(std::unique_ptr<State> state);
    std::unique_ptr<State> state_;
};

}  // namespace tix::engine
