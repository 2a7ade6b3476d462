// Engine::DrainChanges: the engine records exactly what changed, in order, and a second engine
// rebuilt from nothing but those records (as service/recovery.cpp does) is the same engine,
// idempotency keys and request kinds included.
#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

#include "engine/engine.h"
#include "engine/journal.h"
#include "engine/test_events.h"

namespace tix::engine {
namespace {

using namespace std::chrono_literals;

constexpr TimePoint kNow = At(1'000'000);
constexpr std::chrono::milliseconds kHold{60'000};  // SmallTestEvent's hold_seconds
constexpr std::chrono::milliseconds kWindow{10'000};
constexpr std::chrono::milliseconds kLongWindow = 2 * kHold;

// The order records of one drain, reduced to what a test compares.
struct Change {
    OrderId order_id{};
    OrderStatus status = OrderStatus::kHeld;
    bool operator==(const Change&) const = default;
};
std::ostream& operator<<(std::ostream& os, const Change& c) {
    return os << "{order " << c.order_id << " " << ToString(c.status) << "}";
}
using Changes = std::vector<Change>;

class EngineChangesTest : public ::testing::Test {
  protected:
    EngineChangesTest() {
        event_ = engine_.AddEvent(SmallTestEvent());
        Drain();
    }

    JournalBatch Drain() {
        JournalBatch batch;
        engine_.DrainChanges(batch);
        EXPECT_FALSE(engine_.HasChanges());
        return batch;
    }
    // The drained order records as (id, status), and no events.
    Changes DrainOrders() {
        const JournalBatch batch = Drain();
        EXPECT_TRUE(batch.events.empty());
        Changes changes;
        std::map<OrderId, Order> latest;
        for (const OrderRecord& record : batch.orders) {
            changes.push_back({record.order.order_id, record.order.status});
            latest[record.order.order_id] = record.order;
        }
        for (const auto& [order_id, order] : latest) {
            EXPECT_EQ(order, *engine_.FindOrder(order_id)) << "the last snapshot is the order now";
        }
        return changes;
    }
    OrderId HoldGa(UserId user, std::uint32_t quantity, TimePoint now = kNow) {
        const HoldResult result =
            engine_.Hold(HoldByQuantity{user, event_, "GA", quantity, false, {}}, now);
        EXPECT_EQ(result.outcome, HoldOutcome::kOk) << ToString(result.outcome);
        return result.order == nullptr ? OrderId{} : result.order->order_id;
    }

    Engine engine_;
    EventId event_{};
};

TEST(EngineChanges, AddEventRecordsTheEventAndRestoreEventNothing) {
    Engine engine;
    const EventId event = engine.AddEvent(SmallTestEvent());
    EXPECT_TRUE(engine.HasChanges());
    JournalBatch batch;
    engine.DrainChanges(batch);
    ASSERT_EQ(batch.events.size(), 1U);
    EXPECT_EQ(batch.events[0].event_id, event);
    EXPECT_EQ(batch.events[0].name, SmallTestEvent().name);
    EXPECT_TRUE(batch.orders.empty());

    EventSpec restored = SmallTestEvent();
    restored.event_id = EventId{9};
    engine.RestoreEvent(restored);
    EXPECT_FALSE(engine.HasChanges());
    JournalBatch empty;
    engine.DrainChanges(empty);
    EXPECT_TRUE(empty.empty());
}

TEST_F(EngineChangesTest, HoldRecordsTheNewOrderWithItsKeyAndRequestKind) {
    const std::vector<std::string> seats = {"INF-B-1", "INF-B-2"};
    ASSERT_EQ(engine_.Hold(HoldByQuantity{UserId{1}, event_, "GA", 2, false, "by-quantity"}, kNow)
                  .outcome,
              HoldOutcome::kOk);
    ASSERT_EQ(
        engine_.Hold(HoldByQuantity{UserId{1}, event_, "INF", 2, true, "split"}, kNow).outcome,
        HoldOutcome::kOk);
    ASSERT_EQ(engine_.Hold(HoldBySeats{UserId{2}, event_, seats, "by-seats"}, kNow).outcome,
              HoldOutcome::kOk);
    ASSERT_EQ(engine_.Hold(HoldByQuantity{UserId{2}, event_, "GA", 1, false, {}}, kNow).outcome,
              HoldOutcome::kOk);

    const JournalBatch batch = Drain();
    EXPECT_TRUE(batch.events.empty());
    ASSERT_EQ(batch.orders.size(), 4U);
    const struct {
        std::string key;
        RequestKind kind;
    } expected[] = {{"by-quantity", RequestKind::kQuantity},
                    {"split", RequestKind::kQuantitySplit},
                    {"by-seats", RequestKind::kSeats},
                    {"", RequestKind::kUnknown}};
    for (std::size_t i = 0; i < batch.orders.size(); ++i) {
        const OrderRecord& record = batch.orders[i];
        EXPECT_EQ(record.order.order_id, OrderId{i + 1});
        EXPECT_EQ(record.order.status, OrderStatus::kHeld);
        EXPECT_EQ(record.order, *engine_.FindOrder(OrderId{i + 1}));
        EXPECT_EQ(record.idempotency_key, expected[i].key) << "order " << i + 1;
        EXPECT_EQ(record.request_kind, expected[i].kind) << "order " << i + 1;
    }
}

TEST_F(EngineChangesTest, FailedHoldsAndReplaysRecordNothing) {
    ASSERT_EQ(engine_.Hold(HoldByQuantity{UserId{1}, event_, "GA", 2, false, "k"}, kNow).outcome,
              HoldOutcome::kOk);
    Drain();
    const std::vector<std::string> taken = {"INF-A-1"};
    ASSERT_EQ(engine_.Hold(HoldBySeats{UserId{2}, event_, taken, {}}, kNow).outcome,
              HoldOutcome::kOk);
    Drain();

    const HoldOutcome refused[] = {
        engine_.Hold(HoldByQuantity{UserId{1}, event_, "GA", 2, false, "k"}, kNow)
            .outcome,  // replay
        engine_.Hold(HoldByQuantity{UserId{1}, event_, "GA", 3, false, "k"}, kNow)
            .outcome,  // reused
        engine_.Hold(HoldByQuantity{UserId{3}, event_, "GA", 11, false, {}}, kNow).outcome,
        engine_.Hold(HoldByQuantity{UserId{3}, event_, "NOPE", 1, false, {}}, kNow).outcome,
        engine_.Hold(HoldByQuantity{UserId{1}, event_, "GA", 3, false, {}}, kNow).outcome,  // limit
        engine_.Hold(HoldBySeats{UserId{3}, event_, taken, {}}, kNow).outcome,
        engine_
            .Hold(HoldByQuantity{UserId{3}, EventId{event_.value() + 1}, "GA", 1, false, {}}, kNow)
            .outcome,
    };
    EXPECT_EQ(refused[0], HoldOutcome::kReplayed);
    EXPECT_EQ(refused[1], HoldOutcome::kIdempotencyKeyReused);
    EXPECT_EQ(refused[2], HoldOutcome::kInvalidQuantity);
    EXPECT_EQ(refused[3], HoldOutcome::kUnknownZone);
    EXPECT_EQ(refused[4], HoldOutcome::kLimitExceeded);
    EXPECT_EQ(refused[5], HoldOutcome::kSeatTaken);
    EXPECT_EQ(refused[6], HoldOutcome::kUnknownEvent);
    EXPECT_FALSE(engine_.HasChanges());
    EXPECT_TRUE(Drain().empty());
}

TEST_F(EngineChangesTest, EachStatusChangeRecordsOneSnapshotInOrder) {
    const OrderId a = HoldGa(UserId{1}, 1);
    const OrderId b = HoldGa(UserId{2}, 1);
    const OrderId c = HoldGa(UserId{3}, 1);
    const OrderId d = HoldGa(UserId{4}, 1);
    EXPECT_EQ(DrainOrders(), (Changes{{a, OrderStatus::kHeld},
                                      {b, OrderStatus::kHeld},
                                      {c, OrderStatus::kHeld},
                                      {d, OrderStatus::kHeld}}));

    ASSERT_EQ(engine_.Cancel(b, kNow + 1ms), OrderOutcome::kOk);
    ASSERT_EQ(engine_.Confirm(a, kNow + 1ms), OrderOutcome::kOk);
    ASSERT_EQ(engine_.BeginPayment(c, kNow + 2ms, kWindow), OrderOutcome::kOk);
    EXPECT_EQ(DrainOrders(), (Changes{{b, OrderStatus::kCancelled},
                                      {a, OrderStatus::kPaid},
                                      {c, OrderStatus::kPaymentPending}}));

    ASSERT_EQ(engine_.CompletePayment(c, false, kNow + 3ms), OrderOutcome::kOk);
    EXPECT_EQ(DrainOrders(), (Changes{{c, OrderStatus::kHeld}}));
    ASSERT_EQ(engine_.BeginPayment(c, kNow + 4ms, kWindow), OrderOutcome::kOk);
    ASSERT_EQ(engine_.CompletePayment(c, true, kNow + 5ms), OrderOutcome::kOk);
    EXPECT_EQ(DrainOrders(), (Changes{{c, OrderStatus::kPaymentPending}, {c, OrderStatus::kPaid}}));

    std::vector<OrderId> expired;
    engine_.ExpireDue(kNow + kHold, expired);
    EXPECT_EQ(expired, (std::vector<OrderId>{d}));
    EXPECT_EQ(DrainOrders(), (Changes{{d, OrderStatus::kExpired}}));
}

TEST_F(EngineChangesTest, LateConfirmOrCancelRecordsTheExpiry) {
    const OrderId confirmed = HoldGa(UserId{1}, 1);
    const OrderId cancelled = HoldGa(UserId{2}, 1);
    const OrderId paying = HoldGa(UserId{3}, 1);
    ASSERT_EQ(engine_.BeginPayment(paying, kNow, kWindow), OrderOutcome::kOk);
    Drain();
    EXPECT_EQ(engine_.Confirm(confirmed, kNow + kHold), OrderOutcome::kExpired);
    EXPECT_EQ(engine_.Cancel(cancelled, kNow + kHold), OrderOutcome::kExpired);
    EXPECT_EQ(engine_.CompletePayment(paying, true, kNow + kWindow), OrderOutcome::kExpired);
    EXPECT_EQ(DrainOrders(), (Changes{{confirmed, OrderStatus::kExpired},
                                      {cancelled, OrderStatus::kExpired},
                                      {paying, OrderStatus::kExpired}}));
    // Asking again changes nothing more.
    EXPECT_EQ(engine_.Confirm(confirmed, kNow + kHold), OrderOutcome::kExpired);
    EXPECT_EQ(engine_.Cancel(cancelled, kNow + kHold), OrderOutcome::kExpired);
    EXPECT_TRUE(DrainOrders().empty());
}

TEST_F(EngineChangesTest, RefusedTransitionsRecordNothing) {
    const OrderId paid = HoldGa(UserId{1}, 1);
    const OrderId paying = HoldGa(UserId{2}, 1);
    const OrderId held = HoldGa(UserId{3}, 1);
    ASSERT_EQ(engine_.Confirm(paid, kNow), OrderOutcome::kOk);
    ASSERT_EQ(engine_.BeginPayment(paying, kNow, kWindow), OrderOutcome::kOk);
    Drain();
    EXPECT_EQ(engine_.Confirm(paid, kNow), OrderOutcome::kUnchanged);
    EXPECT_EQ(engine_.Cancel(paid, kNow), OrderOutcome::kPaid);
    EXPECT_EQ(engine_.BeginPayment(paid, kNow, kWindow), OrderOutcome::kUnchanged);
    EXPECT_EQ(engine_.BeginPayment(paying, kNow, kWindow), OrderOutcome::kPaymentPending);
    EXPECT_EQ(engine_.Cancel(paying, kNow), OrderOutcome::kPaymentPending);
    EXPECT_EQ(engine_.CompletePayment(held, true, kNow), OrderOutcome::kNotPaymentPending);
    EXPECT_EQ(engine_.Confirm(OrderId{99}, kNow), OrderOutcome::kUnknownOrder);
    EXPECT_EQ(engine_.Cancel(OrderId{99}, kNow), OrderOutcome::kUnknownOrder);
    EXPECT_FALSE(engine_.HasChanges());
}

TEST_F(EngineChangesTest, ReadsRecordNothing) {
    const OrderId held = HoldGa(UserId{1}, 2);
    Drain();
    std::vector<OrderId> expired;
    engine_.ExpireDue(kNow + kHold - 1ms, expired);  // nothing due yet
    EXPECT_TRUE(expired.empty());
    EXPECT_NE(engine_.FindEvent(event_), nullptr);
    EXPECT_NE(engine_.SharedEvent(event_), nullptr);
    EXPECT_NE(engine_.FindOrder(held), nullptr);
    EXPECT_EQ(engine_.OrdersOf(UserId{1}).size(), 1U);
    EXPECT_EQ(engine_.Counts(event_, 0).held, 2U);
    EXPECT_EQ(engine_.RowStates(event_, 1, 0), "AAAAAA");
    EXPECT_NE(engine_.SeatStates(event_), nullptr);
    EXPECT_GT(engine_.EventVersion(event_), 0U);
    EXPECT_EQ(engine_.TicketsOf(UserId{1}, event_), 2U);
    EXPECT_EQ(engine_.NextDeadline(), kNow + kHold);
    EXPECT_EQ(engine_.EventIds().size(), 1U);
    EXPECT_FALSE(engine_.HasChanges());
    EXPECT_TRUE(Drain().empty());
}

TEST_F(EngineChangesTest, RestoreRecordsNothing) {
    Order order;
    order.order_id = OrderId{5};
    order.user_id = UserId{9};
    order.event_id = event_;
    order.quantity = 1;
    order.amount_minor = 500;
    order.status = OrderStatus::kPaid;
    engine_.Restore({order, "key", RequestKind::kQuantity});
    EXPECT_FALSE(engine_.HasChanges());
    EXPECT_TRUE(Drain().empty());
}

TEST_F(EngineChangesTest, DrainAppendsToABatchThatAlreadyHasRecords) {
    const OrderId first = HoldGa(UserId{1}, 1);
    JournalBatch batch;
    engine_.DrainChanges(batch);
    const OrderId second = HoldGa(UserId{2}, 1);
    engine_.DrainChanges(batch);
    ASSERT_EQ(batch.orders.size(), 2U);
    EXPECT_EQ(batch.orders[0].order.order_id, first);
    EXPECT_EQ(batch.orders[1].order.order_id, second);
    engine_.DrainChanges(batch);  // nothing new
    EXPECT_EQ(batch.orders.size(), 2U);
}

// ---- Rebuilding from the records alone ----

// What a journal keeps of the drained batches: every event, and each order's latest snapshot
// with the key and request kind of its first record (a later status record carries none).
class RecordedJournal {
  public:
    void Append(const JournalBatch& batch) {
        for (const EventSpec& spec : batch.events) events_.push_back(spec);
        for (const OrderRecord& record : batch.orders) {
            auto [it, created] = orders_.try_emplace(record.order.order_id, record);
            if (created) continue;
            it->second.order = record.order;
            EXPECT_TRUE(record.idempotency_key.empty()) << "a key on a status record";
        }
    }
    // As service/recovery.cpp: events, then orders ascending, then what is due expires.
    void RebuildInto(Engine& engine, TimePoint now) const {
        for (const EventSpec& spec : events_) engine.RestoreEvent(spec);
        for (const auto& [order_id, record] : orders_) engine.Restore(record);
        std::vector<OrderId> expired;
        engine.ExpireDue(now, expired);
    }

  private:
    std::vector<EventSpec> events_;
    std::map<OrderId, OrderRecord> orders_;
};

void ExpectSameState(const Engine& a, const Engine& b, const std::vector<UserId>& users) {
    ASSERT_EQ(a.EventIds(), b.EventIds());
    for (const EventId event : a.EventIds()) {
        const EventSpec& spec = *a.FindEvent(event);
        for (std::uint16_t z = 0; z < spec.zones.size(); ++z) {
            EXPECT_EQ(a.Counts(event, z), b.Counts(event, z)) << "zone " << z;
            for (std::uint32_t r = 0; r < spec.zones[z].rows.size(); ++r) {
                EXPECT_EQ(a.RowStates(event, z, r), b.RowStates(event, z, r));
            }
        }
        EXPECT_EQ(*a.SeatStates(event), *b.SeatStates(event));
        for (const UserId user : users) {
            EXPECT_EQ(a.TicketsOf(user, event), b.TicketsOf(user, event)) << "user " << user;
        }
    }
    for (const UserId user : users) {
        const auto ao = a.OrdersOf(user);
        const auto bo = b.OrdersOf(user);
        ASSERT_EQ(std::vector<OrderId>(ao.begin(), ao.end()),
                  std::vector<OrderId>(bo.begin(), bo.end()));
        for (const OrderId id : ao) EXPECT_EQ(*a.FindOrder(id), *b.FindOrder(id));
    }
    EXPECT_EQ(a.NextDeadline(), b.NextDeadline());
    b.CheckInvariants();
}

// Users 1..4 place keyed orders of every kind and move them through every status.
class EngineRebuildTest : public ::testing::Test {
  protected:
    void SetUp() override {
        event_ = original_.AddEvent(SmallTestEvent());
        Keep(Hold({UserId{1}, event_, "INF", 2, false, "quantity"}));  // 1: paid
        Keep(Hold({UserId{2}, event_, "INF", 2, true, "split"}));      // 2: expired
        Keep(Hold(HoldBySeats{UserId{3}, event_, seats_, "seats"}));   // 3: payment_pending
        Keep(Hold({UserId{4}, event_, "GA", 3, false, {}}));           // 4: cancelled
        Keep(Hold({UserId{4}, event_, "GA", 1, false, "expiring"}));   // 5: expired
        ASSERT_EQ(original_.BeginPayment(OrderId{1}, kNow + 1ms, kWindow), OrderOutcome::kOk);
        ASSERT_EQ(original_.CompletePayment(OrderId{1}, true, kNow + 2ms), OrderOutcome::kOk);
        ASSERT_EQ(original_.BeginPayment(OrderId{3}, kNow + 3ms, kLongWindow), OrderOutcome::kOk);
        ASSERT_EQ(original_.Cancel(OrderId{4}, kNow + 4ms), OrderOutcome::kOk);
        Keep(Hold({UserId{1}, event_, "GA", 1, false, {}},
                  kNow + 10s));  // 6: held, later deadline
        // Order 2 expires by a late confirm, order 5 by ExpireDue; 3 and 6 keep their seats.
        ASSERT_EQ(original_.Confirm(OrderId{2}, kNow + kHold), OrderOutcome::kExpired);
        std::vector<OrderId> expired;
        original_.ExpireDue(kNow + kHold, expired);
        ASSERT_EQ(expired, (std::vector<OrderId>{OrderId{5}}));
        Keep(Hold({UserId{2}, event_, "INF", 1, true, "split-again"}, kNow + kHold));  // 7: held
        journal_.RebuildInto(rebuilt_, kNow + kHold);
    }

    HoldResult Hold(const HoldByQuantity& request, TimePoint now = kNow) {
        return original_.Hold(request, now);
    }
    HoldResult Hold(const HoldBySeats& request, TimePoint now = kNow) {
        return original_.Hold(request, now);
    }
    // Journals the hold and every change before it.
    void Keep(const HoldResult& result) {
        EXPECT_EQ(result.outcome, HoldOutcome::kOk) << ToString(result.outcome);
        Journal();
    }
    void Journal() {
        JournalBatch batch;
        original_.DrainChanges(batch);
        journal_.Append(batch);
    }

    const std::vector<std::string> seats_ = {"INF-B-3", "INF-B-4"};
    Engine original_;
    EventId event_{};
    RecordedJournal journal_;
    Engine rebuilt_;
};

TEST_F(EngineRebuildTest, RebuiltEngineHasTheSameState) {
    EXPECT_EQ(original_.FindOrder(OrderId{3})->status, OrderStatus::kPaymentPending);
    EXPECT_EQ(original_.FindOrder(OrderId{6})->status, OrderStatus::kHeld);
    ExpectSameState(original_, rebuilt_, {UserId{1}, UserId{2}, UserId{3}, UserId{4}});
    EXPECT_FALSE(rebuilt_.HasChanges()) << "rebuilding records nothing; nothing was due";

    // Both go on identically: the next id, the payment and the hold deadlines.
    for (Engine* engine : {&original_, &rebuilt_}) {
        const HoldResult fresh =
            engine->Hold(HoldByQuantity{UserId{5}, event_, "GA", 1, false, {}}, kNow + 20'000ms);
        ASSERT_EQ(fresh.outcome, HoldOutcome::kOk);
        EXPECT_EQ(fresh.order->order_id, OrderId{8});
        EXPECT_EQ(engine->CompletePayment(OrderId{3}, true, kNow + 3ms + kLongWindow - 1ms),
                  OrderOutcome::kOk);
        std::vector<OrderId> expired;
        engine->ExpireDue(kNow + 10s + kHold, expired);
        EXPECT_EQ(expired, (std::vector<OrderId>{OrderId{6}})) << "order 6's hold deadline";
    }
    ExpectSameState(original_, rebuilt_, {UserId{1}, UserId{2}, UserId{3}, UserId{4}, UserId{5}});
}

TEST_F(EngineRebuildTest, RetryReplaysOnlyTheSameRequestAfterARebuild) {
    const std::vector<std::string> other_seats = {"INF-B-1", "INF-B-2"};
    for (Engine* engine : {&original_, &rebuilt_}) {
        SCOPED_TRACE(engine == &original_ ? "original" : "rebuilt");
        auto by_quantity = [&](UserId user, std::uint32_t quantity, bool split, const char* key) {
            return engine->Hold(HoldByQuantity{user, event_, "INF", quantity, split, key}, kNow)
                .outcome;
        };
        auto by_seats = [&](UserId user, const std::vector<std::string>& seats, const char* key) {
            return engine->Hold(HoldBySeats{user, event_, seats, key}, kNow).outcome;
        };
        // Order 1: 2 adjacent seats by quantity.
        EXPECT_EQ(by_quantity(UserId{1}, 2, false, "quantity"), HoldOutcome::kReplayed);
        EXPECT_EQ(by_quantity(UserId{1}, 2, true, "quantity"), HoldOutcome::kIdempotencyKeyReused);
        EXPECT_EQ(by_quantity(UserId{1}, 1, false, "quantity"), HoldOutcome::kIdempotencyKeyReused);
        std::vector<std::string> order_1_seats;
        const Order& order_1 = *engine->FindOrder(OrderId{1});
        for (std::uint32_t i = 0; i < order_1.quantity; ++i) {
            order_1_seats.push_back(engine->SeatId(event_, order_1.zone_index, order_1.seats[i]));
        }
        EXPECT_EQ(by_seats(UserId{1}, order_1_seats, "quantity"),
                  HoldOutcome::kIdempotencyKeyReused);
        // Order 2: 2 seats with allow_split (expired since; the key still answers).
        EXPECT_EQ(by_quantity(UserId{2}, 2, true, "split"), HoldOutcome::kReplayed);
        EXPECT_EQ(by_quantity(UserId{2}, 2, false, "split"), HoldOutcome::kIdempotencyKeyReused);
        // Order 3: named seats, in any order.
        EXPECT_EQ(by_seats(UserId{3}, {"INF-B-4", "INF-B-3"}, "seats"), HoldOutcome::kReplayed);
        EXPECT_EQ(by_seats(UserId{3}, other_seats, "seats"), HoldOutcome::kIdempotencyKeyReused);
        EXPECT_EQ(by_quantity(UserId{3}, 2, false, "seats"), HoldOutcome::kIdempotencyKeyReused);
        EXPECT_EQ(by_quantity(UserId{3}, 2, true, "seats"), HoldOutcome::kIdempotencyKeyReused);
        // Keys belong to their user.
        EXPECT_EQ(by_quantity(UserId{4}, 1, false, "quantity"), HoldOutcome::kOk);
    }
}

TEST(EngineRestore, KeyJournaledBeforeRequestKindsReplaysForAnyFittingRequest) {
    Engine engine;
    const EventId event = engine.AddEvent(SmallTestEvent());
    Order order;
    order.order_id = OrderId{1};
    order.user_id = UserId{9};
    order.event_id = event;
    order.zone_index = 1;  // INF
    order.quantity = 2;
    order.expires_at = kNow + kHold;
    order.amount_minor = 2500;
    order.seats[0] = 2;  // INF-A-3
    order.seats[1] = 3;  // INF-A-4
    engine.Restore({order, "old", RequestKind::kUnknown});
    order.order_id = OrderId{2};
    order.seats[0] = 6;  // INF-B-1
    order.seats[1] = 7;  // INF-B-2
    engine.Restore({order, "new", RequestKind::kQuantity});
    JournalBatch added_event;
    engine.DrainChanges(added_event);
    auto hold = [&](std::string_view key, std::uint32_t quantity, bool split) {
        return engine.Hold(HoldByQuantity{UserId{9}, event, "INF", quantity, split, key}, kNow)
            .outcome;
    };
    auto seats = [&](std::string_view key, std::vector<std::string> ids) {
        return engine.Hold(HoldBySeats{UserId{9}, event, ids, key}, kNow).outcome;
    };

    EXPECT_EQ(hold("old", 2, false), HoldOutcome::kReplayed);
    EXPECT_EQ(hold("old", 2, true), HoldOutcome::kReplayed);
    EXPECT_EQ(seats("old", {"INF-A-4", "INF-A-3"}), HoldOutcome::kReplayed);
    EXPECT_EQ(hold("old", 1, false), HoldOutcome::kIdempotencyKeyReused);
    EXPECT_EQ(seats("old", {"INF-A-3", "INF-A-5"}), HoldOutcome::kIdempotencyKeyReused);

    EXPECT_EQ(hold("new", 2, false), HoldOutcome::kReplayed);
    EXPECT_EQ(hold("new", 2, true), HoldOutcome::kIdempotencyKeyReused);
    EXPECT_EQ(seats("new", {"INF-B-1", "INF-B-2"}), HoldOutcome::kIdempotencyKeyReused);
    EXPECT_FALSE(engine.HasChanges());
}

}  // namespace
}  // namespace tix::engine
