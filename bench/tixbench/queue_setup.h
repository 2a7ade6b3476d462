// Preparing the queue scenario through tixd's own API, before anything is measured: the admin
// logs in, the users are made in bulk, and an event with a waiting room is created whose queue
// opens a few seconds later (two general-admission zones, FLOOR the more wanted, 40 % of the
// tickets, and STAND), then the population is planned.
#pragma once

#include <chrono>
#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

#include "bench_config.h"
#include "common/status.h"
#include "common/time.h"
#include "queue_sale_result.h"
#include "setup_client.h"

namespace tix::bench {

// The queue opens this long after the event is created: time to open every connection.
inline constexpr std::chrono::seconds kQueueOpensAfter{3};

// An event with a waiting room: what POST /events is given.
struct QueueEventSpec {
    TimePoint opens_at{};
    TimePoint sale_starts_at{};
    std::uint32_t admit_per_minute = 1;
    std::uint32_t active_max = 1;
    std::uint32_t admission_s = 60;
    std::uint32_t pow_bits = 0;
    bool paused = false;
    std::uint32_t tickets = 2;  // split over the two zones; at least 2
    std::uint32_t max_per_user = 4;
};

struct QueueEvent {
    std::int64_t event_id = 0;
    std::vector<std::string> zone_ids;  // FLOOR, STAND
};

// Creates the event: two general-admission zones, FLOOR (40 % of the tickets, the more wanted)
// and STAND, and the room.
Result<QueueEvent> CreateQueueEvent(SetupClient& client, const std::string& admin,
                                    const QueueEventSpec& spec);

// REQUIRES: ResolveDefaults(config) passed for the queue scenario.
Result<QueuePlan> PrepareQueueSale(const BenchConfig& config, SetupClient& client,
                                   std::ostream& log);

}  // namespace tix::bench
