#include "tixpay/tixpay_routes.h"

#include <gtest/gtest.h>

#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "common/clock.h"
#include "http/testing.h"
#include "tixpay/test_routes.h"
#include "tixpay/webhook_deliverer.h"
#include "tixpay/webhook_receiver_testing.h"

namespace tix::tixpay {
namespace {

using namespace std::chrono_literals;
using http::beast_http::field;
using http::beast_http::status;
using http::beast_http::verb;
using http::test_support::BodyJson;
using http::test_support::TestClient;
using http::test_support::TestServer;

constexpr std::string_view kApiKey = "sk_test_123";
constexpr std::string_view kShopOrigin = "http://127.0.0.1:8080";
const TimePoint kStart = FromUnixMillis(1'900'000'000'000);

// The routes over a simulator on a manual clock; events go to a real deliverer and receiver.
class TixpayRoutesTest : public ::testing::Test {
  protected:
    TixpayRoutesTest()
        : deliverer_(DelivererOptions()),
          host_(
              5s, [this] { return clock_.Now(); },
              [this](const Event& event) {
                  deliverer_.Enqueue(event.id, std::string("{\"id\":\"") + event.id + "\"}");
              }),
          server_(MakeRouter()),
          client_(server_.port()) {}

    WebhookDeliverer::Options DelivererOptions() {
        return {.target = *ParseWebhookUrl(receiver_.url()), .secrets = {"whsec"}, .now = [this] {
                    return clock_.Now();
                }};
    }

    std::shared_ptr<http::Router> MakeRouter() {
        auto router = std::make_shared<http::Router>();
        AddTixpayRoutes(*router, host_, api_key_, CorsPolicy({std::string(kShopOrigin)}));
        AddTestRoutes(*router, api_key_, deliverer_, host_, &server_clock_);
        return router;
    }

    http::Response Call(verb method, std::string target, std::string body = {},
                        std::string_view idempotency_key = {}, bool with_key = true) {
        http::Request request = TestClient::MakeRequest(method, target, std::move(body));
        if (with_key) request.set(field::authorization, "Bearer " + std::string(kApiKey));
        if (!idempotency_key.empty()) {
            request.set("Idempotency-Key", std::string(idempotency_key));
        }
        request.prepare_payload();
        return client_.Send(request);
    }

    http::Response CreateIntent(std::string_view key = "k1",
                                std::string body = R"({"amount_minor": 5000, "currency": "EUR",
                                                        "reference": "order-1"})") {
        return Call(verb::post, "/v1/payment_intents", std::move(body), key);
    }

    http::Response Pay(const boost::json::object& intent, std::string_view card,
                       std::string secret = {}) {
        if (secret.empty()) secret = std::string(intent.at("client_secret").as_string());
        const std::string target =
            "/v1/payment_intents/" + std::string(intent.at("id").as_string()) + "/pay";
        return Call(
            verb::post, target,
            R"({"client_secret": ")" + secret + R"(", "card": ")" + std::string(card) + R"("})", {},
            /*with_key=*/false);
    }

    static std::string ErrorCode(const http::Response& response) {
        const auto body = BodyJson(response);
        const auto* error = body.if_contains("error");
        if (error == nullptr || !error->is_object()) return "<no error object>";
        EXPECT_TRUE(error->as_object().contains("message"));
        return std::string(error->as_object().at("code").as_string());
    }

    ManualClock clock_{kStart};
    ServerClock server_clock_;
    test_support::WebhookReceiver receiver_;
    WebhookDeliverer deliverer_;
    SimulatorHost host_;
    ApiKey api_key_{kApiKey};
    TestServer server_;
    TestClient client_;
};

TEST_F(TixpayRoutesTest, ServerToServerCallsNeedTheApiKey) {
    for (const auto& [method, target] :
         std::vector<std::pair<verb, std::string>>{{verb::post, "/v1/payment_intents"},
                                                   {verb::get, "/v1/payment_intents"},
                                                   {verb::post, "/v1/refunds"},
                                                   {verb::get, "/v1/events"},
                                                   {verb::get, "/v1/test/deliveries"},
                                                   {verb::post, "/v1/test/faults"}}) {
        const http::Response response = Call(method, target, "{}", "k", /*with_key=*/false);
        EXPECT_EQ(response.result(), status::unauthorized) << target;
        EXPECT_EQ(ErrorCode(response), "unauthorized") << target;
    }
    http::Request wrong = TestClient::MakeRequest(verb::get, "/v1/events");
    wrong.set(field::authorization, "Bearer sk_test_12");
    EXPECT_EQ(client_.Send(wrong).result(), status::unauthorized);
    EXPECT_EQ(Call(verb::get, "/v1/events").result(), status::ok);
}

