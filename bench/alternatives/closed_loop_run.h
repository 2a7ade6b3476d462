// RunClosedLoop: drives one AltStore with the on-sale workload, closed loop — each connection
// (one thread, one blocking client) sends its next request when the last one is answered — and
// returns the figures in tixbench's shape. Connections are opened before the measured window.
#pragma once

#include <cstdint>
#include <string>

#include "alt_store.h"
#include "ledger.h"
#include "run_stats.h"
#include "scenario.h"

namespace tix::bench {

struct RunConfig {
    Scenario scenario;
    std::string label;  // RunStats::system, e.g. "redis-lua-fsync"
    std::uint32_t connections = 1;
    std::uint64_t users = 1;
    double duration_s = 0;  // timed scenarios only
    std::uint64_t seed = 1;
    // Untimed scenarios: stop here even if users are left (0: none). Keeps a slow system from
    // holding the whole benchmark hostage; the result then says it did not complete.
    double time_limit_s = 0;
};

// The HTTP outcome name tixbench counts for the same answer ("201", "409 sold_out", ...).
std::string OutcomeName(StoreOutcome outcome);

struct RunResult {
    RunStats stats;
    std::uint64_t turns = 0;  // users served (a user may have several turns in timed runs)
    bool complete = true;     // untimed: every user had its turn within the time limit
};

// REQUIRES: store.Setup(config.scenario, config.users) succeeded; ledger sized for the scenario
// and users and empty. Blocks until every user has had its turn (or the duration is up).
RunResult RunClosedLoop(AltStore& store, const RunConfig& config, Ledger& ledger);

}  // namespace tix::bench
