// Payments through a provider: OpenPayment, AttachPayment, AbandonPayment, ApplyPaymentEvent and
// RequestRefund (engine_payments.cpp; the rules in docs/payments.md).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "engine/engine.h"
#include "engine/test_events.h"

namespace tix::engine {
namespace {

using namespace std::chrono_literals;

constexpr TimePoint kNow = At(1'000'000);
constexpr std::chrono::milliseconds kHold = 60s;  // SmallTestEvent's
constexpr std::chrono::milliseconds kGrace = 300s;
constexpr std::uint16_t kInfZone = 1;  // SmallTestEvent: "INF", rows A (6) and B (4), 12.50
constexpr std::int64_t kTwoInfSeats = 2'500;

class ProviderPaymentTest : public ::testing::Test {
  protected:
    ProviderPaymentTest() : event_(engine_.AddEvent(SmallTestEvent())) {}

    Order HoldSeats(UserId user, std::vector<std::string> seats, TimePoint now = kNow) {
        const HoldResult result = engine_.Hold(HoldBySeats{user, event_, seats, {}}, now);
        EXPECT_EQ(result.outcome, HoldOutcome::kOk) << ToString(result.outcome);
        return result.order == nullptr ? Order{} : *result.order;
    }
    // A held order of user 1 for INF-A-1 and INF-A-2, its payment open and its intent "pi_1".
    Order OpenWithIntent(TimePoint now = kNow) {
        const Order order = HoldSeats(UserId{1}, {"INF-A-1", "INF-A-2"}, now);
        EXPECT_EQ(engine_.OpenPayment(order.order_id, now + 1s, kGrace), OrderOutcome::kOk);
        EXPECT_EQ(engine_.AttachPayment(Intent(order.order_id, "pi_1"), now + 2s),
                  OrderOutcome::kOk);
        return order;
    }
    static Payment Intent(OrderId order_id, std::string payment_id) {
        Payment intent;
        intent.order_id = order_id;
        intent.payment_id = std::move(payment_id);
        intent.client_secret = "pi_1_secret_x";
        intent.amount_minor = kTwoInfSeats;
        intent.currency = "TWD";
        return intent;
    }
    static PaymentEvent Event(std::string id, PaymentEventKind kind, OrderId order_id,
                              std::string payment_id = "pi_1") {
        PaymentEvent event;
        event.event_id = std::move(id);
        event.kind = kind;
        event.payment_id = std::move(payment_id);
        event.order_id = order_id;
        event.amount_minor = kTwoInfSeats;
        event.currency = "TWD";
        if (kind == PaymentEventKind::kRefundSucceeded) event.refund_id = "re_1";
        return event;
    }
    PaymentEventOutcome Apply(const PaymentEvent& event, TimePoint now) {
        refund_.reset();
        const PaymentEventOutcome outcome = engine_.ApplyPaymentEvent(event, now, refund_);
        engine_.CheckInvariants();
        return outcome;
    }
    const Order& Get(OrderId order_id) { return *engine_.FindOrder(order_id); }
    ZoneCounts Inf() { return engine_.Counts(event_, kInfZone); }
    void ExpireDue(TimePoint now) {
        std::vector<OrderId> expired;
        engine_.ExpireDue(now, expired);
        engine_.CheckInvariants();
    }

