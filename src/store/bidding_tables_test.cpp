// Bidding in the SQLite journal: every field round trips across a reopen (doubles bit for bit),
// later records of a product, campaign or order replace earlier ones while bids only append, a
// settlement's batch is on disk whole or not at all, a journal from before bidding opens with
// none, one from before winners' payments opens with its orders awaiting payment, and damaged rows
// are Corruption, not a crash.
#include <gtest/gtest.h>

#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "common/temp_dir.h"
#include "engine/engine.h"
#include "engine/test_events.h"
#include "store/journal_test_support.h"
#include "store/sqlite.h"
#include "store/sqlite_journal.h"

namespace tix::store {
namespace {

using engine::BidId;
using engine::CampaignId;
using engine::ProductId;

using test::Reload;

constexpr char kHash[] = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";

engine::Product ProductOne() {
    return {ProductId{1}, "Sneaker", "Limited run", "https://img.example/1.png", 10, 10,
            1'999,        "EUR",     At(1'000)};
}

engine::Campaign CampaignOf(std::uint64_t id, engine::ScoreWeights weights) {
    engine::Campaign campaign;
    campaign.campaign_id = CampaignId{id};
    campaign.product_id = ProductId{1};
    campaign.start_time = At(10'000);
    campaign.end_time = At(70'000);
    campaign.weights = weights;
    campaign.quota = 3;
    campaign.created_at = At(2'000);
    return campaign;
}

engine::Bid BidOf(std::uint64_t id, std::uint64_t user, double weight, double score) {
    return {BidId{id}, CampaignId{1}, UserId{user}, 2'500 + static_cast<std::int64_t>(id),
            1'234,     weight,        score,        1,
            At(11'234)};
}

// Doubles a REAL column must keep bit for bit.
const std::vector<double> kDoubles = {0.1 + 0.2,
                                      1e-300,
                                      std::numeric_limits<double>::denorm_min(),
                                      std::numeric_limits<double>::max(),
                                      -123.456,
                                      1e15,  // integral: SQLite stores it as an integer
                                      9007199254740993.0,
                                      1.0 / 3.0};

Status Append(const std::string& path, const engine::JournalBatch& batch) {
    auto journal = SqliteJournal::Open(path);
    if (!journal.ok()) return journal.status();
    return (*journal)->Append(batch);
}

std::uint64_t Bits(double value) { return std::bit_cast<std::uint64_t>(value); }

TEST(BiddingTables, EveryFieldRoundTripsAcrossAReopen) {
    TempDir dir;
    const std::string path = dir.File("tix.db");
    engine::JournalBatch batch;
    batch.bidding.products = {ProductOne()};
    engine::Campaign settled = CampaignOf(1, {0.1 + 0.2, 1e-300, 7.25});
    settled.settled = true;
    settled.settled_at = At(70'001);
    settled.winners = 2;
    settled.final_sha256 = kHash;
    batch.bidding.campaigns = {settled, CampaignOf(2, {-1.5, 1000.0, 100.0})};
    const std::vector<double> weights = {0.5, 1.7, 5.0, 0.1 + 0.2 + 0.5};
    for (std::size_t i = 0; i < kDoubles.size(); ++i) {
        batch.bidding.bids.push_back(
            BidOf(i + 1, 10 + i, weights[i % weights.size()], kDoubles[i]));
    }
    batch.bidding.bids[1].bid_number = 7;
    batch.bidding.orders = {{OrderId{5}, CampaignId{1}, ProductId{1}, UserId{10}, BidId{1}, 2'501,
                             0.1 + 0.2, 1, "EUR", At(70'001)},
                            {OrderId{6}, CampaignId{1}, ProductId{1}, UserId{11}, BidId{2}, 2'502,
                             1e-300, 2, "EUR", At(70'001)}};
    ASSERT_TRUE(Append(path, batch).ok());

    const engine::BiddingSnapshot loaded = Reload(path).bidding;
    EXPECT_EQ(loaded.products, batch.bidding.products);
    EXPECT_EQ(loaded.campaigns, batch.bidding.campaigns);
    EXPECT_EQ(loaded.bids, batch.bidding.bids);
    EXPECT_EQ(loaded.orders, batch.bidding.orders);
    ASSERT_EQ(loaded.bids.size(), kDoubles.size());
    for (std::size_t i = 0; i < kDoubles.size(); ++i) {
        EXPECT_EQ(Bits(loaded.bids[i].score), Bits(kDoubles[i])) << kDoubles[i];
        EXPECT_EQ(Bits(loaded.bids[i].member_weight), Bits(batch.bidding.bids[i].member_weight));
    }
    EXPECT_EQ(Bits(loaded.campaigns[0].weights.alpha), Bits(0.1 + 0.2));
    EXPECT_EQ(Bits(loaded.campaigns[0].weights.beta), Bits(1e-300));
}

// Why Score never returns -0: REAL keeps every double but the sign of a zero.
TEST(BiddingTables, RealLosesOnlyTheSignOfZeroAndScoreNeverMakesOne) {
    TempDir dir;
    const std::string path = dir.File("tix.db");
    engine::JournalBatch batch;
    batch.bidding.products = {ProductOne()};
    batch.bidding.campaigns = {CampaignOf(1, {})};
    batch.bidding.bids = {BidOf(1, 10, 1.0, -0.0)};
    ASSERT_TRUE(Append(path, batch).ok());
    const double loaded = Reload(path).bidding.bids.at(0).score;
    EXPECT_EQ(loaded, 0.0);
    EXPECT_FALSE(std::signbit(loaded));

    const double zero = engine::Score({-1.0, -0.0, -0.0}, 0, 0, 1.0);  // -0 + -0 + -0
    EXPECT_EQ(zero, 0.0);
    EXPECT_FALSE(std::signbit(zero));
}

TEST(BiddingTables, LaterProductsAndCampaignsReplaceEarlierOnesWhileBidsAppend) {
    TempDir dir;
    const std::string path = dir.File("tix.db");
    engine::JournalBatch first;
    first.bidding.products = {ProductOne()};
    first.bidding.campaigns = {CampaignOf(1, {})};
    first.bidding.bids = {BidOf(1, 10, 1.0, 110.0)};
    ASSERT_TRUE(Append(path, first).ok());

    engine::Bid rebid = BidOf(2, 10, 1.0, 120.0);  // the same user again: a new row
    rebid.bid_number = 2;
    engine::Product sold = ProductOne();
    sold.stock = 9;
    engine::Product sold_more = sold;  // two records of one product in a batch: the later wins
    sold_more.stock = 8;
    engine::Campaign settled = CampaignOf(1, {});
    settled.settled = true;
    settled.settled_at = At(70'000);
    settled.winners = 1;
    settled.final_sha256 = kHash;
    engine::JournalBatch second;
    second.bidding.products = {sold, sold_more};
    second.bidding.campaigns = {settled};
    second.bidding.bids = {rebid};
    ASSERT_TRUE(Append(path, second).ok());

    const engine::BiddingSnapshot loaded = Reload(path).bidding;
    EXPECT_EQ(loaded.products, std::vector<engine::Product>{sold_more});
    EXPECT_EQ(loaded.campaigns, std::vector<engine::Campaign>{settled});
    EXPECT_EQ(loaded.bids, (std::vector<engine::Bid>{BidOf(1, 10, 1.0, 110.0), rebid}));

    engine::JournalBatch again;
    again.bidding.bids = {rebid};
    EXPECT_FALSE(Append(path, again).ok()) << "a bid is journaled once";
}

// A real settlement, from the engine: its batch, whose last order cannot be written (it names no
// campaign), fails whole: no order, the stock and the campaign as before. Written again, whole.
TEST(BiddingTables, ASettlementIsOnDiskWholeOrNotAtAll) {
    TempDir dir;
    const std::string path = dir.File("tix.db");
    engine::Engine engine;
    engine::Product product = ProductOne();
    product.initial_stock = 2;
    engine.AddProduct(product, At(1'000));
    CampaignId id;
    ASSERT_EQ(engine.AddCampaign(CampaignOf(0, {}), At(2'000), id),
              engine::CampaignSetupOutcome::kOk);
    for (std::uint64_t user = 1; user <= 3; ++user) {
        const engine::BidRequest bid{id, UserId{user}, 2'000 + 100 * static_cast<int>(user), 1.0};
        ASSERT_EQ(engine.PlaceBid(bid, At(20'000)).outcome, engine::BidOutcome::kOk);
    }
    engine::JournalBatch bids;
    engine.DrainChanges(bids);
    ASSERT_TRUE(Append(path, bids).ok());

    std::vector<OrderId> expired;
    engine.ExpireDue(At(70'000), expired);
    engine::JournalBatch settlement;
    engine.DrainChanges(settlement);
    ASSERT_EQ(settlement.bidding.orders.size(), 2U);
    engine::JournalBatch broken = settlement;
    broken.bidding.orders.back().campaign_id = CampaignId{99};
    EXPECT_FALSE(Append(path, broken).ok());
    engine::BiddingSnapshot loaded = Reload(path).bidding;
    EXPECT_TRUE(loaded.orders.empty());
    EXPECT_EQ(loaded.products.at(0).stock, 2U);
    EXPECT_FALSE(loaded.campaigns.at(0).settled);

    ASSERT_TRUE(Append(path, settlement).ok());
    loaded = Reload(path).bidding;
    EXPECT_EQ(loaded.orders, settlement.bidding.orders);
    EXPECT_EQ(loaded.products.at(0).stock, 0U);
    EXPECT_TRUE(loaded.campaigns.at(0).settled);
    EXPECT_EQ(loaded.campaigns.at(0), *engine.Bidding().FindCampaign(id));
}

// A payment step writes the order again: its row is replaced, and the product's stock with it.
TEST(BiddingTables, AnOrderWrittenAgainKeepsItsLatestState) {
    TempDir dir;
    const std::string path = dir.File("tix.db");
    engine::Engine engine;
    engine::Product product = ProductOne();
    product.initial_stock = 1;
    engine.AddProduct(product, At(1'000));
    CampaignId id;
    ASSERT_EQ(engine.AddCampaign(CampaignOf(0, {}), At(2'000), id),
              engine::CampaignSetupOutcome::kOk);
    ASSERT_EQ(engine.PlaceBid({id, UserId{1}, 2'000, 1.0}, At(20'000)).outcome,
              engine::BidOutcome::kOk);
    std::vector<OrderId> expired;
    engine.ExpireDue(At(70'000), expired);
    engine::JournalBatch settled;
    engine.DrainChanges(settled);
    ASSERT_TRUE(Append(path, settled).ok());
    const OrderId won = settled.bidding.orders.at(0).order_id;
    ASSERT_EQ(engine.Cancel(won, At(80'000)), engine::OrderOutcome::kOk);
    engine::JournalBatch declined;
    engine.DrainChanges(declined);
    ASSERT_TRUE(Append(path, declined).ok());

    const engine::BiddingSnapshot loaded = Reload(path).bidding;
    ASSERT_EQ(loaded.orders.size(), 1U);
    EXPECT_EQ(loaded.orders[0], *engine.Bidding().FindOrder(won));
    EXPECT_EQ(loaded.orders[0].status, engine::CampaignOrderStatus::kCancelled);
    EXPECT_EQ(loaded.products.at(0).stock, 1U) << "the unit is back";
}

// Journals written before winners could pay have neither the payment columns nor the window:
// their orders open awaiting payment, due an hour after they were made.
TEST(BiddingTables, AJournalFromBeforeWinnersPaidOpensWithOrdersAwaitingPayment) {
    TempDir dir;
    const std::string path = dir.File("tix.db");
    engine::JournalBatch batch;
    batch.bidding.products = {ProductOne()};
    engine::Campaign settled = CampaignOf(1, {});
    settled.settled = true;
    settled.winners = 1;
    settled.final_sha256 = kHash;
    batch.bidding.campaigns = {settled};
    batch.bidding.bids = {BidOf(1, 10, 1.0, 150.5)};
    batch.bidding.orders = {{OrderId{1}, CampaignId{1}, ProductId{1}, UserId{10}, BidId{1}, 2'501,
                             150.5, 1, "EUR", At(70'000)}};
    ASSERT_TRUE(Append(path, batch).ok());
    {
        auto db = Database::Open(path);
        ASSERT_TRUE(db.ok());
        for (const char* column :
             {"status", "refund_reason", "pay_by", "payment_expires_at", "updated_at"}) {
            ASSERT_TRUE(
                (*db)->Exec(std::string("ALTER TABLE campaign_orders DROP COLUMN ") + column).ok());
        }
        ASSERT_TRUE((*db)->Exec("ALTER TABLE campaigns DROP COLUMN payment_window_s").ok());
    }
    const engine::BiddingSnapshot loaded = Reload(path).bidding;
    ASSERT_EQ(loaded.orders.size(), 1U);
    EXPECT_EQ(loaded.orders[0].status, engine::CampaignOrderStatus::kAwaitingPayment);
    EXPECT_EQ(loaded.orders[0].pay_by, At(70'000) + engine::kPaymentWindowDefault);
    EXPECT_EQ(loaded.orders[0].updated_at, At(70'000));
    EXPECT_EQ(loaded.campaigns.at(0).payment_window, engine::kPaymentWindowDefault);
}

TEST(BiddingTables, AJournalFromBeforeBiddingOpensWithNone) {
    TempDir dir;
    const std::string path = dir.File("tix.db");
    engine::JournalBatch batch;
    batch.events.push_back(engine::SmallTestEvent());
    batch.events[0].event_id = EventId{1};
    ASSERT_TRUE(Append(path, batch).ok());
    {
        auto db = Database::Open(path);
        ASSERT_TRUE(db.ok());
        ASSERT_TRUE((*db)
                        ->Exec("DROP TABLE campaign_orders; DROP TABLE bids; "
                               "DROP TABLE campaigns; DROP TABLE products")
                        .ok());
    }
    const engine::RecoveredState state = Reload(path);
    EXPECT_TRUE(state.bidding.products.empty());
    EXPECT_TRUE(state.bidding.campaigns.empty());
    EXPECT_EQ(state.events.size(), 1U);

    engine::JournalBatch products;
    products.bidding.products = {ProductOne()};
    ASSERT_TRUE(Append(path, products).ok()) << "the tables were created on open";
    EXPECT_EQ(Reload(path).bidding.products.size(), 1U);
}

TEST(BiddingTables, DamagedRowsAreCorruption) {
    TempDir dir;
    int journals = 0;
    for (const char* damage : {"UPDATE products SET stock = 11",
                               "UPDATE products SET initial_stock = -1",
                               "UPDATE products SET product_id = 0",
                               "UPDATE campaigns SET alpha = -9e999",
                               "UPDATE campaigns SET beta = 'high'",
                               "UPDATE campaigns SET settled = 2",
                               "UPDATE campaigns SET final_sha256 = 'abc'",
                               "UPDATE campaigns SET settled = 0",
                               "UPDATE campaigns SET winners = 4",
                               "UPDATE campaigns SET quota = 0",
                               "UPDATE campaigns SET end_time = start_time",
                               "UPDATE bids SET score = x'00'",
                               "UPDATE bids SET member_weight = 'x'",
                               "UPDATE bids SET score = 9e999",
                               "UPDATE bids SET bid_number = 0",
                               "UPDATE bids SET price_minor = -5",
                               "UPDATE bids SET user_id = -3",
                               "UPDATE campaign_orders SET final_score = 'low'",
                               "UPDATE campaign_orders SET final_rank = 0",
                               "UPDATE campaign_orders SET status = 'lost'",
                               "UPDATE campaign_orders SET refund_reason = 'whim'",
                               "UPDATE campaigns SET payment_window_s = 5",
                               "UPDATE campaign_orders SET bid_id = 0"}) {
        const std::string path = dir.File("tix-" + std::to_string(++journals) + ".db");
        engine::JournalBatch batch;
        batch.bidding.products = {ProductOne()};
        engine::Campaign settled = CampaignOf(1, {});
        settled.settled = true;
        settled.winners = 1;
        settled.final_sha256 = kHash;
        batch.bidding.campaigns = {settled};
        batch.bidding.bids = {BidOf(1, 10, 1.0, 150.5)};
        batch.bidding.orders = {{OrderId{1}, CampaignId{1}, ProductId{1}, UserId{10}, BidId{1},
                                 2'501, 150.5, 1, "EUR", At(70'000)}};
        const Status status = test::LoadDamaged(path, batch, damage);
        EXPECT_EQ(status.code(), Status::Code::kCorruption) << damage << ": " << status.ToString();
    }
}

}  // namespace
}  // namespace tix::store