TEST_F(TixpayRoutesTest, CreatesAnIntentAndReplaysItForTheSameKey) {
    const http::Response created = CreateIntent();
    ASSERT_EQ(created.result(), status::created) << created.body();
    const auto intent = BodyJson(created);
    EXPECT_EQ(intent.at("object").as_string(), "payment_intent");
    EXPECT_EQ(intent.at("status").as_string(), "requires_payment");
    EXPECT_EQ(intent.at("amount_minor").as_int64(), 5000);
    EXPECT_EQ(intent.at("currency").as_string(), "EUR");
    EXPECT_EQ(intent.at("reference").as_string(), "order-1");
    EXPECT_EQ(intent.at("created").as_int64(), ToUnixSeconds(kStart));
    EXPECT_EQ(intent.at("amount_refunded_minor").as_int64(), 0);
    EXPECT_TRUE(intent.at("last_payment_error").is_null());

    const http::Response replayed = CreateIntent();
    EXPECT_EQ(replayed.result(), status::ok);
    EXPECT_EQ(replayed["Idempotent-Replayed"], "true");
    EXPECT_EQ(BodyJson(replayed).at("id"), intent.at("id"));

    const http::Response reused =
        CreateIntent("k1", R"({"amount_minor": 1, "currency": "EUR", "reference": "order-1"})");
    EXPECT_EQ(reused.result(), status::conflict);
    EXPECT_EQ(ErrorCode(reused), "idempotency_key_reused");
}

TEST_F(TixpayRoutesTest, BadInputIsA400WithAnErrorObject) {
    const std::vector<std::string> bodies = {
        "{",
        "[]",
        "",
        R"({"amount_minor": 0, "currency": "EUR", "reference": "r"})",
        R"({"amount_minor": 1.5, "currency": "EUR", "reference": "r"})",
        R"({"amount_minor": "1", "currency": "EUR", "reference": "r"})",
        R"({"amount_minor": 1, "currency": "EURO", "reference": "r"})",
        R"({"amount_minor": 1, "currency": "E1R", "reference": "r"})",
        R"({"amount_minor": 1, "currency": "EUR", "reference": ""})",
        R"({"amount_minor": 1, "currency": "EUR"})",
        R"({"amount_minor": 1, "currency": "EUR", "reference": "r", "extra": 1})",
        R"({"amount_minor": 1, "currency": "EUR", "reference": "r", "pay_by": -1})",
        R"({"amount_minor": 1000000000001, "currency": "EUR", "reference": "r"})",
    };
    for (const std::string& body : bodies) {
        const http::Response response = CreateIntent("k", body);
        EXPECT_EQ(response.result(), status::bad_request) << body;
        const std::string code = ErrorCode(response);
        EXPECT_TRUE(code == "invalid_json" || code == "invalid_request") << body << ": " << code;
    }
    const http::Response no_key =
        Call(verb::post, "/v1/payment_intents",
             R"({"amount_minor": 1, "currency": "EUR", "reference": "r"})");
    EXPECT_EQ(no_key.result(), status::bad_request);
    EXPECT_EQ(ErrorCode(no_key), "missing_idempotency_key");
    EXPECT_EQ(Call(verb::get, "/v1/payment_intents?limit=0").result(), status::bad_request);
    EXPECT_EQ(Call(verb::get, "/v1/payment_intents?limit=1001").result(), status::bad_request);
    EXPECT_EQ(Call(verb::get, "/v1/payment_intents?limit=1000").result(), status::ok);
    EXPECT_EQ(Call(verb::get, "/v1/payment_intents?created_after=x").result(), status::bad_request);
    EXPECT_EQ(Call(verb::get, "/v1/payment_intents?starting_after=pi_x").result(),
              status::bad_request);
    EXPECT_EQ(Call(verb::get, "/v1/events?after=evt_x").result(), status::bad_request);
    http::Request text =
        TestClient::MakeRequest(verb::post, "/v1/payment_intents", "{}", "text/plain");
    text.set(field::authorization, "Bearer " + std::string(kApiKey));
    text.set("Idempotency-Key", "k");
    EXPECT_EQ(client_.Send(text).result(), status::unsupported_media_type);
}

