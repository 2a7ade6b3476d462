// SimQueueClients: the waiting-room side of the durable-path simulator
// (durable_path_simulation_test.cpp). Users join the rooms of queued events (fresh challenges,
// sometimes a used one) and read their status; each acknowledged answer must show a state that
// is durable (SimDurableLog::HoldsEntry) and follow what the user was told before; after every
// recovery each room must be what Load returned (less the admissions that lapsed, plus what the
// start-up pump admitted) and every acknowledged entry must be there as told or further along.
// Tests only; single-threaded.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "engine/command.h"
#include "engine/engine.h"
#include "engine/reply.h"
#include "service/sim_durable_log.h"

namespace tix::service {

class SimQueueClients {
  public:
    using Problems = std::vector<std::string>;

    // A room for a new event whose sale starts at `sale_starts_at`: open a while before it,
    // slow or fast, a few shoppers at a time, short admissions, no proof of work.
    static engine::QueueConfig NewRoom(std::mt19937_64& rng, TimePoint sale_starts_at);

    // An acknowledged event that has a room.
    void AddRoom(EventId event_id) { rooms_.push_back(event_id); }
    bool empty() const { return rooms_.empty(); }

    // A join or a status read for one of the rooms, by one of users 1..users, half the time one
    // of 1..buyers (the simulator's users who also hold and pay).
    engine::Command NextCommand(std::mt19937_64& rng, std::uint64_t buyers, std::uint64_t users,
                                TimePoint now);
    // The durable answer to `sent` (a JoinQueue or GetQueueStatus), heard at `now`.
    void OnAnswer(const engine::Command& sent, const engine::QueueStatusReply& reply,
                  const SimDurableLog& log, TimePoint now, Problems& problems);

    // After a recovery from `loaded` at `now`: the rooms as Load returned them, moved on only by
    // the start-up's expiries, draw and admissions; every acknowledged entry as told or later.
    void CheckRecovered(const std::vector<engine::QueueSnapshot>& loaded,
                        const engine::Engine& engine, TimePoint now, Problems& problems) const;

    const std::map<std::string, std::uint64_t>& stats() const { return stats_; }

  private:
    struct Told {
        engine::QueueEntryId entry_id{};
        engine::QueueStatus status = engine::QueueStatus::kNotJoined;
        std::optional<TimePoint> admission_expires_at;
    };

    // The same entry, as far along as told or further, with the admission it was told of.
    static bool Follows(const Told& told, const engine::QueueView& view);
    // `view` of (event, user) may follow what the user was told before; remembers it.
    void Learn(EventId event_id, UserId user_id, const engine::QueueView& view,
               const SimDurableLog& log, Problems& problems);

    std::vector<EventId> rooms_;
    std::map<std::pair<EventId, UserId>, Told> told_;
    std::vector<std::uint64_t> used_challenges_;
    // Challenges an acknowledged join spent, with their expiry: none may make a second entry
    // before it, restart or not.
    std::map<std::pair<EventId, std::uint64_t>, TimePoint> spent_;
    std::uint64_t next_challenge_ = 1;
    std::map<std::string, std::uint64_t> stats_;
};

}  // namespace tix::service
