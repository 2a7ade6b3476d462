#include "phase_stats.h"

#include <cstdio>

#include "run_stats.h"

namespace tix::bench {

void PhaseStats::Merge(const PhaseStats& other) {
    requests += other.requests;
    succeeded += other.succeeded;
    errors += other.errors;
    for (const auto& [outcome, count] : other.outcomes) outcomes[outcome] += count;
    latency.Merge(other.latency);
}

boost::json::object PhaseStats::ToJson() const {
    boost::json::object outcomes_json;
    for (const auto& [outcome, count] : outcomes) outcomes_json[outcome] = count;
    return {{"phase", phase},
            {"connections", connections},
            {"seconds", seconds},
            {"requests", requests},
            {"succeeded", succeeded},
            {"succeeded_per_s", succeeded_per_s()},
            {"errors", errors},
            {"outcomes", std::move(outcomes_json)},
            {"latency", LatencyJson(latency)}};
}

void PhaseStats::Print(std::ostream& out) const {
    char line[256];
    std::snprintf(line, sizeof line, "%s (closed loop, %u connections, %.1f s)\n", phase.c_str(),
                  connections, seconds);
    out << line;
    std::snprintf(line, sizeof line, "  %s/s %8.1f   requests %llu   errors %llu\n", phase.c_str(),
                  succeeded_per_s(), static_cast<unsigned long long>(requests),
                  static_cast<unsigned long long>(errors));
    out << line;
    PrintLatency(out, "", latency);
    PrintOutcomes(out, outcomes);
}

}  // namespace tix::bench
