// Summary: what `tixbench summarize` makes of a directory of run JSON files (tixbench's and the
// alternatives driver's, both RunStats::ToJson): one row per run and the ratios that matter —
// tixd's holds/s and requests/s over each alternative's on the same scenario, mode and
// connection count (and the time to sell out, theirs over tixd's), and tixd's holds/s, durable
// changes/s and requests/s over its own HTTP ceiling (GET /health) at the same connection count,
// and the waiting room's joins/s and polls/s (queue-load) over that ceiling too.
// Pure except LoadRuns.
#pragma once

#include <boost/json/object.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/status.h"

namespace tix::bench {

struct SummaryRow {
    std::string file;
    std::string system;
    std::string scenario;
    std::string mode;
    std::uint32_t connections = 0;
    double requests_per_s = 0;
    double holds_per_s = 0;
    double tickets_per_s = 0;
    double writes_per_s = 0;  // durable changes: holds + confirms + cancels per second
    std::optional<double> sold_out_after_s;
    double hold_p50_ms = 0;  // of every request when the run had no holds (ceiling)
    double hold_p99_ms = 0;
    double hold_p999_ms = 0;
    std::uint64_t errors = 0;
    std::optional<bool> verified;       // absent: the run was not verified (ceiling, alternatives)
    std::optional<double> joins_per_s;  // queue-load only
    std::optional<double> polls_per_s;  // queue-load only

    static SummaryRow FromJson(const boost::json::object& json, std::string file);
};

struct Ratio {
    std::string what;             // "dome closed: tixd holds/s ÷ redis-lua-fsync holds/s"
    std::optional<double> value;  // absent when the denominator is zero
};

std::vector<Ratio> ComputeRatios(const std::vector<SummaryRow>& rows);
std::string MarkdownTable(const std::vector<SummaryRow>& rows, const std::vector<Ratio>& ratios);
boost::json::object SummaryJson(const std::vector<SummaryRow>& rows,
                                const std::vector<Ratio>& ratios);

// Every *.json in `dir` that is a run (has "system" and "scenario"), sorted by file name.
Result<std::vector<SummaryRow>> LoadRuns(const std::string& dir);

}  // namespace tix::bench
