#include "support/bidding_api.h"

#include <gtest/gtest.h>
#include <sodium.h>

#include <charconv>

#include "support/tix_api.h"

namespace tix::test {
namespace {

namespace json = boost::json;

std::string Path(std::string_view collection, const json::value& id, std::string_view tail = "") {
    return "/api/v1/" + std::string(collection) + "/" + IdText(id) + std::string(tail);
}

template <typename Number>
void AppendNumber(std::string& text, Number number) {
    char digits[32];
    text.append(digits, std::to_chars(digits, digits + sizeof digits, number).ptr);
}

}  // namespace

json::object ProductBody(std::int64_t stock, double min_price) {
    return {{"name", "Limited sneaker"},
            {"description", "One pair per winner"},
            {"image_url", "https://example.com/sneaker.png"},
            {"stock", stock},
            {"min_price", min_price}};
}

json::object CampaignDraft::ToJson() const {
    json::object body{{"product_id", product_id},
                      {"start_time", Rfc3339(start_time)},
                      {"end_time", Rfc3339(end_time)},
                      {"quota", quota}};
    if (alpha) body["alpha"] = *alpha;
    if (beta) body["beta"] = *beta;
    if (gamma) body["gamma"] = *gamma;
    if (payment_window_seconds) body["payment_window_seconds"] = *payment_window_seconds;
    return body;
}

json::value CreateProduct(HttpClient& admin, const json::object& body) {
    const Response response = admin.Post("/api/v1/products", body);
    if (response.status != 201 || Find(response.json, "product_id") == nullptr) {
        ADD_FAILURE() << "creating a product failed: " << response;
        return nullptr;
    }
    return Member(response.json, "product_id");
}

json::value CreateCampaign(HttpClient& admin, const CampaignDraft& draft) {
    const Response response = admin.Post("/api/v1/campaigns", draft.ToJson());
    if (response.status != 201 || Find(response.json, "campaign_id") == nullptr) {
        ADD_FAILURE() << "creating a campaign failed: " << response;
        return nullptr;
    }
    return response.json;
}

Response PlaceBid(HttpClient& bidder, const json::value& campaign_id, double price) {
    return bidder.Post("/api/v1/bids",
                       json::object{{"campaign_id", campaign_id}, {"price", price}});
}

Response BidHistory(HttpClient& bidder, const json::value& campaign_id) {
    return bidder.Get(Path("bids", campaign_id, "/history"));
}

Response GetCampaign(HttpClient& client, const json::value& campaign_id) {
    return client.Get(Path("campaigns", campaign_id));
}

Response GetProduct(HttpClient& client, const json::value& product_id) {
    return client.Get(Path("products", product_id));
}

Response Ranking(HttpClient& client, const json::value& campaign_id,
                 std::optional<std::int64_t> limit) {
    std::string query = limit ? "?limit=" + std::to_string(*limit) : "";
    return client.Get(Path("rankings", campaign_id, query));
}

Response MyStanding(HttpClient& bidder, const json::value& campaign_id) {
    return bidder.Get(Path("rankings", campaign_id, "/me"));
}

Response FinalRanking(HttpClient& client, const json::value& campaign_id, std::string_view query) {
    return client.Get(Path("rankings", campaign_id, "/final" + std::string(query)));
}

Response CampaignOrders(HttpClient& admin, const json::value& campaign_id) {
    return admin.Get(Path("orders/campaign", campaign_id));
}

Response SetWeight(HttpClient& admin, const json::value& user_id, double weight) {
    return admin.Request("PATCH", Path("admin/users", user_id), json::object{{"weight", weight}});
}

std::vector<double> ExactNumbers(std::string_view body, std::string_view key) {
    std::vector<double> numbers;
    const std::string needle = "\"" + std::string(key) + "\":";
    for (std::size_t at = body.find(needle); at != std::string_view::npos;
         at = body.find(needle, at + 1)) {
        const char* first = body.data() + at + needle.size();
        double number = 0;
        const auto [end, ec] = std::from_chars(first, body.data() + body.size(), number);
        if (ec != std::errc()) ADD_FAILURE() << "no number after " << needle;
        numbers.push_back(number);
    }
    return numbers;
}

std::vector<FinalRank> WholeFinalRanking(HttpClient& client, const json::value& campaign_id) {
    std::vector<FinalRank> ranking;
    std::string query;
    for (int page = 0; page < 1'000; ++page) {
        const Response response = FinalRanking(client, campaign_id, query);
        const json::array& ranks = GetArray(response.json, "ranking");
        const std::vector<double> weights = ExactNumbers(response.body, "member_weight");
        const std::vector<double> scores = ExactNumbers(response.body, "score");
        if (response.status != 200 || weights.size() != ranks.size() ||
            scores.size() != ranks.size()) {
            ADD_FAILURE() << response;
            return {};
        }
        for (std::size_t i = 0; i < ranks.size(); ++i) {
            ranking.push_back({ranks[i], weights[i], scores[i]});
        }
        const json::value next = Member(response.json, "next_after");
        if (next.is_null()) return ranking;
        query = "?after=" + IdText(next);
    }
    ADD_FAILURE() << "the final ranking's pages do not end";
    return {};
}

std::string RankingLines(const std::vector<FinalRank>& ranking) {
    std::string text;
    for (const FinalRank& rank : ranking) {
        for (const char* field : {"rank", "user_id", "bid_id", "price_minor", "time_elapsed_ms"}) {
            AppendNumber(text, GetInt(rank.json, field));
            text += ' ';
        }
        AppendNumber(text, rank.member_weight);
        text += ' ';
        AppendNumber(text, rank.score);
        text += '\n';
    }
    return text;
}

std::string Sha256Hex(const std::string& text) {
    unsigned char digest[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(text.data()), text.size());
    static constexpr char kHex[] = "0123456789abcdef";
    std::string hex;
    for (const unsigned char byte : digest) {
        hex += kHex[byte >> 4];
        hex += kHex[byte & 0xf];
    }
    return hex;
}

double ExpectedScore(double alpha, double beta, double gamma, std::int64_t price_minor,
                     std::int64_t elapsed_ms, double weight) {
    return alpha * (static_cast<double>(price_minor) / 100.0) +
           beta / (static_cast<double>(elapsed_ms) + 1.0) + gamma * weight;
}

}  // namespace tix::test
