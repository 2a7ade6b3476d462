// A kill around settlement (issue 11): tixd is SIGKILLed just before, at, or just after a
// campaign's end_time (when its engine settles the campaign), then restarted on the same data.
// Each campaign is settled exactly once: orders == min(K, stock), the product's stock went down
// by as many and no more, the winners are the top of the final ranking (whose hash the test
// recomputes), every acknowledged bid is there, and a second, clean restart changes nothing.
// Real time (the test clock does not survive a restart); the kill's moment is randomized: a
// failure prints the seed, TIX_TEST_SEED=<seed> replays it.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <chrono>
#include <iostream>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "support/bidding_api.h"
#include "support/parallel.h"
#include "support/tix_test.h"

namespace tix::test {
namespace {

namespace json = boost::json;
using std::chrono::milliseconds;
using std::chrono::seconds;

constexpr int kBidders = 12;
// Bids are taken for this long before the end.
constexpr seconds kBiddingTime{3};
// The kill's moment from the end, per round: before it, at it (the settlement's batch may be
// applied but not yet committed), after it.
struct KillBand {
    int from_ms;
    int to_ms;
};
constexpr KillBand kKillBands[] = {{-300, -50}, {0, 30}, {50, 300}};
constexpr auto kSettleDeadline = std::chrono::seconds{20};

struct Sale {
    std::int64_t stock = 0;
    std::int64_t quota = 0;
    json::value product_id;
    json::value campaign_id;
    std::vector<json::value> last_bid_ids;  // per bidder: its last acknowledged bid
};

// What a settled sale looks like from outside: its hash, its orders, the product's stock.
struct Settled {
    std::string sha256;
    std::vector<std::string> orders;  // "order_id user_id rank", by rank
    std::int64_t stock = -1;

    bool operator==(const Settled&) const = default;
};

Settled ReadSettled(HttpClient& admin, const Sale& sale) {
    Settled settled;
    const std::int64_t winners = std::min(sale.quota, sale.stock);
    const Response orders = CampaignOrders(admin, sale.campaign_id);
    const json::array& list = GetArray(orders.json, "orders");
    EXPECT_EQ(static_cast<std::int64_t>(list.size()), winners) << orders;
    const std::vector<FinalRank> ranking = WholeFinalRanking(admin, sale.campaign_id);
    EXPECT_EQ(ranking.size(), sale.last_bid_ids.size());
    const Response final = FinalRanking(admin, sale.campaign_id);
    settled.sha256 = GetString(final.json, "sha256");
    EXPECT_EQ(Sha256Hex(RankingLines(ranking)), settled.sha256) << final;
    for (std::size_t r = 0; r < list.size() && r < ranking.size(); ++r) {
        EXPECT_EQ(Member(list[r], "user_id"), Member(ranking[r].json, "user_id")) << r + 1;
        settled.orders.push_back(IdText(Member(list[r], "order_id")) + " " +
                                 IdText(Member(list[r], "user_id")) + " " +
                                 std::to_string(GetInt(list[r], "final_rank")));
    }
    std::set<std::string> standing;
    for (const FinalRank& rank : ranking) standing.insert(IdText(Member(rank.json, "bid_id")));
    for (const json::value& bid_id : sale.last_bid_ids) {
        EXPECT_TRUE(standing.count(IdText(bid_id))) << "acknowledged bid " << bid_id << " lost";
    }
    settled.stock = GetInt(GetProduct(admin, sale.product_id).json, "stock");
    EXPECT_EQ(settled.stock, sale.stock - winners);
    return settled;
}

TEST(BiddingCrash, EachCampaignSettlesExactlyOnceWhateverTheKillsMoment) {
    const std::uint64_t seed = TestSeed();
    std::cout << "seed " << seed << " (TIX_TEST_SEED to replay)\n";
    Dice dice(seed);
    TixServer server;
    ASSERT_TRUE(server.ok()) << server.error();
    std::vector<TestUser> bidders;
    for (int i = 0; i < kBidders; ++i) bidders.push_back(server.NewUser("bidder"));

    for (int round = 0; round < static_cast<int>(std::size(kKillBands)); ++round) {
        SCOPED_TRACE("round " + std::to_string(round) + ", seed " + std::to_string(seed));
        // K below the stock, and K above it.
        std::vector<Sale> sales = {{.stock = 7, .quota = 5}, {.stock = 3, .quota = 10}};
        const TimePoint end = std::chrono::ceil<seconds>(Now()) + kBiddingTime + seconds{1};
        for (Sale& sale : sales) {
            sale.product_id = CreateProduct(server.admin(), ProductBody(sale.stock, 10));
            CampaignDraft draft{.product_id = sale.product_id,
                                .start_time = std::chrono::floor<seconds>(Now()),
                                .end_time = end,
                                .quota = sale.quota};
            sale.campaign_id = Member(CreateCampaign(server.admin(), draft), "campaign_id");
            ASSERT_FALSE(sale.campaign_id.is_null());
        }
        for (Sale& sale : sales) {
            for (int i = 0; i < kBidders; ++i) {
                auto client = server.NewClient();
                client->set_token(bidders[i].http().token());
                const Response bid = PlaceBid(*client, sale.campaign_id, 10 + dice.Between(0, 90));
                ASSERT_EQ(bid.status, 201) << bid;
                sale.last_bid_ids.push_back(Member(bid.json, "bid_id"));
            }
        }
        const KillBand band = kKillBands[round];
        const TimePoint kill_at = end + milliseconds{dice.Between(band.from_ms, band.to_ms)};
        ASSERT_LT(Now(), kill_at) << "the bids took longer than " << kBiddingTime.count() << " s";
        std::this_thread::sleep_until(std::chrono::system_clock::time_point(kill_at));
        server.Crash();
        ASSERT_TRUE(server.Restart()) << server.error();

        // Settled at the end (at once if it passed while tixd was down).
        for (const Sale& sale : sales) {
            EXPECT_TRUE(Eventually(
                [&] {
                    return GetString(GetCampaign(server.admin(), sale.campaign_id).json,
                                     "status") == "settled";
                },
                kSettleDeadline));
        }
        std::vector<Settled> first;
        for (const Sale& sale : sales) first.push_back(ReadSettled(server.admin(), sale));
        server.Stop();
        ASSERT_TRUE(server.Restart()) << server.error();
        for (std::size_t s = 0; s < sales.size(); ++s) {
            EXPECT_EQ(ReadSettled(server.admin(), sales[s]), first[s]) << "a second settlement";
        }
    }
}

}  // namespace
}  // namespace tix::test
