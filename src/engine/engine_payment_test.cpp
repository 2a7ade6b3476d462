// payment_pending: Engine::BeginPayment and CompletePayment, their deadlines and NextDeadline.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "engine/engine.h"
#include "engine/test_events.h"

namespace tix::engine {
namespace {

constexpr TimeMs kNow = 1'000'000;
constexpr TimeMs kHoldMs = 60'000;     // SmallTestEvent's hold_seconds
constexpr TimeMs kWindowMs = 100'000;  // longer than a hold: the payment outlives it
constexpr std::uint16_t kGaZone = 0;   // SmallTestEvent: "GA", 10 tickets
constexpr std::uint16_t kInfZone = 1;  // SmallTestEvent: "INF", rows A (6) and B (4)
constexpr std::uint32_t kRowA = 0;

class EnginePaymentTest : public ::testing::Test {
  protected:
    EnginePaymentTest() : event_(engine_.AddEvent(SmallTestEvent())) {}

    // A held order of `user` for seats of row A, placed at `now`; copied (engine pointers die).
    Order HoldSeats(UserId user, std::vector<std::string> seats, TimeMs now = kNow) {
        const HoldResult result = engine_.Hold(HoldBySeats{user, event_, seats, {}}, now);
        EXPECT_EQ(result.outcome, HoldOutcome::kOk) << ToString(result.outcome);
        return result.order == nullptr ? Order{} : *result.order;
    }
    Order HoldGa(UserId user, std::uint32_t quantity, TimeMs now = kNow) {
        const HoldResult result =
            engine_.Hold(HoldByQuantity{user, event_, "GA", quantity, false, {}}, now);
        EXPECT_EQ(result.outcome, HoldOutcome::kOk) << ToString(result.outcome);
        return result.order == nullptr ? Order{} : *result.order;
    }
    const Order& Get(OrderId order_id) { return *engine_.FindOrder(order_id); }
    std::vector<OrderId> ExpireDue(TimeMs now) {
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
    ASSERT_EQ(engine_.BeginPayment(held.order_id, kNow + 1'000, kWindowMs), OrderOutcome::kOk);
    engine_.CheckInvariants();

    const Order& paying = Get(held.order_id);
    EXPECT_EQ(paying.status, OrderStatus::kPaymentPending);
    EXPECT_EQ(paying.updated_at, kNow + 1'000);
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
    const TimeMs begun_at = held.expires_at - 1;  // the last moment the hold is live
    ASSERT_EQ(engine_.BeginPayment(held.order_id, begun_at, kWindowMs), OrderOutcome::kOk);
    EXPECT_EQ(Get(held.order_id).payment_expires_at, begun_at + kWindowMs);
    EXPECT_GT(Get(held.order_id).payment_expires_at, held.expires_at);
    EXPECT_EQ(engine_.NextDeadline(), begun_at + kWindowMs);
}

TEST_F(EnginePaymentTest, PaymentDeadlineMayComeBeforeTheHoldDeadline) {
    const Order held = HoldSeats(UserId{1}, {"INF-A-1"});
    ASSERT_EQ(engine_.BeginPayment(held.order_id, kNow, 5'000), OrderOutcome::kOk);
    EXPECT_EQ(Get(held.order_id).payment_expires_at, kNow + 5'000);
    EXPECT_EQ(engine_.NextDeadline(), kNow + 5'000);
    EXPECT_EQ(ExpireDue(kNow + 5'000), (std::vector<OrderId>{held.order_id}));
    EXPECT_EQ(Get(held.order_id).status, OrderStatus::kExpired);
    EXPECT_EQ(engine_.NextDeadline(), std::nullopt);
}

TEST_F(EnginePaymentTest, PendingPaymentExpiresAtItsPaymentDeadlineNotTheHoldDeadline) {
    const Order held = HoldSeats(UserId{1}, {"INF-A-1", "INF-A-2"});
    ASSERT_EQ(engine_.BeginPayment(held.order_id, kNow, kWindowMs), OrderOutcome::kOk);
    const TimeMs payment_deadline = kNow + kWindowMs;

    EXPECT_TRUE(ExpireDue(held.expires_at).empty());
    EXPECT_EQ(Get(held.order_id).status, OrderStatus::kPaymentPending);
    EXPECT_EQ(engine_.NextDeadline(), payment_deadline);
    EXPECT_TRUE(ExpireDue(payment_deadline - 1).empty());
    EXPECT_EQ(RowA(), "HHAAAA");

    EXPECT_EQ(ExpireDue(payment_deadline), (std::vector<OrderId>{held.order_id}));
    EXPECT_EQ(Get(held.order_id).status, OrderStatus::kExpired);
    EXPECT_EQ(Get(held.order_id).updated_at, payment_deadline);
    EXPECT_EQ(RowA(), "AAAAAA");
    EXPECT_EQ(Inf(), (ZoneCounts{10, 10, 0, 0}));
    EXPECT_EQ(engine_.TicketsOf(UserId{1}, event_), 0U);
    EXPECT_EQ(engine_.NextDeadline(), std::nullopt);
    EXPECT_TRUE(ExpireDue(payment_deadline + kWindowMs).empty());
}

TEST_F(EnginePaymentTest, NextDeadlineSkipsTheHoldDeadlineOfAnOrderBeingPaid) {
    const Order first = HoldGa(UserId{1}, 1, kNow);            // hold deadline kNow + 60 s
    const Order second = HoldGa(UserId{2}, 1, kNow + 10'000);  // hold deadline kNow + 70 s
    ASSERT_EQ(engine_.NextDeadline(), first.expires_at);
    ASSERT_EQ(engine_.BeginPayment(first.order_id, kNow + 20'000, kWindowMs), OrderOutcome::kOk);
    engine_.CheckInvariants();
    // first now waits until kNow + 120 s: the earliest deadline is second's hold.
    EXPECT_EQ(engine_.NextDeadline(), second.expires_at);
    EXPECT_EQ(ExpireDue(second.expires_at), (std::vector<OrderId>{second.order_id}));
    EXPECT_EQ(engine_.NextDeadline(), kNow + 20'000 + kWindowMs);
}

TEST_F(EnginePaymentTest, SecondBeginPaymentAnswersPaymentPendingAndChangesNothing) {
    const Order held = HoldSeats(UserId{1}, {"INF-A-1"});
    ASSERT_EQ(engine_.BeginPayment(held.order_id, kNow, kWindowMs), OrderOutcome::kOk);
    const Order paying = Get(held.order_id);
    JournalBatch drained;
    engine_.DrainChanges(drained);

    EXPECT_EQ(engine_.BeginPayment(held.order_id, kNow + 1'000, kWindowMs),
              OrderOutcome::kPaymentPending);
    EXPECT_EQ(Get(held.order_id), paying);  // the payment deadline did not move
    EXPECT_FALSE(engine_.HasChanges());
    EXPECT_EQ(engine_.NextDeadline(), kNow + kWindowMs);
}

TEST_F(EnginePaymentTest, CancelAndConfirmOfAPendingPaymentAnswerPaymentPending) {
    const Order held = HoldSeats(UserId{1}, {"INF-A-1"});
    ASSERT_EQ(engine_.BeginPayment(held.order_id, kNow, kWindowMs), OrderOutcome::kOk);
    const Order paying = Get(held.order_id);
    EXPECT_EQ(engine_.Cancel(held.order_id, kNow + 1), OrderOutcome::kPaymentPending);
    EXPECT_EQ(engine_.Confirm(held.order_id, kNow + 1), OrderOutcome::kPaymentPending);
    // Also past the hold deadline: the payment deadline governs.
    EXPECT_EQ(engine_.Cancel(held.order_id, held.expires_at), OrderOutcome::kPaymentPending);
    EXPECT_EQ(Get(held.order_id), paying);
    EXPECT_EQ(RowA(), "HAAAAA");
    engine_.CheckInvariants();
}

TEST_F(EnginePaymentTest, BeginPaymentAtTheHoldDeadlineExpiresTheHold) {
    const Order held = HoldSeats(UserId{1}, {"INF-A-1", "INF-A-2"});
    EXPECT_EQ(engine_.BeginPayment(held.order_id, held.expires_at, kWindowMs),
              OrderOutcome::kExpired);
    EXPECT_EQ(Get(held.order_id).status, OrderStatus::kExpired);
    EXPECT_EQ(Get(held.order_id).updated_at, held.expires_at);
    EXPECT_EQ(RowA(), "AAAAAA");
    EXPECT_EQ(engine_.TicketsOf(UserId{1}, event_), 0U);
    EXPECT_EQ(engine_.NextDeadline(), std::nullopt);
    EXPECT_TRUE(ExpireDue(held.expires_at + kWindowMs).empty());  // expired once, not again
}

TEST_F(EnginePaymentTest, BeginPaymentOfEndedOrdersAnswersTheirStatus) {
    const Order paid = HoldGa(UserId{1}, 1);
    const Order cancelled = HoldGa(UserId{1}, 1);
    ASSERT_EQ(engine_.Confirm(paid.order_id, kNow), OrderOutcome::kOk);
    ASSERT_EQ(engine_.Cancel(cancelled.order_id, kNow), OrderOutcome::kOk);
    EXPECT_EQ(engine_.BeginPayment(paid.order_id, kNow, kWindowMs), OrderOutcome::kUnchanged);
    EXPECT_EQ(engine_.BeginPayment(cancelled.order_id, kNow, kWindowMs), OrderOutcome::kCancelled);
    EXPECT_EQ(engine_.BeginPayment(OrderId{99}, kNow, kWindowMs), OrderOutcome::kUnknownOrder);
    EXPECT_EQ(Get(paid.order_id).status, OrderStatus::kPaid);
}

// ---- CompletePayment ----

TEST_F(EnginePaymentTest, ApprovedPaymentPaysEvenPastTheHoldDeadline) {
    const Order held = HoldSeats(UserId{1}, {"INF-A-1", "INF-A-2"});
    ASSERT_EQ(engine_.BeginPayment(held.order_id, kNow, kWindowMs), OrderOutcome::kOk);
    const TimeMs answered_at = held.expires_at + 1;  // within the payment window
    EXPECT_EQ(engine_.CompletePayment(held.order_id, true, answered_at), OrderOutcome::kOk);
    engine_.CheckInvariants();
    EXPECT_EQ(Get(held.order_id).status, OrderStatus::kPaid);
    EXPECT_EQ(Get(held.order_id).updated_at, answered_at);
    EXPECT_EQ(RowA(), "SSAAAA");
    EXPECT_EQ(Inf(), (ZoneCounts{10, 8, 0, 2}));
    EXPECT_EQ(engine_.TicketsOf(UserId{1}, event_), 2U);
    EXPECT_EQ(engine_.NextDeadline(), std::nullopt);
    EXPECT_TRUE(ExpireDue(kNow + 10 * kWindowMs).empty());
    // A repeated answer changes nothing.
    EXPECT_EQ(engine_.CompletePayment(held.order_id, true, answered_at), OrderOutcome::kUnchanged);
    EXPECT_EQ(engine_.CompletePayment(held.order_id, false, answered_at), OrderOutcome::kPaid);
    EXPECT_EQ(Get(held.order_id).status, OrderStatus::kPaid);
}

TEST_F(EnginePaymentTest, DeclinedPaymentWithinTheHoldResumesItUntilTheOriginalDeadline) {
    const Order held = HoldSeats(UserId{1}, {"INF-A-1", "INF-A-2"});
    ASSERT_EQ(engine_.BeginPayment(held.order_id, kNow + 1'000, kWindowMs), OrderOutcome::kOk);
    EXPECT_EQ(engine_.CompletePayment(held.order_id, false, kNow + 2'000), OrderOutcome::kOk);
    engine_.CheckInvariants();
    EXPECT_EQ(Get(held.order_id).status, OrderStatus::kHeld);
    EXPECT_EQ(Get(held.order_id).expires_at, held.expires_at);
    EXPECT_EQ(Get(held.order_id).updated_at, kNow + 2'000);
    EXPECT_EQ(RowA(), "HHAAAA");
    EXPECT_EQ(Inf().held, 2U);
    EXPECT_EQ(engine_.NextDeadline(), held.expires_at);

    EXPECT_TRUE(ExpireDue(held.expires_at - 1).empty());
    EXPECT_EQ(ExpireDue(held.expires_at), (std::vector<OrderId>{held.order_id}));
    EXPECT_EQ(Get(held.order_id).status, OrderStatus::kExpired);
    EXPECT_EQ(Get(held.order_id).updated_at, held.expires_at);
    EXPECT_EQ(RowA(), "AAAAAA");
    EXPECT_EQ(engine_.NextDeadline(), std::nullopt);
    // Neither the old payment deadline nor a second entry of the hold deadline expires it again.
    EXPECT_TRUE(ExpireDue(kNow + 1'000 + kWindowMs).empty());
}

TEST_F(EnginePaymentTest, DeclinedHoldCanBePaidAgain) {
    const Order held = HoldGa(UserId{1}, 2);
    ASSERT_EQ(engine_.BeginPayment(held.order_id, kNow, kWindowMs), OrderOutcome::kOk);
    ASSERT_EQ(engine_.CompletePayment(held.order_id, false, kNow + 1), OrderOutcome::kOk);
    ASSERT_EQ(engine_.BeginPayment(held.order_id, kNow + 2, 10), OrderOutcome::kOk);
    EXPECT_EQ(Get(held.order_id).payment_expires_at, kNow + 12);
    EXPECT_EQ(engine_.NextDeadline(), kNow + 12);
    EXPECT_EQ(engine_.CompletePayment(held.order_id, true, kNow + 11), OrderOutcome::kOk);
    EXPECT_EQ(engine_.Counts(event_, kGaZone), (ZoneCounts{10, 8, 0, 2}));
    EXPECT_EQ(engine_.NextDeadline(), std::nullopt);
    EXPECT_TRUE(ExpireDue(kNow + 10 * kWindowMs).empty());
}

TEST_F(EnginePaymentTest, DeclinedPaymentAfterTheHoldDeadlineExpiresTheOrder) {
    const Order held = HoldSeats(UserId{1}, {"INF-A-1"});
    ASSERT_EQ(engine_.BeginPayment(held.order_id, kNow, kWindowMs), OrderOutcome::kOk);
    EXPECT_EQ(engine_.CompletePayment(held.order_id, false, held.expires_at),
              OrderOutcome::kExpired);
    EXPECT_EQ(Get(held.order_id).status, OrderStatus::kExpired);
    EXPECT_EQ(Get(held.order_id).updated_at, held.expires_at);
    EXPECT_EQ(RowA(), "AAAAAA");
    EXPECT_EQ(engine_.TicketsOf(UserId{1}, event_), 0U);
    EXPECT_EQ(engine_.NextDeadline(), std::nullopt);
    EXPECT_TRUE(ExpireDue(kNow + kWindowMs).empty());
}

TEST_F(EnginePaymentTest, PaymentAnswerAtThePaymentDeadlineFindsTheOrderExpired) {
    const Order held = HoldSeats(UserId{1}, {"INF-A-1", "INF-A-2"});
    ASSERT_EQ(engine_.BeginPayment(held.order_id, kNow, kWindowMs), OrderOutcome::kOk);
    EXPECT_EQ(engine_.CompletePayment(held.order_id, true, kNow + kWindowMs),
              OrderOutcome::kExpired);
    EXPECT_EQ(Get(held.order_id).status, OrderStatus::kExpired);
    EXPECT_EQ(RowA(), "AAAAAA");
    EXPECT_EQ(Inf(), (ZoneCounts{10, 10, 0, 0}));
    EXPECT_EQ(engine_.NextDeadline(), std::nullopt);
    // The seats are free for someone else.
    EXPECT_EQ(HoldSeats(UserId{2}, {"INF-A-1"}, kNow + kWindowMs).status, OrderStatus::kHeld);
}

TEST_F(EnginePaymentTest, PaymentAnswerAfterExpireDueFindsTheOrderExpired) {
    const Order held = HoldGa(UserId{1}, 1);
    ASSERT_EQ(engine_.BeginPayment(held.order_id, kNow, kWindowMs), OrderOutcome::kOk);
    ASSERT_EQ(ExpireDue(kNow + kWindowMs).size(), 1U);
    EXPECT_EQ(engine_.CompletePayment(held.order_id, true, kNow + kWindowMs + 1),
              OrderOutcome::kExpired);
    EXPECT_EQ(Get(held.order_id).updated_at, kNow + kWindowMs);
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
