// RunPlan: everything a measured run needs that is fixed before it starts (the event, its
// zones, the users' tokens, the workload shape), and RunShared: the little that connections
// share while it runs. The plan is read-only during the run, so every thread may read it.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include "onsale_workload.h"
#include "sold_out_tracker.h"
#include "user_pool.h"

namespace tix::bench {

enum class Scenario : std::uint8_t {
    kDome,
    kChurn,
    kHotRow,
    kCeiling,
    kQueue,
    kQueueLoad,
    kPay,
    kCheckIn,
    kBidding
};

struct RunPlan {
    Scenario scenario = Scenario::kCeiling;
    std::int64_t event_id = 0;
    std::vector<std::string> zone_ids;  // listed order: index 0 is the most wanted (Zipf)
    std::uint32_t max_per_user = 8;
    WorkloadShape shape;
    bool fallback = false;            // a user whose zone is sold out tries one other zone
    std::vector<std::string> tokens;  // the users' access tokens; the index is the user
    std::uint64_t seed = 1;
};

struct RunShared {
    UserPool& users;
    SoldOutTracker& sold_out;
    std::chrono::steady_clock::time_point start;  // set before the measured window opens
};

}  // namespace tix::bench
