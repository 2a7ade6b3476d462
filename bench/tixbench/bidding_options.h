// The command-line options of `--scenario bidding`, for tixbench's main.
#pragma once

#include <CLI/CLI.hpp>

#include "bidding_config.h"

namespace tix::bench {

inline void AddBiddingOptions(CLI::App& app, BiddingConfig& bidding) {
    app.add_option("--bidders", bidding.bidders,
                   "bidding: bidders, each with a WebSocket (1,000; at most 20,000)");
    app.add_option("--campaign-seconds", bidding.campaign_seconds,
                   "bidding: the campaign's length (default: --duration + 1 s per 1,000 bidders "
                   "+ 5 s)");
    app.add_option("--stock", bidding.stock, "bidding: the product's stock (80)");
    app.add_option("--quota", bidding.quota, "bidding: the campaign's K (100)");
    app.add_option("--redis", bidding.redis,
                   "bidding: auto (a throw-away redis-server, without persistence and with "
                   "appendfsync always), off, or HOST:PORT of a running Redis");
}

}  // namespace tix::bench