TEST_F(TixpayRoutesTest, PaysWithTheClientSecretAndAnswersEachCard) {
    const auto intent = BodyJson(CreateIntent());
    const http::Response wrong_secret = Pay(intent, kCardSucceeds, "pi_x_secret_y");
    EXPECT_EQ(wrong_secret.result(), status::unauthorized);
    EXPECT_EQ(ErrorCode(wrong_secret), "invalid_client_secret");
    const http::Response declined = Pay(intent, kCardDeclined);
    EXPECT_EQ(declined.result(), status::payment_required);
    EXPECT_EQ(ErrorCode(declined), "card_declined");
    EXPECT_EQ(Pay(intent, "1234").result(), status::bad_request);
    const http::Response slow = Pay(intent, kCardSlow);
    ASSERT_EQ(slow.result(), status::ok) << slow.body();
    EXPECT_EQ(BodyJson(slow).at("status").as_string(), "processing");
    EXPECT_EQ(ErrorCode(Pay(intent, kCardSucceeds)), "payment_processing");
    clock_.Advance(5s);
    const http::Response paid_again = Pay(intent, kCardSucceeds);
    EXPECT_EQ(paid_again.result(), status::conflict);
    EXPECT_EQ(ErrorCode(paid_again), "intent_succeeded");
    const auto listed = BodyJson(Call(verb::get, "/v1/payment_intents"));
    EXPECT_EQ(listed.at("data").as_array().at(0).as_object().at("status").as_string(), "succeeded");
    const auto events = BodyJson(Call(verb::get, "/v1/events"));
    const auto& data = events.at("data").as_array();
    ASSERT_EQ(data.size(), 2u);
    EXPECT_EQ(data[0].as_object().at("type").as_string(), "payment_intent.payment_failed");
    EXPECT_EQ(data[1].as_object().at("type").as_string(), "payment_intent.succeeded");
    EXPECT_EQ(data[1].at("data").at("object").at("id"), intent.at("id"));
    EXPECT_FALSE(events.at("has_more").as_bool());
    EXPECT_EQ(Call(verb::post, "/v1/payment_intents/pi_unknown/pay",
                   R"({"client_secret": "s", "card": "4242424242424242"})", {}, false)
                  .result(),
              status::not_found);
}

// The checkout page (tix's front end, another origin) posts the card to tixpay straight.
TEST_F(TixpayRoutesTest, TheShopsPageMayPayFromTheBrowser) {
    const auto intent = BodyJson(CreateIntent());
    const std::string target =
        "/v1/payment_intents/" + std::string(intent.at("id").as_string()) + "/pay";
    http::Request preflight = TestClient::MakeRequest(verb::options, target);
    preflight.set(field::origin, kShopOrigin);
    preflight.set(field::access_control_request_method, "POST");
    preflight.set(field::access_control_request_headers, "content-type");
    const http::Response allowed = client_.Send(preflight);
    EXPECT_EQ(allowed.result(), status::no_content);
    EXPECT_EQ(allowed[field::access_control_allow_origin], kShopOrigin);
    EXPECT_EQ(allowed[field::access_control_allow_methods], "POST");
    EXPECT_EQ(allowed[field::access_control_allow_headers], "content-type");
    EXPECT_EQ(allowed[field::access_control_max_age], "600");
    EXPECT_EQ(allowed[field::vary], "Origin");

    http::Request pay = TestClient::MakeRequest(
        verb::post, target,
        R"({"client_secret": ")" + std::string(intent.at("client_secret").as_string()) +
            R"(", "card": "4000000000000002"})");
    pay.set(field::origin, kShopOrigin);
    const http::Response declined = client_.Send(pay);
    EXPECT_EQ(declined.result(), status::payment_required);
    EXPECT_EQ(declined[field::access_control_allow_origin], kShopOrigin)
        << "the page must read why, too";
    EXPECT_EQ(declined[field::vary], "Origin");
}

TEST_F(TixpayRoutesTest, OtherOriginsAndTheApiKeyCallsGetNoCors) {
    const auto intent = BodyJson(CreateIntent());
    const std::string target =
        "/v1/payment_intents/" + std::string(intent.at("id").as_string()) + "/pay";
    for (const char* origin : {"http://evil.example", "http://127.0.0.1:8081", ""}) {
        http::Request preflight = TestClient::MakeRequest(verb::options, target);
        if (*origin != '\0') preflight.set(field::origin, origin);
        const http::Response refused = client_.Send(preflight);
        EXPECT_EQ(refused.result(), status::forbidden) << origin;
        EXPECT_EQ(ErrorCode(refused), "origin_not_allowed");
        EXPECT_TRUE(refused[field::access_control_allow_origin].empty()) << origin;
    }
    http::Request pay = TestClient::MakeRequest(verb::post, target, R"({"client_secret": "x"})");
    pay.set(field::origin, "http://evil.example");
    EXPECT_TRUE(client_.Send(pay)[field::access_control_allow_origin].empty());
    // The API key's calls answer no preflight: no page may make them.
    http::Request create = TestClient::MakeRequest(verb::options, "/v1/payment_intents");
    create.set(field::origin, kShopOrigin);
    const http::Response no_preflight = client_.Send(create);
    EXPECT_EQ(no_preflight.result(), status::method_not_allowed);
    EXPECT_TRUE(no_preflight[field::access_control_allow_origin].empty());
}

