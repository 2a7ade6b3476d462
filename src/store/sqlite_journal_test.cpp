#include "store/sqlite_journal.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "common/temp_dir.h"
#include "engine/test_events.h"
#include "store/event_codec.h"
#include "store/journal_test_support.h"
#include "store/sqlite.h"

namespace tix::store {
namespace {

using test::Reload;

using engine::Order;
using engine::OrderRecord;
using engine::OrderStatus;
using engine::RequestKind;

Order HeldOrder(OrderId id, EventId event_id) {
    Order order;
    order.order_id = id;
    order.user_id = UserId{7};
    order.event_id = event_id;
    order.zone_index = 1;
    order.quantity = 2;
    order.status = OrderStatus::kHeld;
    order.created_at = At(1'000);
    order.expires_at = At(61'000);
    order.updated_at = At(1'000);
    order.amount_minor = 2'500;
    order.seats = {0, 1};
    return order;
}

TEST(EventCodec, RoundTripsEverySpecField) {
    engine::EventSpec spec = engine::SmallTestEvent();
    spec.event_id = EventId{3};
    spec.series = "All-Star";
    spec.sale_ends_at = At(5'000);
    const auto decoded = DecodeEventSpec(EncodeEventSpec(spec));
    ASSERT_TRUE(decoded.ok()) << decoded.status().ToString();
    EXPECT_EQ(EncodeEventSpec(decoded.value()), EncodeEventSpec(spec));
    EXPECT_EQ(decoded->zones[1].rows[1].label, "B");
    EXPECT_EQ(decoded->sale_ends_at, At(5'000));
}

TEST(EventCodec, RejectsDamagedText) {
    EXPECT_FALSE(DecodeEventSpec("{").ok());
    EXPECT_FALSE(DecodeEventSpec(R"({"event_id":"x"})").ok());
}

TEST(SqliteJournal, LoadsWhatWasAppendedAcrossReopen) {
    TempDir dir;
    engine::EventSpec spec = engine::SmallTestEvent();
    spec.event_id = EventId{1};
    {
        auto journal = SqliteJournal::Open(dir.File("tix.db"));
        ASSERT_TRUE(journal.ok()) << journal.status().ToString();
        engine::JournalBatch batch;
        batch.events.push_back(spec);
        batch.orders.push_back({HeldOrder(OrderId{1}, EventId{1}), "key-1"});
        batch.orders.push_back({HeldOrder(OrderId{2}, EventId{1}), ""});
        ASSERT_TRUE((*journal)->Append(batch).ok());
    }
    auto journal = SqliteJournal::Open(dir.File("tix.db"));
    ASSERT_TRUE(journal.ok());
    engine::RecoveredState state;
    ASSERT_TRUE((*journal)->Load(state).ok());
    ASSERT_EQ(state.events.size(), 1u);
    EXPECT_EQ(state.events[0].name, spec.name);
    ASSERT_EQ(state.orders.size(), 2u);
    EXPECT_EQ(state.orders[0].order, HeldOrder(OrderId{1}, EventId{1}));
    EXPECT_EQ(state.orders[0].idempotency_key, "key-1");
    EXPECT_EQ(state.orders[1].idempotency_key, "");
}

TEST(SqliteJournal, StatusSnapshotKeepsIdempotencyKeyAndLatestState) {
    TempDir dir;
    auto journal = SqliteJournal::Open(dir.File("tix.db"));
    ASSERT_TRUE(journal.ok());
    engine::EventSpec spec = engine::SmallTestEvent();
    spec.event_id = EventId{1};
    engine::JournalBatch first;
    first.events.push_back(spec);
    first.orders.push_back({HeldOrder(OrderId{1}, EventId{1}), "key-1"});
    ASSERT_TRUE((*journal)->Append(first).ok());

    Order paid = HeldOrder(OrderId{1}, EventId{1});
    paid.status = OrderStatus::kPaid;
    paid.updated_at = At(2'000);
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
    spec.event_id = EventId{1};
    engine::JournalBatch batch;
    batch.events.push_back(spec);
    batch.orders.push_back({HeldOrder(OrderId{1}, EventId{1}), ""});
    batch.orders.push_back(
        {HeldOrder(OrderId{2}, EventId{99}), ""});  // no such event: foreign key fails
    EXPECT_FALSE((*journal)->Append(batch).ok());
    engine::RecoveredState state;
    ASSERT_TRUE((*journal)->Load(state).ok());
    EXPECT_TRUE(state.events.empty());
    EXPECT_TRUE(state.orders.empty());
}

// What Load gives back, after reopening the file.
engine::EventSpec EventOne() {
    engine::EventSpec spec = engine::SmallTestEvent();
    spec.event_id = EventId{1};
    return spec;
}

TEST(SqliteJournal, PaymentDeadlineAndRequestKindRoundTrip) {
    TempDir dir;
    Order paying = HeldOrder(OrderId{1}, EventId{1});
    paying.status = OrderStatus::kPaymentPending;
    paying.payment_expires_at = At(71'000);
    paying.updated_at = At(2'000);
    {
        auto journal = SqliteJournal::Open(dir.File("tix.db"));
        ASSERT_TRUE(journal.ok()) << journal.status().ToString();
        engine::JournalBatch batch;
        batch.events.push_back(EventOne());
        batch.orders.push_back({paying, "pay-1", RequestKind::kSeats});
        batch.orders.push_back(
            {HeldOrder(OrderId{2}, EventId{1}), "split-2", RequestKind::kQuantitySplit});
        batch.orders.push_back(
            {HeldOrder(OrderId{3}, EventId{1}), "quantity-3", RequestKind::kQuantity});
        batch.orders.push_back({HeldOrder(OrderId{4}, EventId{1}), "", RequestKind::kUnknown});
        ASSERT_TRUE((*journal)->Append(batch).ok());
    }
    const engine::RecoveredState state = Reload(dir.File("tix.db"));
    ASSERT_EQ(state.orders.size(), 4U);
    EXPECT_EQ(state.orders[0].order, paying);
    EXPECT_EQ(state.orders[0].order.payment_expires_at, At(71'000));
    EXPECT_EQ(state.orders[0].order.status, OrderStatus::kPaymentPending);
    EXPECT_EQ(state.orders[0].idempotency_key, "pay-1");
    EXPECT_EQ(state.orders[0].request_kind, RequestKind::kSeats);
    EXPECT_EQ(state.orders[1].request_kind, RequestKind::kQuantitySplit);
    EXPECT_EQ(state.orders[2].request_kind, RequestKind::kQuantity);
    EXPECT_EQ(state.orders[3].idempotency_key, "");
    EXPECT_EQ(state.orders[3].request_kind, RequestKind::kUnknown);
}

TEST(SqliteJournal, StatusRecordWithoutKeyKeepsTheKeyAndRequestKind) {
    TempDir dir;
    auto journal = SqliteJournal::Open(dir.File("tix.db"));
    ASSERT_TRUE(journal.ok());
    engine::JournalBatch first;
    first.events.push_back(EventOne());
    first.orders.push_back(
        {HeldOrder(OrderId{1}, EventId{1}), "key-1", RequestKind::kQuantitySplit});
    ASSERT_TRUE((*journal)->Append(first).ok());

    // payment_pending, then (in one batch) declined and held again, then paid: status records
    // carry no key and kind (RequestKind::kUnknown), and must not erase the journaled ones.
    Order paying = HeldOrder(OrderId{1}, EventId{1});
    paying.status = OrderStatus::kPaymentPending;
    paying.payment_expires_at = At(11'000);
    paying.updated_at = At(1'500);
    engine::JournalBatch second;
    second.orders.push_back({paying, "", RequestKind::kUnknown});
    ASSERT_TRUE((*journal)->Append(second).ok());
    engine::RecoveredState pending;
    ASSERT_TRUE((*journal)->Load(pending).ok());
    ASSERT_EQ(pending.orders.size(), 1U);
    EXPECT_EQ(pending.orders[0].order, paying);
    EXPECT_EQ(pending.orders[0].idempotency_key, "key-1");
    EXPECT_EQ(pending.orders[0].request_kind, RequestKind::kQuantitySplit);

    Order declined = paying;
    declined.status = OrderStatus::kHeld;
    declined.updated_at = At(1'600);
    Order paid = paying;
    paid.status = OrderStatus::kPaid;
    paid.payment_expires_at = At(12'000);
    paid.updated_at = At(1'700);
    engine::JournalBatch third;
    third.orders.push_back({declined, "", RequestKind::kUnknown});
    third.orders.push_back({paid, "", RequestKind::kUnknown});
    ASSERT_TRUE((*journal)->Append(third).ok());

    const engine::RecoveredState state = Reload(dir.File("tix.db"));
    ASSERT_EQ(state.orders.size(), 1U);
    EXPECT_EQ(state.orders[0].order, paid) << "the latest snapshot wins";
    EXPECT_EQ(state.orders[0].idempotency_key, "key-1");
    EXPECT_EQ(state.orders[0].request_kind, RequestKind::kQuantitySplit);
}

// The orders table as tixd created it before payment_pending and request kinds.
constexpr std::string_view kOldSchema = R"sql(
CREATE TABLE events (
    event_id INTEGER PRIMARY KEY,
    spec     TEXT NOT NULL
);
CREATE TABLE orders (
    order_id        INTEGER PRIMARY KEY,
    user_id         INTEGER NOT NULL,
    event_id        INTEGER NOT NULL REFERENCES events(event_id),
    zone_index      INTEGER NOT NULL,
    quantity        INTEGER NOT NULL,
    status          TEXT NOT NULL,
    created_at      INTEGER NOT NULL,
    expires_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL,
    amount_minor    INTEGER NOT NULL,
    seats           TEXT NOT NULL,
    idempotency_key TEXT
);
CREATE INDEX orders_by_user ON orders(user_id, order_id);
)sql";

std::vector<std::string> OrderColumns(const std::string& path) {
    std::vector<std::string> names;
    auto db = Database::Open(path);
    EXPECT_TRUE(db.ok()) << db.status().ToString();
    if (!db.ok()) return names;
    auto columns = (*db)->Prepare("SELECT name FROM pragma_table_info('orders')");
    EXPECT_TRUE(columns.ok());
    if (!columns.ok()) return names;
    Status status;
    while ((*columns)->Step(status)) names.emplace_back((*columns)->ColumnText(0));
    EXPECT_TRUE(status.ok()) << status.ToString();
    return names;
}

TEST(SqliteJournal, DatabaseOfTheOldSchemaGetsTheNewColumnsAndLoadsItsOrders) {
    TempDir dir;
    const std::string path = dir.File("old.db");
    {
        auto db = Database::Open(path);
        ASSERT_TRUE(db.ok()) << db.status().ToString();
        ASSERT_TRUE((*db)->Exec(kOldSchema).ok());
        auto insert = (*db)->Prepare("INSERT INTO events(event_id, spec) VALUES (1, ?1)");
        ASSERT_TRUE(insert.ok());
        (*insert)->Bind(1, EncodeEventSpec(EventOne()));
        ASSERT_TRUE((*insert)->Run().ok());
        ASSERT_TRUE((*db)
                        ->Exec("INSERT INTO orders VALUES (1, 7, 1, 1, 2, 'held', 1000, 61000, "
                               "1000, 2500, '0,1', 'old-key')")
                        .ok());
    }
    ASSERT_EQ(OrderColumns(path).size(), 12U);

    const engine::RecoveredState state = Reload(path);
    const std::vector<std::string> columns = OrderColumns(path);
    EXPECT_NE(std::find(columns.begin(), columns.end(), "payment_expires_at"), columns.end());
    EXPECT_NE(std::find(columns.begin(), columns.end(), "request_kind"), columns.end());
    ASSERT_EQ(state.events.size(), 1U);
    ASSERT_EQ(state.orders.size(), 1U);
    EXPECT_EQ(state.orders[0].order, HeldOrder(OrderId{1}, EventId{1}));
    EXPECT_EQ(state.orders[0].order.payment_expires_at, At(0));
    EXPECT_EQ(state.orders[0].idempotency_key, "old-key");
    EXPECT_EQ(state.orders[0].request_kind, RequestKind::kUnknown)
        << "journaled before request kinds were kept";

    // The upgraded journal takes new records, and opening it again adds nothing twice.
    {
        auto journal = SqliteJournal::Open(path);
        ASSERT_TRUE(journal.ok()) << journal.status().ToString();
        Order paying = HeldOrder(OrderId{1}, EventId{1});
        paying.status = OrderStatus::kPaymentPending;
        paying.payment_expires_at = At(20'000);
        engine::JournalBatch batch;
        batch.orders.push_back({paying, "", RequestKind::kUnknown});
        batch.orders.push_back({HeldOrder(OrderId{2}, EventId{1}), "new-key", RequestKind::kSeats});
        ASSERT_TRUE((*journal)->Append(batch).ok());
    }
    const engine::RecoveredState upgraded = Reload(path);
    EXPECT_EQ(OrderColumns(path).size(), 15U);
    ASSERT_EQ(upgraded.orders.size(), 2U);
    EXPECT_EQ(upgraded.orders[0].order.payment_expires_at, At(20'000));
    EXPECT_EQ(upgraded.orders[0].idempotency_key, "old-key");
    EXPECT_EQ(upgraded.orders[0].request_kind, RequestKind::kUnknown);
    EXPECT_EQ(upgraded.orders[1].request_kind, RequestKind::kSeats);
}

TEST(SqliteJournal, UnknownRequestKindIsCorruption) {
    TempDir dir;
    const std::string path = dir.File("tix.db");
    {
        auto journal = SqliteJournal::Open(path);
        ASSERT_TRUE(journal.ok());
        engine::JournalBatch batch;
        batch.events.push_back(EventOne());
        batch.orders.push_back({HeldOrder(OrderId{1}, EventId{1}), "key", RequestKind::kQuantity});
        ASSERT_TRUE((*journal)->Append(batch).ok());
    }
    {
        auto db = Database::Open(path);
        ASSERT_TRUE(db.ok());
        ASSERT_TRUE((*db)->Exec("UPDATE orders SET request_kind = 9").ok());
    }
    auto journal = SqliteJournal::Open(path);
    ASSERT_TRUE(journal.ok());
    engine::RecoveredState state;
    EXPECT_FALSE((*journal)->Load(state).ok());
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
    spec.event_id = EventId{1};
    engine::JournalBatch batch;
    batch.events.push_back(spec);
    batch.orders.push_back({HeldOrder(OrderId{1}, EventId{1}), "key-1"});
    ASSERT_TRUE((*killed)->Append(batch).ok());
    ASSERT_GT(std::filesystem::file_size(path + "-wal"), 0u);

    auto restarted = SqliteJournal::Open(path);
    ASSERT_TRUE(restarted.ok());
    engine::RecoveredState state;
    ASSERT_TRUE((*restarted)->Load(state).ok());
    ASSERT_EQ(state.orders.size(), 1u);
    EXPECT_EQ(state.orders[0].order, HeldOrder(OrderId{1}, EventId{1}));
    EXPECT_EQ(std::filesystem::file_size(path + "-wal"), 0u);
}

}  // namespace
}  // namespace tix::store
