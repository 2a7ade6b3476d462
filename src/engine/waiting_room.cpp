// WaitingRoom's operations: joins, the draw, admissions and their ends, live reconfiguration.
#include "engine/waiting_room.h"

#include <algorithm>
#include <utility>

#include "engine/flat_table.h"  // MixHash
#include "engine/tix_assert.h"
#include "engine/waiting_room_state.h"

namespace tix::engine {
namespace {

// std heap algorithms build a max-heap; ordering by "later" puts the earliest on top. Ties by
// entry, so the order does not depend on the order of admission (a restored room has another).
bool Later(const ExpiryItem& a, const ExpiryItem& b) {
    return a.expires_at != b.expires_at ? a.expires_at > b.expires_at : a.entry > b.entry;
}

}  // namespace

WaitingRoom::WaitingRoom(EventId event_id, const QueueConfig& config)
    : state_(std::make_unique<State>()) {
    TIX_ASSERT(!ValidateQueueConfig(config).has_value(), "an invalid queue config");
    TIX_ASSERT(event_id, "a waiting room needs an event");
    state_->event_id = event_id;
    state_->config = config;
    state_->seed_sha256 = SeedCommitment(config.seed);
    state_->RecordRoom();
}

WaitingRoom::WaitingRoom(std::unique_ptr<State> state) : state_(std::move(state)) {}
WaitingRoom::~WaitingRoom() = default;
WaitingRoom::WaitingRoom(WaitingRoom&&) noexcept = default;
WaitingRoom& WaitingRoom::operator=(WaitingRoom&&) noexcept = default;

JoinResult WaitingRoom::Join(UserId user_id, std::uint64_t challenge,
                             TimePoint challenge_expires_at, TimePoint now) {
    TIX_ASSERT(user_id && challenge != 0, "a join without a user or a challenge");
    State& s = *state_;
    if (now < s.config.opens_at) return {JoinOutcome::kQueueNotOpen};
    if (const std::optional<std::uint32_t> entry = s.Find(user_id)) {
        const bool removed = s.entries[*entry].status == EntryStatus::kRemoved;
        return {removed ? JoinOutcome::kRemoved : JoinOutcome::kAlreadyJoined, State::IdOf(*entry)};
    }
    if (challenge_expires_at <= now || challenge_expires_at > now + kChallengeLifetimeMax) {
        return {JoinOutcome::kChallengeExpired};
    }
    if (s.entries.size() >= kQueueEntriesMax) return {JoinOutcome::kQueueFull};
    if (!s.challenges.Use(challenge, challenge_expires_at, now)) {
        return {JoinOutcome::kChallengeReused};
    }
    s.changes.challenges.push_back({s.event_id, challenge, challenge_expires_at});
    if (s.DrawIfDue(now)) s.RecordRoom();
    const std::uint32_t entry = s.AddEntry(user_id, now);
    s.RecordEntry(entry);
    if constexpr (kCheckQueueInvariants) s.CheckTouched(entry);
    return {JoinOutcome::kJoined, State::IdOf(entry)};
}

PumpResult WaitingRoom::Pump(TimePoint now, QueueAvailability availability) {
    State& s = *state_;
    PumpResult result;
    result.drew = s.DrawIfDue(now);
    result.expired = s.ExpireDue(now);
    s.availability = availability;
    while (s.HasRoomToAdmit() && s.pacer.MayAdmit(now, s.config.admit_per_minute)) {
        s.AdvanceHead();  // after the draw every waiting entry has a slot: one is found
        TIX_ASSERT(s.head < s.order.size(), "waiting entries but none in line");
        s.Admit(s.order[s.head], now);
        ++result.admitted;
    }
    if (result.drew || result.admitted > 0) s.RecordRoom();  // the pacer's schedule moved
    if constexpr (kCheckQueueInvariants) {
        const std::optional<TimePoint> next = NextDeadline();
        TIX_ASSERT(!next || *next > now, "Pump left work that is due");
        s.pacer.CheckInvariants();
    }
    return result;
}

PaidOutcome WaitingRoom::OnPaid(UserId user_id) {
    State& s = *state_;
    const std::optional<std::uint32_t> entry = s.Find(user_id);
    if (!entry) return PaidOutcome::kNotJoined;
    QueueEntry& e = s.entries[*entry];
    if (e.status != EntryStatus::kAdmitted) return PaidOutcome::kNotAdmitted;
    s.EndAdmission(e, EntryStatus::kPaid);
    s.RecordEntry(*entry);
    if constexpr (kCheckQueueInvariants) s.CheckTouched(*entry);
    return PaidOutcome::kEnded;
}

RemoveOutcome WaitingRoom::Remove(UserId user_id) {
    State& s = *state_;
    const std::optional<std::uint32_t> entry = s.Find(user_id);
    if (!entry) return RemoveOutcome::kNotJoined;
    QueueEntry& e = s.entries[*entry];
    switch (e.status) {
        case EntryStatus::kRemoved:
            return RemoveOutcome::kAlreadyRemoved;
        case EntryStatus::kWaiting:
            s.LeaveLine(*entry);
            e.status = EntryStatus::kRemoved;
            break;
        case EntryStatus::kAdmitted:
            s.EndAdmission(e, EntryStatus::kRemoved);
            break;
        case EntryStatus::kExpired:
        case EntryStatus::kPaid:
            e.status = EntryStatus::kRemoved;
            break;
    }
    s.RecordEntry(*entry);
    if constexpr (kCheckQueueInvariants) s.CheckTouched(*entry);
    return RemoveOutcome::kRemoved;
}

ReconfigureOutcome WaitingRoom::Reconfigure(const QueueConfig& config, TimePoint now) {
    TIX_ASSERT(!ValidateQueueConfig(config).has_value(), "an invalid queue config");
    State& s = *state_;
    const QueueConfig& old = s.config;
    const bool schedule_changes = config.opens_at != old.opens_at ||
                                  config.sale_starts_at != old.sale_starts_at ||
                                  config.seed != old.seed;
    if (schedule_changes && (now >= old.opens_at || s.entries.size() > 0 || s.drawn)) {
        return ReconfigureOutcome::kScheduleFixed;
    }
    if (config == old) return ReconfigureOutcome::kOk;
    if (old.paused && !config.paused) s.pacer.StartAt(now);
    s.config = config;
    s.seed_sha256 = SeedCommitment(config.seed);
    s.RecordRoom();
    return ReconfigureOutcome::kOk;
}

// ---- Steps ----

std::uint32_t WaitingRoom::State::UserHigh(UserId user_id) {
    return static_cast<std::uint32_t>(MixHash(user_id.value()) >> 32);
}

std::optional<std::uint32_t> WaitingRoom::State::Find(UserId user_id) const {
    const auto entry_of = [](std::uint64_t word) {
        return static_cast<std::uint32_t>(word & 0xffff'ffff) - 1;
    };
    const std::uint64_t word = users.Find(UserHigh(user_id), [&](std::uint64_t w) {
        return entries[entry_of(w)].user_id == user_id;
    });
    if (word == 0) return std::nullopt;
    return entry_of(word);
}

std::uint32_t WaitingRoom::State::AddEntry(UserId user_id, TimePoint now) {
    const auto entry = static_cast<std::uint32_t>(entries.size());
    entries.push_back({user_id, now, kNoIndex, kNoIndex, EntryStatus::kWaiting, !drawn});
    users.Insert(UserWord(user_id, entry));
    ++waiting;
    if (drawn) {
        AppendToLine(entry);
    } else {
        candidates.push_back({DrawKey(config.seed, IdOf(entry)), IdOf(entry)});
    }
    return entry;
}

bool WaitingRoom::State::DrawIfDue(TimePoint now) {
    if (drawn || now < config.sale_starts_at) return false;
    Draw();
    pacer.StartAt(now);  // the first admission is due at once, not a catch-up burst
    return true;
}

void WaitingRoom::State::Draw() {
    TIX_ASSERT(!drawn && order.empty(), "a second draw");
    SortDraw(candidates);
    order.reserve(candidates.size());
    for (const DrawCandidate& candidate : candidates) {
        const auto entry = static_cast<std::uint32_t>(candidate.entry.value() - 1);
        entries[entry].slot = static_cast<std::uint32_t>(order.size());
        order.push_back(entry);
    }
    std::vector<DrawCandidate>().swap(candidates);  // 16 bytes an entry, not needed again
    draw_size = order.size();
    waiting_slots.Build(order.size(), [&](std::size_t slot) {
        return entries[order[slot]].status == EntryStatus::kWaiting ? 1 : 0;
    });
    drawn = true;
    head = 0;
}

void WaitingRoom::State::AppendToLine(std::uint32_t entry) {
    entries[entry].slot = static_cast<std::uint32_t>(order.size());
    order.push_back(entry);
    waiting_slots.PushBack(entries[entry].status == EntryStatus::kWaiting ? 1 : 0);
}

void WaitingRoom::State::LeaveLine(std::uint32_t entry) {
    QueueEntry& e = entries[entry];
    TIX_ASSERT(e.status == EntryStatus::kWaiting && waiting > 0, "leaving a line it is not in");
    --waiting;
    if (e.slot != kNoIndex) waiting_slots.Add(e.slot, -1);  // pre-queue entries have no slot yet
}

void WaitingRoom::State::AdvanceHead() {
    while (head < order.size() && entries[order[head]].status != EntryStatus::kWaiting) ++head;
}

void WaitingRoom::State::Admit(std::uint32_t entry, TimePoint now) {
    LeaveLine(entry);
    QueueEntry& e = entries[entry];
    e.status = EntryStatus::kAdmitted;
    e.admission = static_cast<std::uint32_t>(admissions.size());
    const QueueAdmission times{now, now + config.admission};
    admissions.push_back({times, entry});
    ++active;
    PushExpiry({times.expires_at, entry});
    pacer.Admit(now, config.admit_per_minute);
    RecordEntry(entry);
    if constexpr (kCheckQueueInvariants) CheckTouched(entry);
}

void WaitingRoom::State::EndAdmission(QueueEntry& entry, EntryStatus status) {
    TIX_ASSERT(entry.status == EntryStatus::kAdmitted && active > 0, "ending no admission");
    entry.status = status;
    --active;
    DropStaleExpiries();
}

std::uint64_t WaitingRoom::State::ExpireDue(TimePoint now) {
    std::uint64_t expired = 0;
    while (!expiries.empty() && expiries.front().expires_at <= now) {
        const std::uint32_t entry = expiries.front().entry;
        PopExpiry();  // the top is always current (DropStaleExpiries)
        EndAdmission(entries[entry], EntryStatus::kExpired);
        RecordEntry(entry);
        ++expired;
    }
    return expired;
}

void WaitingRoom::State::DropStaleExpiries() {
    while (!expiries.empty() && entries[expiries.front().entry].status != EntryStatus::kAdmitted) {
        PopExpiry();
    }
}

void WaitingRoom::State::PushExpiry(ExpiryItem item) {
    expiries.push_back(item);
    std::push_heap(expiries.begin(), expiries.end(), Later);
}

void WaitingRoom::State::PopExpiry() {
    std::pop_heap(expiries.begin(), expiries.end(), Later);
    expiries.pop_back();
}

}  // namespace tix::engine
