// `--scenario queue`, from start to verdict: the setup through the API, the simulated on-sale
// through the waiting room (queue_sale.h), then the audit: the published draw reproduced from
// its seed, the fairness and safety figures against issue 8 §4's targets, and the on-sale
// verification (nothing oversold). tixd should run with --rate-limit-loopback, so that the
// simulated addresses meet the per-address limits.
#pragma once

#include <boost/asio/ip/tcp.hpp>
#include <boost/json/object.hpp>
#include <ostream>

#include "bench_config.h"
#include "common/status.h"

namespace tix::bench {

struct QueueBenchOutcome {
    boost::json::object json;  // the run's JSON (RunStats shape, plus "queue" and "verification")
    bool passed = false;       // every check passed or was skipped
};

// Prints the report to `out` and progress to `log`. An error only when the run could not be set
// up. REQUIRES: ResolveDefaults(config) passed for the queue scenario.
Result<QueueBenchOutcome> RunQueueBench(const BenchConfig& config,
                                        boost::asio::ip::tcp::endpoint server, std::ostream& out,
                                        std::ostream& log);

}  // namespace tix::bench
