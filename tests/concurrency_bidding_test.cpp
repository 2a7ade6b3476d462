// 200 bidders at once (issue 11), each on its own connection and thread, in two campaigns at the
// same time: one whose quota K is below its product's stock, one whose K is above it. Some bid
// again (up to 3 times). Afterwards each bidder's standing bid is the last one acknowledged, the
// counts add up, and once tixd's test clock passes the end, each campaign settles
// min(K, stock) orders to exactly the top of its final ranking, which is ordered by the rule
// (score, then the earlier bid, then the lower user id) and hashes to its published sha256.
// Randomized: a failure prints the seed; TIX_TEST_SEED=<seed> replays the bidders' choices.
#include <gtest/gtest.h>

#include <algorithm>
#include <boost/json.hpp>
#include <iostream>
#include <map>
#include <string>
#include <thread>
#include <tuple>
#include <vector>

#include "support/bidding_test.h"
#include "support/parallel.h"

namespace tix::test {
namespace {

namespace json = boost::json;
using std::chrono::seconds;

constexpr int kBidders = 200;
constexpr int kSignUpThreads = 8;
constexpr int kRebidsMax = 3;
constexpr int kOverloadRetriesMax = 50;
constexpr auto kRetryPause = std::chrono::milliseconds(20);

struct Sale {
    std::int64_t stock = 0;
    std::int64_t quota = 0;
    json::value product_id;
    json::value campaign_id;
};

// What one bidder was told in one campaign: its acknowledged bids, the last one standing.
struct Acked {
    int bids = 0;
    json::value last_bid_id;
    std::int64_t last_price_minor = 0;
};

class BiddingConcurrency : public BiddingTest {
  protected:
    void SetUp() override {
        BiddingTest::SetUp();
        if (HasFatalFailure()) return;
        seed_ = TestSeed();
        RecordProperty("seed", std::to_string(seed_));
        std::cout << "seed " << seed_ << " (TIX_TEST_SEED to replay)\n";
        users_.resize(kBidders);
        RunTogether(kSignUpThreads, [&](int t) {
            for (int i = t; i < kBidders; i += kSignUpThreads) {
                users_[i] = server().NewUser("bidder" + std::to_string(i));
            }
        });
        for (const TestUser& user : users_) ASSERT_TRUE(user.ok());
    }

    // A bid, retried while tixd answers 503 overloaded (which promises nothing was done).
    static Response Bid(HttpClient& client, const json::value& campaign_id, double price) {
        Response answer = PlaceBid(client, campaign_id, price);
        for (int i = 0; i < kOverloadRetriesMax && answer.status == 503; ++i) {
            std::this_thread::sleep_for(kRetryPause);
            answer = PlaceBid(client, campaign_id, price);
        }
        return answer;
    }

    // Each bidder's standing and history match what it was told.
    void CheckStandings(const Sale& sale, const std::vector<Acked>& acked) {
        std::int64_t total = 0;
        for (int i = 0; i < kBidders; ++i) {
            total += acked[i].bids;
            const Response me = MyStanding(users_[i].http(), sale.campaign_id);
            ASSERT_EQ(me.status, 200) << me;
            EXPECT_EQ(Member(me.json, "bid_id"), acked[i].last_bid_id) << "bidder " << i;
            EXPECT_EQ(GetInt(me.json, "price_minor"), acked[i].last_price_minor);
            EXPECT_EQ(GetInt(me.json, "bid_number"), acked[i].bids);
            const Response history = BidHistory(users_[i].http(), sale.campaign_id);
            EXPECT_EQ(GetArray(history.json, "bids").size(),
                      static_cast<std::size_t>(acked[i].bids));
        }
        const Response campaign = GetCampaign(server().admin(), sale.campaign_id);
        EXPECT_EQ(GetInt(campaign.json, "participants"), kBidders) << campaign;
        EXPECT_EQ(GetInt(campaign.json, "bids"), total) << campaign;
    }

