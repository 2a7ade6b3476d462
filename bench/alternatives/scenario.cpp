#include "scenario.h"

namespace tix::bench {

std::int64_t Scenario::TotalCapacity() const {
    std::int64_t total = 0;
    for (const ZoneSpec& zone : zones) total += zone.capacity;
    return total;
}

std::optional<Scenario> ScenarioNamed(std::string_view name) {
    Scenario scenario;
    scenario.name = std::string(name);
    if (name == "dome") {
        scenario.zones = {{"INF1", 5000}, {"INF3", 5000}, {"OUTL", 6000},
                          {"OUTR", 6000}, {"UPR", 20000}, {"STAND", 3000}};
        scenario.default_connections = 1000;
        scenario.default_users = 200'000;
        return scenario;
    }
    if (name == "churn") {
        // Stock that never runs out, so the run measures hold/confirm/cancel turnover.
        scenario.zones = {{"A", 500'000}, {"B", 500'000}, {"C", 500'000}, {"D", 500'000}};
        scenario.shape = WorkloadShape{.confirm_share = 0.2, .cancel_share = 0.7};
        scenario.timed = true;
        scenario.default_connections = 100;
        scenario.default_users = 200'000;
        scenario.default_duration_s = 20;
        return scenario;
    }
    if (name == "hot-row") {
        scenario.zones = {{"GA", 1000}};
        scenario.default_connections = 1000;
        scenario.default_users = 20'000;
        return scenario;
    }
    return std::nullopt;
}

}  // namespace tix::bench
