// BiddingConfig: the shape of `--scenario bidding` (issue 11 §5: bids/s durable, bid p99, the
// ranking_update fan-out and memory per WebSocket with 1,000 and 10,000 bidders, beside the seed's
// Redis sorted set), besides the common options: --connections is the HTTP connections the bids
// are multiplexed over and --duration the bidding window.
#pragma once

#include <cstdint>
#include <string>

#include "common/status.h"

namespace tix::bench {

inline constexpr std::uint32_t kBiddersDefault = 1'000;
// One WebSocket each; tixd holds 10,000 connections (limits::kConnectionsMax) and the HTTP
// connections count too, so more than this cannot all be open at once.
inline constexpr std::uint32_t kBiddersMax = 20'000;
inline constexpr std::uint32_t kBiddingStockDefault = 80;
inline constexpr std::uint32_t kBiddingQuotaDefault = 100;  // K: min(K, stock) win
inline constexpr std::uint32_t kBiddingQuotaMax = 100'000;  // engine::kCampaignQuotaMax
inline constexpr double kBiddingSecondsDefault = 20;
// The ranking is pushed every 2 s; the Redis replay reads its top K as often.
inline constexpr double kRankingTickSeconds = 2;

struct BiddingConfig {
    std::uint32_t bidders = kBiddersDefault;
    // The campaign's length from its creation; 0: the bidding window plus time to open the
    // sockets (a second per 1,000) and 5 s.
    double campaign_seconds = 0;
    std::uint32_t stock = kBiddingStockDefault;
    std::uint32_t quota = kBiddingQuotaDefault;
    // "auto": a throw-away redis-server on 127.0.0.1, once without persistence and once with
    // appendfsync always; "HOST:PORT": that Redis, as configured; "off": no comparison.
    std::string redis = "auto";
};

// Checks every bound; the error names the offending option.
Status ValidateBiddingConfig(const BiddingConfig& config);

// The campaign's length given the bidding window: `campaign_seconds` or its default.
double CampaignSeconds(const BiddingConfig& config, double bidding_seconds);

}  // namespace tix::bench
