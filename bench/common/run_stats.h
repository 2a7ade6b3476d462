// RunStats: what one measured run of one system produced, in one shape for every system (tixd,
// Redis-Lua, PostgreSQL), so the report can put them side by side. Each connection/worker fills
// its own RunStats without locks; Merge them when the run ends.
#pragma once

#include <boost/json/object.hpp>
#include <cstdint>
#include <map>
#include <optional>
#include <ostream>
#include <string>

#include "latency_histogram.h"

namespace tix::bench {

struct RunStats {
    std::string system;           // "tixd", "redis-lua", "postgres-update", "postgres-for-update"
    std::string scenario;         // "dome", "churn", "hot-row", "ceiling"
    std::string mode = "closed";  // "closed" | "open"
    std::uint32_t connections = 0;
    double offered_rate = 0;  // requests/s, open loop only
    double seconds = 0;       // the measured window

    std::uint64_t requests = 0;  // every request answered, of any kind
    std::uint64_t holds_ok = 0;
    std::uint64_t tickets_held = 0;
    std::uint64_t confirms_ok = 0;
    std::uint64_t cancels_ok = 0;
    std::uint64_t errors = 0;                // transport errors and unexpected answers
    std::optional<double> sold_out_after_s;  // first moment every zone answered sold out

    // "201", "409 sold_out", "422 limit_exceeded", "error: connection reset"... → count.
    std::map<std::string, std::uint64_t> outcomes;

    LatencyHistogram hold_latency;  // hold requests only
    LatencyHistogram all_latency;   // every request

    void CountOutcome(const std::string& outcome) { ++outcomes[outcome]; }
    // Adds counters, outcomes and histograms; keeps the earliest sold_out_after_s.
    void Merge(const RunStats& other);

    double requests_per_s() const { return seconds > 0 ? requests / seconds : 0; }
    double holds_per_s() const { return seconds > 0 ? holds_ok / seconds : 0; }
    double tickets_per_s() const { return seconds > 0 ? tickets_held / seconds : 0; }

    boost::json::object ToJson() const;
    // A human table: throughput, latency percentiles in ms, outcomes.
    void Print(std::ostream& out) const;
};

boost::json::object LatencyJson(const LatencyHistogram& histogram);

// "  <label>latency ms: p50 … max …" for a histogram with values (nothing for an empty one).
void PrintLatency(std::ostream& out, const char* label, const LatencyHistogram& histogram);
// One "  <outcome> <count>" line per outcome.
void PrintOutcomes(std::ostream& out, const std::map<std::string, std::uint64_t>& outcomes);

}  // namespace tix::bench
