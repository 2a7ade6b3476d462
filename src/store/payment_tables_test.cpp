// Payments in the SQLite journal: payments and applied provider events round trip across a
// reopen, later payment snapshots supersede earlier ones, an order's refund reason is kept, an
// event id journaled twice fails the batch (the engine never does it), a payment may name a
// campaign order (also in a journal from before), and damaged rows are Corruption, not a crash.
#include <gtest/gtest.h>

#include <string>

#include "common/temp_dir.h"
#include "engine/test_events.h"
#include "store/journal_test_support.h"
#include "store/sqlite.h"
#include "store/sqlite_journal.h"

namespace tix::store {
namespace {

using test::Reload;

constexpr EventId kEvent{1};
constexpr OrderId kOrder{1};

engine::EventSpec EventOne() {
    engine::EventSpec spec = engine::SmallTestEvent();
    spec.event_id = kEvent;
    return spec;
}

engine::Order PaidOrder() {
    engine::Order order;
    order.order_id = kOrder;
    order.user_id = UserId{7};
    order.event_id = kEvent;
    order.quantity = 1;
    order.status = engine::OrderStatus::kPaid;
    order.created_at = At(1'000);
    order.expires_at = At(61'000);
    order.updated_at = At(2'000);
    order.amount_minor = 500;
    return order;
}

engine::Payment PaymentOf(engine::PaymentState state) {
    return {kOrder, "pi_123", "pi_123_secret_abc", 500, "TWD", state, "", At(1'500), At(2'000)};
}

engine::AppliedPaymentEvent Applied(std::string id, engine::PaymentEventOutcome outcome) {
    engine::PaymentEvent event;
    event.event_id = std::move(id);
    event.kind = engine::PaymentEventKind::kPaymentSucceeded;
    event.payment_id = "pi_123";
    event.order_id = kOrder;
    event.amount_minor = 500;
    event.currency = "TWD";
    event.created = At(1'900'000);
    return {event, outcome, At(2'000)};
}

Status Append(const std::string& path, const engine::JournalBatch& batch) {
    auto journal = SqliteJournal::Open(path);
    if (!journal.ok()) return journal.status();
    return (*journal)->Append(batch);
}

TEST(PaymentTables, PaymentsAndEventsRoundTripAndLaterSnapshotsSupersede) {
    TempDir dir;
    const std::string path = dir.File("tix.db");
    engine::JournalBatch first;
    first.events.push_back(EventOne());
    first.orders.push_back({PaidOrder(), "key", engine::RequestKind::kQuantity});
    first.payments.payments.push_back(PaymentOf(engine::PaymentState::kRequiresPayment));
    first.payments.payments.push_back(PaymentOf(engine::PaymentState::kSucceeded));
    first.payments.events.push_back(Applied("evt_1", engine::PaymentEventOutcome::kApplied));
    ASSERT_TRUE(Append(path, first).ok());

    engine::JournalBatch second;
    engine::Order refunded = PaidOrder();
    refunded.status = engine::OrderStatus::kRefunded;
    refunded.refund_reason = engine::RefundReason::kLatePayment;
    second.orders.push_back({refunded, "", engine::RequestKind::kUnknown});
    engine::Payment back = PaymentOf(engine::PaymentState::kRefunded);
    back.refund_id = "re_9";
    second.payments.payments.push_back(back);
    second.payments.events.push_back(Applied("evt_2", engine::PaymentEventOutcome::kApplied));
    ASSERT_TRUE(Append(path, second).ok());

    const engine::RecoveredState state = Reload(path);
    ASSERT_EQ(state.payments.payments.size(), 1U);
    EXPECT_EQ(state.payments.payments[0], back);
    EXPECT_EQ(state.payments.event_ids.size(), 2U);
    EXPECT_NE(std::find(state.payments.event_ids.begin(), state.payments.event_ids.end(), "evt_2"),
              state.payments.event_ids.end());
    ASSERT_EQ(state.orders.size(), 1U);
    EXPECT_EQ(state.orders[0].order, refunded);
    EXPECT_EQ(state.orders[0].idempotency_key, "key");
}

TEST(PaymentTables, AnEventJournaledTwiceFailsTheBatch) {
    TempDir dir;
    const std::string path = dir.File("tix.db");
    engine::JournalBatch batch;
    batch.events.push_back(EventOne());
    batch.orders.push_back({PaidOrder(), "", engine::RequestKind::kUnknown});
    batch.payments.events.push_back(Applied("evt_1", engine::PaymentEventOutcome::kApplied));
    ASSERT_TRUE(Append(path, batch).ok());
    engine::JournalBatch again;
    again.payments.events.push_back(Applied("evt_1", engine::PaymentEventOutcome::kDuplicate));
    EXPECT_FALSE(Append(path, again).ok());
    EXPECT_EQ(Reload(path).payments.event_ids.size(), 1U) << "the failed batch left nothing";
}

// A won campaign order's payment names an order the `orders` table does not hold. Journals whose
// payments table still refers to `orders` are rebuilt without that key on open, rows kept.
TEST(PaymentTables, APaymentMayNameACampaignOrderAlsoInAnOlderJournal) {
    TempDir dir;
    const std::string path = dir.File("tix.db");
    engine::JournalBatch batch;
    batch.events.push_back(EventOne());
    batch.orders.push_back({PaidOrder(), "", engine::RequestKind::kUnknown});
    batch.payments.payments.push_back(PaymentOf(engine::PaymentState::kSucceeded));
    ASSERT_TRUE(Append(path, batch).ok());
    {
        auto db = Database::Open(path);
        ASSERT_TRUE(db.ok());
        ASSERT_TRUE((*db)
                        ->Exec("PRAGMA foreign_keys = OFF; "
                               "CREATE TABLE old_payments (order_id INTEGER PRIMARY KEY "
                               "REFERENCES orders(order_id), payment_id TEXT NOT NULL, "
                               "client_secret TEXT NOT NULL, amount_minor INTEGER NOT NULL, "
                               "currency TEXT NOT NULL, state TEXT NOT NULL, refund_id TEXT NOT "
                               "NULL, created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL); "
                               "INSERT INTO old_payments SELECT * FROM payments; "
                               "DROP TABLE payments; "
                               "ALTER TABLE old_payments RENAME TO payments;")
                        .ok());
    }
    engine::Payment won = PaymentOf(engine::PaymentState::kRequiresPayment);
    won.order_id = OrderId{2};  // no ticket order has it
    won.payment_id = "pi_456";
    engine::JournalBatch campaign_payment;
    campaign_payment.payments.payments.push_back(won);
    const Status appended = Append(path, campaign_payment);
    ASSERT_TRUE(appended.ok()) << appended.ToString();
    const engine::RecoveredState loaded = Reload(path);
    ASSERT_EQ(loaded.payments.payments.size(), 2U);
    EXPECT_EQ(loaded.payments.payments[0], PaymentOf(engine::PaymentState::kSucceeded));
    EXPECT_EQ(loaded.payments.payments[1], won);
}

TEST(PaymentTables, DamagedRowsAreCorruption) {
    TempDir dir;
    const std::string path = dir.File("tix.db");
    engine::JournalBatch batch;
    batch.events.push_back(EventOne());
    batch.orders.push_back({PaidOrder(), "", engine::RequestKind::kUnknown});
    batch.payments.payments.push_back(PaymentOf(engine::PaymentState::kSucceeded));
    ASSERT_TRUE(Append(path, batch).ok());
    for (const char* damage : {"UPDATE payments SET state = 'paid-ish'",
                               "UPDATE orders SET refund_reason = 'because'"}) {
        {
            auto db = Database::Open(path);
            ASSERT_TRUE(db.ok());
            ASSERT_TRUE((*db)->Exec(damage).ok());
        }
        auto journal = SqliteJournal::Open(path);
        ASSERT_TRUE(journal.ok());
        engine::RecoveredState state;
        const Status status = (*journal)->Load(state);
        EXPECT_EQ(status.code(), Status::Code::kCorruption) << damage << ": " << status.ToString();
        auto db = Database::Open(path);
        ASSERT_TRUE((*db)->Exec("UPDATE payments SET state = 'succeeded'").ok());
        ASSERT_TRUE((*db)->Exec("UPDATE orders SET refund_reason = 'none'").ok());
    }
}

}  // namespace
}  // namespace tix::store
