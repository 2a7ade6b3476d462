#include "run_stats.h"

#include <algorithm>
#include <boost/json/array.hpp>
#include <cstdio>

namespace tix::bench {

void RunStats::Merge(const RunStats& other) {
    requests += other.requests;
    holds_ok += other.holds_ok;
    tickets_held += other.tickets_held;
    confirms_ok += other.confirms_ok;
    cancels_ok += other.cancels_ok;
    errors += other.errors;
    if (other.sold_out_after_s &&
        (!sold_out_after_s || *other.sold_out_after_s < *sold_out_after_s)) {
        sold_out_after_s = other.sold_out_after_s;
    }
    for (const auto& [outcome, count] : other.outcomes) outcomes[outcome] += count;
    hold_latency.Merge(other.hold_latency);
    all_latency.Merge(other.all_latency);
}

boost::json::object LatencyJson(const LatencyHistogram& histogram) {
    auto ms = [&](double percentile) { return histogram.Percentile(percentile) / 1000.0; };
    return {{"count", histogram.count()},
            {"mean_ms", histogram.mean() / 1000.0},
            {"p50_ms", ms(50)},
            {"p90_ms", ms(90)},
            {"p99_ms", ms(99)},
            {"p999_ms", ms(99.9)},
            {"max_ms", histogram.max() / 1000.0}};
}

boost::json::object RunStats::ToJson() const {
    boost::json::object outcomes_json;
    for (const auto& [outcome, count] : outcomes) outcomes_json[outcome] = count;
    boost::json::object json{{"system", system},
                             {"scenario", scenario},
                             {"mode", mode},
                             {"connections", connections},
                             {"seconds", seconds},
                             {"requests", requests},
                             {"requests_per_s", requests_per_s()},
                             {"holds_ok", holds_ok},
                             {"holds_per_s", holds_per_s()},
                             {"tickets_held", tickets_held},
                             {"tickets_per_s", tickets_per_s()},
                             {"confirms_ok", confirms_ok},
                             {"cancels_ok", cancels_ok},
                             {"errors", errors},
                             {"outcomes", std::move(outcomes_json)},
                             {"hold_latency", LatencyJson(hold_latency)},
                             {"latency", LatencyJson(all_latency)}};
    if (mode == "open") json["offered_rate"] = offered_rate;
    if (sold_out_after_s) json["sold_out_after_s"] = *sold_out_after_s;
    return json;
}

void RunStats::Print(std::ostream& out) const {
    char line[256];
    std::snprintf(line, sizeof line, "%s / %s (%s loop, %u connections, %.1f s)\n", system.c_str(),
                  scenario.c_str(), mode.c_str(), connections, seconds);
    out << line;
    std::snprintf(line, sizeof line,
                  "  requests/s %10.0f   holds/s %10.0f   tickets/s %10.0f   errors %llu\n",
                  requests_per_s(), holds_per_s(), tickets_per_s(),
                  static_cast<unsigned long long>(errors));
    out << line;
    if (sold_out_after_s) {
        std::snprintf(line, sizeof line, "  sold out after %.3f s\n", *sold_out_after_s);
        out << line;
    }
    PrintLatency(out, "hold ", hold_latency);
    PrintLatency(out, "all  ", all_latency);
    PrintOutcomes(out, outcomes);
}

void PrintLatency(std::ostream& out, const char* label, const LatencyHistogram& histogram) {
    if (histogram.count() == 0) return;
    auto ms = [&](double percentile) { return histogram.Percentile(percentile) / 1000.0; };
    char line[256];
    std::snprintf(line, sizeof line,
                  "  %slatency ms: p50 %.2f  p90 %.2f  p99 %.2f  p99.9 %.2f  max %.2f\n", label,
                  ms(50), ms(90), ms(99), ms(99.9), histogram.max() / 1000.0);
    out << line;
}

void PrintOutcomes(std::ostream& out, const std::map<std::string, std::uint64_t>& outcomes) {
    char line[256];
    for (const auto& [outcome, count] : outcomes) {
        std::snprintf(line, sizeof line, "  %-32s %llu\n", outcome.c_str(),
                      static_cast<unsigned long long>(count));
        out << line;
    }
}

}  // namespace tix::bench
