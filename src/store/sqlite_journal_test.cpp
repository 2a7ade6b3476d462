#include "store/sqlite_journal.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "common/temp_dir.h"
#include "engine/test_events.h"
#include "store/event_codec.h"

namespace tix::store {
namespace {

using engine::Order;
using engine::OrderRecord;
using engine::OrderStatus;

Order HeldOrder(OrderId id, EventId event_id) {
    Order order;
    order.order_id = id;
    order.user_id = 7;
    order.event_id = event_id;
    order.zone_index = 1;
    order.quantity = 2;
    order.status = OrderStatus::kHeld;
    order.created_at = 1'000;
    order.expires_at = 61'000;
    order.updated_at = 1'000;
    order.amount_minor = 2'500;
    order.seats = {0, 1};
    return order;
}

TEST(EventCodec, RoundTripsEverySpecField) {
    engine::EventSpec spec = engine::SmallTestEvent();
    spec.event_id = 3;
    spec.series = "All-Star";
    spec.sale_ends_at = 5'000;
    const auto decoded = DecodeEventSpec(EncodeEventSpec(spec));
    ASSERT_TRUE(decoded.ok()) << decoded.status().ToString();
    EXPECT_EQ(EncodeEventSpec(decoded.value()), EncodeEventSpec(spec));
    EXPECT_EQ(decoded->zones[1].rows[1].label, "B");
    EXPECT_EQ(decoded->sale_ends_at, 5'000);
}

TEST(EventCodec, RejectsDamagedText) {
    EXPECT_FALSE(DecodeEventSpec("{").ok());
    EXPECT_FALSE(DecodeEventSpec(R"({"event_id":"x"})").ok());
}

TEST(SqliteJournal, LoadsWhatWasAppendedAcrossReopen) {
    TempDir dir;
    engine::EventSpec spec = engine::SmallTestEvent();
    spec.event_id = 1;
    {
        auto journal = SqliteJournal::Open(dir.File("tix.db"));
        ASSERT_TRUE(journal.ok()) << journal.status().ToString();
        engine::JournalBatch batch;
        batch.events.push_back(spec);
        batch.orders.push_back({HeldOrder(1, 1), "key-1"});
        batch.orders.push_back({HeldOrder(2, 1), ""});
        ASSERT_TRUE((*journal)->Append(batch).ok());
    }
    auto journal = SqliteJournal::Open(dir.File("tix.db"));
    ASSERT_TRUE(journal.ok());
    engine::RecoveredState state;
    ASSERT_TRUE((*journal)->Load(state).ok());
    ASSERT_EQ(state.events.size(), 1u);
    EXPECT_EQ(state.events[0].name, spec.name);
    ASSERT_EQ(state.orders.size(), 2u);
    EXPECT_EQ(state.orders[0].order, HeldOrder(1, 1));
    EXPECT_EQ(state.orders[0].idempotency_key, "key-1");
    EXPECT_EQ(state.orders[1].idempotency_key, "");
}

TEST(SqliteJournal, StatusSnapshotKeepsIdempotencyKeyAndLatestState) {
    TempDir dir;
    auto journal = SqliteJournal::Open(dir.File("tix.db"));
    ASSERT_TRUE(journal.ok());
    engine::EventSpec spec = engine::SmallTestEvent();
    spec.event_id = 1;
    engine::JournalBatch first;
    first.events.push_back(spec);
    first.orders.push_back({HeldOrder(1, 1), "key-1"});
    ASSERT_TRUE((*journal)->Append(first).ok());

    Order paid = HeldOrder(1, 1);
    paid.status = OrderStatus::kPaid;
    paid.updated_at = 2'000;
    engine::JournalBatch second;
    second.orders.push_back({paid, ""});
    ASSERT_TRUE((*journal)->Append(second).ok());

    engine::RecoveredState state;
    ASSERT_TRUE((*journal)->Load(state).ok());
    ASSERT_EQ(state.orders.size(), 1u);
    EXPECT_EQ(state.orders[0].order, paid);
    EXPECT_EQ(state.orders[0].idempotency_key, "key-1");
}

TEST(SqliteJournal, FailedBatchLeavesNothingBehind) {
    TempDir dir;
    auto journal = SqliteJournal::Open(dir.File("tix.db"));
    ASSERT_TRUE(journal.ok());
    engine::EventSpec spec = engine::SmallTestEvent();
    spec.event_id = 1;
    engine::JournalBatch batch;
    batch.events.push_back(spec);
    batch.orders.push_back({HeldOrder(1, 1), ""});
    batch.orders.push_back({HeldOrder(2, 99), ""});  // no such event: foreign key fails
    EXPECT_FALSE((*journal)->Append(batch).ok());
    engine::RecoveredState state;
    ASSERT_TRUE((*journal)->Load(state).ok());
    EXPECT_TRUE(state.events.empty());
    EXPECT_TRUE(state.orders.empty());
}

// A batch can be in the WAL, read back as committed, yet not on disk: the writer was killed
// between its write and its fsync. Load checkpoints, which syncs the WAL and the database, so
// nothing it returns lives only in the WAL (nor in the page cache). A unit test cannot pull the
// plug; it sees the checkpoint: the WAL is empty after Load. (durable_path_simulation_test
// shows what goes wrong without it: acknowledged replays and reads of unsynced state.)
TEST(SqliteJournal, LoadCheckpointsTheWalSoWhatItReturnsIsOnDisk) {
    TempDir dir;
    const std::string path = dir.File("tix.db");
    auto killed = SqliteJournal::Open(path);  // stays open: its WAL is never checkpointed
    ASSERT_TRUE(killed.ok());
    engine::EventSpec spec = engine::SmallTestEvent();
    spec.event_id = 1;
    engine::JournalBatch batch;
    batch.events.push_back(spec);
    batch.orders.push_back({HeldOrder(1, 1), "key-1"});
    ASSERT_TRUE((*killed)->Append(batch).ok());
    ASSERT_GT(std::filesystem::file_size(path + "-wal"), 0u);

    auto restarted = SqliteJournal::Open(path);
    ASSERT_TRUE(restarted.ok());
    engine::RecoveredState state;
    ASSERT_TRUE((*restarted)->Load(state).ok());
    ASSERT_EQ(state.orders.size(), 1u);
    EXPECT_EQ(state.orders[0].order, HeldOrder(1, 1));
    EXPECT_EQ(std::filesystem::file_size(path + "-wal"), 0u);
}

}  // namespace
}  // namespace tix::store
