// WaitingRoom's reads: a user's status, the room's stats, its next deadline, the draw, memory.
#include <algorithm>
#include <cmath>

#include "engine/queue_poll.h"
#include "engine/tix_assert.h"
#include "engine/waiting_room.h"
#include "engine/waiting_room_state.h"

namespace tix::engine {
namespace {

// position admissions at `per_minute`, in whole seconds rounded up.
std::chrono::seconds WaitFor(std::uint64_t position, double per_minute) {
    return std::chrono::seconds(
        static_cast<std::int64_t>(std::ceil(static_cast<double>(position) * 60.0 / per_minute)));
}

}  // namespace

QueueView WaitingRoom::Status(UserId user_id, TimePoint now) const {
    const State& s = *state_;
    QueueView view;
    view.poll_after = kPollMax;  // nothing will change soon, unless said otherwise below
    const std::optional<std::uint32_t> entry = s.Find(user_id);
    if (!entry) return view;
    const QueueEntry& e = s.entries[*entry];
    view.entry_id = State::IdOf(*entry);
    if (e.in_draw && s.drawn) view.draw_rank = e.slot + std::uint64_t{1};
    const QueueAdmission* admission = s.AdmissionOf(e);
    if (admission != nullptr) view.admission_expires_at = admission->expires_at;
    if (e.status == EntryStatus::kWaiting) {
        s.DescribeWaiting(e, now, view);
    } else if (e.status == EntryStatus::kAdmitted && now < admission->expires_at) {
        view.status = QueueStatus::kAdmitted;
        view.poll_after = std::clamp(
            std::chrono::duration_cast<std::chrono::milliseconds>(admission->expires_at - now),
            kPollMin, kPollMax);
    } else {
        // An admission that lapsed before any Pump expired it has ended all the same.
        view.status = e.status == EntryStatus::kPaid      ? QueueStatus::kPaid
                      : e.status == EntryStatus::kRemoved ? QueueStatus::kRemoved
                                                          : QueueStatus::kExpired;
    }
    return view;
}

void WaitingRoom::State::DescribeWaiting(const QueueEntry& entry, TimePoint now,
                                         QueueView& view) const {
    if (SoldOut()) {
        view.status = QueueStatus::kSoldOut;
        return;
    }
    view.status = QueueStatus::kWaiting;
    if (entry.slot == kNoIndex) {  // the pre-queue, before the draw
        view.poll_after =
            PollAfterPreQueue(now, config.sale_starts_at, config.admission, view.entry_id);
        return;
    }
    const std::uint64_t position = waiting_slots.Prefix(entry.slot + std::size_t{1});
    view.position = position;
    view.ahead = position - 1;
    if (const std::optional<double> per_minute = pacer.MeasuredPerMinute(now)) {
        view.estimated_wait = WaitFor(position, *per_minute);
    }
    view.poll_after = PollAfterWaiting(position, config.admit_per_minute);
}

bool WaitingRoom::IsAdmitted(UserId user_id, TimePoint now) const {
    const State& s = *state_;
    const std::optional<std::uint32_t> entry = s.Find(user_id);
    if (!entry) return false;
    const QueueEntry& e = s.entries[*entry];
    return e.status == EntryStatus::kAdmitted && now < s.AdmissionOf(e)->expires_at;
}

QueueStats WaitingRoom::Stats(TimePoint now) const {
    const State& s = *state_;
    QueueStats stats;
    stats.waiting = s.waiting;
    stats.admitted_active = s.active;
    stats.admitted_total = s.admissions.size();
    stats.admitted_last_minute = s.pacer.AdmittedInWindow(now);
    stats.paused = s.config.paused;
    stats.drawn = s.drawn;
    stats.draw_size = s.draw_size;
    stats.seed_sha256 = s.seed_sha256;
    // From sale start the pre-queue is closed (a join then draws first), so the seed can tell
    // nobody anything they could still use.
    if (s.drawn || now >= s.config.sale_starts_at) stats.seed = s.config.seed;
    return stats;
}

std::optional<TimePoint> WaitingRoom::NextDeadline() const {
    const State& s = *state_;
    std::optional<TimePoint> next;
    const auto consider = [&](TimePoint t) {
        if (!next || t < *next) next = t;
    };
    if (!s.drawn) consider(s.config.sale_starts_at);
    if (!s.expiries.empty()) consider(s.expiries.front().expires_at);  // the top is current
    // Admissions blocked by pause, active_max or availability wait for a call that changes
    // those; only the pacer's wait has a deadline.
    if (s.HasRoomToAdmit()) consider(s.pacer.NextAdmissionAt(s.config.admit_per_minute));
    return next;
}

std::uint64_t WaitingRoom::DrawSize() const { return state_->draw_size; }

QueueEntryId WaitingRoom::DrawnAt(std::uint64_t rank) const {
    TIX_ASSERT(rank >= 1 && rank <= state_->draw_size, "no such rank in the draw");
    return State::IdOf(state_->order[rank - 1]);
}

EventId WaitingRoom::event_id() const { return state_->event_id; }
const QueueConfig& WaitingRoom::config() const { return state_->config; }

std::size_t WaitingRoom::bytes() const {
    const State& s = *state_;
    return sizeof(State) + s.entries.bytes() + s.users.bytes() +
           s.candidates.capacity() * sizeof(DrawCandidate) +
           s.order.capacity() * sizeof(std::uint32_t) + s.waiting_slots.bytes() +
           s.admissions.bytes() + s.expiries.capacity() * sizeof(ExpiryItem) + s.pacer.bytes() +
           s.challenges.bytes();
}

}  // namespace tix::engine
