// payment_pending: Engine::BeginPayment and CompletePayment, their deadlines and NextDeadline.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "engine/engine.h"
#include "engine/test_events.h"

namespace tix::engine {
namespace {

using namespace std::chrono_literals;

constexpr TimePoint kNow = At(1'000'000);
constexpr std::chrono::milliseconds kHold{60'000};  // SmallTestEvent's hold_seconds
constexpr std::chrono::milliseconds kWindow{
    100'000};                          // longer than a hold: the payment outlives it
constexpr std::uint16_t kGaZone = 0;   // SmallTestEvent: "GA", 10 tickets
constexpr std::uint16_t kInfZone = 1;  // SmallTestEvent: "INF", rows A (6) and B (4)
constexpr std::uint32_t kRowA = 0;

class EnginePaymentTest : public ::testing::Test {
  protected:
    EnginePaymentTest() : event_(engine_.AddEvent(SmallTestEvent())) {}

    // A held order of `user` for seats of row A, placed at `now`; copied (engine pointers die).
    Order HoldSeats(UserId user, std::vector<std::string> seats, TimePoint now = kNow) {
        const HoldResult result = engine_.Hold(HoldBySeats{user, event_, seats, {}}, now);
        EXPECT_EQ(result.outcome, HoldOutcome::kOk) << ToString(result.outcome);
        return result.order == nullptr ? Order{} : *result.order;
    }
    Order HoldGa(UserId user, std::uint32_t quantity, TimePoint now = kNow) {
        const HoldResult result =
            engine_.Hold(HoldByQuantity{user, event_, "GA", quantity, false, {}}, now);
        EXPECT_EQ(result.outcome, HoldOutcome::kOk) << ToString(result.outcome);
        return result.order == nullptr ? Order{} : *result.order;
    }
    const Order& Get(OrderId order_id) { return *engine_.FindOrder(order_id); }
    std::vector<OrderId> ExpireDue(TimePoint now) {
        std::vector<OrderId> expired;
        engine_.ExpireDue(now, expired);
        engine_.CheckInvariants();
        return expired;
    }
    ZoneCounts Inf() { return engine_.Counts(event_, kInfZone); }
    std::string RowA() { return engine_.RowStates(event_, kInfZone, kRowA); }

    Engine engine_;
    EventId event_;
};

// ---- BeginPayment ----

TEST_F(EnginePaymentTest, BeginPaymentKeepsTheSeatsAndTheUsersTickets) {
    const Order held = HoldSeats(UserId{1}, {"INF-A-1", "INF-A-2"});
    ASSERT_EQ(engine_.BeginPayment(held.order_id, kNow + 1s, kWindow), OrderOutcome::kOk);
    engine_.CheckInvariants();

    const Order& paying = Get(held.order_id);
    EXPECT_EQ(paying.status, OrderStatus::kPaymentPending);
    EXPECT_EQ(paying.updated_at, kNow + 1s);
    EXPECT_EQ(paying.expires_at, held.expires_at);  // the hold deadline is kept for a decline
    EXPECT_EQ(RowA(), "HHAAAA");
    EXPECT_EQ(Inf().held, 2U);
    EXPECT_EQ(Inf().available, 8U);
    EXPECT_EQ(engine_.TicketsOf(UserId{1}, event_), 2U);
    // Its seats are still taken and its tickets still count toward the limit of 4.
    EXPECT_EQ(
        engine_.Hold(HoldBySeats{UserId{2}, event_, std::vector<std::string>{"INF-A-2"}, {}}, kNow)
            .outcome,
        HoldOutcome::kSeatTaken);
    EXPECT_EQ(engine_.Hold(HoldByQuantity{UserId{1}, event_, "GA", 3, false, {}}, kNow).outcome,
              HoldOutcome::kLimitExceeded);
}

TEST_F(EnginePaymentTest, PaymentDeadlineIsNowPlusTheWindowEvenPastTheHoldDeadline) {
    const Order held = HoldSeats(UserId{1}, {"INF-A-1"});
    const TimePoint begun_at = held.expires_at - 1ms;  // the last moment the hold is live
    ASSERT_EQ(engine_.BeginPayment(held.order_id, begun_at, kWindow), OrderOutcome::kOk);
    EXPECT_EQ(Get(held.order_id).payment_expires_at, begun_at + kWindow);
    EXPECT_GT(Get(held.order_id).payment_expires_at, held.expires_at);
    EXPECT_EQ(engine_.NextDeadline(), begun_at + kWindow);
}

TEST_F(EnginePaymentTest, PaymentDeadlineMayComeBeforeTheHoldDeadline) {
    const Order held = HoldSeats(UserId{1}, {"INF-A-1"});
    ASSERT_EQ(engine_.BeginPayment(held.order_id, kNow, 5s), OrderOutcome::kOk);
    EXPECT_EQ(Get(held.order_id).payment_expires_at, kNow + 5s);
    EXPECT_EQ(engine_.NextDeadline(), kNow + 5s);
    EXPECT_EQ(ExpireDue(kNow + 5s), (std::vector<OrderId>{held.order_id}));
    EXPECT_EQ(Get(held.order_id).status, OrderStatus::kExpired);
    EXPECT_EQ(engine_.NextDeadline(), std::nullopt);
}

TEST_F(EnginePaymentTest, PendingPaymentExpiresAtItsPaymentDeadlineNotTheHoldDeadline) {
    const Order held = HoldSeats(UserId{1}, {"INF-A-1", "INF-A-2"});
    ASSERT_EQ(engine_.BeginPayment(held.order_id, kNow, kWindow), OrderOutcome::kOk);
    const TimePoint payment_deadline = kNow + kWindow;

    EXPECT_TRUE(ExpireDue(held.expires_at).empty());
    EXPECT_EQ(Get(held.order_id).status, OrderStatus::kPaymentPending);
    EXPECT_EQ(engine_.NextDeadline(), payment_deadline);
    EXPECT_TRUE(ExpireDue(payment_deadline - 1ms).empty());
    EXPECT_EQ(RowA(), "HHAAAA");

    EXPECT_EQ(ExpireDue(payment_deadline), (std::vector<OrderId>{held.order_id}));
    EXPECT_EQ(Get(held.order_id).status, OrderStatus::kExpired);
    EXPECT_EQ(Get(held.order_id).updated_at, payment_deadline);
    EXPECT_EQ(RowA(), "AAAAAA");
    EXPECT_EQ(Inf(), (ZoneCounts{10, 10, 0, 0}));
    EXPECT_EQ(engine_.TicketsOf(UserId{1}, event_), 0U);
    EXPECT_EQ(engine_.NextDeadline(), std::nullopt);
    EXPECT_TRUE(ExpireDue(payment_deadline + kWindow).empty());
}

TEST_F(EnginePaymentTest, NextDeadlineSkipsTheHoldDeadlineOfAnOrderBeingPaid) {
    const Order first = HoldGa(UserId{1}, 1, kNow);         // hold deadline kNow + 60 s
    const Order second = HoldGa(UserId{2}, 1, kNow + 10s);  // hold deadline kNow + 70 s
    ASSERT_EQ(engine_.NextDeadline(), first.expires_at);
    ASSERT_EQ(engine_.BeginPayment(first.order_id, kNow + 20'000ms, kWindow), OrderOutcome::kOk);
    engine_.CheckInvariants();
    // first now waits until kNow + 120 s: the earliest deadline is second's hold.
    EXPECT_EQ(engine_.NextDeadline(), second.expires_at);
    EXPECT_EQ(ExpireDue(second.expires_at), (std::vector<OrderId>{second.order_id}));
    EXPECT_EQ(engine_.NextDeadline(), kNow + 20'000ms + kWindow);
}

TEST_F(EnginePaymentTest, SecondBeginPaymentAnswersPaymentPendingAndChangesNothing) {
    const Order held = HoldSeats(UserId{1}, {"INF-A-1"});
    ASSERT_EQ(engine_.BeginPayment(held.order_id, kNow, kWindow), OrderOutcome::kOk);
    const Order paying = Get(held.order_id);
    JournalBatch drained;
    engine_.DrainChanges(drained);

    EXPECT_EQ(engine_.BeginPayment(held.order_id, kNow + 1s, kWindow),
              OrderOutcome::kPaymentPending);
    EXPECT_EQ(Get(held.order_id), paying);  // the payment deadline did not move
    EXPECT_FALSE(engine_.HasChanges());
    EXPECT_EQ(engine_.NextDeadline(), kNow + kWindow);
}

TEST_F(EnginePaymentTest, CancelAndConfirmOfAPendingPaymentAnswerPaymentPending) {
    const Order held = HoldSeats(UserId{1}, {"INF-A-1"});
    ASSERT_EQ(engine_.BeginPayment(held.order_id, kNow, kWindow), OrderOutcome::kOk);
    const Order paying = Get(held.order_id);
    EXPECT_EQ(engine_.Cancel(held.order_id, kNow + 1ms), OrderOutcome::kPaymentPending);
    EXPECT_EQ(engine_.Confirm(held.order_id, kNow + 1ms), OrderOutcome::kPaymentPending);
    // Also past the hold deadline: the payment deadline governs.
    EXPECT_EQ(engine_.Cancel(held.order_id, held.expires_at), OrderOutcome::kPaymentPending);
    EXPECT_EQ(Get(held.order_id), paying);
    EXPECT_EQ(RowA(), "HAAAAA");
    engine_.CheckInvariants();
}

TEST_F(EnginePaymentTest, BeginPaymentAtTheHoldDeadlineExpiresTheHold) {
    const Order held = HoldSeats(UserId{1}, {"INF-A-1", "INF-A-2"});
    EXPECT_EQ(engine_.BeginPayment(held.order_id, held.expires_at, kWindow),
              OrderOutcome::kExpired);
    EXPECT_EQ(Get(held.order_id).status, OrderStatus::kExpired);
    EXPECT_EQ(Get(held.order_id).updated_at, held.expires_at);
    EXPECT_EQ(RowA(), "AAAAAA");
    EXPECT_EQ(engine_.TicketsOf(UserId{1}, event_), 0U);
    EXPECT_EQ(engine_.NextDeadline(), std::nullopt);
    EXPECT_TRUE(ExpireDue(held.expires_at + kWindow).empty());  // expired once, not again
}

TEST_F(EnginePaymentTest, BeginPaymentOfEndedOrdersAnswersTheirStatus) {
    const Order paid = HoldGa(UserId{1}, 1);
    const Order cancelled = HoldGa(UserId{1}, 1);
    ASSERT_EQ(engine_.Confirm(paid.order_id, kNow), OrderOutcome::kOk);
    ASSERT_EQ(engine_.Cancel(cancelled.order_id, kNow), OrderOutcome::kOk);
    EXPECT_EQ(engine_.BeginPayment(paid.order_id, kNow, kWindow), OrderOutcome::kUnchanged);
    EXPECT_EQ(engine_.BeginPayment(cancelled.order_id, kNow, kWindow), OrderOutcome::kCancelled);
    EXPECT_EQ(engine_.BeginPayment(OrderId{99}, kNow, kWindow), OrderOutcome::kUnknownOrder);
    EXPECT_EQ(Get(paid.order_id).status, OrderStatus::kPaid);
}

// ---- CompletePayment ----

TEST_F(EnginePaymentTest, ApprovedPaymentPaysEvenPastTheHoldDeadline) {
    const Order held = HoldSeats(UserId{1}, {"INF-A-1", "INF-A-2"});
    ASSERT_EQ(engine_.BeginPayment(held.order_id, kNow, kWindow), OrderOutcome::kOk);
    const TimePoint answered_at = held.expires_at + 1ms;  // within the payment window
    EXPECT_EQ(engine_.CompletePayment(held.order_id, true, answered_at), OrderOutcome::kOk);
    engine_.CheckInvariants();
    EXPECT_EQ(Get(held.order_id).status, OrderStatus::kPaid);
    EXPECT_EQ(Get(held.order_id).updated_at, answered_at);
    EXPECT_EQ(RowA(), "SSAAAA");
    EXPECT_EQ(Inf(), (ZoneCounts{10, 8, 0, 2}));
    EXPECT_EQ(engine_.TicketsOf(UserId{1}, event_), 2U);
    EXPECT_EQ(engine_.NextDeadline(), std::nullopt);
    EXPECT_TRUE(ExpireDue(kNow + 10 * kWindow).empty());
    // A repeated answer changes nothing.
    EXPECT_EQ(engine_.CompletePayment(held.order_id, true, answered_at), OrderOutcome::kUnchanged);
    EXPECT_EQ(engine_.CompletePayment(held.order_id, false, answered_at), OrderOutcome::kPaid);
    EXPECT_EQ(Get(held.order_id).status, OrderStatus::kPaid);
}

TEST_F(EnginePaymentTest, DeclinedPaymentWithinTheHoldResumesItUntilTheOriginalDeadline) {
    const Order held = HoldSeats(UserId{1}, {"INF-A-1", "INF-A-2"});
    ASSERT_EQ(engine_.BeginPayment(held.order_id, kNow + 1s, kWindow), OrderOutcome::kOk);
    EXPECT_EQ(engine_.CompletePayment(held.order_id, false, kNow + 2s), OrderOutcome::kOk);
    engine_.CheckInvariants();
    EXPECT_EQ(Get(held.order_id).status, OrderStatus::kHeld);
    EXPECT_EQ(Get(held.order_id).expires_at, held.expires_at);
    EXPECT_EQ(Get(held.order_id).updated_at, kNow + 2s);
    EXPECT_EQ(RowA(), "HHAAAA");
    EXPECT_EQ(Inf().held, 2U);
    EXPECT_EQ(engine_.NextDeadline(), held.expires_at);

    EXPECT_TRUE(ExpireDue(held.expires_at - 1ms).empty());
    EXPECT_EQ(ExpireDue(held.expires_at), (std::vector<OrderId>{held.order_id}));
    EXPECT_EQ(Get(held.order_id).status, OrderStatus::kExpired);
    EXPECT_EQ(Get(held.order_id).updated_at, held.expires_at);
    EXPECT_EQ(RowA(), "AAAAAA");
    EXPECT_EQ(engine_.NextDeadline(), std::nullopt);
    // Neither the old payment deadline nor a second entry of the hold deadline expires it again.
    EXPECT_TRUE(ExpireDue(kNow + 1s + kWindow).empty());
}

TEST_F(EnginePaymentTest, DeclinedHoldCanBePaidAgain) {
    const Order held = HoldGa(UserId{1}, 2);
    ASSERT_EQ(engine_.BeginPayment(held.order_id, kNow, kWindow), OrderOutcome::kOk);
    ASSERT_EQ(engine_.CompletePayment(held.order_id, false, kNow + 1ms), OrderOutcome::kOk);
    ASSERT_EQ(engine_.BeginPayment(held.order_id, kNow + 2ms, 10ms), OrderOutcome::kOk);
    EXPECT_EQ(Get(held.order_id).payment_expires_at, kNow + 12ms);
    EXPECT_EQ(engine_.NextDeadline(), kNow + 12ms);
    EXPECT_EQ(engine_.CompletePayment(held.order_id, true, kNow + 11ms), OrderOutcome::kOk);
    EXPECT_EQ(engine_.Counts(event_, kGaZone), (ZoneCounts{10, 8, 0, 2}));
    EXPECT_EQ(engine_.NextDeadline(), std::nullopt);
    EXPECT_TRUE(ExpireDue(kNow + 10 * kWindow).empty());
}

TEST_F(EnginePaymentTest, DeclinedPaymentAfterTheHoldDeadlineExpiresTheOrder) {
    const Order held = HoldSeats(UserId{1}, {"INF-A-1"});
    ASSERT_EQ(engine_.BeginPayment(held.order_id, kNow, kWindow), OrderOutcome::kOk);
    EXPECT_EQ(engine_.CompletePayment(held.order_id, false, held.expires_at),
              OrderOutcome::kExpired);
    EXPECT_EQ(Get(held.order_id).status, OrderStatus::kExpired);
    EXPECT_EQ(Get(held.order_id).updated_at, held.expires_at);
    EXPECT_EQ(RowA(), "AAAAAA");
    EXPECT_EQ(engine_.TicketsOf(UserId{1}, event_), 0U);
    EXPECT_EQ(engine_.NextDeadline(), std::nullopt);
    EXPECT_TRUE(ExpireDue(kNow + kWindow).empty());
}

TEST_F(EnginePaymentTest, PaymentAnswerAtThePaymentDeadlineFindsTheOrderExpired) {
    const Order held = HoldSeats(UserId{1}, {"INF-A-1", "INF-A-2"});
    ASSERT_EQ(engine_.BeginPayment(held.order_id, kNow, kWindow), OrderOutcome::kOk);
    EXPECT_EQ(engine_.CompletePayment(held.order_id, true, kNow + kWindow), OrderOutcome::kExpired);
    EXPECT_EQ(Get(held.order_id).status, OrderStatus::kExpired);
    EXPECT_EQ(RowA(), "AAAAAA");
    EXPECT_EQ(Inf(), (ZoneCounts{10, 10, 0, 0}));
    EXPECT_EQ(engine_.NextDeadline(), std::nullopt);
    // The seats are free for someone else.
    EXPECT_EQ(HoldSeats(UserId{2}, {"INF-A-1"}, kNow + kWindow).status, OrderStatus::kHeld);
}

TEST_F(EnginePaymentTest, PaymentAnswerAfterExpireDueFindsTheOrderExpired) {
    const Order held = HoldGa(UserId{1}, 1);
    ASSERT_EQ(engine_.BeginPayment(held.order_id, kNow, kWindow), OrderOutcome::kOk);
    ASSERT_EQ(ExpireDue(kNow + kWindow).size(), 1U);
    EXPECT_EQ(engine_.CompletePayment(held.order_id, true, kNow + kWindow + 1ms),
              OrderOutcome::kExpired);
    EXPECT_EQ(Get(held.order_id).updated_at, kNow + kWindow);
    EXPECT_EQ(engine_.Counts(event_, kGaZone), (ZoneCounts{10, 10, 0, 0}));
}

TEST_F(EnginePaymentTest, PaymentAnswerForAHeldOrderIsNotPaymentPending) {
    const Order held = HoldSeats(UserId{1}, {"INF-A-1"});
    EXPECT_EQ(engine_.CompletePayment(held.order_id, true, kNow), OrderOutcome::kNotPaymentPending);
    EXPECT_EQ(engine_.CompletePayment(held.order_id, false, kNow),
              OrderOutcome::kNotPaymentPending);
    EXPECT_EQ(Get(held.order_id), held);
    EXPECT_EQ(engine_.CompletePayment(OrderId{99}, true, kNow), OrderOutcome::kUnknownOrder);
    ASSERT_EQ(engine_.Cancel(held.order_id, kNow), OrderOutcome::kOk);
    EXPECT_EQ(engine_.CompletePayment(held.order_id, true, kNow), OrderOutcome::kCancelled);
}

TEST(EnginePaymentStrings, PaymentOutcomesAndStatusHaveStableCodes) {
    EXPECT_EQ(ToString(OrderStatus::kPaymentPending), "payment_pending");
    EXPECT_EQ(ParseOrderStatus("payment_pending"), OrderStatus::kPaymentPending);
    EXPECT_EQ(ParseOrderStatus("pending"), std::nullopt);
    EXPECT_EQ(ToString(OrderOutcome::kPaymentPending), "payment_pending");
    EXPECT_EQ(ToString(OrderOutcome::kNotPaymentPending), "no_payment_pending");
    EXPECT_EQ(ToString(HoldOutcome::kOrderIdsExhausted), "order_ids_exhausted");
}

}  // namespace
}  // namespace tix::engine
