// BenchConfig: one validated description of a tixbench run, filled from the command line.
// Zero means "the scenario's default" for connections, users and duration. The queue scenario's
// own shape is in `queue`; its users, duration (the time limit after the sale starts) and
// connections (derived from the simulated addresses) are copied to and from it. The pay, checkin
// and bidding scenarios' own options are in `pay`, `checkin` and `bidding` (whose bidders are
// also --users).
#pragma once

#include <cstdint>
#include <string>

#include "bidding_config.h"
#include "checkin_config.h"
#include "common/status.h"
#include "pay_config.h"
#include "queue_sale_config.h"
#include "run_plan.h"

namespace tix::bench {

inline constexpr std::uint32_t kConnectionsMax = 5'000;  // tixd accepts 10,000; fds are finite
inline constexpr std::uint32_t kUsersMax = 1'000'000;
inline constexpr std::uint32_t kThreadsMax = 64;
inline constexpr double kDurationMaxSeconds = 3'600;

struct BenchConfig {
    std::string target = "127.0.0.1:8080";  // loopback only
    std::string scenario_name = "ceiling";
    Scenario scenario = Scenario::kCeiling;
    std::string mode = "closed";  // "closed" | "open"
    double rate_per_s = 0;        // open loop: turns (user arrivals) per second
    std::uint32_t connections = 0;
    std::uint32_t users = 0;
    double duration_s = 0;  // 0 in dome and hot-row: until every user has had its turn
    std::uint32_t threads = 1;
    double timeout_s = 10;
    std::uint64_t seed = 1;
    std::string json_path;
    std::string system = "tixd";
    std::string admin_email = "admin@tix.local";
    std::string admin_password = "tix-admin-2026";
    std::string user_prefix;     // default: "<scenario>-<unix ms>-", fresh on every run
    std::int64_t event_id = 0;   // dome: 0 picks the first demo event
    QueueSaleConfig queue;       // --scenario queue
    std::uint32_t tixd_pid = 0;  // queue-load, bidding: read tixd's resident memory
    PayConfig pay;               // --scenario pay
    CheckInConfig checkin;       // --scenario checkin
    BiddingConfig bidding;       // --scenario bidding

    bool open_loop() const { return mode == "open"; }
};

// Fills the scenario defaults and checks every bound; the error names the offending option.
Status ResolveDefaults(BenchConfig& config);

}  // namespace tix::bench
