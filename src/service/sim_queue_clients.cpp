#include "service/sim_queue_clients.h"

#include <algorithm>

namespace tix::service {
namespace {

using namespace std::chrono_literals;
using engine::EntryStatus;
using engine::QueueStatus;

std::uint64_t Below(std::mt19937_64& rng, std::uint64_t n) { return n == 0 ? 0 : rng() % n; }

// How far along its life a user's entry is, as the user sees it: never back.
int Stage(QueueStatus status) {
    switch (status) {
        case QueueStatus::kNotJoined:
            return -1;
        case QueueStatus::kWaiting:
        case QueueStatus::kSoldOut:
            return 0;
        case QueueStatus::kAdmitted:
            return 1;
        case QueueStatus::kExpired:
        case QueueStatus::kPaid:
            return 2;
        case QueueStatus::kRemoved:
            return 3;
    }
    return -1;
}

// Whether the durable log has a record of the entry that shows as `view`.
bool Durable(const SimDurableLog& log, EventId event_id, UserId user_id,
             const engine::QueueView& view) {
    const auto holds = [&](std::initializer_list<EntryStatus> statuses, bool deadline) {
        return log.HoldsEntry(event_id, view.entry_id, user_id, statuses,
                              deadline ? view.admission_expires_at : std::nullopt);
    };
    switch (view.status) {
        case QueueStatus::kWaiting:
        case QueueStatus::kSoldOut:
            return holds({EntryStatus::kWaiting}, false);
        case QueueStatus::kAdmitted:
            return holds({EntryStatus::kAdmitted}, true);
        case QueueStatus::kExpired:  // lapsed, whether a pump has expired it yet or not
            return holds({EntryStatus::kAdmitted, EntryStatus::kExpired}, true);
        case QueueStatus::kPaid:
            return holds({EntryStatus::kPaid}, false);
        case QueueStatus::kRemoved:
            return holds({EntryStatus::kRemoved}, false);
        case QueueStatus::kNotJoined:
            break;
    }
    return false;
}

std::string Who(EventId event_id, UserId user_id) {
    return "user " + std::to_string(user_id.value()) + " in the room of event " +
           std::to_string(event_id.value());
}

}  // namespace

engine::QueueConfig SimQueueClients::NewRoom(std::mt19937_64& rng, TimePoint sale_starts_at) {
    engine::QueueConfig config;
    config.sale_starts_at = sale_starts_at;
    config.opens_at = sale_starts_at - 1s - std::chrono::milliseconds(Below(rng, 1'800'000));
    config.admit_per_minute = 1 + static_cast<std::uint32_t>(Below(rng, 600));
    config.active_max = 1 + static_cast<std::uint32_t>(Below(rng, 5));
    config.admission = std::chrono::seconds(60 + Below(rng, 240));
    config.pow_bits = 0;
    config.paused = Below(rng, 20) == 0;
    for (std::uint8_t& byte : config.seed) byte = static_cast<std::uint8_t>(rng());
    config.seed[0] |= 1;  // never all zeros
    return config;
}

engine::Command SimQueueClients::NextCommand(std::mt19937_64& rng, std::uint64_t buyers,
                                             std::uint64_t users, TimePoint now) {
    const EventId event_id = rooms_[Below(rng, rooms_.size())];
    const UserId user_id{1 + Below(rng, Below(rng, 2) == 0 ? buyers : users)};
    if (Below(rng, 100) < 40) return engine::GetQueueStatus{user_id, event_id};
    std::uint64_t challenge = next_challenge_++;
    if (!used_challenges_.empty() && Below(rng, 100) < 20) {
        challenge = used_challenges_[Below(rng, used_challenges_.size())];  // a replayed proof
    } else if (used_challenges_.size() < 64) {
        used_challenges_.push_back(challenge);
    } else {
        used_challenges_[Below(rng, used_challenges_.size())] = challenge;
    }
    const TimePoint expires_at = now + 1s + std::chrono::milliseconds(Below(rng, 299'000));
    return engine::JoinQueue{user_id, event_id, challenge, expires_at};
}

void SimQueueClients::OnAnswer(const engine::Command& sent, const engine::QueueStatusReply& reply,
                               const SimDurableLog& log, TimePoint now, Problems& problems) {
    const auto* join = std::get_if<engine::JoinQueue>(&sent);
    const EventId event_id =
        join != nullptr ? join->event_id : std::get<engine::GetQueueStatus>(sent).event_id;
    const UserId user_id =
        join != nullptr ? join->user_id : std::get<engine::GetQueueStatus>(sent).user_id;
    if (reply.lookup != engine::QueueLookup::kFound) {
        problems.push_back("the acknowledged room of event " + std::to_string(event_id.value()) +
                           " answered " + std::string(engine::ToString(reply.lookup)));
        return;
    }
    const auto told = told_.find({event_id, user_id});
    if (join != nullptr) {
        ++stats_["queue_join:" + std::string(engine::ToString(*reply.join))];
        if (*reply.join == engine::JoinOutcome::kJoined) {
            if (told != told_.end()) {
                problems.push_back(Who(event_id, user_id) + " joined a second time");
            }
            // Applied no later than it was heard: a spent challenge still live then was reused.
            auto [spent, fresh] =
                spent_.try_emplace({event_id, join->challenge}, join->challenge_expires_at);
            if (!fresh && spent->second > now) {
                problems.push_back(Who(event_id, user_id) + " joined with challenge " +
                                   std::to_string(join->challenge) + ", spent by another join");
            }
            spent->second = join->challenge_expires_at;
        }
    } else {
        ++stats_["queue_status:" + std::string(engine::ToString(reply.view.status))];
    }
    if (reply.view.status == QueueStatus::kNotJoined) {
        if (told != told_.end()) {
            problems.push_back(Who(event_id, user_id) + ": an acknowledged entry is gone");
        }
        return;
    }
    Learn(event_id, user_id, reply.view, log, problems);
}

bool SimQueueClients::Follows(const Told& told, const engine::QueueView& view) {
    const bool same_admission =
        !told.admission_expires_at || view.admission_expires_at == told.admission_expires_at;
    return view.entry_id == told.entry_id && Stage(view.status) >= Stage(told.status) &&
           same_admission;
}

void SimQueueClients::Learn(EventId event_id, UserId user_id, const engine::QueueView& view,
                            const SimDurableLog& log, Problems& problems) {
    if (!Durable(log, event_id, user_id, view)) {
        problems.push_back(Who(event_id, user_id) + " was shown " +
                           std::string(engine::ToString(view.status)) + " of entry " +
                           std::to_string(view.entry_id.value()) + ", which is not durable");
    }
    auto [it, fresh] = told_.try_emplace({event_id, user_id});
    Told& told = it->second;
    if (!fresh) {
        if (!Follows(told, view)) {
            problems.push_back(Who(event_id, user_id) + " was shown " +
                               std::string(engine::ToString(view.status)) + " of entry " +
                               std::to_string(view.entry_id.value()) + " after " +
                               std::string(engine::ToString(told.status)) + " of entry " +
                               std::to_string(told.entry_id.value()));
        }
    }
    told = {view.entry_id, view.status, view.admission_expires_at};
}

void SimQueueClients::CheckRecovered(const std::vector<engine::QueueSnapshot>& loaded,
                                     const engine::Engine& engine, TimePoint now,
                                     Problems& problems) const {
    for (const engine::QueueSnapshot& was : loaded) {
        const EventId event_id = was.room.event_id;
        const engine::WaitingRoom* room = engine.FindQueue(event_id);
        if (room == nullptr) {
            problems.push_back("the room of event " + std::to_string(event_id.value()) +
                               " was loaded but not recovered");
            continue;
        }
        const engine::QueueSnapshot is = room->Snapshot();
        if (is.entries.size() != was.entries.size()) {
            problems.push_back("the room of event " + std::to_string(event_id.value()) +
                               " recovered with another number of entries");
            continue;
        }
        for (std::size_t i = 0; i < was.entries.size(); ++i) {
            const engine::QueueEntryRecord& before = was.entries[i];
            const engine::QueueEntryRecord& after = is.entries[i];
            EntryStatus want = before.status;
            if (want == EntryStatus::kAdmitted && before.admission->expires_at <= now) {
                want = EntryStatus::kExpired;
            }
            const bool admitted_at_start =
                before.status == EntryStatus::kWaiting && after.status == EntryStatus::kAdmitted;
            const bool same =
                after.user_id == before.user_id && after.joined_at == before.joined_at &&
                after.in_draw == before.in_draw && (after.status == want || admitted_at_start) &&
                (!before.admission || after.admission == before.admission);
            if (!same) {
                problems.push_back("entry " + std::to_string(before.entry_id.value()) +
                                   " of event " + std::to_string(event_id.value()) +
                                   " was loaded " + std::string(engine::ToString(before.status)) +
                                   " and recovered " + std::string(engine::ToString(after.status)));
            }
        }
    }
    for (const auto& [who, told] : told_) {
        const auto& [event_id, user_id] = who;
        const engine::WaitingRoom* room = engine.FindQueue(event_id);
        const engine::QueueView view =
            room != nullptr ? room->Status(user_id, now) : engine::QueueView{};
        if (!Follows(told, view)) {
            problems.push_back("after a restart " + Who(event_id, user_id) + " is " +
                               std::string(engine::ToString(view.status)) + " of entry " +
                               std::to_string(view.entry_id.value()) + "; was told " +
                               std::string(engine::ToString(told.status)) + " of entry " +
                               std::to_string(told.entry_id.value()));
        }
    }
}

}  // namespace tix::service
