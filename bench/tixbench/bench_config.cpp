#include "bench_config.h"

#include <chrono>

namespace tix::bench {
namespace {

struct ScenarioDefaults {
    const char* name;
    Scenario scenario;
    std::uint32_t connections;
    std::uint32_t users;
    double duration_s;
};

constexpr ScenarioDefaults kDefaults[] = {
    {"dome", Scenario::kDome, 1'000, 200'000, 0},
    {"churn", Scenario::kChurn, 100, 200'000, 20},
    {"hot-row", Scenario::kHotRow, 1'000, 20'000, 0},
    {"ceiling", Scenario::kCeiling, 100, 0, 10},
    {"queue", Scenario::kQueue, 0, kQueueUsersDefault, 120},
    {"queue-load", Scenario::kQueueLoad, 100, 100'000, 5},
    {"pay", Scenario::kPay, 100, kPayOrdersDefault, 0},
    {"checkin", Scenario::kCheckIn, 100, kCheckInBuyersDefault, 0},
    {"bidding", Scenario::kBidding, 100, 0, kBiddingSecondsDefault},
};

// The queue scenario's connections follow from its simulated addresses.
Status ResolveQueue(BenchConfig& config) {
    config.queue.users = config.users;
    config.queue.time_limit_s = config.duration_s;
    if (Status status = ResolveQueueSaleDefaults(config.queue); !status.ok()) return status;
    config.connections = QueueSaleConnections(config.queue);
    return Status::Ok();
}

}  // namespace

Status ResolveDefaults(BenchConfig& config) {
    const ScenarioDefaults* defaults = nullptr;
    for (const ScenarioDefaults& d : kDefaults) {
        if (config.scenario_name == d.name) defaults = &d;
    }
    if (defaults == nullptr) {
        return Status::InvalidArgument(
            "--scenario: one of dome, churn, hot-row, ceiling, queue, queue-load, pay, checkin, "
            "bidding");
    }
    config.scenario = defaults->scenario;
    if (config.scenario == Scenario::kBidding) config.users = config.bidding.bidders;
    if (config.connections == 0) config.connections = defaults->connections;
    if (config.users == 0) config.users = defaults->users;
    if (config.duration_s == 0) config.duration_s = defaults->duration_s;
    if (config.user_prefix.empty()) {
        const auto now = std::chrono::duration_cast<std::chrono::milliseconds>(
            std::chrono::system_clock::now().time_since_epoch());
        config.user_prefix = config.scenario_name + "-" + std::to_string(now.count()) + "-";
    }

    if (config.scenario == Scenario::kQueue) {
        if (Status status = ResolveQueue(config); !status.ok()) return status;
    }
    if (config.scenario == Scenario::kPay) {
        if (Status status = ValidatePayConfig(config.pay); !status.ok()) return status;
        if (config.open_loop()) return Status::InvalidArgument("--scenario pay: closed loop only");
    }
    if (config.scenario == Scenario::kCheckIn) {
        if (Status status = ValidateCheckInConfig(config.checkin, config.users); !status.ok()) {
            return status;
        }
        if (config.open_loop()) {
            return Status::InvalidArgument("--scenario checkin: closed loop only");
        }
    }
    if (config.scenario == Scenario::kBidding) {
        if (Status status = ValidateBiddingConfig(config.bidding); !status.ok()) return status;
        if (config.open_loop())
            return Status::InvalidArgument("--scenario bidding: closed loop only");
    }
    if (config.mode != "closed" && config.mode != "open") {
        return Status::InvalidArgument("--mode: closed or open");
    }
    if (config.open_loop() && !(config.rate_per_s > 0)) {
        return Status::InvalidArgument("--mode open needs --rate > 0");
    }
    if (config.open_loop() && !(config.duration_s > 0)) {
        return Status::InvalidArgument("--mode open needs --duration");
    }
    if (config.connections < 1 || config.connections > kConnectionsMax) {
        return Status::InvalidArgument("--connections: 1.." + std::to_string(kConnectionsMax));
    }
    if (config.scenario != Scenario::kCeiling && (config.users < 1 || config.users > kUsersMax)) {
        return Status::InvalidArgument("--users: 1.." + std::to_string(kUsersMax));
    }
    // A user is on one connection at a time, so a cycling run needs a user per connection.
    if (config.scenario == Scenario::kChurn && config.users < config.connections) {
        return Status::InvalidArgument("--users: churn needs at least one user per connection");
    }
    if (config.duration_s < 0 || config.duration_s > kDurationMaxSeconds) {
        return Status::InvalidArgument("--duration: 0..3600 seconds");
    }
    if (config.threads < 1 || config.threads > kThreadsMax || config.threads > config.connections) {
        return Status::InvalidArgument("--threads: 1..64 and at most --connections");
    }
    if (!(config.timeout_s > 0 && config.timeout_s <= 600)) {
        return Status::InvalidArgument("--timeout: (0, 600] seconds");
    }
    return Status::Ok();
}

}  // namespace tix::bench
