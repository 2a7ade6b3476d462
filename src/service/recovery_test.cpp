#include "service/recovery.h"

#include <gtest/gtest.h>

#include "common/temp_dir.h"
#include "engine/test_events.h"
#include "store/sqlite_journal.h"

namespace tix::service {
namespace {

using engine::Engine;
using engine::HoldOutcome;
using engine::JournalBatch;
using engine::OrderStatus;

// Applies operations to an engine and journals their snapshots, as the sequencer would.
struct JournaledEngine {
    Engine engine;
    JournalBatch batch;

    void Record(const engine::Order& order, std::string key = {}) {
        batch.orders.push_back({order, std::move(key)});
    }
};

TEST(Recovery, RebuildsHoldsSalesAndIdempotencyKeys) {
    TempDir dir;
    JournaledEngine before;
    engine::EventSpec spec = engine::SmallTestEvent();
    const EventId event_id = before.engine.AddEvent(spec);
    spec.event_id = event_id;
    before.batch.events.push_back(*before.engine.FindEvent(event_id));

    const engine::HoldByQuantity seated{.user_id = UserId{1},
                                        .event_id = event_id,
                                        .zone_id = "INF",
                                        .quantity = 3,
                                        .idempotency_key = "k1"};
    const auto held = before.engine.Hold(seated, At(1'000));
    ASSERT_EQ(held.outcome, HoldOutcome::kOk);
    before.Record(*held.order, "k1");
    const auto paid = before.engine.Hold(
        engine::HoldByQuantity{
            .user_id = UserId{2}, .event_id = event_id, .zone_id = "GA", .quantity = 2},
        At(1'000));
    ASSERT_EQ(paid.outcome, HoldOutcome::kOk);
    const OrderId paid_id = paid.order->order_id;
    before.Record(*paid.order);
    ASSERT_EQ(before.engine.Confirm(paid_id, At(2'000)), engine::OrderOutcome::kOk);
    before.Record(*before.engine.FindOrder(paid_id));
    {
        auto journal = store::SqliteJournal::Open(dir.File("tix.db"));
        ASSERT_TRUE(journal.ok());
        ASSERT_TRUE((*journal)->Append(before.batch).ok());
    }

    auto journal = store::SqliteJournal::Open(dir.File("tix.db"));
    ASSERT_TRUE(journal.ok());
    Engine after;
    const auto stats = Recover(**journal, after, At(3'000));
    ASSERT_TRUE(stats.ok()) << stats.status().ToString();
    EXPECT_EQ(stats->events, 1u);
    EXPECT_EQ(stats->orders, 2u);
    EXPECT_EQ(stats->live_holds, 1u);
    EXPECT_EQ(stats->expired_at_start, 0u);
    for (std::uint16_t zone = 0; zone < 2; ++zone) {
        const auto a = before.engine.Counts(event_id, zone);
        const auto b = after.Counts(event_id, zone);
        EXPECT_EQ(a.available, b.available);
        EXPECT_EQ(a.held, b.held);
        EXPECT_EQ(a.sold, b.sold);
    }
    EXPECT_EQ(after.RowStates(event_id, 1, 0), before.engine.RowStates(event_id, 1, 0));
    EXPECT_EQ(*after.FindOrder(held.order->order_id),
              *before.engine.FindOrder(held.order->order_id));
    // The retried request is recognised after the restart.
    const auto replay = after.Hold(seated, At(4'000));
    EXPECT_EQ(replay.outcome, HoldOutcome::kReplayed);
    // New orders do not reuse ids.
    const auto next = after.Hold(
        engine::HoldByQuantity{
            .user_id = UserId{3}, .event_id = event_id, .zone_id = "GA", .quantity = 1},
        At(4'000));
    ASSERT_EQ(next.outcome, HoldOutcome::kOk);
    EXPECT_GT(next.order->order_id, paid_id);
}

TEST(Recovery, ExpiresHoldsWhoseDeadlinePassedWhileDownAndJournalsIt) {
    TempDir dir;
    JournaledEngine before;
    const EventId event_id = before.engine.AddEvent(engine::SmallTestEvent());
    before.batch.events.push_back(*before.engine.FindEvent(event_id));
    const auto held = before.engine.Hold(
        engine::HoldByQuantity{
            .user_id = UserId{1}, .event_id = event_id, .zone_id = "INF", .quantity = 2},
        At(1'000));
    ASSERT_EQ(held.outcome, HoldOutcome::kOk);
    const OrderId order_id = held.order->order_id;
    before.Record(*held.order);
    auto journal = store::SqliteJournal::Open(dir.File("tix.db"));
    ASSERT_TRUE(journal.ok());
    ASSERT_TRUE((*journal)->Append(before.batch).ok());

    Engine after;
    const auto stats = Recover(**journal, after, At(1'000 + 60'000));  // exactly the deadline
    ASSERT_TRUE(stats.ok());
    EXPECT_EQ(stats->expired_at_start, 1u);
    EXPECT_EQ(stats->live_holds, 0u);
    EXPECT_EQ(after.FindOrder(order_id)->status, OrderStatus::kExpired);
    EXPECT_EQ(after.Counts(event_id, 1).available, 10u);

    Engine again;  // the expiry itself was journaled: a second restart sees it
    ASSERT_TRUE(Recover(**journal, again, At(1'000 + 60'000)).ok());
    EXPECT_EQ(again.FindOrder(order_id)->status, OrderStatus::kExpired);
}

}  // namespace
}  // namespace tix::service
