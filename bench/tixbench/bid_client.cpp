#include "bid_client.h"

#include <cstdio>

#include "bid_stream.h"
#include "problem_code.h"

namespace tix::bench {

// campaign_not_active: the window closed under a bid in flight. overloaded: tixd's admission
// control; the bidder tries again.
BidClient::BidClient(boost::asio::io_context& io, boost::asio::ip::tcp::endpoint server,
                     std::chrono::milliseconds timeout, BidWork& work)
    : ClosedLoopClient(io, server, timeout, {"campaign_not_active", "overloaded"}), work_(work) {}

bool BidClient::SendNext(HttpConnection& connection) {
    if (work_.idle.empty()) return false;
    bidder_ = work_.idle.front();
    work_.idle.pop_front();
    const std::uint32_t bid_number = work_.accepted[bidder_] + 1;
    body_ = BidBody(work_.campaign_id, BidPriceMinor(work_.seed, bidder_, bid_number));
    connection.Send("POST", "/api/v1/bids", work_.tokens[bidder_], body_);
    return true;
}

void BidClient::OnSuccess(const HttpAnswer& /*answer*/) {
    if (++work_.accepted[bidder_] < kBidsPerBidderMax) work_.idle.push_back(bidder_);
}

void BidClient::OnNotSucceeded(const HttpAnswer& answer) {
    if (answer.error) ++work_.unanswered;
    // After the window nothing more is taken; any other refusal or error is counted and the
    // bidder bids again.
    if (!answer.error && ProblemCode(answer.body) == "campaign_not_active") return;
    work_.idle.push_back(bidder_);
}

std::string BidBody(std::int64_t campaign_id, std::int64_t price_minor) {
    char body[96];
    std::snprintf(body, sizeof body, R"({"campaign_id":%lld,"price":%lld.%02lld})",
                  static_cast<long long>(campaign_id), static_cast<long long>(price_minor / 100),
                  static_cast<long long>(price_minor % 100));
    return body;
}

}  // namespace tix::bench
