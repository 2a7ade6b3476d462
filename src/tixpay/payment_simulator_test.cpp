#include "tixpay/payment_simulator.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace tix::tixpay {
namespace {

using namespace std::chrono_literals;

const TimePoint kStart = FromUnixMillis(1'900'000'000'000);
constexpr std::chrono::seconds kSlow{5};

IntentParams Params(std::int64_t amount = 5'000, std::string reference = "order-1") {
    return {.amount_minor = amount, .currency = "EUR", .reference = std::move(reference)};
}

class PaymentSimulatorTest : public ::testing::Test {
  protected:
    Intent NewIntent(std::string_view key = "key-1", IntentParams params = Params()) {
        const CreateIntentResult result = simulator_.CreateIntent(key, params, now_);
        EXPECT_EQ(result.outcome, CreateOutcome::kCreated);
        return result.intent;
    }
    PayResult PayWith(const Intent& intent, std::string_view card) {
        return simulator_.Pay(intent.id, intent.client_secret, card, now_);
    }
    Intent Paid(std::string_view key = "key-1") {
        const Intent intent = NewIntent(key);
        EXPECT_EQ(PayWith(intent, kCardSucceeds).outcome, PayOutcome::kSucceeded);
        return intent;
    }
    std::vector<Event> Drain() {
        std::vector<Event> events;
        simulator_.DrainNewEvents(events);
        return events;
    }

