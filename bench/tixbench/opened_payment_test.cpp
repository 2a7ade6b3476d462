#include "opened_payment.h"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

#include "engine/payment_event.h"
#include "payments/tixpay_json.h"
#include "payments/webhook_signature.h"

namespace tix::bench {
namespace {

OpenedPayment Payment() {
    return {.order_id = 4711,
            .payment_id = "pi_abc123",
            .client_secret = "pi_abc123_secret_xyz",
            .amount_minor = 100'000,
            .currency = "TWD"};
}

TEST(OpenedPayment, ReadsThePayAnswer) {
    const auto answer = boost::json::parse(
        R"({"payment_id":"pi_abc123","client_secret":"pi_abc123_secret_xyz","provider_url":"x",
            "amount_minor":100000,"currency":"TWD","payment_status":"requires_payment",
            "order":{"order_id":4711,"status":"payment_pending"},"expires_at":"2026-12-01T00:00:00Z"})");
    const auto payment = ReadPayAnswer(answer);
    ASSERT_TRUE(payment.ok()) << payment.status().ToString();
    EXPECT_EQ(payment->order_id, 4711);
    EXPECT_EQ(payment->payment_id, "pi_abc123");
    EXPECT_EQ(payment->client_secret, "pi_abc123_secret_xyz");
    EXPECT_EQ(payment->amount_minor, 100'000);
    EXPECT_EQ(payment->currency, "TWD");
}

TEST(OpenedPayment, RefusesAPayAnswerWithoutTheIntent) {
    EXPECT_FALSE(ReadPayAnswer(boost::json::parse(R"({"order":{"order_id":1}})")).ok());
    EXPECT_FALSE(ReadPayAnswer(boost::json::parse(
                                   R"({"payment_id":"pi_1","client_secret":"s","amount_minor":1,
                                       "currency":"TWD","order":{"order_id":"1"}})"))
                     .ok())
        << "an order id that is not a number";
    EXPECT_FALSE(ReadPayAnswer(boost::json::parse("[]")).ok());
}

// What matters is that tixd's own adapter reads the event the bench builds, as the intent's
// success for the right order, amount and currency.
TEST(OpenedPayment, TixdReadsTheSucceededEventItWasBuiltFor) {
    const std::string body = SucceededEventBody("evt_bench_1_7", Payment(), 1'790'000'000);
    engine::PaymentEvent event;
    ASSERT_EQ(payments::tixpay::ReadEventBody(body, event), payments::tixpay::EventRead::kOk)
        << body;
    EXPECT_EQ(event.event_id, "evt_bench_1_7");
    EXPECT_EQ(event.kind, engine::PaymentEventKind::kPaymentSucceeded);
    EXPECT_EQ(event.payment_id, "pi_abc123");
    EXPECT_EQ(event.order_id, OrderId{4711});
    EXPECT_EQ(event.amount_minor, 100'000);
    EXPECT_EQ(event.currency, "TWD");
    EXPECT_EQ(event.created, TimePoint{std::chrono::seconds{1'790'000'000}});
}

TEST(OpenedPayment, TheSignedEventVerifiesUnderTheSecret) {
    const std::string body = SucceededEventBody("evt_1", Payment(), 1'790'000'000);
    const TimePoint now{std::chrono::seconds{1'790'000'000}};
    const std::string header = payments::SignatureHeaderValue("whsec_bench", now, body);
    const std::string secrets[] = {"whsec_bench"};
    EXPECT_EQ(payments::VerifySignature(header, body, secrets, now), payments::SignatureCheck::kOk);
    const std::string others[] = {"whsec_other"};
    EXPECT_EQ(payments::VerifySignature(header, body, others, now),
              payments::SignatureCheck::kMismatch);
}

TEST(OpenedPayment, ReadsTheWebhookOutcome) {
    EXPECT_EQ(WebhookOutcome(R"({"received":true,"outcome":"applied"})"), "applied");
    EXPECT_EQ(WebhookOutcome(R"({"received":true,"outcome":"duplicate"})"), "duplicate");
    EXPECT_EQ(WebhookOutcome(R"({"type":"about:blank","code":"invalid_webhook"})"), "");
    EXPECT_EQ(WebhookOutcome(R"({"outcome":"unterminated)"), "");
    EXPECT_EQ(WebhookOutcome(""), "");
}

}  // namespace
}  // namespace tix::bench