    // The settlement: min(K, stock) orders, to the top of the final ranking, which follows the
    // rule, holds every bidder's standing bid and hashes to its sha256; the stock went down.
    void CheckSettlement(const Sale& sale, const std::vector<Acked>& acked) {
        const std::int64_t winners = std::min(sale.quota, sale.stock);
        const Response orders = CampaignOrders(server().admin(), sale.campaign_id);
        const json::array& list = GetArray(orders.json, "orders");
        ASSERT_EQ(static_cast<std::int64_t>(list.size()), winners) << orders;
        const std::vector<FinalRank> ranking =
            WholeFinalRanking(server().admin(), sale.campaign_id);
        ASSERT_EQ(ranking.size(), static_cast<std::size_t>(kBidders));
        const Response final = FinalRanking(server().admin(), sale.campaign_id);
        EXPECT_EQ(Sha256Hex(RankingLines(ranking)), GetString(final.json, "sha256"));
        EXPECT_EQ(GetInt(final.json, "winners"), winners);
        std::map<std::int64_t, int> bidder_of;  // user id -> index
        for (int i = 0; i < kBidders; ++i) {
            bidder_of[users_[i].user_id.to_number<std::int64_t>()] = i;
        }
        for (std::size_t r = 0; r < ranking.size(); ++r) {
            const json::value& rank = ranking[r].json;
            EXPECT_EQ(GetInt(rank, "rank"), static_cast<std::int64_t>(r + 1));
            const int bidder = bidder_of.at(GetInt(rank, "user_id"));
            EXPECT_EQ(Member(rank, "bid_id"), acked[bidder].last_bid_id) << "rank " << r + 1;
            if (r + 1 < ranking.size()) {
                const auto key = [](const FinalRank& x) {
                    return std::make_tuple(-x.score, GetInt(x.json, "time_elapsed_ms"),
                                           GetInt(x.json, "user_id"));
                };
                EXPECT_LT(key(ranking[r]), key(ranking[r + 1])) << "ranks " << r + 1;
            }
            if (static_cast<std::int64_t>(r) < winners) {
                EXPECT_EQ(Member(list[r], "user_id"), Member(rank, "user_id")) << "rank " << r + 1;
                EXPECT_EQ(GetInt(list[r], "final_rank"), static_cast<std::int64_t>(r + 1));
            }
        }
        EXPECT_EQ(GetInt(GetProduct(server().admin(), sale.product_id).json, "stock"),
                  sale.stock - winners);
    }

    std::uint64_t seed_ = 0;
    std::vector<TestUser> users_;
};

TEST_F(BiddingConcurrency, TwoHundredBiddersRebidAndSettlementPicksTheTopOfTheFinalRanking) {
    std::vector<Sale> sales = {{.stock = 50, .quota = 30}, {.stock = 20, .quota = 60}};
    for (Sale& sale : sales) {
        sale.product_id = NewProduct(sale.stock, 100);
        sale.campaign_id =
            Member(NewCampaign(sale.product_id, sale.quota, seconds{0}, std::chrono::minutes{10}),
                   "campaign_id");
        ASSERT_FALSE(sale.campaign_id.is_null());
    }
    std::vector<std::vector<Acked>> acked(sales.size(), std::vector<Acked>(kBidders));
    Problems problems;
    RunTogether(kBidders, [&](int i) {
        Dice dice(seed_ + static_cast<std::uint64_t>(i));
        HttpClient& client = users_[i].http();
        for (std::size_t s = 0; s < sales.size(); ++s) {
            const int bids = 1 + (dice.Chance(0.3) ? dice.Between(1, kRebidsMax) : 0);
            for (int b = 0; b < bids; ++b) {
                const std::int64_t price_minor = 10'000 + dice.Between(0, 500) * 100;
                const Response answer =
                    Bid(client, sales[s].campaign_id, static_cast<double>(price_minor) / 100);
                if (answer.status != 201) {
                    problems.Add("bidder " + std::to_string(i) + ": " + ToString(answer));
                    return;
                }
                Acked& mine = acked[s][i];
                ++mine.bids;
                mine.last_bid_id = Member(answer.json, "bid_id");
                mine.last_price_minor = price_minor;
                if (GetInt(answer.json, "bid_number") != mine.bids) {
                    problems.Add("bidder " + std::to_string(i) + " got " + ToString(answer));
                }
            }
        }
    });
    ASSERT_EQ(problems.size(), 0u) << "seed " << seed_ << "\n" << problems.Summary();
    for (std::size_t s = 0; s < sales.size(); ++s) CheckStandings(sales[s], acked[s]);

    Advance(std::chrono::minutes{10});
    for (std::size_t s = 0; s < sales.size(); ++s) {
        CheckSettlement(sales[s], acked[s]);
        if (HasFailure()) ADD_FAILURE() << "seed " << seed_;
    }
}

}  // namespace
}  // namespace tix::test
