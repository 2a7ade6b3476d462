// POST /products, /campaigns and /bids bodies -> engine values. Pure; the first problem goes into
// the reader as an invalid_field naming the field, so a bad request changes nothing.
#pragma once

#include <optional>
#include <string_view>

#include "engine/bidding_book.h"
#include "http/json_body.h"

namespace tix::api {

// A product's currency when the request names none (the demo's, like its events').
inline constexpr std::string_view kDefaultCurrency = "TWD";
inline constexpr std::size_t kProductDescriptionLengthMax = 2'000;
inline constexpr std::size_t kImageUrlLengthMax = 2'048;
// alpha, beta and gamma: 0..this. A score stays far from double's limits (P is at most 1e9).
inline constexpr double kScoreWeightMax = 1e9;

// {name, description?, image_url?, stock 0..kProductStockMax, min_price, currency?}.
std::optional<engine::Product> ReadProduct(http::JsonObjectReader& body);

// {product_id, start_time, end_time > start_time and > now, alpha?, beta?, gamma?,
// quota 1..kCampaignQuotaMax}. Weights default to engine::ScoreWeights's.
std::optional<engine::Campaign> ReadCampaign(http::JsonObjectReader& body, TimePoint now);

// {campaign_id, price}: the bid without its user and weight (the route adds them).
std::optional<engine::BidRequest> ReadBid(http::JsonObjectReader& body);

}  // namespace tix::api
