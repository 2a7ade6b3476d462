// Order ids run out at kMaxOrderId (the seat maps name an order in 32 bits): holds are then
// refused with kOrderIdsExhausted, and nothing changes.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "engine/engine.h"
#include "engine/test_events.h"

namespace tix::engine {
namespace {

constexpr TimePoint kNow = At(1'000'000);

// An engine whose last order has the id `last`: a paid GA ticket of user 9.
class EngineOrderIdsTest : public ::testing::Test {
  protected:
    void RestorePaidOrder(OrderId last) {
        Order order;
        order.order_id = last;
        order.user_id = UserId{9};
        order.event_id = event_;
        order.quantity = 1;
        order.amount_minor = 500;
        order.status = OrderStatus::kPaid;
        engine_.Restore({order, ""});
    }
    HoldOutcome HoldGa() {
        return engine_.Hold(HoldByQuantity{UserId{1}, event_, "GA", 1, false, "k"}, kNow).outcome;
    }
    HoldOutcome HoldSeat() {
        const std::vector<std::string> seats = {"INF-A-1"};
        return engine_.Hold(HoldBySeats{UserId{1}, event_, seats, {}}, kNow).outcome;
    }

    Engine engine_;
    EventId event_ = engine_.AddEvent(SmallTestEvent());
};

TEST_F(EngineOrderIdsTest, LastOrderIdCanBeIssued) {
    RestorePaidOrder(OrderId{kMaxOrderId.value() - 1});
    const HoldResult last =
        engine_.Hold(HoldByQuantity{UserId{1}, event_, "INF", 1, false, {}}, kNow);
    ASSERT_EQ(last.outcome, HoldOutcome::kOk);
    EXPECT_EQ(last.order->order_id, kMaxOrderId);
    EXPECT_EQ(engine_.RowStates(event_, 1, 0), "AAHAAA");
    EXPECT_EQ(HoldGa(), HoldOutcome::kOrderIdsExhausted);
}

TEST_F(EngineOrderIdsTest, HoldAfterTheLastOrderIdIsRefusedAndChangesNothing) {
    RestorePaidOrder(kMaxOrderId);
    JournalBatch before;
    engine_.DrainChanges(before);
    const std::uint64_t version = engine_.EventVersion(event_);

    EXPECT_EQ(HoldGa(), HoldOutcome::kOrderIdsExhausted);
    EXPECT_EQ(HoldSeat(), HoldOutcome::kOrderIdsExhausted);
    EXPECT_EQ(engine_.Counts(event_, 0), (ZoneCounts{10, 9, 0, 1}));
    EXPECT_EQ(engine_.Counts(event_, 1), (ZoneCounts{10, 10, 0, 0}));
    EXPECT_EQ(engine_.RowStates(event_, 1, 0), "AAAAAA");
    EXPECT_EQ(engine_.TicketsOf(UserId{1}, event_), 0U);
    EXPECT_TRUE(engine_.OrdersOf(UserId{1}).empty());
    EXPECT_EQ(engine_.EventVersion(event_), version);
    EXPECT_FALSE(engine_.HasChanges());
    JournalBatch after;
    engine_.DrainChanges(after);
    EXPECT_TRUE(after.empty());
    // The key was not used up, and the paid order is still served.
    EXPECT_EQ(HoldGa(), HoldOutcome::kOrderIdsExhausted);
    EXPECT_EQ(engine_.FindOrder(kMaxOrderId)->status, OrderStatus::kPaid);
    EXPECT_EQ(engine_.Cancel(kMaxOrderId, kNow), OrderOutcome::kPaid);
}

TEST_F(EngineOrderIdsTest, CheapRefusalsStillComeFirst) {
    RestorePaidOrder(kMaxOrderId);
    EXPECT_EQ(engine_.Hold(HoldByQuantity{UserId{1}, event_, "GA", 11, false, {}}, kNow).outcome,
              HoldOutcome::kInvalidQuantity);
    EXPECT_EQ(
        engine_
            .Hold(HoldByQuantity{UserId{1}, EventId{event_.value() + 1}, "GA", 1, false, {}}, kNow)
            .outcome,
        HoldOutcome::kUnknownEvent);
}

}  // namespace
}  // namespace tix::engine
