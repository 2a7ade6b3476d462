// Bidding flash-sales (issue 11) as black-box tests use them: products, campaigns, bids, the
// rankings, the final ranking and its hash recomputed from the documented line format (with
// libsodium's SHA-256, not tixd's code), member weights and campaign orders. Readers are soft like
// tix_api.h's: a wrong answer fails an expectation with the response printed. Any thread.
#pragma once

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/types.h"
#include "support/http_client.h"

namespace tix::test {

// A POST /api/v1/products body; stock and min_price (major units) given.
boost::json::object ProductBody(std::int64_t stock, double min_price = 100);

// A POST /api/v1/campaigns body with the default weights unless given.
struct CampaignDraft {
    boost::json::value product_id;
    TimePoint start_time{};
    TimePoint end_time{};
    std::int64_t quota = 1;
    std::optional<double> alpha, beta, gamma;
    std::optional<std::int64_t> payment_window_seconds;  // the winners' time to pay

    boost::json::object ToJson() const;
};

// POST /products as `admin`: the product's id, or null after adding a test failure.
boost::json::value CreateProduct(HttpClient& admin, const boost::json::object& body);
// POST /campaigns as `admin`: the created campaign, or null after adding a test failure.
boost::json::value CreateCampaign(HttpClient& admin, const CampaignDraft& draft);

Response PlaceBid(HttpClient& bidder, const boost::json::value& campaign_id, double price);
Response BidHistory(HttpClient& bidder, const boost::json::value& campaign_id);
Response GetCampaign(HttpClient& client, const boost::json::value& campaign_id);
Response GetProduct(HttpClient& client, const boost::json::value& product_id);
// GET /rankings/{id}, with ?limit= when given.
Response Ranking(HttpClient& client, const boost::json::value& campaign_id,
                 std::optional<std::int64_t> limit = std::nullopt);
Response MyStanding(HttpClient& bidder, const boost::json::value& campaign_id);
Response FinalRanking(HttpClient& client, const boost::json::value& campaign_id,
                      std::string_view query = "");
Response CampaignOrders(HttpClient& admin, const boost::json::value& campaign_id);
// PATCH /admin/users/{id} {"weight"} as `admin`.
Response SetWeight(HttpClient& admin, const boost::json::value& user_id, double weight);

// A rank of the final ranking, with its doubles read from the answer's text exactly (Boost.JSON's
// parser may be a unit in the last place off, and the hashed lines print them to the last digit).
struct FinalRank {
    boost::json::value json;
    double member_weight = 0;
    double score = 0;
};
// The whole final ranking, following next_after; empty after adding a test failure.
std::vector<FinalRank> WholeFinalRanking(HttpClient& client, const boost::json::value& campaign_id);
// The ranking's lines rebuilt from its fields as documented (each ends in "\n").
std::string RankingLines(const std::vector<FinalRank>& ranking);
// SHA-256, lower-case hex.
std::string Sha256Hex(const std::string& text);
// Every number that follows `"key":` in `body`, in order, read with std::from_chars.
std::vector<double> ExactNumbers(std::string_view body, std::string_view key);

// score = alpha * P + beta / (T + 1) + gamma * W, P in major units.
double ExpectedScore(double alpha, double beta, double gamma, std::int64_t price_minor,
                     std::int64_t elapsed_ms, double weight);

}  // namespace tix::test
