// BiddingReport: the figures and checks of `--scenario bidding` (issue 11 §5): the WebSockets
// (opened, tixd's memory per socket), the bids (bids/s, each 201 durable; latency), the
// ranking_update fan-out per tick, the frames each bidder got, the settlement read back through
// the API, and the Redis sorted set's replay of the same bids beside it. Pure: RunBiddingBench
// fills it.
#pragma once

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <cstdint>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "bench_config.h"
#include "phase_stats.h"
#include "ranking_ticks.h"
#include "redis_replay.h"
#include "verification.h"

namespace tix::bench {

struct BiddingReport {
    std::int64_t campaign_id = 0;
    std::uint32_t bidders = 0;
    double campaign_seconds = 0;
    std::uint32_t weighted_bidders = 0;  // member weights set through the admin API
    // The sockets.
    std::uint32_t sockets_opened = 0;
    std::uint32_t sockets_failed = 0;
    double sockets_open_seconds = 0;
    std::optional<std::uint64_t> rss_before_bytes;  // tixd, before and after opening them
    std::optional<std::uint64_t> rss_after_bytes;
    // The bidding window.
    PhaseStats bids;
    std::uint64_t unanswered = 0;    // bids with no answer (tixd may have taken them)
    std::uint32_t participants = 0;  // bidders with at least one 201
    // What the sockets got.
    TickFigures ticks;
    std::uint64_t bid_accepted_frames = 0;
    std::uint32_t ended = 0;                 // sockets told campaign_ended
    std::uint32_t closed_before_end = 0;     // closed or failed before that
    std::vector<std::int64_t> told_winners;  // user ids of the sockets told is_winner
    // Read back after the end.
    std::string status;                               // GET /campaigns/{id}: "settled" at the end
    std::optional<std::int64_t> server_participants;  // total_participants of the final ranking
    std::vector<std::int64_t> order_users;    // GET /orders/campaign/{id}, by rank when given
    std::vector<std::int64_t> ranking_users;  // the final ranking's users, rank 1 first
    std::string ranking_source;               // the route it came from
    std::uint32_t winners_expected = 0;       // min(K, stock, participants)
    // The seed's design, the same bids.
    std::vector<RedisReplayFigures> redis;
    std::string redis_note;  // why there is no Redis figure, or a caveat
    Verification verification;

    double bids_per_s() const { return bids.succeeded_per_s(); }
    std::optional<double> rss_bytes_per_socket() const;
    bool passed() const { return verification.passed(); }

    boost::json::object ToJson(const BenchConfig& config) const;
    void Print(std::ostream& out) const;
};

// min(K, stock, participants): the orders a settlement makes.
std::uint32_t WinnersExpected(std::uint32_t quota, std::uint32_t stock, std::uint32_t participants);

// The checks of a finished run: every bid answered as the contract allows, a bid_accepted frame
// per 201, every socket opened and told campaign_ended, the campaign settled with min(K, stock,
// participants) orders whose users are the top of the final ranking, and exactly those sockets
// told is_winner.
void AddBiddingChecks(const BiddingReport& report, Verification& verification);

// The user ids of a ranking body (`top_k`, `ranking` or `rankings`, or a bare array), in rank
// order (by each entry's `rank` when every entry has one).
std::vector<std::int64_t> ReadRankedUsers(const boost::json::value& body);
// The user ids of an orders body (`orders` or a bare array), by `final_rank` when given.
std::vector<std::int64_t> ReadOrderUsers(const boost::json::value& body);

}  // namespace tix::bench
