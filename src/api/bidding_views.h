// The API's JSON shapes for bidding flash-sales (docs/api.md, "Bidding"): pure functions of the
// engine's reply snapshots, run on IO threads. Money as elsewhere (views.h: `price` in major
// units beside `price_minor`), times RFC 3339, scores as JSON numbers.
#pragma once

#include <boost/json/value.hpp>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/reply.h"

namespace tix::api {

// A user's display name (the user directory's `name`); "" for an unknown user. Called on the IO
// thread, once per rendered rank: it must not block.
using NameOf = std::function<std::string(UserId)>;

// How FinalRankingText's lines read, for whoever checks the hash (GET /rankings/{id}/final).
inline constexpr std::string_view kFinalRankingFormat =
    "sha256 is the SHA-256 (lower-case hex) of every rank's line followed by \"\\n\", rank 1 "
    "first; a line is \"rank user_id bid_id price_minor time_elapsed_ms member_weight score\", "
    "fields separated by one space, integers in decimal, member_weight and score as the shortest "
    "decimal text that reads back as the same IEEE 754 double (C++ std::to_chars: 1, 2.5, 0.1, "
    "1e+16); each rank's `line` is its line";

// A JSON array of render(item) for each item, in order.
template <typename Item, typename Render>
boost::json::array ArrayOf(const std::vector<Item>& items, Render render) {
    boost::json::array array;
    array.reserve(items.size());
    for (const Item& item : items) array.push_back(render(item));
    return array;
}

boost::json::object ProductJson(const engine::Product& product);
// A campaign with its figures (participants, bids, max_score, min_winning_score, status).
boost::json::object CampaignJson(const engine::RankingView& view);
// A bid as its bidder sees it.
boost::json::object BidJson(const engine::Bid& bid);
// A winner's order, `kind: "campaign"`, as GET /orders lists it.
boost::json::object CampaignOrderJson(const engine::CampaignOrder& order);

// GET /rankings/{id}: the figures and the first min(K, `limit`) ranks with usernames.
boost::json::object RankingJson(const engine::RankingView& view, std::uint32_t limit,
                                const NameOf& name_of);
// GET /rankings/{id}/me. REQUIRES: standing.rank > 0.
boost::json::object StandingJson(const engine::RankingView& view, const engine::Standing& standing);
// GET /rankings/{id}/final: ranks after..after+limit of a settled campaign, with its hash.
boost::json::object FinalRankingJson(const engine::FinalRanking& final, std::uint64_t after,
                                     std::uint32_t limit, const NameOf& name_of);

}  // namespace tix::api
