// Black-box tests of the tixpay binary (docs/tixpay.md): a real process on 127.0.0.1, a webhook
// receiver in the test, the API over HTTP.
#include "support/tixpay_process.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <string>
#include <thread>
#include <vector>

#include "payments/webhook_signature.h"
#include "support/http_client.h"
#include "tixpay/webhook_receiver_testing.h"

namespace tix::test {
namespace {

using namespace std::chrono_literals;
using tixpay::test_support::ReceivedWebhook;
using tixpay::test_support::WebhookReceiver;

constexpr std::string_view kApiKey = "sk_test_process";
const std::vector<std::string> kSecrets{"whsec_current", "whsec_next"};

Headers ApiKey(std::string idempotency_key = {}) {
    Headers headers{{"Authorization", "Bearer " + std::string(kApiKey)}};
    if (!idempotency_key.empty()) headers.emplace_back("Idempotency-Key", idempotency_key);
    return headers;
}

std::vector<std::string> TixpayArgs(const WebhookReceiver& receiver,
                                    std::vector<std::string> extra = {}) {
    std::vector<std::string> args{"--api-key",        std::string(kApiKey), "--webhook-url",
                                  receiver.url(),     "--webhook-secret",   kSecrets[0],
                                  "--webhook-secret", kSecrets[1]};
    args.insert(args.end(), extra.begin(), extra.end());
    return args;
}

TimePoint WallNow() {
    return std::chrono::floor<std::chrono::milliseconds>(std::chrono::system_clock::now());
}

std::string ErrorCode(const Response& response) {
    const auto* object = response.json.if_object();
    const auto* error = object ? object->if_contains("error") : nullptr;
    const auto* code =
        error && error->is_object() ? error->as_object().if_contains("code") : nullptr;
    return code && code->is_string() ? std::string(code->as_string()) : "<none>";
}

boost::json::value CreateIntent(HttpClient& client, std::string_view key) {
    const Response created = client.Post(
        "/v1/payment_intents",
        boost::json::object{{"amount_minor", 12'000}, {"currency", "EUR"}, {"reference", "42"}},
        ApiKey(std::string(key)));
    EXPECT_EQ(created.status, 201) << created;
    return created.json;
}

Response Pay(HttpClient& client, const boost::json::value& intent, std::string_view card) {
    const std::string target =
        "/v1/payment_intents/" + std::string(intent.at("id").as_string()) + "/pay";
    return client.Post(
        target, boost::json::object{{"client_secret", intent.at("client_secret")}, {"card", card}});
}

// Waits until GET /v1/test/deliveries shows `delivered`, failing loudly after the deadline.
void WaitForDelivered(HttpClient& client, std::int64_t delivered) {
    const auto deadline = std::chrono::steady_clock::now() + 10s;
    for (;;) {
        const Response counters = client.Get("/v1/test/deliveries", ApiKey());
        ASSERT_EQ(counters.status, 200) << counters;
        if (counters.json.at("delivered").as_int64() >= delivered) return;
        ASSERT_LT(std::chrono::steady_clock::now(), deadline) << counters;
        std::this_thread::sleep_for(10ms);  // polling interval, not synchronisation
    }
}

TEST(TixpayProcess, PaymentIsDeliveredAsASignedWebhook) {
    WebhookReceiver receiver;
    TixpayProcess tixpay(TixpayArgs(receiver));
    ASSERT_TRUE(tixpay.started()) << tixpay.error();
    HttpClient client(tixpay.port());

    const boost::json::value intent = CreateIntent(client, "order-42");
    const Response paid = Pay(client, intent, "4242424242424242");
    ASSERT_EQ(paid.status, 200) << paid;
    EXPECT_EQ(paid.json.at("status").as_string(), "succeeded");

    const std::vector<ReceivedWebhook> received = receiver.WaitFor(1);
    ASSERT_EQ(received.size(), 1u);
    for (const std::string& secret : kSecrets) {
        const std::vector<std::string> one{secret};
        EXPECT_EQ(
            payments::VerifySignature(received[0].signature, received[0].body, one, WallNow()),
            payments::SignatureCheck::kOk)
            << secret << ": " << received[0].signature;
    }
    const boost::json::value event = boost::json::parse(received[0].body);
    EXPECT_EQ(event.at("object").as_string(), "event");
    EXPECT_EQ(event.at("type").as_string(), "payment_intent.succeeded");
    const boost::json::value& object = event.at("data").at("object");
    EXPECT_EQ(object.at("id"), intent.at("id"));
    EXPECT_EQ(object.at("status").as_string(), "succeeded");
    EXPECT_EQ(object.at("reference").as_string(), "42");
    WaitForDelivered(client, 1);

    // The same event, byte for byte in content, in the event list.
    const Response events = client.Get("/v1/events", ApiKey());
    ASSERT_EQ(events.status, 200) << events;
    ASSERT_EQ(events.json.at("data").as_array().size(), 1u);
    EXPECT_EQ(events.json.at("data").at(0), event);
}

TEST(TixpayProcess, RefusesCallsWithoutTheApiKeyAndBadJson) {
    WebhookReceiver receiver;
    TixpayProcess tixpay(TixpayArgs(receiver));
    ASSERT_TRUE(tixpay.started()) << tixpay.error();
    HttpClient client(tixpay.port());

    const Response anonymous = client.Post(
        "/v1/payment_intents",
        boost::json::object{{"amount_minor", 1}, {"currency", "EUR"}, {"reference", "1"}},
        {{"Idempotency-Key", "k"}});
    EXPECT_EQ(anonymous.status, 401) << anonymous;
    EXPECT_EQ(ErrorCode(anonymous), "unauthorized");
    const Response wrong_key = client.Get("/v1/events", {{"Authorization", "Bearer nope"}});
    EXPECT_EQ(wrong_key.status, 401) << wrong_key;

    const Response bad_json =
        client.RequestRaw("POST", "/v1/payment_intents", "{\"amount_minor\": ", ApiKey("k"));
    EXPECT_EQ(bad_json.status, 400) << bad_json;
    EXPECT_EQ(ErrorCode(bad_json), "invalid_json");
    const Response bad_field = client.RequestRaw(
        "POST", "/v1/payment_intents",
        R"({"amount_minor": -5, "currency": "EUR", "reference": "1"})", ApiKey("k"));
    EXPECT_EQ(bad_field.status, 400) << bad_field;
    EXPECT_EQ(ErrorCode(bad_field), "invalid_request");
    // Nothing was created by the refused calls.
    const Response listed = client.Get("/v1/payment_intents", ApiKey());
    EXPECT_TRUE(listed.json.at("data").as_array().empty()) << listed;
}

TEST(TixpayProcess, TestClockSettlesTheSlowCard) {
    WebhookReceiver receiver;
    TixpayProcess tixpay(TixpayArgs(receiver, {"--test-clock", "--slow-card-seconds", "3600"}));
    ASSERT_TRUE(tixpay.started()) << tixpay.error();
    HttpClient client(tixpay.port());

    const boost::json::value intent = CreateIntent(client, "slow");
    const Response processing = Pay(client, intent, "4000000000000077");
    ASSERT_EQ(processing.status, 200) << processing;
    EXPECT_EQ(processing.json.at("status").as_string(), "processing");
    const Response advanced =
        client.Post("/v1/test/clock/advance", boost::json::object{{"seconds", 3600}}, ApiKey());
    ASSERT_EQ(advanced.status, 200) << advanced;
    const Response listed = client.Get("/v1/payment_intents", ApiKey());
    EXPECT_EQ(listed.json.at("data").at(0).at("status").as_string(), "succeeded") << listed;

    const std::vector<ReceivedWebhook> received = receiver.WaitFor(1);
    ASSERT_EQ(received.size(), 1u);
    // Signed on tixpay's clock, an hour ahead: stale to a receiver on the wall clock.
    EXPECT_EQ(payments::VerifySignature(received[0].signature, received[0].body, kSecrets,
                                        WallNow() + 3600s),
              payments::SignatureCheck::kOk);
    EXPECT_EQ(
        payments::VerifySignature(received[0].signature, received[0].body, kSecrets, WallNow()),
        payments::SignatureCheck::kStale);
}

TEST(TixpayProcess, MissingFlagsEndItWithAnError) {
    TixpayProcess tixpay({"--api-key", "k"});
    EXPECT_FALSE(tixpay.started());
    EXPECT_NE(tixpay.error().find("exited before listening"), std::string::npos) << tixpay.error();
}

}  // namespace
}  // namespace tix::test