TEST(CorsPolicy, AnOriginIsSchemeHostAndPortOnly) {
    EXPECT_EQ(OriginProblem("http://127.0.0.1:8080"), "");
    EXPECT_EQ(OriginProblem("https://shop.example"), "");
    EXPECT_NE(OriginProblem("http://127.0.0.1:8080/"), "");
    EXPECT_NE(OriginProblem("http://127.0.0.1:8080/path"), "");
    EXPECT_NE(OriginProblem("127.0.0.1:8080"), "");
    EXPECT_NE(OriginProblem("ftp://example.com"), "");
    EXPECT_NE(OriginProblem("*"), "");
    EXPECT_NE(OriginProblem("http://user@example.com"), "");
    EXPECT_FALSE(CorsPolicy().Allows("http://127.0.0.1:8080")) << "none by default";
    EXPECT_FALSE(CorsPolicy({"http://a.example"}).Allows(""));
}

TEST_F(TixpayRoutesTest, RefundsWithIdempotencyAndLimits) {
    const auto intent = BodyJson(CreateIntent());
    const std::string id(intent.at("id").as_string());
    const std::string half = R"({"payment_intent": ")" + id + R"(", "amount_minor": 2500})";
    const http::Response unpaid = Call(verb::post, "/v1/refunds", half, "r1");
    EXPECT_EQ(unpaid.result(), status::conflict);
    EXPECT_EQ(ErrorCode(unpaid), "intent_not_succeeded");
    ASSERT_EQ(Pay(intent, kCardSucceeds).result(), status::ok);
    const http::Response refunded = Call(verb::post, "/v1/refunds", half, "r2");
    ASSERT_EQ(refunded.result(), status::created) << refunded.body();
    const auto refund = BodyJson(refunded);
    EXPECT_EQ(refund.at("object").as_string(), "refund");
    EXPECT_EQ(refund.at("status").as_string(), "succeeded");
    EXPECT_EQ(refund.at("payment_intent").as_string(), id);
    EXPECT_EQ(refund.at("reference").as_string(), "order-1");
    const http::Response again = Call(verb::post, "/v1/refunds", half, "r2");
    EXPECT_EQ(again.result(), status::ok);
    EXPECT_EQ(BodyJson(again).at("id"), refund.at("id"));
    const http::Response too_much =
        Call(verb::post, "/v1/refunds",
             R"({"payment_intent": ")" + id + R"(", "amount_minor": 2501})", "r3");
    EXPECT_EQ(too_much.result(), status::bad_request);
    EXPECT_EQ(ErrorCode(too_much), "amount_too_large");
    EXPECT_EQ(Call(verb::post, "/v1/refunds", half).result(), status::bad_request);
}

TEST_F(TixpayRoutesTest, TestCallsShowDeliveriesAndSetFaults) {
    const http::Response faults =
        Call(verb::post, "/v1/test/faults", R"({"duplicate": true, "delay_ms": 5})");
    ASSERT_EQ(faults.result(), status::ok) << faults.body();
    EXPECT_TRUE(BodyJson(faults).at("duplicate").as_bool());
    EXPECT_FALSE(BodyJson(faults).at("shuffle").as_bool());
    EXPECT_EQ(BodyJson(faults).at("delay_ms").as_int64(), 5);
    EXPECT_EQ(Call(verb::post, "/v1/test/faults", R"({"delay_ms": -1})").result(),
              status::bad_request);
    EXPECT_EQ(Call(verb::post, "/v1/test/faults", R"({"bogus": true})").result(),
              status::bad_request);
    Pay(BodyJson(CreateIntent()), kCardSucceeds);
    receiver_.WaitFor(2);
    const auto deliveries = BodyJson(Call(verb::get, "/v1/test/deliveries"));
    EXPECT_EQ(deliveries.at("events").as_int64(), 1);
    for (const char* name : {"delivered", "pending", "dropped", "attempts"}) {
        EXPECT_TRUE(deliveries.contains(name)) << name;
    }
    const http::Response advanced =
        Call(verb::post, "/v1/test/clock/advance", R"({"seconds": 60})");
    ASSERT_EQ(advanced.result(), status::ok);
    EXPECT_GE(BodyJson(advanced).at("now").as_int64(), ToUnixSeconds(ServerClock{}.Now()) + 59);
    EXPECT_EQ(Call(verb::post, "/v1/test/clock/advance", R"({"seconds": 0})").result(),
              status::bad_request);
}

}  // namespace
}  // namespace tix::tixpay
