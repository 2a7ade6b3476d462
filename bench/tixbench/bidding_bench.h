// `--scenario bidding` (issue 11 §5): a bidding flash sale against tixd on loopback, with the
// seed's design (a Redis sorted set) driven by the same bids in the same run.
//   setup    --bidders bulk users (every 100th a member of weight 2), a product of --stock and a
//            campaign of quota K that starts now and lasts --campaign-seconds. Not measured.
//   sockets  one WebSocket per bidder (/ws/{campaign_id}), all on one thread; tixd's resident
//            memory before and after (--tixd-pid) gives its memory per socket.
//   bids     for --duration (or until the campaign closes), each bidder in closed loop re-bids a
//            rising price over --connections keep-alive connections shared by all bidders: bids/s
//            (each 201 durable) and the latency of a bid. Meanwhile the sockets time every
//            ranking_update tick and count bid_accepted frames.
//   end      every socket waits for campaign_ended; the settlement is read back through the API.
//   redis    the same bids per bidder replayed into a Redis sorted set (redis_replay.h): once
//            without persistence and once with appendfsync always when tixbench starts the
//            redis-server itself.
// Then the checks (BiddingReport).
#pragma once

#include <boost/asio/ip/tcp.hpp>
#include <ostream>

#include "bench_config.h"
#include "bidding_report.h"
#include "common/status.h"

namespace tix::bench {

// REQUIRES: ResolveDefaults(config) passed for the bidding scenario.
Result<BiddingReport> RunBiddingBench(const BenchConfig& config,
                                      boost::asio::ip::tcp::endpoint tixd, std::ostream& out);

}  // namespace tix::bench
