// A campaign's life on tixd's test clock (issue 11): scheduled, active, then settled at its end:
// orders == min(K, stock) whether K is below or above the stock, the product's stock goes down by
// as many, the winners are the top of the final ranking (whose SHA-256 the test recomputes from
// the documented lines), and each winner finds the order (kind "campaign") in GET /orders beside
// its ticket orders (kind "ticket").
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "support/bidding_test.h"

namespace tix::test {
namespace {

namespace json = boost::json;
using std::chrono::seconds;

constexpr seconds kMinute{60};

class BiddingSettlement : public BiddingTest {
  protected:
    // `count` users bidding 100, 110, 120, ... in the campaign; they are returned in bid order.
    std::vector<TestUser> Bidders(const json::value& campaign_id, int count) {
        std::vector<TestUser> bidders;
        for (int i = 0; i < count; ++i) {
            bidders.push_back(server().NewUser("bidder" + std::to_string(i)));
            const Response bid = PlaceBid(bidders.back().http(), campaign_id, 100 + 10 * i);
            EXPECT_EQ(bid.status, 201) << bid;
        }
        return bidders;
    }

    // Checks the settled campaign: orders == min(K, stock) by rank, the winners the top of the
    // final ranking, its hash recomputed. Returns the campaign's orders.
    std::vector<json::value> CheckSettled(const json::value& campaign_id, std::int64_t expected) {
        const Response campaign = GetCampaign(server().admin(), campaign_id);
        EXPECT_EQ(GetString(campaign.json, "status"), "settled") << campaign;
        EXPECT_EQ(GetInt(campaign.json, "winners"), expected) << campaign;

        const Response orders = CampaignOrders(server().admin(), campaign_id);
        EXPECT_EQ(orders.status, 200) << orders;
        const json::array& list = GetArray(orders.json, "orders");
        EXPECT_EQ(static_cast<std::int64_t>(list.size()), expected) << orders;

        const std::vector<FinalRank> ranking = WholeFinalRanking(server().admin(), campaign_id);
        const Response final = FinalRanking(server().admin(), campaign_id);
        EXPECT_EQ(GetInt(final.json, "winners"), expected);
        EXPECT_EQ(GetString(final.json, "sha256"), GetString(campaign.json, "final_sha256"));
        EXPECT_FALSE(GetString(final.json, "format").empty());
        EXPECT_EQ(GetInt(final.json, "participants"), static_cast<std::int64_t>(ranking.size()));
        // The hash of the lines as published, and of the lines rebuilt from the fields.
        std::string lines;
        for (const FinalRank& rank : ranking) lines += GetString(rank.json, "line") + "\n";
        EXPECT_EQ(Sha256Hex(lines), GetString(final.json, "sha256"));
        EXPECT_EQ(RankingLines(ranking), lines);

        for (std::size_t i = 0; i < list.size() && i < ranking.size(); ++i) {
            EXPECT_EQ(GetInt(list[i], "final_rank"), static_cast<std::int64_t>(i + 1));
            EXPECT_EQ(Member(list[i], "user_id"), Member(ranking[i].json, "user_id"));
            EXPECT_EQ(Member(list[i], "bid_id"), Member(ranking[i].json, "bid_id"));
            EXPECT_EQ(GetInt(list[i], "final_price_minor"), GetInt(ranking[i].json, "price_minor"));
            EXPECT_EQ(GetNumber(list[i], "final_score"), GetNumber(ranking[i].json, "score"));
            EXPECT_EQ(GetString(list[i], "kind"), "campaign");
            EXPECT_EQ(GetString(list[i], "status"), "awaiting_payment");
        }
        return {list.begin(), list.end()};
    }
};

TEST_F(BiddingSettlement, ACampaignRunsOnTheClockAndSettlesKOrdersWhenKIsBelowTheStock) {
    const json::value product = NewProduct(5);
    const json::value campaign = NewCampaign(product, 3, kMinute, kMinute);
    const json::value campaign_id = Member(campaign, "campaign_id");
    TestUser early = server().NewUser("early");

    // Scheduled: no bids, no final ranking yet.
    EXPECT_TRUE(IsProblem(PlaceBid(early.http(), campaign_id, 500), 409, {"campaign_not_active"}));
    EXPECT_TRUE(IsProblem(FinalRanking(early.http(), campaign_id), 409, {"campaign_not_settled"}));
    EXPECT_TRUE(GetArray(CampaignOrders(server().admin(), campaign_id).json, "orders").empty());

    Advance(kMinute);
    EXPECT_EQ(GetString(GetCampaign(early.http(), campaign_id).json, "status"), "active");
    std::vector<TestUser> bidders = Bidders(campaign_id, 5);  // bidder4 bids most
    EXPECT_TRUE(IsProblem(FinalRanking(early.http(), campaign_id), 409, {"campaign_not_settled"}));
    const Response live = GetCampaign(early.http(), campaign_id);
    EXPECT_EQ(GetInt(live.json, "participants"), 5);
    EXPECT_EQ(GetInt(live.json, "winning"), 3);
    const Response ranking = Ranking(early.http(), campaign_id);
    ASSERT_EQ(GetArray(ranking.json, "top_k").size(), 3u) << ranking;
    EXPECT_EQ(GetString(GetArray(ranking.json, "top_k")[0], "username"), "bidder4");

    Advance(kMinute);  // the end: the next step of tixd's engine settles
    const std::vector<json::value> orders = CheckSettled(campaign_id, 3);
    EXPECT_TRUE(IsProblem(PlaceBid(early.http(), campaign_id, 900), 409, {"campaign_not_active"}));
    EXPECT_EQ(GetInt(GetProduct(early.http(), product).json, "stock"), 2);

    // Each winner sees the order among its own; the others have none.
    for (int i = 0; i < 5; ++i) {
        const std::vector<json::value> mine = ListAllMyOrders(bidders[i].http());
        if (i < 2) {
            EXPECT_TRUE(mine.empty()) << "bidder" << i << " lost";
            continue;
        }
        ASSERT_EQ(mine.size(), 1u) << "bidder" << i;
        EXPECT_EQ(GetString(mine[0], "kind"), "campaign");
        EXPECT_EQ(GetInt(mine[0], "final_rank"), 5 - i);
        EXPECT_EQ(GetNumber(mine[0], "final_price"), 100 + 10 * i);
        EXPECT_EQ(GetString(mine[0], "currency"), "TWD");
        EXPECT_EQ(Member(mine[0], "campaign_id"), campaign_id);
        EXPECT_EQ(Member(mine[0], "product_id"), product);
        EXPECT_TRUE(GetTime(mine[0], "created_at").has_value());
    }
    EXPECT_EQ(orders.size(), 3u);
}

TEST_F(BiddingSettlement, KAboveTheStockSettlesAsManyOrdersAsThereIsStock) {
    const json::value product = NewProduct(2);
    const json::value campaign_id =
        Member(NewCampaign(product, 5, seconds{0}, kMinute), "campaign_id");
    Bidders(campaign_id, 4);
    const Response live = Ranking(server().admin(), campaign_id);
    EXPECT_EQ(GetArray(live.json, "top_k").size(), 4u) << "min(K, limit) ranks are shown";
    EXPECT_EQ(GetInt(live.json, "winning"), 2);
    Advance(kMinute);
    CheckSettled(campaign_id, 2);
    EXPECT_EQ(GetInt(GetProduct(server().admin(), product).json, "stock"), 0);

    // The product is sold out: a later campaign of it settles with no orders.
    const json::value later = Member(NewCampaign(product, 3, seconds{0}, kMinute), "campaign_id");
    Bidders(later, 2);
    Advance(kMinute);
    CheckSettled(later, 0);
    EXPECT_EQ(GetInt(GetProduct(server().admin(), product).json, "stock"), 0);
}

TEST_F(BiddingSettlement, ACampaignWithoutBidsSettlesEmpty) {
    const json::value campaign_id =
        Member(NewCampaign(NewProduct(3), 2, seconds{0}, kMinute), "campaign_id");
    Advance(kMinute);
    CheckSettled(campaign_id, 0);
    const Response final = FinalRanking(server().admin(), campaign_id);
    EXPECT_TRUE(GetArray(final.json, "ranking").empty());
    EXPECT_EQ(GetString(final.json, "sha256"), Sha256Hex(""));
}

// Ticket and campaign orders share one id sequence and one list, newest first.
TEST_F(BiddingSettlement, WonOrdersListBesideTicketOrdersNewestFirst) {
    const json::value event_id = CreateEvent();
    TestUser fan = server().NewUser("fan");
    const Response before = Hold(fan.http(), event_id, kGa, 1);
    ASSERT_EQ(before.status, 201) << before;
    EXPECT_EQ(GetString(before.json, "kind"), "ticket");
    const json::value campaign_id =
        Member(NewCampaign(NewProduct(1), 1, seconds{0}, kMinute), "campaign_id");
    ASSERT_EQ(PlaceBid(fan.http(), campaign_id, 150).status, 201);
    Advance(kMinute);
    const std::vector<json::value> won = CheckSettled(campaign_id, 1);
    ASSERT_EQ(won.size(), 1u);
    // A hold after the win has a later id.
    const Response after = Hold(fan.http(), event_id, kGa, 2);
    ASSERT_EQ(after.status, 201) << after;

    const Response page = fan.http().Get("/api/v1/orders?limit=2");
    ASSERT_EQ(page.status, 200) << page;
    const json::array& orders = GetArray(page.json, "orders");
    ASSERT_EQ(orders.size(), 2u) << page;
    EXPECT_EQ(GetString(orders[0], "kind"), "ticket");
    EXPECT_EQ(Member(orders[0], "order_id"), Member(after.json, "order_id"));
    EXPECT_EQ(GetString(orders[1], "kind"), "campaign");
    EXPECT_EQ(Member(orders[1], "order_id"), Member(won[0], "order_id"));
    const std::vector<json::value> all = ListAllMyOrders(fan.http(), 1);
    ASSERT_EQ(all.size(), 3u);
    EXPECT_EQ(Member(all[2], "order_id"), Member(before.json, "order_id"));
    // /orders/campaign/{id} is the campaign's list; /orders/{id} still reads ticket orders.
    EXPECT_EQ(GetOrder(fan.http(), Member(after.json, "order_id")).status, 200);
}

}  // namespace
}  // namespace tix::test
