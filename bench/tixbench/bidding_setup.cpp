#include "bidding_setup.h"

#include <boost/json.hpp>
#include <thread>

#include "bid_stream.h"
#include "common/rfc3339.h"
#include "run_setup.h"

namespace tix::bench {
namespace {

namespace json = boost::json;
using namespace std::chrono_literals;

constexpr auto kSettlementPoll = 200ms;

std::int64_t IdOf(const SetupAnswer& answer, const char* key) {
    const auto* object = answer.body.if_object();
    const auto* id = object != nullptr ? object->if_contains(key) : nullptr;
    return id != nullptr && id->is_int64() ? id->get_int64() : 0;
}

// Member weights for the bidders bid_stream.h weighs; stops at the first refusal (an older tixd
// without the field), and then none count.
Status SetWeights(SetupClient& setup, BiddingSetup& bidding) {
    for (std::uint32_t bidder = 0; bidder < bidding.user_ids.size(); ++bidder) {
        if (BidderWeight(bidder) == 1.0) continue;
        const json::value body = {{"weight", BidderWeight(bidder)}};
        auto answer =
            setup.Call("PATCH", "/api/v1/admin/users/" + std::to_string(bidding.user_ids[bidder]),
                       bidding.admin, &body);
        if (!answer.ok()) return answer.status();
        if (answer->status != 200) {
            return Status::InvalidArgument("member weight: " + DescribeAnswer(*answer));
        }
        ++bidding.weighted;
    }
    bidding.weights_applied = true;
    return Status::Ok();
}

Status CreateCampaign(const BiddingConfig& config, SetupClient& setup, double campaign_seconds,
                      BiddingSetup& bidding) {
    const json::value product = {{"name", "tixbench bidding"},
                                 {"description", "a flash sale by bids"},
                                 {"image_url", "https://bench.local/product.png"},
                                 {"stock", config.stock},
                                 {"min_price", kBidMinPriceMinor / 100}};
    auto made = setup.Call("POST", "/api/v1/products", bidding.admin, &product);
    if (!made.ok()) return made.status();
    bidding.product_id = IdOf(*made, "product_id");
    if (made->status != 201 || bidding.product_id == 0) {
        return Status::InvalidArgument("create product: " + DescribeAnswer(*made));
    }
    const TimePoint start =
        std::chrono::floor<std::chrono::milliseconds>(std::chrono::system_clock::now());
    bidding.campaign_end =
        start + std::chrono::milliseconds(static_cast<std::int64_t>(campaign_seconds * 1000));
    const BidWeights weights;
    const json::value campaign = {{"product_id", bidding.product_id},
                                  {"start_time", FormatRfc3339(start)},
                                  {"end_time", FormatRfc3339(bidding.campaign_end)},
                                  {"alpha", weights.alpha},
                                  {"beta", weights.beta},
                                  {"gamma", weights.gamma},
                                  {"quota", config.quota}};
    made = setup.Call("POST", "/api/v1/campaigns", bidding.admin, &campaign);
    if (!made.ok()) return made.status();
    bidding.campaign_id = IdOf(*made, "campaign_id");
    if (made->status != 201 || bidding.campaign_id == 0) {
        return Status::InvalidArgument("create campaign: " + DescribeAnswer(*made));
    }
    return Status::Ok();
}

std::string Text(const json::value& body, const char* key) {
    const auto* object = body.if_object();
    const auto* value = object != nullptr ? object->if_contains(key) : nullptr;
    return value != nullptr && value->is_string() ? std::string(value->get_string()) : "";
}

}  // namespace

Result<BiddingSetup> PrepareBidding(const BenchConfig& config, SetupClient& setup,
                                    double campaign_seconds, std::ostream& out) {
    BiddingSetup bidding;
    auto admin = AdminToken(setup, config.admin_email, config.admin_password);
    if (!admin.ok()) return admin.status();
    bidding.admin = std::move(*admin);
    auto tokens = CreateUsers(setup, bidding.admin, config.user_prefix, config.bidding.bidders,
                              &bidding.user_ids);
    if (!tokens.ok()) return tokens.status();
    bidding.tokens = std::move(*tokens);
    if (Status status = SetWeights(setup, bidding); !status.ok()) {
        out << "member weights not set (" << status.message() << "): every weight 1\n";
        bidding.weighted = 0;
    }
    if (Status status = CreateCampaign(config.bidding, setup, campaign_seconds, bidding);
        !status.ok()) {
        return status;
    }
    out << "campaign " << bidding.campaign_id << " (product " << bidding.product_id << ", stock "
        << config.bidding.stock << ", K " << config.bidding.quota << ") for " << campaign_seconds
        << " s; " << bidding.tokens.size() << " bidders, " << bidding.weighted << " weighted\n";
    return bidding;
}

void ReadSettlement(SetupClient& setup, const BiddingSetup& bidding,
                    std::chrono::steady_clock::time_point deadline, BiddingReport& report) {
    const std::string id = std::to_string(bidding.campaign_id);
    for (;;) {
        auto answer = setup.Call("GET", "/api/v1/campaigns/" + id, bidding.admin, nullptr);
        report.status = answer.ok() ? Text(answer->body, "status") : answer.status().ToString();
        if (report.status == "settled" || std::chrono::steady_clock::now() >= deadline) break;
        std::this_thread::sleep_for(kSettlementPoll);
    }
    auto orders = setup.Call("GET", "/api/v1/orders/campaign/" + id, bidding.admin, nullptr);
    if (orders.ok() && orders->status == 200) report.order_users = ReadOrderUsers(orders->body);
    for (const char* suffix : {"/final", ""}) {
        auto ranking = setup.Call("GET", "/api/v1/rankings/" + id + suffix, bidding.admin, nullptr);
        if (!ranking.ok() || ranking->status != 200) continue;
        report.ranking_users = ReadRankedUsers(ranking->body);
        report.ranking_source = std::string("GET /rankings/{id}") + suffix;
        if (const auto* object = ranking->body.if_object()) {
            const auto* total = object->if_contains("total_participants");
            if (total != nullptr && total->is_int64())
                report.server_participants = total->get_int64();
        }
        break;
    }
}

}  // namespace tix::bench
