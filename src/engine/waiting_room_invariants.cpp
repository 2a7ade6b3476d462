// WaitingRoom::State's invariant checks: after every mutating call in builds with
// TIX_CHECK_INVARIANTS (CheckTouched), and on demand (WaitingRoom::CheckInvariants -> CheckAll).
#include <algorithm>

#include "engine/tix_assert.h"
#include "engine/waiting_room.h"
#include "engine/waiting_room_state.h"

namespace tix::engine {
namespace {

bool HasAdmissionByStatus(EntryStatus status) {
    return status == EntryStatus::kAdmitted || status == EntryStatus::kExpired ||
           status == EntryStatus::kPaid;
}

}  // namespace

void WaitingRoom::State::CheckTouched(std::uint32_t entry) const {
    TIX_ASSERT(entry < entries.size(), "an entry out of range");
    const QueueEntry& e = entries[entry];
    TIX_ASSERT(Find(e.user_id) == entry, "an entry its user does not find");
    TIX_ASSERT(e.in_draw || drawn, "a later join before the draw");
    if (e.slot != kNoIndex) {
        TIX_ASSERT(e.slot < order.size() && order[e.slot] == entry, "an entry not in its slot");
        const std::uint64_t value =
            waiting_slots.Prefix(e.slot + std::size_t{1}) - waiting_slots.Prefix(e.slot);
        TIX_ASSERT(value == (e.status == EntryStatus::kWaiting ? 1u : 0u),
                   "the line counts an entry that does not wait, or misses one that does");
    } else {
        TIX_ASSERT(!drawn, "an entry without a place in the line after the draw");
    }
    if (HasAdmissionByStatus(e.status)) {
        TIX_ASSERT(e.admission < admissions.size() && admissions[e.admission].entry == entry,
                   "an admitted entry without its admission");
    } else if (e.status == EntryStatus::kWaiting) {
        TIX_ASSERT(e.admission == kNoIndex, "a waiting entry with an admission");
    }
    TIX_ASSERT(waiting + active <= entries.size(), "more waiting and active than entries");
    TIX_ASSERT(active <= expiries.size(), "an admission without a deadline");
    TIX_ASSERT(expiries.empty() || entries[expiries.front().entry].status == EntryStatus::kAdmitted,
               "the earliest deadline is stale");
}

void WaitingRoom::State::CheckAll() const {
    TIX_ASSERT(users.size() == entries.size(), "users and entries disagree");
    std::uint64_t waiting_count = 0;
    std::uint64_t active_count = 0;
    std::uint64_t in_draw = 0;
    for (std::uint32_t e = 0; e < entries.size(); ++e) {
        CheckTouched(e);
        waiting_count += entries[e].status == EntryStatus::kWaiting;
        active_count += entries[e].status == EntryStatus::kAdmitted;
        in_draw += entries[e].in_draw;
    }
    TIX_ASSERT(waiting_count == waiting && active_count == active, "waiting or active miscounted");
    if (drawn) {
        TIX_ASSERT(candidates.empty() && order.size() == entries.size() && draw_size == in_draw,
                   "the line does not hold every entry after the draw");
        TIX_ASSERT(
            waiting_slots.size() == order.size() && waiting_slots.Prefix(order.size()) == waiting,
            "the line's count is not the waiting count");
        for (std::size_t slot = 0; slot < order.size(); ++slot) {
            const QueueEntry& e = entries[order[slot]];
            TIX_ASSERT(e.in_draw == (slot < draw_size), "the draw and later joins mixed up");
            TIX_ASSERT(slot >= head || e.status != EntryStatus::kWaiting, "waiting before head");
            if (slot == 0 || slot == draw_size) continue;
            const std::uint32_t previous = order[slot - 1];
            if (slot < draw_size) {
                const std::uint64_t a = DrawKey(config.seed, IdOf(previous));
                const std::uint64_t b = DrawKey(config.seed, IdOf(order[slot]));
                TIX_ASSERT(a < b || (a == b && previous < order[slot]), "the draw is out of order");
            } else {
                TIX_ASSERT(previous < order[slot], "later joins out of join order");
            }
        }
    } else {
        TIX_ASSERT(order.empty() && candidates.size() == entries.size() && head == 0,
                   "a line before the draw");
    }
    std::uint64_t current = 0;
    for (const ExpiryItem& item : expiries) {
        const QueueEntry& e = entries[item.entry];
        if (e.status != EntryStatus::kAdmitted) continue;
        TIX_ASSERT(AdmissionOf(e)->expires_at == item.expires_at, "a deadline not the admission's");
        ++current;
    }
    TIX_ASSERT(current == active, "an admission without its deadline, or with two");
    for (std::uint32_t a = 0; a < admissions.size(); ++a) {
        TIX_ASSERT(entries[admissions[a].entry].admission == a, "an admission of another entry");
    }
    pacer.CheckInvariants();
}

void WaitingRoom::CheckInvariants() const { state_->CheckAll(); }

}  // namespace tix::engine
