// Bidding flash-sales (issue 11; bidding_book.h): the score formula, the total order of ties,
// upserts, the campaign window, settlement (orders == min(K, stock), once), the final ranking's
// hash, and campaign orders sharing the ticket orders' id sequence.
#include <gtest/gtest.h>

#include <algorithm>
#include <charconv>
#include <string>
#include <vector>

#include "engine/dispatch.h"
#include "engine/engine.h"
#include "engine/sha256.h"
#include "engine/test_events.h"

namespace tix::engine {
namespace {

using namespace std::chrono_literals;

constexpr TimePoint kStart = At(10'000'000);
constexpr TimePoint kEnd = kStart + 60s;
constexpr UserId kAnn{1};
constexpr UserId kBob{2};
constexpr UserId kCid{3};

class BiddingTest : public ::testing::Test {
  protected:
    ProductId AddProduct(std::uint32_t stock, std::int64_t min_price_minor = 100'00) {
        Product product;
        product.name = "Signed jersey";
        product.initial_stock = stock;
        product.min_price_minor = min_price_minor;
        product.currency = "TWD";
        return engine_.AddProduct(product, At(1'000)).product_id;
    }
    CampaignId AddCampaign(ProductId product, std::uint32_t quota, ScoreWeights weights = {},
                           TimePoint end = kEnd) {
        Campaign campaign;
        campaign.product_id = product;
        campaign.start_time = kStart;
        campaign.end_time = end;
        campaign.weights = weights;
        campaign.quota = quota;
        CampaignId id;
        EXPECT_EQ(engine_.AddCampaign(campaign, At(2'000), id), CampaignSetupOutcome::kOk);
        return id;
    }
    BidResult Bid(CampaignId campaign, UserId user, std::int64_t price_minor, TimePoint now,
                  double weight = 1.0) {
        const BidResult result = engine_.PlaceBid({campaign, user, price_minor, weight}, now);
        engine_.CheckInvariants();
        return result;
    }
    void Settle(TimePoint now = kEnd) {
        std::vector<OrderId> expired;
        engine_.ExpireDue(now, expired);
        engine_.CheckInvariants();
    }
    std::vector<UserId> Winners(CampaignId campaign) const {
        std::vector<UserId> users;
        for (const CampaignOrder& order : engine_.Bidding().OrdersOfCampaign(campaign))
            users.push_back(order.user_id);
        return users;
    }

    Engine engine_;
};

TEST(BiddingScore, FollowsTheFormulaWithPriceInMajorUnits) {
    const ScoreWeights weights{2.0, 1000.0, 100.0};
    // 2 * 150.50 + 1000 / (499 + 1) + 100 * 1.5
    EXPECT_DOUBLE_EQ(Score(weights, 150'50, 499, 1.5), 301.0 + 2.0 + 150.0);
    EXPECT_DOUBLE_EQ(Score(ScoreWeights{}, 0, 0, 0.5), 1000.0 + 50.0);
}

TEST_F(BiddingTest, ABidIsScoredAtTheMillisecondItArrivesAndRanked) {
    const CampaignId campaign = AddCampaign(AddProduct(5), 3);
    const BidResult result = Bid(campaign, kAnn, 200'00, kStart + 999ms, 2.0);
    ASSERT_EQ(result.outcome, BidOutcome::kOk);
    EXPECT_EQ(result.bid->elapsed_ms, 999);
    EXPECT_DOUBLE_EQ(result.bid->score, 200.0 + 1000.0 / 1000.0 + 200.0);
    EXPECT_EQ(result.bid->bid_number, 1u);
    EXPECT_EQ(result.rank, 1u);
    EXPECT_EQ(Bid(campaign, kBob, 500'00, kStart + 2s).rank, 1u);
    EXPECT_EQ(engine_.Bidding().StandingOf(campaign, kAnn, kStart + 2s).rank, 2u);
}

TEST_F(BiddingTest, ARebidReplacesTheStandingBidAndCountsItsNumber) {
    const CampaignId campaign = AddCampaign(AddProduct(5), 3);
    Bid(campaign, kAnn, 300'00, kStart + 1s);
    Bid(campaign, kBob, 200'00, kStart + 1s);
    const BidResult rebid = Bid(campaign, kBob, 400'00, kStart + 5s);
    EXPECT_EQ(rebid.bid->bid_number, 2u);
    EXPECT_EQ(rebid.bid->elapsed_ms, 5000);  // T is taken at the new bid
    EXPECT_EQ(rebid.rank, 1u);
    const RankingView view = engine_.Bidding().Ranking(campaign, 10, kStart + 5s);
    EXPECT_EQ(view.participants, 2u);
    EXPECT_EQ(view.bids, 3u);
    ASSERT_EQ(view.top.size(), 2u);
    EXPECT_EQ(view.top[0].bid.user_id, kBob);
    EXPECT_EQ(view.top[0].bid.price_minor, 400'00);
    const std::vector<engine::Bid> history = engine_.Bidding().History(campaign, kBob);
    ASSERT_EQ(history.size(), 2u);
    EXPECT_EQ(history[0].price_minor, 200'00);
    EXPECT_EQ(history[1].price_minor, 400'00);
}

TEST_F(BiddingTest, TiesGoToTheEarlierBidThenToTheLowerUserId) {
    // beta = 0 and gamma = 0: the score is the price alone, so equal prices tie.
    const CampaignId campaign = AddCampaign(AddProduct(5), 3, ScoreWeights{1.0, 0.0, 0.0});
    Bid(campaign, kCid, 100'00, kStart + 2s);
    Bid(campaign, kBob, 100'00, kStart + 1s);
    Bid(campaign, kAnn, 100'00, kStart + 2s);
    const RankingView view = engine_.Bidding().Ranking(campaign, 10, kStart + 3s);
    ASSERT_EQ(view.top.size(), 3u);
    EXPECT_EQ(view.top[0].bid.user_id, kBob);  // the earlier bid
    EXPECT_EQ(view.top[1].bid.user_id, kAnn);  // same time: the lower user id
    EXPECT_EQ(view.top[2].bid.user_id, kCid);
}

TEST_F(BiddingTest, BidsOutsideTheWindowOrUnderTheMinimumAreRefusedAndChangeNothing) {
    const CampaignId campaign = AddCampaign(AddProduct(5, 100'00), 3);
    EXPECT_EQ(Bid(campaign, kAnn, 200'00, kStart - 1ms).outcome, BidOutcome::kNotActive);
    EXPECT_EQ(Bid(campaign, kAnn, 200'00, kEnd).outcome, BidOutcome::kNotActive);
    EXPECT_EQ(Bid(campaign, kAnn, 99'99, kStart).outcome, BidOutcome::kPriceTooLow);
    EXPECT_EQ(Bid(CampaignId{99}, kAnn, 200'00, kStart).outcome, BidOutcome::kUnknownCampaign);
    EXPECT_EQ(engine_.Bidding().Ranking(campaign, 10, kStart).bids, 0u);
    EXPECT_EQ(Bid(campaign, kAnn, 100'00, kStart).outcome, BidOutcome::kOk);  // the minimum is ok
}

TEST_F(BiddingTest, AParticipantsRebidsAreBounded) {
    const CampaignId campaign = AddCampaign(AddProduct(5), 3);
    for (std::uint32_t i = 0; i < kBidsPerParticipantMax; ++i) {
        ASSERT_EQ(Bid(campaign, kAnn, 100'00 + i, kStart + 1s).outcome, BidOutcome::kOk);
    }
    EXPECT_EQ(Bid(campaign, kAnn, 999'00, kStart + 2s).outcome, BidOutcome::kTooManyBids);
    EXPECT_EQ(engine_.Bidding().StandingOf(campaign, kAnn, kStart + 2s).bid.price_minor,
              100'00 + kBidsPerParticipantMax - 1);
}

TEST_F(BiddingTest, CampaignStatusFollowsTheClockThenTheSettlement) {
    const CampaignId campaign = AddCampaign(AddProduct(5), 3);
    const Campaign& spec = *engine_.Bidding().FindCampaign(campaign);
    EXPECT_EQ(StatusAt(spec, kStart - 1ms), CampaignStatus::kScheduled);
    EXPECT_EQ(StatusAt(spec, kStart), CampaignStatus::kActive);
    EXPECT_EQ(StatusAt(spec, kEnd), CampaignStatus::kEnded);
    EXPECT_EQ(engine_.NextDeadline(), kEnd);
    Settle();
    EXPECT_EQ(StatusAt(*engine_.Bidding().FindCampaign(campaign), kEnd), CampaignStatus::kSettled);
    EXPECT_EQ(engine_.NextDeadline(), std::nullopt);
}

TEST_F(BiddingTest, SettlementGivesTheTopKOrdersWhenStockAllows) {
    const ProductId product = AddProduct(10);
    const CampaignId campaign = AddCampaign(product, 2);
    Bid(campaign, kAnn, 300'00, kStart + 1s);
    Bid(campaign, kBob, 500'00, kStart + 1s);
    Bid(campaign, kCid, 400'00, kStart + 1s);
    Settle(kEnd - 1ms);
    EXPECT_TRUE(Winners(campaign).empty()) << "settled before its end";
    Settle();
    EXPECT_EQ(Winners(campaign), (std::vector<UserId>{kBob, kCid}));
    EXPECT_EQ(engine_.Bidding().FindProduct(product)->stock, 8u);
    const CampaignOrder first = engine_.Bidding().OrdersOfCampaign(campaign).at(0);
    EXPECT_EQ(first.final_rank, 1u);
    EXPECT_EQ(first.final_price_minor, 500'00);
    EXPECT_EQ(first.currency, "TWD");
    EXPECT_EQ(engine_.Bidding().StandingOf(campaign, kCid, kEnd).is_winning, true);
    EXPECT_EQ(engine_.Bidding().StandingOf(campaign, kAnn, kEnd).is_winning, false);
}

TEST_F(BiddingTest, SettlementNeverGivesMoreThanTheStockAndOnlyOnce) {
    const ProductId product = AddProduct(1);
    const CampaignId first = AddCampaign(product, 3);
    const CampaignId second = AddCampaign(product, 3);
    Bid(first, kAnn, 300'00, kStart + 1s);
    Bid(first, kBob, 500'00, kStart + 1s);
    Bid(second, kCid, 900'00, kStart + 1s);
    Settle();
    Settle(kEnd + 30min);  // nothing left to settle (and the winner's order not yet due)
    EXPECT_EQ(Winners(first), (std::vector<UserId>{kBob}));
    EXPECT_TRUE(Winners(second).empty()) << "the first campaign took the one item";
    EXPECT_EQ(engine_.Bidding().FindProduct(product)->stock, 0u);
    EXPECT_EQ(engine_.Bidding().FindCampaign(second)->winners, 0u);
    EXPECT_TRUE(engine_.Bidding().FindCampaign(second)->settled);
}

TEST_F(BiddingTest, CampaignOrdersShareTheTicketOrdersIdSequence) {
    const EventId event = engine_.AddEvent(SmallTestEvent());
    const CampaignId campaign = AddCampaign(AddProduct(5), 1);
    Bid(campaign, kAnn, 300'00, kStart + 1s);
    Settle();
    const OrderId won = engine_.Bidding().OrdersOfCampaign(campaign).at(0).order_id;
    EXPECT_EQ(engine_.FindOrder(won), nullptr) << "a campaign order is no ticket order";
    const HoldResult held =
        engine_.Hold(HoldByQuantity{kAnn, event, "GA", 1, false, {}}, kEnd + 1s);
    ASSERT_EQ(held.outcome, HoldOutcome::kOk);
    EXPECT_GT(held.order->order_id, won);
    EXPECT_EQ(engine_.Bidding().FindOrder(won)->user_id, kAnn);
}

TEST_F(BiddingTest, TheFinalHashIsTheSha256OfTheRankingText) {
    const CampaignId campaign = AddCampaign(AddProduct(5), 2);
    Bid(campaign, kAnn, 300'00, kStart + 1s, 0.5);
    Bid(campaign, kBob, 300'10, kStart + 7ms, 4.25);
    Settle();
    const FinalRanking final = engine_.Bidding().Final(campaign);
    ASSERT_EQ(final.ranking.size(), 2u);
    const std::string text = FinalRankingText(final.ranking);
    EXPECT_EQ(final.campaign.final_sha256, ToHex(Sha256(text, "")));
    const engine::Bid& bob = final.ranking[0].bid;
    char score[32];
    const auto end = std::to_chars(score, score + sizeof score, bob.score).ptr;
    EXPECT_EQ(text.substr(0, text.find('\n')), "1 2 " + std::to_string(bob.bid_id.value()) +
                                                   " 30010 7 4.25 " + std::string(score, end));
    EXPECT_EQ(std::count(text.begin(), text.end(), '\n'), 2);
}

TEST_F(BiddingTest, ChangesAreRecordedAndRestoreRebuildsTheSameState) {
    const ProductId product = AddProduct(3);
    const CampaignId settled = AddCampaign(product, 2);
    const CampaignId open = AddCampaign(product, 2, {}, kEnd + 30min);
    Bid(settled, kAnn, 300'00, kStart + 1s);
    Bid(settled, kBob, 500'00, kStart + 1s);
    Bid(settled, kAnn, 600'00, kStart + 2s);
    Settle();
    JournalBatch batch;
    engine_.DrainChanges(batch);
    EXPECT_FALSE(engine_.HasChanges());
    EXPECT_EQ(batch.bidding.bids.size(), 3u);
    EXPECT_EQ(batch.bidding.orders.size(), 2u);

    BiddingSnapshot snapshot;
    snapshot.products = engine_.Bidding().Products();
    for (const CampaignId id : engine_.Bidding().CampaignIds())
        snapshot.campaigns.push_back(*engine_.Bidding().FindCampaign(id));
    snapshot.bids = batch.bidding.bids;
    snapshot.orders = batch.bidding.orders;
    Engine restored;
    restored.RestoreBidding(snapshot);
    restored.CheckInvariants();
    EXPECT_EQ(restored.Bidding().OrdersOfCampaign(settled),
              engine_.Bidding().OrdersOfCampaign(settled));
    EXPECT_EQ(restored.Bidding().FindProduct(product)->stock, 1u);
    EXPECT_EQ(restored.Bidding().Ranking(settled, 5, kEnd).top[0].bid.price_minor, 600'00);
    EXPECT_EQ(restored.NextDeadline(), kEnd + 30min) << "the open campaign still has to settle";
    EXPECT_FALSE(restored.HasChanges());
    std::vector<OrderId> expired;
    restored.ExpireDue(kEnd + 30min, expired);
    EXPECT_TRUE(restored.Bidding().FindCampaign(open)->settled);
    EXPECT_EQ(restored.Bidding().FindProduct(product)->stock, 1u) << "nobody bid in it";
}

TEST_F(BiddingTest, ListOrdersMergesCampaignAndTicketOrdersNewestFirst) {
    const EventId event = engine_.AddEvent(SmallTestEvent());
    const auto hold = [&](TimePoint now) {
        return engine_.Hold(HoldByQuantity{kAnn, event, "GA", 1, false, {}}, now).order->order_id;
    };
    const OrderId before = hold(kStart);
    const CampaignId campaign = AddCampaign(AddProduct(5), 1);
    Bid(campaign, kAnn, 300'00, kStart + 1s);
    Settle();
    const OrderId won = engine_.Bidding().OrdersOfCampaign(campaign).at(0).order_id;
    const OrderId after = hold(kEnd + 1s);

    Command first_page = ListOrders{kAnn, 2, {}};
    const auto page = std::get<OrderListReply>(Apply(engine_, first_page, kEnd + 2s));
    ASSERT_EQ(page.orders.size(), 1u);
    ASSERT_EQ(page.campaign_orders.size(), 1u);
    EXPECT_EQ(page.orders[0].order.order_id, after);
    EXPECT_EQ(page.campaign_orders[0].order_id, won);
    EXPECT_EQ(page.next_cursor, won);
    Command second_page = ListOrders{kAnn, 2, page.next_cursor};
    const auto rest = std::get<OrderListReply>(Apply(engine_, second_page, kEnd + 2s));
    ASSERT_EQ(rest.orders.size(), 1u);
    EXPECT_EQ(rest.orders[0].order.order_id, before);
    EXPECT_TRUE(rest.campaign_orders.empty());
    EXPECT_FALSE(rest.next_cursor);
}

}  // namespace
}  // namespace tix::engine
