// The bidding scenario's setup and read-back through tixd's API, outside the measured window:
// bidders made in bulk (a few given member weights), a product and a campaign that starts now;
// after the campaign, its status, its orders and its final ranking.
#pragma once

#include <chrono>
#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

#include "bench_config.h"
#include "bidding_report.h"
#include "common/status.h"
#include "common/time.h"
#include "setup_client.h"

namespace tix::bench {

struct BiddingSetup {
    std::string admin;                   // the admin's access token
    std::vector<std::string> tokens;     // one bidder each
    std::vector<std::int64_t> user_ids;  // tixd's ids of the bidders, same order
    std::uint32_t weighted = 0;          // bidders whose member weight was set
    bool weights_applied = false;        // every weight of bid_stream.h was taken
    std::int64_t product_id = 0;
    std::int64_t campaign_id = 0;
    TimePoint campaign_end{};
};

// REQUIRES: ResolveDefaults(config) passed for the bidding scenario.
Result<BiddingSetup> PrepareBidding(const BenchConfig& config, SetupClient& setup,
                                    double campaign_seconds, std::ostream& out);

// Waits (polling GET /campaigns/{id}) until the campaign is settled or `deadline`, then reads its
// orders and final ranking into `report` (status, order_users, ranking_users, ranking_source,
// server_participants).
void ReadSettlement(SetupClient& setup, const BiddingSetup& bidding,
                    std::chrono::steady_clock::time_point deadline, BiddingReport& report);

}  // namespace tix::bench
