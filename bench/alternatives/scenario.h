// Scenario: the on-sale shapes altbench drives, mirroring tixbench's against tixd. The
// alternatives model zones as stock counters (no seat maps), so a scenario is a list of zone
// capacities, a workload shape and the run's default size. Immutable after construction.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "onsale_workload.h"

namespace tix::bench {

// The event rules every system enforces, as tixd does.
inline constexpr std::uint32_t kTicketsPerUserMax = 8;  // held + paid, per event
inline constexpr std::uint32_t kHoldTtlS = 600;
static_assert(WorkloadShape{}.quantity_max <= kTicketsPerUserMax,
              "a single attempt must be able to succeed within the per-user limit");

struct ZoneSpec {
    std::string name;
    std::int64_t capacity = 0;
};

struct Scenario {
    std::string name;
    std::vector<ZoneSpec> zones;  // Zipf order: zone 0 is the most wanted
    WorkloadShape shape;
    // Timed runs (churn) loop over their users until the duration is up; the others give every
    // user exactly one turn.
    bool timed = false;
    std::uint32_t default_connections = 0;
    std::uint64_t default_users = 0;
    double default_duration_s = 0;

    std::int64_t TotalCapacity() const;
};

// "dome", "churn" or "hot-row"; nullopt for anything else.
std::optional<Scenario> ScenarioNamed(std::string_view name);

}  // namespace tix::bench
