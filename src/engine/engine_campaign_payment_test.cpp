// Paying a winner's order (issue 11; engine_campaign_payments.cpp): instant and provider payments,
// the payment deadline giving the unit back, late payments, refunds, declining, and a restore
// that rebuilds the deadlines.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "engine/dispatch.h"
#include "engine/engine.h"
#include "engine/test_events.h"

namespace tix::engine {
namespace {

using namespace std::chrono_literals;

constexpr TimePoint kStart = At(10'000'000);
constexpr TimePoint kEnd = kStart + 60s;
constexpr TimePoint kPayBy = kEnd + kPaymentWindowDefault;
constexpr UserId kAnn{1};
constexpr UserId kBob{2};
constexpr std::int64_t kPrice = 300'00;

class CampaignPaymentTest : public ::testing::Test {
  protected:
    // A product with `stock` units; Ann wins a campaign for one of them at kPrice.
    void SetUp() override { won_ = Win(AddProduct(2), kAnn); }

    ProductId AddProduct(std::uint32_t stock) {
        Product product;
        product.name = "Signed jersey";
        product.initial_stock = stock;
        product.min_price_minor = 100'00;
        product.currency = "TWD";
        return engine_.AddProduct(product, At(1'000)).product_id;
    }
    // `user` bids alone in a new campaign for the product, which settles at its end.
    OrderId Win(ProductId product, UserId user, TimePoint start = kStart) {
        Campaign campaign;
        campaign.product_id = product;
        campaign.start_time = start;
        campaign.end_time = start + 60s;
        campaign.quota = 1;
        CampaignId id;
        EXPECT_EQ(engine_.AddCampaign(campaign, At(2'000), id), CampaignSetupOutcome::kOk);
        EXPECT_EQ(engine_.PlaceBid({id, user, kPrice, 1.0}, start + 1s).outcome, BidOutcome::kOk);
        Expire(start + 60s);
        return engine_.Bidding().OrdersOfCampaign(id).at(0).order_id;
    }
    void Expire(TimePoint now) {
        std::vector<OrderId> expired;
        engine_.ExpireDue(now, expired);
        engine_.CheckInvariants();
    }
    const CampaignOrder& Order() const { return *engine_.Bidding().FindOrder(won_); }
    std::uint32_t Stock() const { return engine_.Bidding().Products().at(0).stock; }

    Payment Intent() const {
        Payment intent;
        intent.order_id = won_;
        intent.payment_id = "pi_1";
        intent.client_secret = "pi_1_secret";
        intent.amount_minor = kPrice;
        intent.currency = "TWD";
        return intent;
    }
    PaymentEventOutcome Deliver(PaymentEventKind kind, std::string event_id, TimePoint now,
                                std::optional<RefundDue>* refund = nullptr) {
        PaymentEvent event{std::move(event_id), kind, "pi_1", won_, kPrice, "TWD", {}, now};
        if (kind == PaymentEventKind::kRefundSucceeded) event.refund_id = "re_1";
        std::optional<RefundDue> due;
        const PaymentEventOutcome outcome = engine_.ApplyPaymentEvent(event, now, due);
        if (refund != nullptr) *refund = due;
        engine_.CheckInvariants();
        return outcome;
    }
    // Opens the provider payment and attaches its intent, as PaymentService does.
    void OpenAndAttach(TimePoint now) {
        ASSERT_EQ(engine_.OpenPayment(won_, now, 2min), OrderOutcome::kOk);
        ASSERT_EQ(engine_.AttachPayment(Intent(), now), OrderOutcome::kOk);
    }

    Engine engine_;
    OrderId won_{};
};

TEST_F(CampaignPaymentTest, TheSettlementMakesAnOrderAwaitingPaymentUntilItsWindowEnds) {
    EXPECT_EQ(Order().status, CampaignOrderStatus::kAwaitingPayment);
    EXPECT_EQ(Order().pay_by, kPayBy);
    EXPECT_EQ(Stock(), 1u);
    EXPECT_EQ(engine_.NextDeadline(), kPayBy);
}

TEST_F(CampaignPaymentTest, AnInstantPaymentPaysIt) {
    ASSERT_EQ(engine_.BeginPayment(won_, kEnd + 1min, 10s), OrderOutcome::kOk);
    EXPECT_EQ(Order().status, CampaignOrderStatus::kPaymentPending);
    EXPECT_EQ(engine_.BeginPayment(won_, kEnd + 1min, 10s), OrderOutcome::kPaymentPending)
        << "no second charge while one runs";
    EXPECT_EQ(engine_.CompletePayment(won_, true, kEnd + 1min + 1s), OrderOutcome::kOk);
    EXPECT_EQ(Order().status, CampaignOrderStatus::kPaid);
    EXPECT_EQ(engine_.BeginPayment(won_, kEnd + 2min, 10s), OrderOutcome::kUnchanged);
    Expire(kPayBy + 1h);
    EXPECT_EQ(Order().status, CampaignOrderStatus::kPaid) << "a paid order never expires";
    EXPECT_EQ(Stock(), 1u);
}

TEST_F(CampaignPaymentTest, ADeclinedChargeLeavesItAwaitingPaymentUntilPayBy) {
    ASSERT_EQ(engine_.BeginPayment(won_, kEnd + 1min, 10s), OrderOutcome::kOk);
    EXPECT_EQ(engine_.CompletePayment(won_, false, kEnd + 1min + 1s), OrderOutcome::kOk);
    EXPECT_EQ(Order().status, CampaignOrderStatus::kAwaitingPayment);
    EXPECT_EQ(engine_.NextDeadline(), kPayBy);
    ASSERT_EQ(engine_.BeginPayment(won_, kEnd + 2min, 10s), OrderOutcome::kOk) << "try again";
    EXPECT_EQ(engine_.CompletePayment(won_, true, kEnd + 2min + 1s), OrderOutcome::kOk);
    EXPECT_EQ(Order().status, CampaignOrderStatus::kPaid);
}

TEST_F(CampaignPaymentTest, AnUnpaidOrderExpiresAtPayByAndItsUnitGoesBackIntoStock) {
    Expire(kPayBy - 1ms);
    EXPECT_EQ(Order().status, CampaignOrderStatus::kAwaitingPayment);
    Expire(kPayBy);
    EXPECT_EQ(Order().status, CampaignOrderStatus::kExpired);
    EXPECT_EQ(Stock(), 2u);
    EXPECT_EQ(engine_.NextDeadline(), std::nullopt);
    EXPECT_EQ(engine_.BeginPayment(won_, kPayBy + 1s, 10s), OrderOutcome::kExpired);
}

TEST_F(CampaignPaymentTest, AChargeUnderWayKeepsTheUnitPastPayByUntilItsOwnDeadline) {
    ASSERT_EQ(engine_.BeginPayment(won_, kPayBy - 1s, 10s), OrderOutcome::kOk);
    Expire(kPayBy);
    EXPECT_EQ(Order().status, CampaignOrderStatus::kPaymentPending);
    EXPECT_EQ(engine_.CompletePayment(won_, true, kPayBy + 5s), OrderOutcome::kOk);
    EXPECT_EQ(Order().status, CampaignOrderStatus::kPaid);
}

TEST_F(CampaignPaymentTest, AChargeWithoutAnswerBeforePayByLeavesItAwaitingPaymentAgain) {
    ASSERT_EQ(engine_.BeginPayment(won_, kEnd + 1min, 10s), OrderOutcome::kOk);
    EXPECT_EQ(engine_.NextDeadline(), kEnd + 1min + 10s);
    Expire(kEnd + 1min + 10s);
    EXPECT_EQ(Order().status, CampaignOrderStatus::kAwaitingPayment);
    EXPECT_EQ(engine_.NextDeadline(), kPayBy);
    EXPECT_EQ(engine_.CompletePayment(won_, true, kEnd + 2min), OrderOutcome::kNotPaymentPending)
        << "the caller gives the late charge back";
    EXPECT_EQ(Stock(), 1u);
}

TEST_F(CampaignPaymentTest, ADeclineAfterPayByExpiresTheOrder) {
    ASSERT_EQ(engine_.BeginPayment(won_, kPayBy - 1s, 10s), OrderOutcome::kOk);
    EXPECT_EQ(engine_.CompletePayment(won_, false, kPayBy + 1s), OrderOutcome::kExpired);
    EXPECT_EQ(Order().status, CampaignOrderStatus::kExpired);
    EXPECT_EQ(Stock(), 2u);
}

TEST_F(CampaignPaymentTest, AProviderPaymentIsPaidByItsWebhookOnce) {
    OpenAndAttach(kEnd + 1min);
    EXPECT_EQ(Order().status, CampaignOrderStatus::kPaymentPending);
    EXPECT_EQ(Order().payment_expires_at, kPayBy + 2min) << "pay_by plus the grace";
    EXPECT_EQ(engine_.FindPayment(won_)->amount_minor, kPrice);
    EXPECT_EQ(Deliver(PaymentEventKind::kPaymentSucceeded, "evt_1", kEnd + 2min),
              PaymentEventOutcome::kApplied);
    EXPECT_EQ(Order().status, CampaignOrderStatus::kPaid);
    EXPECT_EQ(Deliver(PaymentEventKind::kPaymentSucceeded, "evt_1", kEnd + 3min),
              PaymentEventOutcome::kDuplicate);
}

TEST_F(CampaignPaymentTest, AFailedProviderPaymentCanBeRetriedUntilPayBy) {
    OpenAndAttach(kEnd + 1min);
    EXPECT_EQ(Deliver(PaymentEventKind::kPaymentFailed, "evt_1", kEnd + 2min),
              PaymentEventOutcome::kApplied);
    EXPECT_EQ(Order().status, CampaignOrderStatus::kAwaitingPayment);
    EXPECT_EQ(engine_.OpenPayment(won_, kEnd + 3min, 2min), OrderOutcome::kOk);
    EXPECT_EQ(engine_.AttachPayment(Intent(), kEnd + 3min), OrderOutcome::kUnchanged)
        << "the intent is kept and retried, as a PSP's is";
    EXPECT_EQ(Deliver(PaymentEventKind::kPaymentSucceeded, "evt_2", kEnd + 4min),
              PaymentEventOutcome::kApplied);
    EXPECT_EQ(Order().status, CampaignOrderStatus::kPaid);
}

TEST_F(CampaignPaymentTest, AnIntentTheProviderCouldNotMakeLeavesItAwaitingPayment) {
    ASSERT_EQ(engine_.OpenPayment(won_, kEnd + 1min, 2min), OrderOutcome::kOk);
    EXPECT_EQ(engine_.AbandonPayment(won_, kEnd + 1min), OrderOutcome::kOk);
    EXPECT_EQ(Order().status, CampaignOrderStatus::kAwaitingPayment);
    EXPECT_EQ(engine_.NextDeadline(), kPayBy);
}

TEST_F(CampaignPaymentTest, ALatePaymentTakesAUnitBackWhileOneIsLeft) {
    OpenAndAttach(kEnd + 1min);
    Expire(kPayBy + 2min);
    ASSERT_EQ(Order().status, CampaignOrderStatus::kExpired);
    ASSERT_EQ(Stock(), 2u);
    EXPECT_EQ(Deliver(PaymentEventKind::kPaymentSucceeded, "evt_1", kPayBy + 3min),
              PaymentEventOutcome::kLatePaid);
    EXPECT_EQ(Order().status, CampaignOrderStatus::kPaid);
    EXPECT_EQ(Stock(), 1u);
}

TEST_F(CampaignPaymentTest, ALatePaymentWithNoUnitLeftIsGivenBack) {
    OpenAndAttach(kEnd + 1min);
    Expire(kPayBy + 2min);
    // Both units go to the winners of two later campaigns.
    const ProductId product = engine_.Bidding().Products().at(0).product_id;
    Win(product, kBob, kPayBy + 3min);
    Win(product, kBob, kPayBy + 5min);
    ASSERT_EQ(Stock(), 0u);
    std::optional<RefundDue> refund;
    EXPECT_EQ(Deliver(PaymentEventKind::kPaymentSucceeded, "evt_1", kPayBy + 7min, &refund),
              PaymentEventOutcome::kLateRefunded);
    EXPECT_EQ(Order().status, CampaignOrderStatus::kRefundPending);
    EXPECT_EQ(Order().refund_reason, RefundReason::kLatePayment);
    ASSERT_TRUE(refund);
    EXPECT_EQ(refund->amount_minor, kPrice);
    EXPECT_EQ(Deliver(PaymentEventKind::kRefundSucceeded, "evt_2", kPayBy + 8min),
              PaymentEventOutcome::kApplied);
    EXPECT_EQ(Order().status, CampaignOrderStatus::kRefunded);
    EXPECT_EQ(Stock(), 0u) << "it took no unit, so gives none back";
}

TEST_F(CampaignPaymentTest, ARefundOfAPaidOrderGivesTheMoneyAndTheUnitBack) {
    OpenAndAttach(kEnd + 1min);
    Deliver(PaymentEventKind::kPaymentSucceeded, "evt_1", kEnd + 2min);
    std::optional<RefundDue> refund;
    EXPECT_EQ(engine_.RequestRefund(won_, kEnd + 1h, refund), OrderOutcome::kOk);
    EXPECT_EQ(Order().status, CampaignOrderStatus::kRefundPending);
    ASSERT_TRUE(refund);
    EXPECT_EQ(refund->payment_id, "pi_1");
    EXPECT_EQ(Stock(), 1u) << "the unit stays taken until the money is back";
    EXPECT_EQ(Deliver(PaymentEventKind::kRefundSucceeded, "evt_2", kEnd + 2h),
              PaymentEventOutcome::kApplied);
    EXPECT_EQ(Order().status, CampaignOrderStatus::kRefunded);
    EXPECT_EQ(Stock(), 2u);
}

TEST_F(CampaignPaymentTest, AnInstantlyPaidOrderHasNoPaymentToRefund) {
    engine_.BeginPayment(won_, kEnd + 1min, 10s);
    engine_.CompletePayment(won_, true, kEnd + 1min);
    std::optional<RefundDue> refund;
    EXPECT_EQ(engine_.RequestRefund(won_, kEnd + 1h, refund), OrderOutcome::kNoPayment);
    EXPECT_FALSE(refund);
}

TEST_F(CampaignPaymentTest, TheWinnerMayDeclineAnUnpaidOrder) {
    EXPECT_EQ(engine_.Cancel(won_, kEnd + 1min), OrderOutcome::kOk);
    EXPECT_EQ(Order().status, CampaignOrderStatus::kCancelled);
    EXPECT_EQ(Stock(), 2u);
    EXPECT_EQ(engine_.Cancel(won_, kEnd + 2min), OrderOutcome::kUnchanged);
    EXPECT_EQ(engine_.BeginPayment(won_, kEnd + 2min, 10s), OrderOutcome::kCancelled);
}

TEST_F(CampaignPaymentTest, APaidOrderCannotBeDeclined) {
    engine_.BeginPayment(won_, kEnd + 1min, 10s);
    EXPECT_EQ(engine_.Cancel(won_, kEnd + 1min), OrderOutcome::kPaymentPending);
    engine_.CompletePayment(won_, true, kEnd + 1min);
    EXPECT_EQ(engine_.Cancel(won_, kEnd + 2min), OrderOutcome::kPaid);
}

TEST_F(CampaignPaymentTest, OnlyItsWinnerOrAnAdminActsOnIt) {
    Command bob_reads = GetOrder{{kBob, false}, won_};
    EXPECT_EQ(std::get<OrderReply>(Apply(engine_, bob_reads, kEnd + 1s)).outcome,
              OrderOutcome::kForbidden);
    Command bob_pays = OpenPayment{{kBob, false}, won_, 2min};
    EXPECT_EQ(std::get<PaymentReply>(Apply(engine_, bob_pays, kEnd + 1s)).outcome,
              OrderOutcome::kForbidden);
    EXPECT_EQ(Order().status, CampaignOrderStatus::kAwaitingPayment);
    Command ann_reads = GetOrder{{kAnn, false}, won_};
    const auto reply = std::get<OrderReply>(Apply(engine_, ann_reads, kEnd + 1s));
    EXPECT_EQ(reply.outcome, OrderOutcome::kOk);
    ASSERT_TRUE(reply.campaign_order);
    EXPECT_FALSE(reply.order);
    EXPECT_EQ(reply.campaign_order->order_id, won_);
    Command admin_cancels = CancelOrder{{kBob, true}, won_};
    EXPECT_EQ(std::get<OrderReply>(Apply(engine_, admin_cancels, kEnd + 1s)).outcome,
              OrderOutcome::kOk);
}

TEST_F(CampaignPaymentTest, RestoreRebuildsStatusesAndDeadlines) {
    OpenAndAttach(kEnd + 1min);
    JournalBatch batch;
    engine_.DrainChanges(batch);
    ASSERT_EQ(batch.bidding.orders.size(), 2u) << "the settlement's record, then the payment's";
    BiddingSnapshot snapshot;
    snapshot.products = engine_.Bidding().Products();
    for (const CampaignId id : engine_.Bidding().CampaignIds())
        snapshot.campaigns.push_back(*engine_.Bidding().FindCampaign(id));
    snapshot.bids = batch.bidding.bids;
    snapshot.orders = {batch.bidding.orders.back()};
    Engine restored;
    restored.RestoreBidding(snapshot);
    restored.CheckInvariants();
    EXPECT_EQ(*restored.Bidding().FindOrder(won_), Order());
    EXPECT_EQ(restored.NextDeadline(), kPayBy + 2min);
    std::vector<OrderId> expired;
    restored.ExpireDue(kPayBy + 2min, expired);
    EXPECT_EQ(restored.Bidding().FindOrder(won_)->status, CampaignOrderStatus::kExpired);
    EXPECT_EQ(restored.Bidding().Products().at(0).stock, 2u);
}

}  // namespace
}  // namespace tix::engine
