// A reference model of the waiting room's rules for the simulation
// (waiting_room_simulation_test.cpp), written from waiting_room.h as plainly as possible and
// independently of WaitingRoom's data structures: a vector of entries, linear scans, the draw key
// from the caller (the simulation computes it with libsodium directly). It does not model the
// pacer's exact schedule (its unit tests do); the simulation checks the ceiling and takes the count
// of admissions from the room.
#pragma once

#include <algorithm>
#include <cstdint>
#include <map>
#include <optional>
#include <tuple>
#include <vector>

#include "engine/waiting_room.h"

namespace tix::engine::test {

struct ModelEntry {
    UserId user_id{};
    TimePoint joined_at{};
    EntryStatus status = EntryStatus::kWaiting;
    bool in_draw = false;
    std::uint64_t key = 0;  // the draw key, for in_draw entries
    std::optional<QueueAdmission> admission;
};

class QueueModel {
  public:
    // The draw key of an entry id under a seed, as queue_draw.h defines it.
    using DrawKeyOf = std::uint64_t (*)(const QueueSeed& seed, std::uint64_t entry_id);

    QueueModel(const QueueConfig& config, DrawKeyOf draw_key)
        : config_(config), draw_key_(draw_key) {}

    const QueueConfig& config() const { return config_; }
    void set_config(const QueueConfig& config) { config_ = config; }
    bool drawn() const { return drawn_; }
    const std::vector<ModelEntry>& entries() const { return entries_; }
    std::optional<QueueAvailability> availability() const { return availability_; }

    std::optional<std::size_t> Find(UserId user_id) const {
        auto it = by_user_.find(user_id);
        if (it == by_user_.end()) return std::nullopt;
        return it->second;
    }

    JoinOutcome Join(UserId user_id, std::uint64_t challenge, TimePoint expires_at, TimePoint now) {
        if (now < config_.opens_at) return JoinOutcome::kQueueNotOpen;
        if (auto entry = Find(user_id)) {
            return entries_[*entry].status == EntryStatus::kRemoved ? JoinOutcome::kRemoved
                                                                    : JoinOutcome::kAlreadyJoined;
        }
        if (expires_at <= now || expires_at > now + kChallengeLifetimeMax) {
            return JoinOutcome::kChallengeExpired;
        }
        // A challenge comes with one expiry; one that has not expired and was used is reused.
        if (challenges_.contains(challenge)) return JoinOutcome::kChallengeReused;
        challenges_[challenge] = expires_at;
        if (!drawn_ && now >= config_.sale_starts_at) drawn_ = true;
        ModelEntry entry{user_id, now, EntryStatus::kWaiting, !drawn_, 0, std::nullopt};
        if (entry.in_draw) entry.key = draw_key_(config_.seed, entries_.size() + 1);
        by_user_[user_id] = entries_.size();
        entries_.push_back(entry);
        return JoinOutcome::kJoined;
    }

    // The start of a Pump: the draw if due, then the expiries. Returns how many expired.
    std::uint64_t StartPump(TimePoint now, QueueAvailability availability) {
        if (!drawn_ && now >= config_.sale_starts_at) drawn_ = true;
        std::uint64_t expired = 0;
        for (ModelEntry& entry : entries_) {
            if (entry.status == EntryStatus::kAdmitted && entry.admission->expires_at <= now) {
                entry.status = EntryStatus::kExpired;
                ++expired;
            }
        }
        availability_ = availability;
        return expired;
    }

    void Admit(std::size_t entry, TimePoint now) {
        entries_[entry].status = EntryStatus::kAdmitted;
        entries_[entry].admission = QueueAdmission{now, now + config_.admission};
    }

    PaidOutcome OnPaid(UserId user_id) {
        const std::optional<std::size_t> entry = Find(user_id);
        if (!entry) return PaidOutcome::kNotJoined;
        if (entries_[*entry].status != EntryStatus::kAdmitted) return PaidOutcome::kNotAdmitted;
        entries_[*entry].status = EntryStatus::kPaid;
        return PaidOutcome::kEnded;
    }

    RemoveOutcome Remove(UserId user_id) {
        const std::optional<std::size_t> entry = Find(user_id);
        if (!entry) return RemoveOutcome::kNotJoined;
        if (entries_[*entry].status == EntryStatus::kRemoved) return RemoveOutcome::kAlreadyRemoved;
        entries_[*entry].status = EntryStatus::kRemoved;
        return RemoveOutcome::kRemoved;
    }

    // Waiting entries in line order: the draw (by key, then id), then later joins by id.
    std::vector<std::size_t> Line() const {
        std::vector<std::size_t> line;
        for (std::size_t e = 0; e < entries_.size(); ++e) {
            if (entries_[e].status == EntryStatus::kWaiting) line.push_back(e);
        }
        std::sort(line.begin(), line.end(),
                  [&](std::size_t a, std::size_t b) { return LineKey(a) < LineKey(b); });
        return line;
    }

    std::uint64_t Active() const {
        return std::count_if(entries_.begin(), entries_.end(), [](const ModelEntry& e) {
            return e.status == EntryStatus::kAdmitted;
        });
    }
    std::uint64_t Waiting() const {
        return std::count_if(entries_.begin(), entries_.end(),
                             [](const ModelEntry& e) { return e.status == EntryStatus::kWaiting; });
    }

    // What Status should say of the entry (poll_after and the estimate are not modelled).
    QueueView View(std::size_t entry, TimePoint now) const {
        const ModelEntry& e = entries_[entry];
        QueueView view;
        view.entry_id = QueueEntryId{entry + 1};
        if (e.admission) view.admission_expires_at = e.admission->expires_at;
        if (drawn_ && e.in_draw) view.draw_rank = DrawRank(entry);
        switch (e.status) {
            case EntryStatus::kWaiting:
                if (availability_ && availability_->available == 0 && availability_->held == 0) {
                    view.status = QueueStatus::kSoldOut;
                    return view;
                }
                view.status = QueueStatus::kWaiting;
                if (drawn_) {
                    const std::vector<std::size_t> line = Line();
                    view.position = std::find(line.begin(), line.end(), entry) - line.begin() + 1;
                    view.ahead = *view.position - 1;
                }
                return view;
            case EntryStatus::kAdmitted:
                view.status =
                    now < e.admission->expires_at ? QueueStatus::kAdmitted : QueueStatus::kExpired;
                return view;
            case EntryStatus::kExpired:
                view.status = QueueStatus::kExpired;
                return view;
            case EntryStatus::kPaid:
                view.status = QueueStatus::kPaid;
                return view;
            case EntryStatus::kRemoved:
                view.status = QueueStatus::kRemoved;
                return view;
        }
        return view;
    }

  private:
    std::tuple<bool, std::uint64_t, std::size_t> LineKey(std::size_t e) const {
        return {!entries_[e].in_draw, entries_[e].key, e};
    }

    std::uint64_t DrawRank(std::size_t entry) const {
        std::uint64_t rank = 1;
        for (std::size_t e = 0; e < entries_.size(); ++e) {
            if (entries_[e].in_draw && LineKey(e) < LineKey(entry)) ++rank;
        }
        return rank;
    }

    QueueConfig config_;
    DrawKeyOf draw_key_;
    bool drawn_ = false;
    std::vector<ModelEntry> entries_;
    std::map<UserId, std::size_t> by_user_;
    std::map<std::uint64_t, TimePoint> challenges_;
    std::optional<QueueAvailability> availability_;
};

}  // namespace tix::engine::test
