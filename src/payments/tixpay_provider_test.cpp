#include "payments/tixpay_provider.h"

#include <gtest/gtest.h>

#include <atomic>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/json.hpp>
#include <chrono>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "http/testing.h"
#include "payments/webhook_signature.h"

namespace tix::payments {
namespace {

namespace json = boost::json;
using beast_http_status = boost::beast::http::status;
using boost::beast::http::verb;
using engine::PaymentEvent;
using engine::PaymentEventKind;
using http::Access;
using http::RequestContext;
using http::Responder;
using http::Router;
using http::test_support::TestServer;
using namespace std::chrono_literals;

constexpr std::string_view kApiKey = "sk_test_1";

// What the stand-in provider saw of one request.
struct Recorded {
    std::string method;
    std::string target;
    std::string authorization;
    std::string idempotency_key;
    std::string content_type;
    std::string body;
    std::map<std::string, std::string> query;
};

json::object Intent(std::string_view id, std::string_view reference, std::int64_t amount = 4500) {
    return {{"id", id},
            {"object", "payment_intent"},
            {"status", "requires_payment"},
            {"client_secret", std::string(id) + "_secret_x1"},
            {"amount_minor", amount},
            {"currency", "EUR"},
            {"reference", reference},
            {"created", 1'790'000'000},
            {"amount_refunded_minor", 0},
            {"last_payment_error", nullptr}};
}

json::object Event(std::string_view id, std::string_view type, json::object object) {
    return {{"id", id},
            {"object", "event"},
            {"type", type},
            {"created", 1'790'000'100},
            {"data", json::object{{"object", std::move(object)}}}};
}

json::object Error(std::string_view code, std::string_view message) {
    return {{"error", json::object{{"code", code}, {"message", message}}}};
}

// A stand-in for tixpay on 127.0.0.1 following docs/tixpay.md: creates intents and refunds from
// the request, lists the intents and events it is given in pages, and records every request.
// A canned answer, when set, replaces the next answers of every route.
class FakeTixpay {
  public:
    FakeTixpay() : server_(MakeRouter()) {}

    std::string url() const { return "http://127.0.0.1:" + std::to_string(server_.port()); }

    void SetIntents(json::array intents) {
        std::lock_guard lock(mutex_);
        intents_ = std::move(intents);
    }
    void SetEvents(json::array events) {
        std::lock_guard lock(mutex_);
        events_ = std::move(events);
    }
    void SetCanned(beast_http_status status, json::value body) {
        std::lock_guard lock(mutex_);
        canned_ = {status, std::move(body)};
    }
    std::vector<Recorded> requests() {
        std::lock_guard lock(mutex_);
        return requests_;
    }

  private:
    std::shared_ptr<Router> MakeRouter() {
        auto router = std::make_shared<Router>();
        router->Add(verb::post, "/v1/payment_intents", Access::kPublic,
                    [this](RequestContext& context, Responder respond) {
                        Handle(context, respond, [this](const json::object& body) {
                            const auto id = "pi_" + std::to_string(++created_);
                            json::object intent = Intent(id, body.at("reference").as_string(),
                                                         body.at("amount_minor").as_int64());
                            intent["currency"] = body.at("currency");
                            return std::pair{beast_http_status::created, json::value(intent)};
                        });
                    });
        router->Add(verb::post, "/v1/refunds", Access::kPublic,
                    [this](RequestContext& context, Responder respond) {
                        Handle(context, respond, [this](const json::object& body) {
                            json::object refund{{"id", "re_" + std::to_string(++created_)},
                                                {"object", "refund"},
                                                {"payment_intent", body.at("payment_intent")},
                                                {"reference", "42"},
                                                {"amount_minor", body.at("amount_minor")},
                                                {"currency", "EUR"},
                                                {"status", "succeeded"},
                                                {"created", 1'790'000'200}};
                            return std::pair{beast_http_status::created, json::value(refund)};
                        });
                    });
        router->Add(verb::get, "/v1/payment_intents", Access::kPublic,
                    [this](RequestContext& context, Responder respond) {
                        Handle(context, respond, [this, &context](const json::object&) {
                            return Page(intents_, context.Query("starting_after"),
                                        context.Query("limit"));
                        });
                    });
        router->Add(verb::get, "/v1/events", Access::kPublic,
                    [this](RequestContext& context, Responder respond) {
                        Handle(context, respond, [this, &context](const json::object&) {
                            return Page(events_, context.Query("after"), context.Query("limit"));
                        });
                    });
        return router;
    }

    template <typename Answer>
    void Handle(RequestContext& context, const Responder& respond, Answer answer) {
        std::lock_guard lock(mutex_);
        Recorded recorded{.method = std::string(context.request.method_string()),
                          .target = std::string(context.request.target()),
                          .authorization = std::string(context.Header("Authorization")),
                          .idempotency_key = std::string(context.Header("Idempotency-Key")),
                          .content_type = std::string(context.Header("Content-Type")),
                          .body = context.request.body()};
        for (const auto& [name, value] : context.query) recorded.query[name] = value;
        requests_.push_back(recorded);
        if (recorded.authorization != "Bearer " + std::string(kApiKey)) {
            respond(http::JsonResponse(beast_http_status::unauthorized,
                                       Error("unauthorized", "no valid API key")));
            return;
        }
        if (canned_) {
            respond(http::JsonResponse(canned_->first, canned_->second));
            return;
        }
        json::object body;
        if (!recorded.body.empty()) body = json::parse(recorded.body).as_object();
        const auto [status, value] = answer(body);
        respond(http::JsonResponse(status, value));
    }

    static std::pair<beast_http_status, json::value> Page(const json::array& items,
                                                          std::optional<std::string_view> after,
                                                          std::optional<std::string_view> limit) {
        std::size_t start = 0;
        if (after) {
            while (start < items.size() && items[start].at("id").as_string() != *after) ++start;
            if (start == items.size()) {
                return {beast_http_status::bad_request, Error("resource_missing", "no such id")};
            }
            ++start;
        }
        const std::size_t count = limit ? std::stoul(std::string(*limit)) : 10;
        json::array data;
        for (std::size_t i = start; i < items.size() && i < start + count; ++i) {
            data.push_back(items[i]);
        }
        const bool has_more = start + count < items.size();
        return {beast_http_status::ok,
                json::object{{"object", "list"}, {"data", data}, {"has_more", has_more}}};
    }

    std::mutex mutex_;
    std::vector<Recorded> requests_;
    json::array intents_;
    json::array events_;
    std::optional<std::pair<beast_http_status, json::value>> canned_;
    int created_ = 0;
    TestServer server_;  // last: stopped before the state its handlers use goes
};

TixpayConfig ConfigFor(std::string url) {
    return {.base_url = std::move(url),
            .api_key = std::string(kApiKey),
            .webhook_secrets = {"whsec_new", "whsec_old"},
            .timeout = 5s,
            .page_size = 2};
}

std::unique_ptr<TixpayProvider> MakeProvider(TixpayConfig config) {
    auto provider = TixpayProvider::Create(std::move(config));
    if (!provider.ok()) {
        ADD_FAILURE() << provider.status().ToString();
        return nullptr;
    }
    return std::move(*provider);
}

IntentRequest IntentFor(std::uint64_t order) {
    return {.order_id = OrderId{order},
            .amount_minor = 4500,
            .currency = "EUR",
            .idempotency_key = "intent-" + std::to_string(order),
            .pay_by = FromUnixMillis(1'790'000'600'000)};
}

TEST(TixpayProvider, CreateIntentSendsTheDocumentedRequest) {
    FakeTixpay tixpay;
    auto provider = MakeProvider(ConfigFor(tixpay.url()));
    const auto intent = provider->CreateIntent(IntentFor(42));
    ASSERT_TRUE(intent.ok()) << intent.status().ToString();
    EXPECT_EQ(intent->id, "pi_1");
    EXPECT_EQ(intent->status, "requires_payment");
    EXPECT_EQ(intent->client_secret, "pi_1_secret_x1");
    EXPECT_EQ(intent->order_id, OrderId{42});
    EXPECT_EQ(intent->amount_minor, 4500);
    EXPECT_EQ(intent->currency, "EUR");
    EXPECT_EQ(intent->created_at, FromUnixMillis(1'790'000'000'000));

    const auto requests = tixpay.requests();
    ASSERT_EQ(requests.size(), 1u);
    EXPECT_EQ(requests[0].method, "POST");
    EXPECT_EQ(requests[0].target, "/v1/payment_intents");
    EXPECT_EQ(requests[0].authorization, "Bearer sk_test_1");
    EXPECT_EQ(requests[0].idempotency_key, "intent-42");
    EXPECT_EQ(requests[0].content_type, "application/json");
    const json::object body = json::parse(requests[0].body).as_object();
    EXPECT_EQ(body.size(), 4u) << body;
    EXPECT_EQ(body.at("amount_minor"), 4500);
    EXPECT_EQ(body.at("currency"), "EUR");
    EXPECT_EQ(body.at("reference"), "42") << "the order id, as a decimal string";
    EXPECT_EQ(body.at("pay_by"), 1'790'000'600'000) << "unix milliseconds";

    IntentRequest no_deadline = IntentFor(43);
    no_deadline.pay_by = TimePoint{};
    ASSERT_TRUE(provider->CreateIntent(no_deadline).ok());
    EXPECT_FALSE(json::parse(tixpay.requests().at(1).body).as_object().contains("pay_by"));
}

TEST(TixpayProvider, ARefusalCarriesTheProvidersCode) {
    FakeTixpay tixpay;
    auto provider = MakeProvider(ConfigFor(tixpay.url()));
    tixpay.SetCanned(beast_http_status::conflict,
                     Error("idempotency_key_reused", "the key was used with another body"));
    const auto intent = provider->CreateIntent(IntentFor(42));
    ASSERT_FALSE(intent.ok());
    EXPECT_EQ(intent.status().code(), Status::Code::kInvalidArgument);
    EXPECT_NE(intent.status().message().find("409 idempotency_key_reused"), std::string::npos)
        << intent.status().message();

    tixpay.SetCanned(beast_http_status::bad_request,
                     Error("amount_too_large", "more than is left to refund"));
    const auto refund = provider->CreateRefund(
        {.payment_id = "pi_1", .amount_minor = 9000, .idempotency_key = "refund-1"});
    ASSERT_FALSE(refund.ok());
    EXPECT_EQ(refund.status().code(), Status::Code::kInvalidArgument);
    EXPECT_NE(refund.status().message().find("amount_too_large"), std::string::npos);
}

TEST(TixpayProvider, AWrongApiKeyIsRefused) {
    FakeTixpay tixpay;
    TixpayConfig config = ConfigFor(tixpay.url());
    config.api_key = "sk_wrong";
    auto provider = MakeProvider(config);
    std::string last_event_id;
    const auto events = provider->ListEvents("", last_event_id);
    ASSERT_FALSE(events.ok());
    EXPECT_EQ(events.status().code(), Status::Code::kInvalidArgument);
    EXPECT_NE(events.status().message().find("401 unauthorized"), std::string::npos)
        << events.status().message();
    EXPECT_EQ(tixpay.requests().at(0).authorization, "Bearer sk_wrong");
}

TEST(TixpayProvider, ServerErrorsAreUnavailableAndBadAnswersCorruption) {
    FakeTixpay tixpay;
    auto provider = MakeProvider(ConfigFor(tixpay.url()));
    tixpay.SetCanned(beast_http_status::service_unavailable, Error("overloaded", "later"));
    auto intent = provider->CreateIntent(IntentFor(42));
    ASSERT_FALSE(intent.ok());
    EXPECT_EQ(intent.status().code(), Status::Code::kIoError);

    tixpay.SetCanned(beast_http_status::created, Intent("pi_9", "41"));
    intent = provider->CreateIntent(IntentFor(42));
    ASSERT_FALSE(intent.ok()) << "an intent for another order";
    EXPECT_EQ(intent.status().code(), Status::Code::kCorruption);

    tixpay.SetCanned(beast_http_status::created, json::object{{"id", "pi_9"}});
    intent = provider->CreateIntent(IntentFor(42));
    ASSERT_FALSE(intent.ok());
    EXPECT_EQ(intent.status().code(), Status::Code::kCorruption);

    tixpay.SetCanned(beast_http_status::created, json::object{{"id", "re_1"},
                                                              {"object", "refund"},
                                                              {"payment_intent", "pi_2"},
                                                              {"amount_minor", 1},
                                                              {"status", "succeeded"}});
    const auto refund = provider->CreateRefund(
        {.payment_id = "pi_1", .amount_minor = 1, .idempotency_key = "refund-1"});
    ASSERT_FALSE(refund.ok()) << "a refund of another payment";
    EXPECT_EQ(refund.status().code(), Status::Code::kCorruption);
}

TEST(TixpayProvider, InvalidRequestsAreRefusedUnsent) {
    FakeTixpay tixpay;
    auto provider = MakeProvider(ConfigFor(tixpay.url()));
    std::vector<IntentRequest> intents(6, IntentFor(42));
    intents[0].order_id = OrderId{};
    intents[1].order_id = OrderId{(std::uint64_t{1} << 53) + 1};
    intents[2].amount_minor = 0;
    intents[3].currency = "eur";
    intents[4].idempotency_key = "";
    intents[5].idempotency_key = "key\r\nX-Evil: 1";
    for (const IntentRequest& request : intents) {
        const auto intent = provider->CreateIntent(request);
        ASSERT_FALSE(intent.ok());
        EXPECT_EQ(intent.status().code(), Status::Code::kInvalidArgument);
    }
    EXPECT_FALSE(
        provider->CreateRefund({.payment_id = "", .amount_minor = 1, .idempotency_key = "k"}).ok());
    EXPECT_FALSE(
        provider->CreateRefund({.payment_id = "pi_1", .amount_minor = -1, .idempotency_key = "k"})
            .ok());
    EXPECT_FALSE(
        provider->CreateRefund({.payment_id = "pi_1", .amount_minor = 1, .idempotency_key = ""})
            .ok());
    std::string last_event_id;
    EXPECT_FALSE(provider->ListEvents("evt with space", last_event_id).ok());
    EXPECT_TRUE(tixpay.requests().empty());
}

TEST(TixpayProvider, CreateRefundSendsTheDocumentedRequest) {
    FakeTixpay tixpay;
    auto provider = MakeProvider(ConfigFor(tixpay.url()));
    const auto refund = provider->CreateRefund(
        {.payment_id = "pi_7", .amount_minor = 4500, .idempotency_key = "refund-order-42"});
    ASSERT_TRUE(refund.ok()) << refund.status().ToString();
    EXPECT_EQ(refund->id, "re_1");
    EXPECT_EQ(refund->payment_id, "pi_7");
    EXPECT_EQ(refund->amount_minor, 4500);
    EXPECT_EQ(refund->status, "succeeded");

    const auto requests = tixpay.requests();
    ASSERT_EQ(requests.size(), 1u);
    EXPECT_EQ(requests[0].method, "POST");
    EXPECT_EQ(requests[0].target, "/v1/refunds");
    EXPECT_EQ(requests[0].authorization, "Bearer sk_test_1");
    EXPECT_EQ(requests[0].idempotency_key, "refund-order-42");
    EXPECT_EQ(json::parse(requests[0].body),
              json::parse(R"({"payment_intent":"pi_7","amount_minor":4500})"));
}

TEST(TixpayProvider, ListIntentsFollowsHasMoreAcrossPages) {
    FakeTixpay tixpay;
    json::array intents;
    for (int i = 1; i <= 5; ++i) intents.push_back(Intent("pi_" + std::to_string(i), "10"));
    intents[2].as_object()["reference"] = "someone-else's";  // names no order: order id 0
    tixpay.SetIntents(intents);
    auto provider = MakeProvider(ConfigFor(tixpay.url()));

    const auto listed = provider->ListIntents(FromUnixMillis(1'789'999'999'500));
    ASSERT_TRUE(listed.ok()) << listed.status().ToString();
    ASSERT_EQ(listed->size(), 5u);
    for (int i = 0; i < 5; ++i) EXPECT_EQ((*listed)[i].id, "pi_" + std::to_string(i + 1));
    EXPECT_EQ((*listed)[0].order_id, OrderId{10});
    EXPECT_EQ((*listed)[2].order_id, OrderId{});

    const auto requests = tixpay.requests();
    ASSERT_EQ(requests.size(), 3u) << "pages of 2, 2 and 1";
    for (const Recorded& request : requests) {
        EXPECT_EQ(request.method, "GET");
        EXPECT_EQ(request.authorization, "Bearer sk_test_1");
        EXPECT_EQ(request.query.at("created_after"), "1789999999") << "unix seconds, rounded down";
        EXPECT_EQ(request.query.at("limit"), "2");
    }
    EXPECT_FALSE(requests[0].query.contains("starting_after"));
    EXPECT_EQ(requests[1].query.at("starting_after"), "pi_2");
    EXPECT_EQ(requests[2].query.at("starting_after"), "pi_4");
}

json::array FiveEvents() {
    json::object refund{
        {"id", "re_1"},          {"object", "refund"},      {"payment_intent", "pi_2"},
        {"reference", "12"},     {"amount_minor", 4500},    {"currency", "EUR"},
        {"status", "succeeded"}, {"created", 1'790'000'300}};
    return {Event("evt_1", "payment_intent.succeeded", Intent("pi_1", "11")),
            Event("evt_2", "payment_intent.payment_failed", Intent("pi_2", "12")),
            Event("evt_3", "payment_intent.created", Intent("pi_3", "13")),
            Event("evt_4", "refund.succeeded", refund),
            Event("evt_5", "customer.updated", json::object{})};
}

TEST(TixpayProvider, ListEventsFollowsHasMoreAndLeavesOutUnknownTypes) {
    FakeTixpay tixpay;
    tixpay.SetEvents(FiveEvents());
    auto provider = MakeProvider(ConfigFor(tixpay.url()));

    std::string last_event_id;
    const auto events = provider->ListEvents("", last_event_id);
    ASSERT_TRUE(events.ok()) << events.status().ToString();
    ASSERT_EQ(events->size(), 3u);
    EXPECT_EQ((*events)[0].event_id, "evt_1");
    EXPECT_EQ((*events)[0].kind, PaymentEventKind::kPaymentSucceeded);
    EXPECT_EQ((*events)[0].order_id, OrderId{11});
    EXPECT_EQ((*events)[1].event_id, "evt_2");
    EXPECT_EQ((*events)[1].kind, PaymentEventKind::kPaymentFailed);
    EXPECT_EQ((*events)[2].event_id, "evt_4");
    EXPECT_EQ((*events)[2].kind, PaymentEventKind::kRefundSucceeded);
    EXPECT_EQ((*events)[2].refund_id, "re_1");
    EXPECT_EQ((*events)[2].payment_id, "pi_2");
    EXPECT_EQ((*events)[2].created, FromUnixMillis(1'790'000'100'000));
    EXPECT_EQ(last_event_id, "evt_5") << "the last event seen, of a type tix does not use";

    const auto requests = tixpay.requests();
    ASSERT_EQ(requests.size(), 3u);
    EXPECT_FALSE(requests[0].query.contains("after"));
    EXPECT_EQ(requests[1].query.at("after"), "evt_2");
    EXPECT_EQ(requests[2].query.at("after"), "evt_4");
    EXPECT_EQ(requests[2].query.at("limit"), "2");

    // Resuming from where it stopped: nothing new, and the position stays.
    const auto none = provider->ListEvents(last_event_id, last_event_id);
    ASSERT_TRUE(none.ok()) << none.status().ToString();
    EXPECT_TRUE(none->empty());
    EXPECT_EQ(last_event_id, "evt_5");

    const auto later = provider->ListEvents("evt_3", last_event_id);
    ASSERT_TRUE(later.ok());
    ASSERT_EQ(later->size(), 1u);
    EXPECT_EQ((*later)[0].event_id, "evt_4");
}

TEST(TixpayProvider, ListEventsRefusesAnUnreadableEventOrAPageThatDoesNotAdvance) {
    FakeTixpay tixpay;
    json::array events = FiveEvents();
    events[3].as_object()["data"].as_object()["object"].as_object()["reference"] = "0";
    tixpay.SetEvents(events);
    auto provider = MakeProvider(ConfigFor(tixpay.url()));
    std::string last_event_id = "unchanged";
    auto listed = provider->ListEvents("", last_event_id);
    ASSERT_FALSE(listed.ok());
    EXPECT_EQ(listed.status().code(), Status::Code::kCorruption);
    EXPECT_NE(listed.status().message().find("evt_3"), std::string::npos)
        << listed.status().message();
    EXPECT_EQ(last_event_id, "unchanged");

    tixpay.SetCanned(beast_http_status::ok,
                     json::object{{"object", "list"}, {"data", json::array{}}, {"has_more", true}});
    listed = provider->ListEvents("", last_event_id);
    ASSERT_FALSE(listed.ok());
    EXPECT_EQ(listed.status().code(), Status::Code::kCorruption);
    const auto intents = provider->ListIntents(TimePoint{});
    ASSERT_FALSE(intents.ok());
    EXPECT_EQ(intents.status().code(), Status::Code::kCorruption);

    tixpay.SetCanned(beast_http_status::ok, json::object{{"data", json::object{}}});
    listed = provider->ListEvents("", last_event_id);
    ASSERT_FALSE(listed.ok());
    EXPECT_EQ(listed.status().code(), Status::Code::kCorruption);
}

// A port nothing listens on: bound, then released.
std::uint16_t UnusedPort() {
    boost::asio::io_context io;
    boost::asio::ip::tcp::acceptor acceptor(io, {boost::asio::ip::make_address("127.0.0.1"), 0});
    return acceptor.local_endpoint().port();
}

TEST(TixpayProvider, ProviderDownIsIoError) {
    auto provider = MakeProvider(ConfigFor("http://127.0.0.1:" + std::to_string(UnusedPort())));
    const auto started = std::chrono::steady_clock::now();
    const auto intent = provider->CreateIntent(IntentFor(42));
    ASSERT_FALSE(intent.ok());
    EXPECT_EQ(intent.status().code(), Status::Code::kIoError);
    EXPECT_EQ(intent.status().message().rfind("payment provider unavailable: ", 0), 0u);
    std::string last_event_id;
    EXPECT_EQ(provider->ListEvents("", last_event_id).status().code(), Status::Code::kIoError);
    EXPECT_EQ(provider->ListIntents(TimePoint{}).status().code(), Status::Code::kIoError);
    EXPECT_LT(std::chrono::steady_clock::now() - started, 2s);
}

TEST(TixpayProvider, EightThreadsCallAtOnceOverAFewConnections) {
    FakeTixpay tixpay;
    tixpay.SetEvents(FiveEvents());
    auto provider = MakeProvider(ConfigFor(tixpay.url()));
    constexpr int kThreads = 8;
    constexpr int kRounds = 20;
    std::atomic<int> failures{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back([&, t] {
            for (int round = 0; round < kRounds; ++round) {
                const auto intent = provider->CreateIntent(IntentFor(1 + t * kRounds + round));
                std::string last_event_id;
                const auto events = provider->ListEvents("", last_event_id);
                if (!intent.ok() || !events.ok() || events->size() != 3) failures.fetch_add(1);
            }
        });
    }
    for (auto& thread : threads) thread.join();
    EXPECT_EQ(failures.load(), 0);
    // One intent and three event pages per round.
    EXPECT_EQ(tixpay.requests().size(), std::size_t{kThreads * kRounds * 4});
    EXPECT_LE(provider->http_client().connections_opened(), std::uint64_t{kThreads});
}

TEST(TixpayProvider, RefusesInvalidConfig) {
    std::vector<TixpayConfig> configs(10, ConfigFor("http://127.0.0.1:9000"));
    configs[0].base_url = "https://127.0.0.1:9000";
    configs[1].base_url = "http://pay.example.com";
    configs[2].api_key = "";
    configs[3].api_key = "sk with space";
    configs[4].webhook_secrets = {};
    configs[5].webhook_secrets = {"whsec_a", ""};
    configs[6].timeout = 0ms;
    configs[7].page_size = 0;
    configs[8].page_size = kTixpayPageSizeMax + 1;
    configs[9].webhook_secrets = std::vector<std::string>(kWebhookSecretsMax + 1, "s");
    for (std::size_t i = 0; i < configs.size(); ++i) {
        const auto provider = TixpayProvider::Create(configs[i]);
        ASSERT_FALSE(provider.ok()) << i;
        EXPECT_EQ(provider.status().code(), Status::Code::kInvalidArgument) << i;
    }
    TixpayConfig at_limits = ConfigFor("http://127.0.0.1:9000");
    at_limits.page_size = kTixpayPageSizeMax;
    at_limits.webhook_secrets = std::vector<std::string>(kWebhookSecretsMax, "s");
    EXPECT_TRUE(TixpayProvider::Create(at_limits).ok());
}

TEST(TixpayProvider, PaymentUrlAndSignatureHeader) {
    auto provider = MakeProvider(ConfigFor("http://127.0.0.1:9000/"));
    EXPECT_EQ(provider->payment_url({.id = "pi_3f9a1c"}),
              "http://127.0.0.1:9000/v1/payment_intents/pi_3f9a1c/pay");
    EXPECT_EQ(provider->signature_header_name(), "Tix-Signature");
}

// ---- Webhooks ----

const TimePoint kNow = FromUnixMillis(1'790'000'010'000);

std::string SucceededBody() {
    return json::serialize(Event("evt_9", "payment_intent.succeeded", Intent("pi_9", "77")));
}

class TixpayWebhook : public ::testing::Test {
  protected:
    WebhookVerdict Read(std::string_view header, std::string_view body, TimePoint now = kNow) {
        return provider_->ReadWebhook(header, body, now, event_);
    }

    std::unique_ptr<TixpayProvider> provider_ = MakeProvider(ConfigFor("http://127.0.0.1:9000"));
    PaymentEvent event_;
};

TEST_F(TixpayWebhook, ASignedEventIsRead) {
    const std::string body = SucceededBody();
    ASSERT_EQ(Read(SignatureHeaderValue("whsec_new", kNow, body), body), WebhookVerdict::kOk);
    EXPECT_EQ(event_.event_id, "evt_9");
    EXPECT_EQ(event_.kind, PaymentEventKind::kPaymentSucceeded);
    EXPECT_EQ(event_.payment_id, "pi_9");
    EXPECT_EQ(event_.order_id, OrderId{77});
    EXPECT_EQ(event_.amount_minor, 4500);
    EXPECT_EQ(event_.currency, "EUR");
}

TEST_F(TixpayWebhook, EitherSecretSignsDuringRotation) {
    const std::string body = SucceededBody();
    EXPECT_EQ(Read(SignatureHeaderValue("whsec_old", kNow, body), body), WebhookVerdict::kOk);
    EXPECT_EQ(Read(SignatureHeaderValue("whsec_other", kNow, body), body),
              WebhookVerdict::kBadSignature);
}

TEST_F(TixpayWebhook, SignatureFailuresComeBeforeTheBodyIsRead) {
    // Garbage bodies: were they parsed, the verdict would be kMalformed.
    for (const std::string& body : {std::string("garbage"), std::string(100'000, '{')}) {
        const std::string signed_header = SignatureHeaderValue("whsec_new", kNow, body);
        EXPECT_EQ(Read("", body), WebhookVerdict::kBadSignature);
        EXPECT_EQ(Read("t=1790000010", body), WebhookVerdict::kBadSignature);
        EXPECT_EQ(Read("t=abc,v1=00", body), WebhookVerdict::kBadSignature);
        EXPECT_EQ(Read(SignatureHeaderValue("whsec_other", kNow, body), body),
                  WebhookVerdict::kBadSignature);
        EXPECT_EQ(Read(signed_header, body + " "), WebhookVerdict::kBadSignature);
        EXPECT_EQ(Read(signed_header, body, kNow + kSignatureTolerance + 1s),
                  WebhookVerdict::kStale);
        EXPECT_EQ(Read(signed_header, body, kNow - kSignatureTolerance - 1s),
                  WebhookVerdict::kStale);
        // Correctly signed, the same bodies are read, and refused as malformed.
        EXPECT_EQ(Read(signed_header, body), WebhookVerdict::kMalformed);
    }
}

TEST_F(TixpayWebhook, SignedButUnreadableIsMalformedAndUnknownTypesAreIgnored) {
    json::object event = Event("evt_9", "payment_intent.succeeded", Intent("pi_9", "0"));
    std::string body = json::serialize(event);
    EXPECT_EQ(Read(SignatureHeaderValue("whsec_new", kNow, body), body),
              WebhookVerdict::kMalformed);

    event = Event("evt_10", "payment_intent.canceled", Intent("pi_9", "77"));
    body = json::serialize(event);
    EXPECT_EQ(Read(SignatureHeaderValue("whsec_new", kNow, body), body), WebhookVerdict::kIgnored);
}

}  // namespace
}  // namespace tix::payments
