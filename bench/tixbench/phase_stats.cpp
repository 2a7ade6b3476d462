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
    if (latency.count() > 0) {
        auto ms = [&](double percentile) { return latency.Percentile(percentile) / 1000.0; };
        std::snprintf(line, sizeof line,
                      "  latency ms: p50 %.2f  p90 %.2f  p99 %.2f  p99.9 %.2f  max %.2f\n", ms(50),
                      ms(90), ms(99), ms(99.9), latency.max() / 1000.0);
        out << line;
    }
    for (const auto& [outcome, count] : outcomes) {
        std::snprintf(line, sizeof line, "  %-32s %llu\n", outcome.c_str(),
                      static_cast<unsigned long long>(count));
        out << line;
    }
}

}  // namespace tix::bench