    Engine engine_;
    EventId event_;
    std::optional<RefundDue> refund_;
};

TEST_F(ProviderPaymentTest, OpenPaymentExtendsTheDeadlineByTheGraceOnce) {
    const Order order = HoldSeats(UserId{1}, {"INF-A-1", "INF-A-2"});
    ASSERT_EQ(engine_.OpenPayment(order.order_id, kNow + 1s, kGrace), OrderOutcome::kOk);
    EXPECT_EQ(Get(order.order_id).status, OrderStatus::kPaymentPending);
    EXPECT_EQ(Get(order.order_id).payment_expires_at, kNow + kHold + kGrace);
    EXPECT_EQ(engine_.OpenPayment(order.order_id, kNow + 2s, kGrace),
              OrderOutcome::kPaymentPending);
    // Declined, paid again: the same deadline, not another grace on top.
    ASSERT_EQ(engine_.AttachPayment(Intent(order.order_id, "pi_1"), kNow + 2s), OrderOutcome::kOk);
    ASSERT_EQ(Apply(Event("evt_1", PaymentEventKind::kPaymentFailed, order.order_id), kNow + 30s),
              PaymentEventOutcome::kApplied);
    EXPECT_EQ(Get(order.order_id).status, OrderStatus::kHeld);
    ASSERT_EQ(engine_.OpenPayment(order.order_id, kNow + 40s, kGrace), OrderOutcome::kOk);
    EXPECT_EQ(Get(order.order_id).payment_expires_at, kNow + kHold + kGrace);
    engine_.CheckInvariants();
}

TEST_F(ProviderPaymentTest, OpenPaymentRefusesWhatIsNotHeld) {
    const Order order = HoldSeats(UserId{1}, {"INF-A-1"});
    EXPECT_EQ(engine_.OpenPayment(OrderId{99}, kNow, kGrace), OrderOutcome::kUnknownOrder);
    EXPECT_EQ(engine_.OpenPayment(order.order_id, kNow + kHold, kGrace), OrderOutcome::kExpired);
    EXPECT_EQ(Get(order.order_id).status, OrderStatus::kExpired);
    const Order paid = HoldSeats(UserId{2}, {"INF-A-3"});
    ASSERT_EQ(engine_.Confirm(paid.order_id, kNow + 1s), OrderOutcome::kOk);
    EXPECT_EQ(engine_.OpenPayment(paid.order_id, kNow + 2s, kGrace), OrderOutcome::kUnchanged);
}

TEST_F(ProviderPaymentTest, TheFirstIntentStaysTheOrders) {
    const Order order = OpenWithIntent();
    EXPECT_EQ(engine_.AttachPayment(Intent(order.order_id, "pi_1"), kNow + 3s),
              OrderOutcome::kUnchanged);
    EXPECT_EQ(engine_.AttachPayment(Intent(order.order_id, "pi_2"), kNow + 3s),
              OrderOutcome::kUnchanged);
    EXPECT_EQ(engine_.FindPayment(order.order_id)->payment_id, "pi_1");
    EXPECT_EQ(engine_.AttachPayment(Intent(OrderId{99}, "pi_9"), kNow),
              OrderOutcome::kUnknownOrder);
}

TEST_F(ProviderPaymentTest, AbandonPaymentHoldsAgainOnlyWithoutAnIntent) {
    const Order order = HoldSeats(UserId{2}, {"INF-B-1"});
    ASSERT_EQ(engine_.OpenPayment(order.order_id, kNow + 1s, kGrace), OrderOutcome::kOk);
    EXPECT_EQ(engine_.AbandonPayment(order.order_id, kNow + 2s), OrderOutcome::kOk);
    EXPECT_EQ(Get(order.order_id).status, OrderStatus::kHeld);
    const Order with_intent = OpenWithIntent();
    EXPECT_EQ(engine_.AbandonPayment(with_intent.order_id, kNow + 3s), OrderOutcome::kUnchanged);
    EXPECT_EQ(Get(with_intent.order_id).status, OrderStatus::kPaymentPending);
}

TEST_F(ProviderPaymentTest, SucceededPaysTheOrderOnceForGood) {
    const Order order = OpenWithIntent();
    const PaymentEvent succeeded =
        Event("evt_1", PaymentEventKind::kPaymentSucceeded, order.order_id);
    EXPECT_EQ(Apply(succeeded, kNow + 10s), PaymentEventOutcome::kApplied);
    EXPECT_EQ(Get(order.order_id).status, OrderStatus::kPaid);
    EXPECT_EQ(engine_.FindPayment(order.order_id)->state, PaymentState::kSucceeded);
    EXPECT_EQ(Inf().sold, 2u);
    EXPECT_FALSE(refund_);
    EXPECT_TRUE(engine_.PaymentEventSeen("evt_1"));
    EXPECT_EQ(Apply(succeeded, kNow + 11s), PaymentEventOutcome::kDuplicate);
    EXPECT_EQ(
        Apply(Event("evt_1b", PaymentEventKind::kPaymentSucceeded, order.order_id), kNow + 12s),
        PaymentEventOutcome::kNoChange);
}

TEST_F(ProviderPaymentTest, AFailureAfterTheSuccessChangesNothing) {
    const Order order = OpenWithIntent();
    Apply(Event("evt_2", PaymentEventKind::kPaymentSucceeded, order.order_id), kNow + 10s);
    EXPECT_EQ(Apply(Event("evt_1", PaymentEventKind::kPaymentFailed, order.order_id), kNow + 11s),
              PaymentEventOutcome::kNoChange);
    EXPECT_EQ(Get(order.order_id).status, OrderStatus::kPaid);
}

TEST_F(ProviderPaymentTest, AFailurePastTheHoldDeadlineExpiresTheOrder) {
    const Order order = OpenWithIntent();
    EXPECT_EQ(
        Apply(Event("evt_1", PaymentEventKind::kPaymentFailed, order.order_id), kNow + kHold + 1s),
        PaymentEventOutcome::kApplied);
    EXPECT_EQ(Get(order.order_id).status, OrderStatus::kExpired);
    EXPECT_EQ(Inf().held, 0u);
}

TEST_F(ProviderPaymentTest, ALatePaymentTakesItsFreeSeatsBack) {
    const Order order = OpenWithIntent();
    ExpireDue(kNow + kHold + kGrace);
    ASSERT_EQ(Get(order.order_id).status, OrderStatus::kExpired);
    EXPECT_EQ(Apply(Event("evt_1", PaymentEventKind::kPaymentSucceeded, order.order_id),
                    kNow + kHold + kGrace + 5s),
              PaymentEventOutcome::kLatePaid);
    EXPECT_EQ(Get(order.order_id).status, OrderStatus::kPaid);
    EXPECT_EQ(engine_.RowStates(event_, kInfZone, 0), "SSAAAA");
    EXPECT_FALSE(refund_);
}

TEST_F(ProviderPaymentTest, ALatePaymentWhoseSeatsAreGoneIsGivenBack) {
    const Order order = OpenWithIntent();
    ExpireDue(kNow + kHold + kGrace);
    const Order taker = HoldSeats(UserId{2}, {"INF-A-2"}, kNow + kHold + kGrace + 1s);
    EXPECT_EQ(Apply(Event("evt_1", PaymentEventKind::kPaymentSucceeded, order.order_id),
                    kNow + kHold + kGrace + 5s),
              PaymentEventOutcome::kLateRefunded);
    const Order& late = Get(order.order_id);
    EXPECT_EQ(late.status, OrderStatus::kRefundPending);
    EXPECT_EQ(late.refund_reason, RefundReason::kLatePayment);
    ASSERT_TRUE(refund_);
    EXPECT_EQ(refund_->payment_id, "pi_1");
    EXPECT_EQ(refund_->amount_minor, kTwoInfSeats);
    EXPECT_EQ(engine_.RefundsDue().size(), 1u);
    EXPECT_EQ(Get(taker.order_id).status, OrderStatus::kHeld);

    EXPECT_EQ(Apply(Event("evt_2", PaymentEventKind::kRefundSucceeded, order.order_id),
                    kNow + kHold + kGrace + 6s),
              PaymentEventOutcome::kApplied);
    EXPECT_EQ(Get(order.order_id).status, OrderStatus::kRefunded);
    EXPECT_EQ(engine_.FindPayment(order.order_id)->refund_id, "re_1");
    EXPECT_TRUE(engine_.RefundsDue().empty());
    EXPECT_EQ(Inf(), (ZoneCounts{10, 9, 1, 0}));
}

TEST_F(ProviderPaymentTest, ALatePaymentOverTheUsersLimitIsGivenBack) {
    const Order order = OpenWithIntent();  // user 1, 2 seats; the limit is 4
    ExpireDue(kNow + kHold + kGrace);
    HoldSeats(UserId{1}, {"INF-B-1", "INF-B-2", "INF-B-3"}, kNow + kHold + kGrace + 1s);
    EXPECT_EQ(Apply(Event("evt_1", PaymentEventKind::kPaymentSucceeded, order.order_id),
                    kNow + kHold + kGrace + 5s),
              PaymentEventOutcome::kLateRefunded);
    EXPECT_EQ(engine_.TicketsOf(UserId{1}, event_), 3u);
}

TEST_F(ProviderPaymentTest, ARequestedRefundPutsTheSeatsBackWhenTheMoneyIsBack) {
    const Order order = OpenWithIntent();
    Apply(Event("evt_1", PaymentEventKind::kPaymentSucceeded, order.order_id), kNow + 10s);
    ASSERT_EQ(engine_.RequestRefund(order.order_id, kNow + 20s, refund_), OrderOutcome::kOk);
    engine_.CheckInvariants();
    EXPECT_EQ(Get(order.order_id).status, OrderStatus::kRefundPending);
    EXPECT_EQ(Get(order.order_id).refund_reason, RefundReason::kRequested);
    ASSERT_TRUE(refund_);
    EXPECT_EQ(Inf().sold, 2u) << "sold until the money is back";
    refund_.reset();
    EXPECT_EQ(engine_.RequestRefund(order.order_id, kNow + 21s, refund_), OrderOutcome::kUnchanged);
    EXPECT_TRUE(refund_) << "asking again asks the provider again (idempotent there)";

    Apply(Event("evt_2", PaymentEventKind::kRefundSucceeded, order.order_id), kNow + 30s);
    EXPECT_EQ(Get(order.order_id).status, OrderStatus::kRefunded);
    EXPECT_EQ(Inf(), (ZoneCounts{10, 10, 0, 0}));
    EXPECT_EQ(engine_.TicketsOf(UserId{1}, event_), 0u);
    EXPECT_EQ(engine_.RowStates(event_, kInfZone, 0), "AAAAAA");
    EXPECT_EQ(engine_.RequestRefund(order.order_id, kNow + 31s, refund_), OrderOutcome::kUnchanged);
}

TEST_F(ProviderPaymentTest, RefundsNeedAProviderPayment) {
    const Order held = HoldSeats(UserId{1}, {"INF-A-1"});
    EXPECT_EQ(engine_.RequestRefund(held.order_id, kNow, refund_), OrderOutcome::kNotPaid);
    ASSERT_EQ(engine_.Confirm(held.order_id, kNow + 1s), OrderOutcome::kOk);
    EXPECT_EQ(engine_.RequestRefund(held.order_id, kNow + 2s, refund_), OrderOutcome::kNoPayment);
    EXPECT_EQ(Get(held.order_id).status, OrderStatus::kPaid);
    EXPECT_FALSE(refund_);
}

TEST_F(ProviderPaymentTest, ARefundMadeAtTheProviderRefundsThePaidOrder) {
    const Order order = OpenWithIntent();
    Apply(Event("evt_1", PaymentEventKind::kPaymentSucceeded, order.order_id), kNow + 10s);
    EXPECT_EQ(Apply(Event("evt_2", PaymentEventKind::kRefundSucceeded, order.order_id), kNow + 20s),
              PaymentEventOutcome::kApplied);
    EXPECT_EQ(Get(order.order_id).status, OrderStatus::kRefunded);
    EXPECT_EQ(Inf().sold, 0u);
}

TEST_F(ProviderPaymentTest, ARefundDeliveredBeforeItsSuccessEndsTheSameWay) {
    const Order order = OpenWithIntent();
    EXPECT_EQ(Apply(Event("evt_2", PaymentEventKind::kRefundSucceeded, order.order_id), kNow + 10s),
              PaymentEventOutcome::kApplied);
    EXPECT_EQ(Get(order.order_id).status, OrderStatus::kRefunded);
    EXPECT_EQ(
        Apply(Event("evt_1", PaymentEventKind::kPaymentSucceeded, order.order_id), kNow + 11s),
        PaymentEventOutcome::kNoChange);
    EXPECT_EQ(Get(order.order_id).status, OrderStatus::kRefunded);
    EXPECT_EQ(Inf(), (ZoneCounts{10, 10, 0, 0}));
}

TEST_F(ProviderPaymentTest, GivingBackASecondPaymentLeavesThePaidOrderAlone) {
    const Order order = HoldSeats(UserId{1}, {"INF-A-1", "INF-A-2"});
    ASSERT_EQ(engine_.Confirm(order.order_id, kNow + 1s), OrderOutcome::kOk);  // paid without it
    EXPECT_EQ(
        Apply(Event("evt_1", PaymentEventKind::kPaymentSucceeded, order.order_id), kNow + 10s),
        PaymentEventOutcome::kAlreadyPaid);
    ASSERT_TRUE(refund_);
    Apply(Event("evt_2", PaymentEventKind::kRefundSucceeded, order.order_id), kNow + 20s);
    EXPECT_EQ(Get(order.order_id).status, OrderStatus::kPaid);
    EXPECT_EQ(engine_.FindPayment(order.order_id)->state, PaymentState::kRefunded);
    EXPECT_EQ(Inf().sold, 2u);
}

TEST_F(ProviderPaymentTest, AnotherAmountIsNeverATicketAndIsGivenBack) {
    const Order order = OpenWithIntent();
    PaymentEvent cheap = Event("evt_1", PaymentEventKind::kPaymentSucceeded, order.order_id);
    cheap.amount_minor = 1;
    EXPECT_EQ(Apply(cheap, kNow + 10s), PaymentEventOutcome::kAmountMismatch);
    EXPECT_EQ(Get(order.order_id).status, OrderStatus::kPaymentPending);
    ASSERT_TRUE(refund_);
    EXPECT_EQ(refund_->amount_minor, 1);
    PaymentEvent dollars = Event("evt_2", PaymentEventKind::kPaymentFailed, order.order_id);
    dollars.currency = "USD";
    EXPECT_EQ(Apply(dollars, kNow + 11s), PaymentEventOutcome::kAmountMismatch);
    EXPECT_EQ(Get(order.order_id).status, OrderStatus::kPaymentPending);
}

TEST_F(ProviderPaymentTest, EventsForUnknownOrdersOrOtherIntentsAreFlaggedAndKept) {
    const Order order = OpenWithIntent();
    EXPECT_EQ(Apply(Event("evt_1", PaymentEventKind::kPaymentSucceeded, OrderId{99}), kNow),
              PaymentEventOutcome::kUnknownOrder);
    EXPECT_EQ(Apply(Event("evt_2", PaymentEventKind::kPaymentSucceeded, order.order_id, "pi_9"),
                    kNow + 5s),
              PaymentEventOutcome::kPaymentMismatch);
    EXPECT_EQ(Get(order.order_id).status, OrderStatus::kPaymentPending);
    EXPECT_TRUE(engine_.PaymentEventSeen("evt_1"));
    EXPECT_EQ(Apply(Event("evt_1", PaymentEventKind::kPaymentSucceeded, OrderId{99}), kNow),
              PaymentEventOutcome::kDuplicate);
}

TEST_F(ProviderPaymentTest, AnEventTeachesTheIntentTixDidNotRecord) {
    // tix stopped after the provider made the intent and before AttachPayment.
    const Order order = HoldSeats(UserId{1}, {"INF-A-1", "INF-A-2"});
    ASSERT_EQ(engine_.OpenPayment(order.order_id, kNow + 1s, kGrace), OrderOutcome::kOk);
    EXPECT_EQ(
        Apply(Event("evt_1", PaymentEventKind::kPaymentSucceeded, order.order_id), kNow + 10s),
        PaymentEventOutcome::kApplied);
    EXPECT_EQ(Get(order.order_id).status, OrderStatus::kPaid);
    EXPECT_EQ(engine_.FindPayment(order.order_id)->payment_id, "pi_1");
}

TEST_F(ProviderPaymentTest, EveryChangeIsRecordedAndADuplicateRecordsNothing) {
    const Order order = OpenWithIntent();
    JournalBatch batch;
    engine_.DrainChanges(batch);
    ASSERT_EQ(batch.payments.payments.size(), 1u);
    EXPECT_EQ(batch.payments.payments[0].payment_id, "pi_1");
    EXPECT_EQ(batch.payments.payments[0].created_at, kNow + 2s);

    const PaymentEvent succeeded =
        Event("evt_1", PaymentEventKind::kPaymentSucceeded, order.order_id);
    Apply(succeeded, kNow + 10s);
    batch.clear();
    engine_.DrainChanges(batch);
    ASSERT_EQ(batch.payments.events.size(), 1u);
    EXPECT_EQ(batch.payments.events[0].outcome, PaymentEventOutcome::kApplied);
    EXPECT_EQ(batch.payments.events[0].applied_at, kNow + 10s);
    ASSERT_EQ(batch.payments.payments.size(), 1u);
    EXPECT_EQ(batch.payments.payments[0].state, PaymentState::kSucceeded);
    ASSERT_EQ(batch.orders.size(), 1u);
    EXPECT_EQ(batch.orders[0].order.status, OrderStatus::kPaid);

    Apply(succeeded, kNow + 11s);
    EXPECT_FALSE(engine_.HasChanges());
}

TEST_F(ProviderPaymentTest, RestoredPaymentsAndEventsCarryOn) {
    const Order order = OpenWithIntent();
    Apply(Event("evt_1", PaymentEventKind::kPaymentSucceeded, order.order_id), kNow + 10s);
    Engine restored;
    restored.RestoreEvent(*engine_.FindEvent(event_));
    restored.Restore(OrderRecord{Get(order.order_id), {}, RequestKind::kSeats});
    restored.RestorePayments(PaymentSnapshot{engine_.Payments(), {"evt_1"}});
    restored.CheckInvariants();
    std::optional<RefundDue> refund;
    EXPECT_EQ(
        restored.ApplyPaymentEvent(
            Event("evt_1", PaymentEventKind::kPaymentSucceeded, order.order_id), kNow, refund),
        PaymentEventOutcome::kDuplicate);
    EXPECT_EQ(restored.RequestRefund(order.order_id, kNow + 20s, refund), OrderOutcome::kOk);
    restored.CheckInvariants();
}

}  // namespace
}  // namespace tix::engine
