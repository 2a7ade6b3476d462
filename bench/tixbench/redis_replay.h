// The seed's design of the bidding ranking, driven by the same bid stream as tixd in the same run:
// a Redis sorted set per campaign, each bid one round trip of ZADD (the score computed by the
// client, bid_stream.h) and ZREVRANK pipelined together, and the top K read by ZREVRANGE 0 K-1
// WITHSCORES every 2 s. Each bidder sends exactly the bids tixd took from it (bids 1..n, the same
// prices), closed loop over the same number of connections; T is counted from the replay's start.
// Durability is the Redis server's configuration, not the client's: the label says which.
#pragma once

#include <boost/asio/ip/tcp.hpp>
#include <boost/json/object.hpp>
#include <chrono>
#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

#include "bid_stream.h"
#include "latency_histogram.h"

namespace tix::bench {

struct RedisReplayPlan {
    std::string label;       // "redis-zset-nopersist", "redis-zset-fsync", "redis-zset"
    std::string durability;  // what a 1 from ZADD means: in memory only, or fsync'd per write
    boost::asio::ip::tcp::endpoint server;
    std::uint32_t connections = 100;
    std::chrono::milliseconds timeout{10'000};
    std::string key;                    // the campaign's sorted set
    std::vector<std::uint32_t> bids;    // per bidder: bids 1..n to send
    std::vector<std::int64_t> members;  // per bidder: the member (tixd's user id)
    std::uint64_t seed = 1;
    BidWeights weights;
    bool weighted = true;  // the member weights of bid_stream.h (false if tixd was not told them)
    std::uint32_t quota = 100;  // K of the top-K reads
    // No bid is sent after this long (tixd's bidding window: Redis with an fsync per write may be
    // far slower, and its rate is what is measured).
    std::chrono::milliseconds time_limit{std::chrono::minutes(10)};
};

struct RedisReplayFigures {
    std::string label;
    std::string durability;
    std::uint32_t connections = 0;
    double seconds = 0;         // from the first bid to the last answer
    std::uint64_t planned = 0;  // bids in the plan
    std::uint64_t bids = 0;     // ZADD + ZREVRANK answered without error
    std::uint64_t errors = 0;   // transport failures and error replies
    LatencyHistogram latency;   // a bid's round trip
    std::uint64_t top_reads = 0;
    LatencyHistogram top_latency;
    std::int64_t members = -1;  // ZCARD afterwards

    double bids_per_s() const { return seconds > 0 ? bids / seconds : 0; }
    boost::json::object ToJson() const;
    void Print(std::ostream& out) const;
};

// Blocks until every bid of the plan is answered (or failed), or the time limit. A connection that
// cannot be opened counts as an error and its bids go to the others.
RedisReplayFigures RunRedisReplay(const RedisReplayPlan& plan);

}  // namespace tix::bench
