// Bidding flash-sale routes (issue 11; docs/api.md, "Bidding"): products, campaigns, bids, live
// rankings, the final ranking with its hash, and a campaign's orders. Each parses, looks up on
// the IO thread what the engine does not keep (a bidder's member weight, usernames), submits one
// command and renders its reply there.
#pragma once

#include <functional>
#include <optional>
#include <string>

#include "api/bidding_views.h"
#include "common/limits.h"
#include "http/router.h"
#include "service/sequencer.h"

namespace tix::api {

// What the bidding routes need of an account; the user directory (auth/) answers, wired in app/.
// Called on IO threads: must not block (the directory's reads are in memory).
struct Member {
    std::string name;
    double weight = limits::kDefaultMemberWeight;
};
using MemberLookup = std::function<std::optional<Member>(UserId)>;

struct BiddingRouteServices {
    service::Sequencer& sequencer;
    MemberLookup members;             // a bidder's weight
    NameOf names;                     // usernames in rankings (the accounts' name_of)
    service::Sequencer::Clock clock;  // the server's: a campaign must end in the future
    // Told of each bid the engine took, once it is durable (the bidder's sockets hear of it).
    // Called on the IO thread that answers; may be empty.
    std::function<void(const engine::Bid& bid, std::uint32_t rank)> on_bid_accepted;
};

// GET/POST /api/v1/products, GET /products/{id}, GET/POST /campaigns, GET /campaigns/{id},
// POST /bids, GET /bids/{campaign_id}/history. REQUIRES: `services` outlives the router.
void AddBiddingRoutes(http::Router& router, const BiddingRouteServices& services);

// GET /api/v1/rankings/{campaign_id}, .../me, .../final, GET /orders/campaign/{campaign_id}.
void AddRankingRoutes(http::Router& router, const BiddingRouteServices& services);

}  // namespace tix::api
