// Bidding flash-sales end to end (issue 11): products and campaigns made by an admin, bids scored
// by score = alpha * P + beta / (T + 1) + gamma * W and checked against that formula, one standing
// bid per user (a re-bid replaces it and counts), ties, live rankings with usernames, the
// campaign's status moving with tixd's test clock, and the settlement: orders == min(K, stock),
// the winners are the top of the published final ranking, whose SHA-256 the test recomputes from
// its lines, and the winners see their orders (kind "campaign") in GET /orders.
#include <gtest/gtest.h>

#include <algorithm>
#include <boost/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "support/bidding_test.h"
#include "support/parallel.h"

namespace tix::test {
namespace {

namespace json = boost::json;
using std::chrono::milliseconds;
using std::chrono::seconds;

using BiddingE2e = BiddingTest;

constexpr seconds kMinute{60};

TEST_F(BiddingE2e, ProductsAndCampaignsAreMadeByAnAdminAndReadByAnyone) {
    const Response made = server().admin().Post("/api/v1/products", ProductBody(5, 99.5));
    ASSERT_EQ(made.status, 201) << made;
    EXPECT_EQ(GetString(made.json, "name"), "Limited sneaker");
    EXPECT_EQ(GetString(made.json, "image_url"), "https://example.com/sneaker.png");
    EXPECT_EQ(GetInt(made.json, "stock"), 5);
    EXPECT_EQ(GetNumber(made.json, "min_price"), 99.5);
    EXPECT_EQ(GetInt(made.json, "min_price_minor"), 9'950);
    EXPECT_EQ(GetString(made.json, "currency"), "TWD");
    const json::value product = Member(made.json, "product_id");

    const json::value campaign = NewCampaign(product, 3, kMinute, kMinute);
    ASSERT_FALSE(campaign.is_null());
    EXPECT_EQ(GetString(campaign, "status"), "scheduled");
    EXPECT_EQ(Member(campaign, "product_id"), product);
    EXPECT_EQ(GetInt(campaign, "quota"), 3);
    EXPECT_EQ(GetNumber(campaign, "alpha"), 1);
    EXPECT_EQ(GetNumber(campaign, "beta"), 1000);
    EXPECT_EQ(GetNumber(campaign, "gamma"), 100);
    EXPECT_EQ(GetInt(campaign, "participants"), 0);
    EXPECT_EQ(GetInt(campaign, "bids"), 0);
    EXPECT_TRUE(Member(campaign, "max_score").is_null());
    EXPECT_TRUE(Member(campaign, "min_winning_score").is_null());
    const json::value campaign_id = Member(campaign, "campaign_id");

    // Anyone reads them, without a token.
    auto anyone = server().NewClient();
    const Response products = anyone->Get("/api/v1/products");
    ASSERT_EQ(products.status, 200) << products;
    ASSERT_EQ(GetArray(products.json, "products").size(), 1u);
    EXPECT_EQ(GetProduct(*anyone, product).json, made.json);
    const Response campaigns = anyone->Get("/api/v1/campaigns");
    ASSERT_EQ(campaigns.status, 200) << campaigns;
    ASSERT_EQ(GetArray(campaigns.json, "campaigns").size(), 1u);
    EXPECT_EQ(Member(GetArray(campaigns.json, "campaigns")[0], "campaign_id"), campaign_id);
    const Response one = GetCampaign(*anyone, campaign_id);
    ASSERT_EQ(one.status, 200) << one;
    EXPECT_EQ(GetString(one.json, "start_time"), GetString(campaign, "start_time"));
    EXPECT_EQ(GetInt(Member(one.json, "product"), "stock"), 5);
}

// T is the milliseconds from the campaign's start to the bid's receipt; the test brackets it
// with its own clock (tixd's is the same machine's, plus what the test advanced).
TEST_F(BiddingE2e, ABidsScoreFollowsTheFormulaWithItsTimeAndTheBiddersWeight) {
    TestUser ana = server().NewUser("ana");
    ASSERT_EQ(SetWeight(server().admin(), ana.user_id, 2.5).status, 200);
    CampaignDraft weights;
    weights.alpha = 2;
    weights.beta = 5000;
    weights.gamma = 10;
    const json::value campaign = NewCampaign(NewProduct(10), 3, kMinute, kMinute, weights);
    const json::value campaign_id = Member(campaign, "campaign_id");
    const TimePoint start = GetTime(campaign, "start_time").value();
    Advance(kMinute);

    const auto before = std::chrono::duration_cast<milliseconds>(ServerNow() - start).count();
    const Response bid = PlaceBid(ana.http(), campaign_id, 150.25);
    const auto after = std::chrono::duration_cast<milliseconds>(ServerNow() - start).count();
    ASSERT_EQ(bid.status, 201) << bid;
    const std::int64_t elapsed = GetInt(bid.json, "time_elapsed_ms");
    EXPECT_GE(elapsed, before);
    EXPECT_LE(elapsed, after);
    EXPECT_EQ(Member(bid.json, "campaign_id"), campaign_id);
    EXPECT_EQ(GetNumber(bid.json, "price"), 150.25);
    EXPECT_EQ(GetInt(bid.json, "price_minor"), 15'025);
    EXPECT_EQ(GetNumber(bid.json, "member_weight"), 2.5);
    EXPECT_EQ(GetInt(bid.json, "rank"), 1);
    EXPECT_EQ(GetInt(bid.json, "bid_number"), 1);
    EXPECT_FALSE(Member(bid.json, "bid_id").is_null());
    EXPECT_DOUBLE_EQ(GetNumber(bid.json, "score"),
                     ExpectedScore(2, 5000, 10, 15'025, elapsed, 2.5));
    EXPECT_DOUBLE_EQ(GetNumber(bid.json, "score"), 2 * 150.25 + 5000.0 / (elapsed + 1) + 25);

    // A bid at the very start: T = 0 makes beta count whole.
    const json::value now_campaign = NewCampaign(NewProduct(1), 1, seconds{0}, kMinute);
    const Response early = PlaceBid(ana.http(), Member(now_campaign, "campaign_id"), 100);
    ASSERT_EQ(early.status, 201) << early;
    const std::int64_t t = GetInt(early.json, "time_elapsed_ms");
    EXPECT_GE(t, 0);
    EXPECT_DOUBLE_EQ(GetNumber(early.json, "score"), ExpectedScore(1, 1000, 100, 10'000, t, 2.5));
}

TEST_F(BiddingE2e, ARebidReplacesTheStandingBidAndCountsIt) {
    TestUser ana = server().NewUser("ana");
    TestUser bob = server().NewUser("bob");
    const json::value campaign_id =
        Member(NewCampaign(NewProduct(10), 2, seconds{0}, kMinute), "campaign_id");
    ASSERT_EQ(PlaceBid(ana.http(), campaign_id, 200).status, 201);
    const Response bob_first = PlaceBid(bob.http(), campaign_id, 150);
    ASSERT_EQ(bob_first.status, 201);
    EXPECT_EQ(GetInt(bob_first.json, "rank"), 2);

    // Bob outbids Ana: his new bid stands, number 2, timed at the re-bid.
    const Response bob_again = PlaceBid(bob.http(), campaign_id, 300);
    ASSERT_EQ(bob_again.status, 201) << bob_again;
    EXPECT_EQ(GetInt(bob_again.json, "bid_number"), 2);
    EXPECT_EQ(GetInt(bob_again.json, "rank"), 1);
    EXPECT_GE(GetInt(bob_again.json, "time_elapsed_ms"), GetInt(bob_first.json, "time_elapsed_ms"));
    EXPECT_NE(Member(bob_again.json, "bid_id"), Member(bob_first.json, "bid_id"));
    // A lower re-bid replaces it too.
    const Response bob_lower = PlaceBid(bob.http(), campaign_id, 120);
    ASSERT_EQ(bob_lower.status, 201);
    EXPECT_EQ(GetInt(bob_lower.json, "bid_number"), 3);
    EXPECT_EQ(GetInt(bob_lower.json, "rank"), 2);

    const Response ranking = Ranking(bob.http(), campaign_id);
    ASSERT_EQ(ranking.status, 200) << ranking;
    EXPECT_EQ(GetInt(ranking.json, "total_participants"), 2);
    const json::array& top = GetArray(ranking.json, "top_k");
    ASSERT_EQ(top.size(), 2u);
    EXPECT_EQ(GetString(top[0], "username"), "ana");
    EXPECT_EQ(GetString(top[1], "username"), "bob");
    EXPECT_EQ(GetNumber(top[1], "price"), 120);
    EXPECT_EQ(GetNumber(top[1], "score"), GetNumber(bob_lower.json, "score"));
    EXPECT_EQ(GetNumber(ranking.json, "max_score"), GetNumber(top[0], "score"));
    EXPECT_EQ(GetNumber(ranking.json, "min_winning_score"), GetNumber(top[1], "score"));
    EXPECT_EQ(GetInt(GetCampaign(bob.http(), campaign_id).json, "bids"), 4);

    // Bob's history: his three bids, oldest first; Ana's: hers alone.
    const Response history = BidHistory(bob.http(), campaign_id);
    ASSERT_EQ(history.status, 200) << history;
    const json::array& bids = GetArray(history.json, "bids");
    ASSERT_EQ(bids.size(), 3u);
    for (std::size_t i = 0; i < bids.size(); ++i) {
        EXPECT_EQ(GetInt(bids[i], "bid_number"), static_cast<std::int64_t>(i + 1));
        EXPECT_EQ(Member(bids[i], "user_id"), bob.user_id);
    }
    EXPECT_EQ(Member(bids[2], "bid_id"), Member(bob_lower.json, "bid_id"));
    EXPECT_EQ(GetArray(BidHistory(ana.http(), campaign_id).json, "bids").size(), 1u);

    const Response me = MyStanding(bob.http(), campaign_id);
    ASSERT_EQ(me.status, 200) << me;
    EXPECT_EQ(GetInt(me.json, "rank"), 2);
    EXPECT_EQ(GetNumber(me.json, "price"), 120);
    EXPECT_EQ(GetNumber(me.json, "score"), GetNumber(bob_lower.json, "score"));
    EXPECT_EQ(Member(me.json, "is_winning"), json::value(true)) << "K = 2";
}

// Equal scores: the earlier bid first, then the lower user id. With beta = 0 and gamma = 0 the
// score is the price alone; bidders racing in one group commit share one T.
TEST_F(BiddingE2e, TiesGoToTheEarlierBidThenTheLowerUserId) {
    CampaignDraft weights;
    weights.beta = 0;
    weights.gamma = 0;
    const json::value campaign_id =
        Member(NewCampaign(NewProduct(100), 100, seconds{0}, kMinute, weights), "campaign_id");
    constexpr int kBidders = 24;
    std::vector<TestUser> bidders;
    for (int i = 0; i < kBidders; ++i) bidders.push_back(server().NewUser("tie"));
    Problems problems;
    RunTogether(kBidders, [&](int i) {
        const Response bid = PlaceBid(bidders[i].http(), campaign_id, i % 2 == 0 ? 500 : 400);
        if (bid.status != 201) problems.Add(ToString(bid));
    });
    ASSERT_EQ(problems.size(), 0u) << problems.Summary();

    const Response ranking = Ranking(server().admin(), campaign_id);
    const json::array& top = GetArray(ranking.json, "top_k");
    ASSERT_EQ(top.size(), static_cast<std::size_t>(kBidders)) << ranking;
    std::vector<std::tuple<double, std::int64_t, std::int64_t>> keys;  // (-score, T, user)
    for (TestUser& bidder : bidders) {
        const Response history = BidHistory(bidder.http(), campaign_id);
        const json::value bid = GetArray(history.json, "bids").at(0);
        keys.emplace_back(-GetNumber(bid, "score"), GetInt(bid, "time_elapsed_ms"),
                          GetInt(bid, "user_id"));
    }
    std::sort(keys.begin(), keys.end());
    for (std::size_t i = 0; i < keys.size(); ++i) {
        EXPECT_EQ(GetInt(top[i], "user_id"), std::get<2>(keys[i])) << "rank " << i + 1;
        EXPECT_EQ(GetInt(top[i], "rank"), static_cast<std::int64_t>(i + 1));
    }
}

// Two bids of equal score by different ways (price against weight): the earlier one ranks first.
TEST_F(BiddingE2e, AnEqualScoreGoesToTheEarlierBid) {
    TestUser heavy = server().NewUser("heavy");
    TestUser rich = server().NewUser("rich");
    ASSERT_EQ(SetWeight(server().admin(), heavy.user_id, 2).status, 200);
    CampaignDraft weights;
    weights.beta = 0;  // gamma 100: 100 + 100 * 2 == 200 + 100 * 1
    const json::value campaign_id =
        Member(NewCampaign(NewProduct(1), 1, seconds{0}, kMinute, weights), "campaign_id");
    const Response first = PlaceBid(heavy.http(), campaign_id, 100);
    const Response second = PlaceBid(rich.http(), campaign_id, 200);
    ASSERT_EQ(first.status, 201) << first;
    ASSERT_EQ(second.status, 201) << second;
    EXPECT_EQ(GetNumber(first.json, "score"), 300);
    EXPECT_EQ(GetNumber(second.json, "score"), 300);
    EXPECT_EQ(GetInt(second.json, "rank"), 2);
    const Response ranking = Ranking(rich.http(), campaign_id);
    const json::array& top = GetArray(ranking.json, "top_k");
    ASSERT_EQ(top.size(), 1u) << "top_k stops at K";
    EXPECT_EQ(Member(top[0], "user_id"), heavy.user_id);
    EXPECT_EQ(Member(MyStanding(rich.http(), campaign_id).json, "is_winning"), json::value(false));
}

}  // namespace
}  // namespace tix::test