    PaymentSimulator simulator_{kSlow};
    TimePoint now_ = kStart;
};

TEST_F(PaymentSimulatorTest, CreatesAnIntentWaitingForPayment) {
    const Intent intent = NewIntent();
    EXPECT_TRUE(intent.id.starts_with("pi_"));
    EXPECT_EQ(intent.id.size(), 3u + 24u);
    EXPECT_EQ(intent.client_secret.rfind(intent.id + "_secret_", 0), 0u);
    EXPECT_EQ(intent.client_secret.size(), intent.id.size() + 8 + 24);
    EXPECT_EQ(intent.status, IntentStatus::kRequiresPayment);
    EXPECT_EQ(intent.amount_minor, 5'000);
    EXPECT_EQ(intent.created, kStart);
    EXPECT_TRUE(Drain().empty()) << "creating an intent is no event";
}

TEST_F(PaymentSimulatorTest, SameIdempotencyKeyReturnsTheSameIntent) {
    const Intent first = NewIntent();
    now_ += 10s;
    const CreateIntentResult again = simulator_.CreateIntent("key-1", Params(), now_);
    EXPECT_EQ(again.outcome, CreateOutcome::kReplayed);
    EXPECT_EQ(again.intent.id, first.id);
    EXPECT_EQ(again.intent.client_secret, first.client_secret);
    EXPECT_EQ(simulator_.intent_count(), 1u);
}

TEST_F(PaymentSimulatorTest, SameIdempotencyKeyWithAnotherBodyIsRefused) {
    NewIntent();
    EXPECT_EQ(simulator_.CreateIntent("key-1", Params(5'001), now_).outcome,
              CreateOutcome::kKeyReused);
    EXPECT_EQ(simulator_.CreateIntent("key-1", Params(5'000, "order-2"), now_).outcome,
              CreateOutcome::kKeyReused);
    IntentParams with_deadline = Params();
    with_deadline.pay_by = kStart + 60s;
    EXPECT_EQ(simulator_.CreateIntent("key-1", with_deadline, now_).outcome,
              CreateOutcome::kKeyReused);
    EXPECT_EQ(simulator_.intent_count(), 1u);
}

TEST_F(PaymentSimulatorTest, SucceedingCardPaysAtOnceWithOneEvent) {
    const Intent intent = NewIntent();
    const PayResult paid = PayWith(intent, kCardSucceeds);
    ASSERT_EQ(paid.outcome, PayOutcome::kSucceeded);
    EXPECT_EQ(paid.intent.status, IntentStatus::kSucceeded);
    const std::vector<Event> events = Drain();
    ASSERT_EQ(events.size(), 1u);
    EXPECT_EQ(events[0].type, EventType::kPaymentIntentSucceeded);
    EXPECT_TRUE(events[0].id.starts_with("evt_"));
    EXPECT_EQ(std::get<Intent>(events[0].object).status, IntentStatus::kSucceeded);
    EXPECT_EQ(PayWith(intent, kCardSucceeds).outcome, PayOutcome::kAlreadySucceeded);
}

TEST_F(PaymentSimulatorTest, DeclinedCardLeavesTheIntentPayable) {
    const Intent intent = NewIntent();
    const PayResult declined = PayWith(intent, kCardDeclined);
    ASSERT_EQ(declined.outcome, PayOutcome::kDeclined);
    EXPECT_EQ(declined.intent.status, IntentStatus::kRequiresPayment);
    EXPECT_EQ(declined.intent.last_payment_error, "card_declined");
    const PayResult paid = PayWith(intent, kCardSucceeds);
    ASSERT_EQ(paid.outcome, PayOutcome::kSucceeded);
    EXPECT_FALSE(paid.intent.last_payment_error.has_value());
    const std::vector<Event> events = Drain();
    ASSERT_EQ(events.size(), 2u);
    EXPECT_EQ(events[0].type, EventType::kPaymentIntentPaymentFailed);
    EXPECT_EQ(std::get<Intent>(events[0].object).last_payment_error, "card_declined");
    EXPECT_EQ(events[1].type, EventType::kPaymentIntentSucceeded);
}

TEST_F(PaymentSimulatorTest, SlowCardSucceedsWhenItsTimeHasCome) {
    const Intent intent = NewIntent();
    const PayResult processing = PayWith(intent, kCardSlow);
    ASSERT_EQ(processing.outcome, PayOutcome::kProcessing);
    EXPECT_EQ(processing.intent.status, IntentStatus::kProcessing);
    EXPECT_EQ(PayWith(intent, kCardSucceeds).outcome, PayOutcome::kAlreadyProcessing);
    simulator_.Advance(kStart + kSlow - 1ms);
    EXPECT_EQ(simulator_.FindIntent(intent.id)->status, IntentStatus::kProcessing);
    EXPECT_TRUE(Drain().empty());
    simulator_.Advance(kStart + kSlow);
    EXPECT_EQ(simulator_.FindIntent(intent.id)->status, IntentStatus::kSucceeded);
    const std::vector<Event> events = Drain();
    ASSERT_EQ(events.size(), 1u);
    EXPECT_EQ(events[0].type, EventType::kPaymentIntentSucceeded);
    EXPECT_EQ(events[0].created, kStart + kSlow);
}

TEST_F(PaymentSimulatorTest, LateCardSucceedsOneSecondAfterPayBy) {
    IntentParams params = Params();
    params.pay_by = kStart + 60s;
    const Intent intent = NewIntent("key-1", params);
    ASSERT_EQ(PayWith(intent, kCardLate).outcome, PayOutcome::kProcessing);
    simulator_.Advance(kStart + 60s);
    EXPECT_EQ(simulator_.FindIntent(intent.id)->status, IntentStatus::kProcessing);
    simulator_.Advance(kStart + 61s);
    EXPECT_EQ(simulator_.FindIntent(intent.id)->status, IntentStatus::kSucceeded);
    EXPECT_EQ(Drain().size(), 1u);
}

TEST_F(PaymentSimulatorTest, LateCardWithoutPayByIsSlow) {
    const Intent intent = NewIntent();
    ASSERT_EQ(PayWith(intent, kCardLate).outcome, PayOutcome::kProcessing);
    simulator_.Advance(kStart + kSlow);
    EXPECT_EQ(simulator_.FindIntent(intent.id)->status, IntentStatus::kSucceeded);
}

TEST_F(PaymentSimulatorTest, ProcessingCardsSucceedInTheOrderTheyAreDue) {
    IntentParams late_params = Params(100, "late");
    late_params.pay_by = kStart + 2s;  // due at +3 s, before the slow card's +5 s
    const Intent slow = NewIntent("slow", Params(100, "slow"));
    const Intent late = NewIntent("late", late_params);
    PayWith(slow, kCardSlow);
    PayWith(late, kCardLate);
    simulator_.Advance(kStart + 1h);
    const std::vector<Event> events = Drain();
    ASSERT_EQ(events.size(), 2u);
    EXPECT_EQ(std::get<Intent>(events[0].object).id, late.id);
    EXPECT_EQ(std::get<Intent>(events[1].object).id, slow.id);
}

TEST_F(PaymentSimulatorTest, PayRefusesWrongSecretUnknownIntentAndUnknownCard) {
    const Intent intent = NewIntent();
    EXPECT_EQ(simulator_.Pay(intent.id, intent.client_secret + "x", kCardSucceeds, now_).outcome,
              PayOutcome::kWrongClientSecret);
    std::string wrong = intent.client_secret;
    wrong.back() = wrong.back() == '0' ? '1' : '0';
    EXPECT_EQ(simulator_.Pay(intent.id, wrong, kCardSucceeds, now_).outcome,
              PayOutcome::kWrongClientSecret);
    EXPECT_EQ(simulator_.Pay("pi_nope", intent.client_secret, kCardSucceeds, now_).outcome,
              PayOutcome::kUnknownIntent);
    EXPECT_EQ(PayWith(intent, "4111111111111111").outcome, PayOutcome::kUnknownCard);
    EXPECT_EQ(simulator_.FindIntent(intent.id)->status, IntentStatus::kRequiresPayment);
    EXPECT_TRUE(Drain().empty());
}

TEST_F(PaymentSimulatorTest, RefundsUpToTheAmountPaid) {
    const Intent intent = Paid();
    Drain();
    const RefundResult part = simulator_.CreateRefund("r-1", intent.id, 3'000, now_);
    ASSERT_EQ(part.outcome, RefundOutcome::kCreated);
    EXPECT_TRUE(part.refund.id.starts_with("re_"));
    EXPECT_EQ(part.refund.payment_intent, intent.id);
    EXPECT_EQ(part.refund.reference, "order-1");
    EXPECT_EQ(part.refund.currency, "EUR");
    EXPECT_EQ(simulator_.FindIntent(intent.id)->amount_refunded_minor, 3'000);
    EXPECT_EQ(simulator_.CreateRefund("r-2", intent.id, 2'001, now_).outcome,
              RefundOutcome::kAmountTooLarge);
    EXPECT_EQ(simulator_.CreateRefund("r-3", intent.id, 2'000, now_).outcome,
              RefundOutcome::kCreated);
    EXPECT_EQ(simulator_.CreateRefund("r-4", intent.id, 1, now_).outcome,
              RefundOutcome::kAmountTooLarge);
    EXPECT_EQ(simulator_.FindIntent(intent.id)->amount_refunded_minor, 5'000);
    const std::vector<Event> events = Drain();
    ASSERT_EQ(events.size(), 2u);
    EXPECT_EQ(events[0].type, EventType::kRefundSucceeded);
    EXPECT_EQ(std::get<Refund>(events[0].object).amount_minor, 3'000);
}

TEST_F(PaymentSimulatorTest, RefundIdempotencyKeyReturnsTheSameRefund) {
    const Intent intent = Paid();
    const RefundResult first = simulator_.CreateRefund("r-1", intent.id, 5'000, now_);
    ASSERT_EQ(first.outcome, RefundOutcome::kCreated);
    const RefundResult again = simulator_.CreateRefund("r-1", intent.id, 5'000, now_);
    EXPECT_EQ(again.outcome, RefundOutcome::kReplayed);
    EXPECT_EQ(again.refund.id, first.refund.id);
    EXPECT_EQ(simulator_.FindIntent(intent.id)->amount_refunded_minor, 5'000);
    EXPECT_EQ(simulator_.CreateRefund("r-1", intent.id, 4'000, now_).outcome,
              RefundOutcome::kKeyReused);
}

TEST_F(PaymentSimulatorTest, RefundNeedsASucceededIntent) {
    const Intent unpaid = NewIntent();
    EXPECT_EQ(simulator_.CreateRefund("r-1", unpaid.id, 1, now_).outcome,
              RefundOutcome::kNotSucceeded);
    PayWith(unpaid, kCardSlow);
    EXPECT_EQ(simulator_.CreateRefund("r-1", unpaid.id, 1, now_).outcome,
              RefundOutcome::kNotSucceeded);
    EXPECT_EQ(simulator_.CreateRefund("r-2", "pi_unknown", 1, now_).outcome,
              RefundOutcome::kUnknownIntent);
}

TEST_F(PaymentSimulatorTest, ListsIntentsCreatedAfterAndPagesThroughThem) {
    std::vector<std::string> ids;
    for (int i = 0; i < 5; ++i) {
        ids.push_back(NewIntent("k" + std::to_string(i), Params(100, std::to_string(i))).id);
        now_ += 10s;
    }
    // Created at +0, +10, +20, +30 and +40 s.
    const auto from_third = simulator_.ListIntents(kStart + 20s, "", 2);
    ASSERT_TRUE(from_third.has_value());
    ASSERT_EQ(from_third->data.size(), 2u);
    EXPECT_EQ(from_third->data[0].id, ids[2]);
    EXPECT_EQ(from_third->data[1].id, ids[3]);
    EXPECT_TRUE(from_third->has_more);
    const auto rest = simulator_.ListIntents(kStart + 20s, ids[3], 2);
    ASSERT_TRUE(rest.has_value());
    ASSERT_EQ(rest->data.size(), 1u);
    EXPECT_EQ(rest->data[0].id, ids[4]);
    EXPECT_FALSE(rest->has_more);
    const auto all = simulator_.ListIntents(TimePoint{}, "", 1'000);
    EXPECT_EQ(all->data.size(), 5u);
    EXPECT_FALSE(all->has_more);
    EXPECT_TRUE(simulator_.ListIntents(kStart + 1h, "", 10)->data.empty());
    EXPECT_FALSE(simulator_.ListIntents(TimePoint{}, "pi_unknown", 10).has_value());
}

TEST_F(PaymentSimulatorTest, ExactlyLimitItemsLeftMeansNoMore) {
    NewIntent("a");
    NewIntent("b", Params(1, "b"));
    const auto page = simulator_.ListIntents(TimePoint{}, "", 2);
    EXPECT_EQ(page->data.size(), 2u);
    EXPECT_FALSE(page->has_more);
    EXPECT_TRUE(simulator_.ListIntents(TimePoint{}, "", 1)->has_more);
}

TEST_F(PaymentSimulatorTest, CreatedNeverGoesBackWhenTheClockDoes) {
    NewIntent("a");
    now_ -= 30s;
    const Intent second = NewIntent("b", Params(1, "b"));
    EXPECT_EQ(second.created, kStart);
}

TEST_F(PaymentSimulatorTest, EventsAreListedInCreationOrderAfterACursor) {
    const Intent a = NewIntent("a", Params(100, "a"));
    const Intent b = NewIntent("b", Params(100, "b"));
    PayWith(a, kCardDeclined);
    PayWith(b, kCardSucceeds);
    PayWith(a, kCardSucceeds);
    simulator_.CreateRefund("r", b.id, 100, now_);
    const auto all = simulator_.ListEvents("", 1'000);
    ASSERT_TRUE(all.has_value());
    ASSERT_EQ(all->data.size(), 4u);
    EXPECT_EQ(all->data[0].type, EventType::kPaymentIntentPaymentFailed);
    EXPECT_EQ(std::get<Intent>(all->data[1].object).id, b.id);
    EXPECT_EQ(std::get<Intent>(all->data[2].object).id, a.id);
    EXPECT_EQ(all->data[3].type, EventType::kRefundSucceeded);
    const auto after_second = simulator_.ListEvents(all->data[1].id, 1);
    ASSERT_EQ(after_second->data.size(), 1u);
    EXPECT_EQ(after_second->data[0].id, all->data[2].id);
    EXPECT_TRUE(after_second->has_more);
    EXPECT_TRUE(simulator_.ListEvents(all->data[3].id, 10)->data.empty());
    EXPECT_FALSE(simulator_.ListEvents("evt_unknown", 10).has_value());
    // Drain hands out the same events, once.
    const std::vector<Event> drained = Drain();
    ASSERT_EQ(drained.size(), 4u);
    for (std::size_t i = 0; i < drained.size(); ++i) EXPECT_EQ(drained[i].id, all->data[i].id);
    EXPECT_TRUE(Drain().empty());
}

}  // namespace
}  // namespace tix::tixpay
