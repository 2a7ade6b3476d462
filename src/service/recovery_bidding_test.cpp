// Recovery of bidding flash-sales: a settled campaign comes back with its orders and the stock
// they took; a campaign that ended while tixd was down is settled at start-up, once, and that is
// journaled; campaign orders and ticket orders never share an id across a restart; a journal whose
// campaign orders do not fit is Corruption, not an abort.
#include <gtest/gtest.h>

#include <vector>

#include "common/temp_dir.h"
#include "engine/sha256.h"
#include "engine/test_events.h"
#include "service/recovery.h"
#include "store/sqlite_journal.h"

namespace tix::service {
namespace {

using engine::CampaignId;
using engine::Engine;
using engine::ProductId;

constexpr TimePoint kStart = At(10'000);
constexpr TimePoint kEnd = At(70'000);

class RecoveryBiddingTest : public ::testing::Test {
  protected:
    // A product of `stock` and a campaign for it with quota `quota`, bid on by users 1..bidders
    // (user 2 twice).
    CampaignId Campaign(std::uint32_t stock, std::uint32_t quota, std::uint64_t bidders,
                        TimePoint end = kEnd) {
        engine::Product product;
        product.name = "Sneaker";
        product.initial_stock = stock;
        product.currency = "EUR";
        const ProductId product_id = before_.AddProduct(product, At(1'000)).product_id;
        engine::Campaign campaign;
        campaign.product_id = product_id;
        campaign.start_time = kStart;
        campaign.end_time = end;
        campaign.quota = quota;
        CampaignId id;
        EXPECT_EQ(before_.AddCampaign(campaign, At(2'000), id), engine::CampaignSetupOutcome::kOk);
        for (std::uint64_t user = 1; user <= bidders; ++user) Bid(id, user, 1'000 * user);
        if (bidders >= 2) Bid(id, 2, 50'000);  // a re-bid: now first
        return id;
    }
    void Bid(CampaignId id, std::uint64_t user, std::int64_t price_minor) {
        const engine::BidRequest request{id, UserId{user}, price_minor, 1.0 + 0.1 * user};
        EXPECT_EQ(before_.PlaceBid(request, kStart + std::chrono::milliseconds(user)).outcome,
                  engine::BidOutcome::kOk);
    }
    OrderId Hold(Engine& engine, std::uint64_t user, TimePoint now) {
        if (!event_) event_ = engine.AddEvent(engine::SmallTestEvent());
        const auto held = engine.Hold(
            engine::HoldByQuantity{
                .user_id = UserId{user}, .event_id = event_, .zone_id = "GA", .quantity = 1},
            now);
        EXPECT_EQ(held.outcome, engine::HoldOutcome::kOk);
        return held.order ? held.order->order_id : OrderId{};
    }
    // Journals what `before_` recorded since the last call, as the sequencer would.
    void Journal() {
        engine::JournalBatch batch;
        before_.DrainChanges(batch);
        auto journal = store::SqliteJournal::Open(dir_.File("tix.db"));
        ASSERT_TRUE(journal.ok()) << journal.status().ToString();
        ASSERT_TRUE((*journal)->Append(batch).ok());
    }
    Result<RecoveryStats> Restart(Engine& after, TimePoint now) {
        auto journal = store::SqliteJournal::Open(dir_.File("tix.db"));
        EXPECT_TRUE(journal.ok()) << journal.status().ToString();
        return Recover(**journal, after, now);
    }
    static void ExpectSameCampaign(const Engine& a, const Engine& b, CampaignId id) {
        const engine::BiddingBook& was = a.Bidding();
        const engine::BiddingBook& is = b.Bidding();
        EXPECT_EQ(*is.FindCampaign(id), *was.FindCampaign(id));
        EXPECT_EQ(*is.FindProduct(was.FindCampaign(id)->product_id),
                  *was.FindProduct(was.FindCampaign(id)->product_id));
        EXPECT_EQ(is.OrdersOfCampaign(id), was.OrdersOfCampaign(id));
        EXPECT_EQ(is.Ranking(id, 100, kEnd).version, was.Ranking(id, 100, kEnd).version);
    }

    TempDir dir_;
    Engine before_;
    EventId event_{};
};

TEST_F(RecoveryBiddingTest, ASettledCampaignComesBackWithItsOrdersAndStock) {
    const CampaignId id = Campaign(/*stock=*/3, /*quota=*/2, /*bidders=*/4);
    std::vector<OrderId> expired;
    before_.ExpireDue(kEnd, expired);
    Journal();
    ASSERT_EQ(before_.Bidding().OrdersOfCampaign(id).size(), 2U);

    Engine after;
    const auto stats = Restart(after, kEnd + std::chrono::minutes(30));  // before pay_by
    ASSERT_TRUE(stats.ok()) << stats.status().ToString();
    EXPECT_EQ(stats->products, 1U);
    EXPECT_EQ(stats->campaigns, 1U);
    EXPECT_EQ(stats->bids, 5U);
    EXPECT_EQ(stats->campaign_orders, 2U);
    EXPECT_EQ(stats->settled_at_start, 0U);
    ExpectSameCampaign(before_, after, id);
    EXPECT_EQ(after.Bidding().FindProduct(ProductId{1})->stock, 1U);
    EXPECT_EQ(after.Bidding().History(id, UserId{2}).size(), 2U) << "the re-bid's history kept";
    const engine::FinalRanking final = after.Bidding().Final(id);
    EXPECT_EQ(final.campaign.final_sha256,
              engine::ToHex(engine::Sha256(engine::FinalRankingText(final.ranking), "")));
    after.CheckInvariants();
}

// A winner's payment is durable like any change; an order whose pay_by passed while tixd was down
// expires at start-up and its unit goes back, journaled in the start-up batch.
TEST_F(RecoveryBiddingTest, PaidOrdersStayPaidAndUnpaidOnesExpireAtStartUp) {
    const CampaignId id = Campaign(/*stock=*/3, /*quota=*/2, /*bidders=*/4);
    std::vector<OrderId> expired;
    before_.ExpireDue(kEnd, expired);
    const std::vector<engine::CampaignOrder> won = before_.Bidding().OrdersOfCampaign(id);
    ASSERT_EQ(won.size(), 2U);
    const auto paid_at = kEnd + std::chrono::minutes(1);
    ASSERT_EQ(before_.BeginPayment(won[0].order_id, paid_at, std::chrono::seconds(10)),
              engine::OrderOutcome::kOk);
    ASSERT_EQ(before_.CompletePayment(won[0].order_id, true, paid_at), engine::OrderOutcome::kOk);
    Journal();

    Engine after;
    const auto stats = Restart(after, won[1].pay_by);
    ASSERT_TRUE(stats.ok()) << stats.status().ToString();
    EXPECT_EQ(after.Bidding().FindOrder(won[0].order_id)->status,
              engine::CampaignOrderStatus::kPaid);
    EXPECT_EQ(after.Bidding().FindOrder(won[1].order_id)->status,
              engine::CampaignOrderStatus::kExpired);
    EXPECT_EQ(after.Bidding().FindProduct(ProductId{1})->stock, 2U);
    after.CheckInvariants();

    Engine again;  // the expiry was journaled at start-up
    const auto second = Restart(again, won[1].pay_by + std::chrono::minutes(1));
    ASSERT_TRUE(second.ok()) << second.status().ToString();
    EXPECT_EQ(again.Bidding().FindOrder(won[1].order_id)->status,
              engine::CampaignOrderStatus::kExpired);
    EXPECT_EQ(again.Bidding().FindProduct(ProductId{1})->stock, 2U);
}

TEST_F(RecoveryBiddingTest, ACampaignThatEndedWhileDownIsSettledOnceAndJournaled) {
    const CampaignId id = Campaign(/*stock=*/2, /*quota=*/5, /*bidders=*/4);
    Journal();  // bids durable, then tixd dies before end_time

    Engine after;
    const TimePoint restart = kEnd + std::chrono::minutes(5);
    const auto stats = Restart(after, restart);
    ASSERT_TRUE(stats.ok()) << stats.status().ToString();
    EXPECT_EQ(stats->settled_at_start, 1U);
    EXPECT_EQ(stats->settled_orders_at_start, 2U) << "min(K 5, stock 2, 4 bidders)";
    EXPECT_EQ(after.Bidding().FindProduct(ProductId{1})->stock, 0U);
    // The same settlement as had tixd been up, but dated at the restart.
    std::vector<OrderId> expired;
    before_.ExpireDue(restart, expired);
    ExpectSameCampaign(before_, after, id);

    Engine again;  // the settlement was journaled: a second restart finds it, settles nothing
    const auto second = Restart(again, restart + std::chrono::minutes(1));
    ASSERT_TRUE(second.ok()) << second.status().ToString();
    EXPECT_EQ(second->settled_at_start, 0U);
    EXPECT_EQ(second->campaign_orders, 2U);
    ExpectSameCampaign(after, again, id);
    again.CheckInvariants();
}

TEST_F(RecoveryBiddingTest, NewTicketOrdersTakeIdsAboveEveryCampaignOrder) {
    const OrderId first_hold = Hold(before_, 1, At(5'000));
    const CampaignId settled_live = Campaign(5, 2, 3);
    const CampaignId settled_at_start = Campaign(5, 3, 3, kEnd + std::chrono::seconds(30));
    std::vector<OrderId> expired;
    before_.ExpireDue(kEnd, expired);  // the first settles: orders after the hold
    Journal();
    OrderId highest = first_hold;
    for (const auto& order : before_.Bidding().OrdersOfCampaign(settled_live)) {
        highest = std::max(highest, order.order_id);
    }

    Engine after;
    const auto stats = Restart(after, kEnd + std::chrono::minutes(1));
    ASSERT_TRUE(stats.ok()) << stats.status().ToString();
    EXPECT_EQ(stats->settled_at_start, 1U);
    const auto made_at_start = after.Bidding().OrdersOfCampaign(settled_at_start);
    ASSERT_EQ(made_at_start.size(), 3U);
    for (const auto& order : made_at_start) {
        EXPECT_GT(order.order_id, highest) << "a settlement at start-up reuses no id";
        EXPECT_EQ(after.FindOrder(order.order_id), nullptr);
        highest = std::max(highest, order.order_id);
    }
    EXPECT_GT(Hold(after, 2, kEnd + std::chrono::minutes(2)), highest);
}

TEST_F(RecoveryBiddingTest, ACampaignOrderWithATicketOrdersIdIsCorruption) {
    const OrderId hold = Hold(before_, 1, At(5'000));
    Campaign(2, 1, 2);
    std::vector<OrderId> expired;
    before_.ExpireDue(kEnd, expired);
    engine::JournalBatch batch;
    before_.DrainChanges(batch);
    ASSERT_EQ(batch.bidding.orders.size(), 1U);
    batch.bidding.orders[0].order_id = hold;
    auto journal = store::SqliteJournal::Open(dir_.File("tix.db"));
    ASSERT_TRUE(journal.ok());
    ASSERT_TRUE((*journal)->Append(batch).ok());

    Engine after;
    const auto stats = Restart(after, kEnd);
    ASSERT_FALSE(stats.ok());
    EXPECT_EQ(stats.status().code(), Status::Code::kCorruption) << stats.status().ToString();
}

}  // namespace
}  // namespace tix::service
