// BidClient: one keep-alive HTTP connection of `--scenario bidding`'s bidding window. Bidders
// take turns on the connections (BidWork's queue of idle bidders): a connection takes the next
// idle bidder, POSTs its next bid (POST /api/v1/bids, a rising price from bid_stream.h) and, when
// answered, puts the bidder back at the end of the queue, so each bidder is closed loop (one bid
// in flight) and 10,000 bidders share --connections connections. A bidder stops at
// kBidsPerBidderMax bids or when the campaign answers campaign_not_active. The bidders are shared
// by the clients of one io_context thread, so no lock. Runs on its io_context's thread only.
#pragma once

#include <boost/asio/io_context.hpp>
#include <chrono>
#include <cstdint>
#include <deque>
#include <string>
#include <vector>

#include "closed_loop_client.h"

namespace tix::bench {

struct BidWork {
    std::int64_t campaign_id = 0;
    std::uint64_t seed = 1;
    std::vector<std::string> tokens;  // one bidder each
    std::deque<std::uint32_t> idle;   // bidders with no bid in flight and bids left
    // Per bidder: bids answered 201. Bid k (from 1) is retried until it is, so bids 1..accepted
    // are the ones tixd took: what the Redis replay sends.
    std::vector<std::uint32_t> accepted;
    std::uint64_t unanswered = 0;  // bids with no answer: tixd may have taken them
};

class BidClient final : public ClosedLoopClient {
  public:
    BidClient(boost::asio::io_context& io, boost::asio::ip::tcp::endpoint server,
              std::chrono::milliseconds timeout, BidWork& work);

    void Run(Clock::time_point deadline) { Start(deadline); }

  private:
    bool SendNext(HttpConnection& connection) override;
    unsigned SuccessStatus() const override { return 201; }
    void OnSuccess(const HttpAnswer& answer) override;
    void OnNotSucceeded(const HttpAnswer& answer) override;

    BidWork& work_;
    std::uint32_t bidder_ = 0;  // of the bid in flight
    std::string body_;
};

// {"campaign_id":C,"price":P} with P in major units and two decimals.
std::string BidBody(std::int64_t campaign_id, std::int64_t price_minor);

}  // namespace tix::bench
