#include "payments/tixpay_json.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <functional>
#include <string>
#include <vector>

namespace tix::payments::tixpay {
namespace {

namespace json = boost::json;
using engine::PaymentEvent;
using engine::PaymentEventKind;

// Events as docs/tixpay.md describes them, with data.object the intent or refund after the change.
json::object IntentObject() {
    return json::parse(R"({
        "id": "pi_3f9a1c", "object": "payment_intent", "status": "succeeded",
        "client_secret": "pi_3f9a1c_secret_8d2e", "amount_minor": 4500, "currency": "EUR",
        "reference": "42", "created": 1790000000, "amount_refunded_minor": 0,
        "last_payment_error": null})")
        .as_object();
}

json::object RefundObject() {
    return json::parse(R"({
        "id": "re_77b0", "object": "refund", "payment_intent": "pi_3f9a1c", "reference": "42",
        "amount_minor": 4500, "currency": "EUR", "status": "succeeded", "created": 1790000100})")
        .as_object();
}

json::object EventObject(std::string_view type, json::object data_object) {
    json::object event{
        {"id", "evt_000017"}, {"object", "event"}, {"type", type}, {"created", 1'790'000'005}};
    event["data"] = json::object{{"object", std::move(data_object)}};
    return event;
}

json::object PaymentSucceeded() { return EventObject("payment_intent.succeeded", IntentObject()); }
json::object RefundSucceeded() { return EventObject("refund.succeeded", RefundObject()); }

EventRead Read(const json::object& event, PaymentEvent& out) {
    return ReadEventBody(json::serialize(event), out);
}
EventRead Read(const json::object& event) {
    PaymentEvent out;
    return Read(event, out);
}

TEST(TixpayJson, ReadsAPaymentSucceededEvent) {
    PaymentEvent event;
    ASSERT_EQ(Read(PaymentSucceeded(), event), EventRead::kOk);
    EXPECT_EQ(event.event_id, "evt_000017");
    EXPECT_EQ(event.kind, PaymentEventKind::kPaymentSucceeded);
    EXPECT_EQ(event.payment_id, "pi_3f9a1c");
    EXPECT_EQ(event.order_id, OrderId{42});
    EXPECT_EQ(event.amount_minor, 4500);
    EXPECT_EQ(event.currency, "EUR");
    EXPECT_EQ(event.refund_id, "");
    EXPECT_EQ(event.created, FromUnixMillis(1'790'000'005'000));
}

TEST(TixpayJson, ReadsAPaymentFailedEvent) {
    json::object intent = IntentObject();
    intent["status"] = "requires_payment";
    intent["last_payment_error"] = json::object{{"code", "card_declined"}};
    PaymentEvent event;
    ASSERT_EQ(Read(EventObject("payment_intent.payment_failed", intent), event), EventRead::kOk);
    EXPECT_EQ(event.kind, PaymentEventKind::kPaymentFailed);
    EXPECT_EQ(event.payment_id, "pi_3f9a1c");
    EXPECT_EQ(event.order_id, OrderId{42});
    EXPECT_EQ(event.amount_minor, 4500);
}

TEST(TixpayJson, ReadsARefundSucceededEvent) {
    PaymentEvent event;
    event.refund_id = "stale";
    ASSERT_EQ(Read(RefundSucceeded(), event), EventRead::kOk);
    EXPECT_EQ(event.kind, PaymentEventKind::kRefundSucceeded);
    EXPECT_EQ(event.refund_id, "re_77b0");
    EXPECT_EQ(event.payment_id, "pi_3f9a1c");
    EXPECT_EQ(event.order_id, OrderId{42});
    EXPECT_EQ(event.amount_minor, 4500);
    EXPECT_EQ(event.currency, "EUR");
    EXPECT_EQ(event.created, FromUnixMillis(1'790'000'005'000));
}

TEST(TixpayJson, UnknownTypeIsIgnoredButKeepsItsId) {
    json::object event = EventObject("charge.dispute.created", json::object{{"anything", 1}});
    PaymentEvent out;
    EXPECT_EQ(Read(event, out), EventRead::kUnknownType);
    EXPECT_EQ(out.event_id, "evt_000017");
    event["id"] = std::string(engine::kMaxProviderIdLength + 1, 'e');
    EXPECT_EQ(Read(event), EventRead::kMalformed) << "an unknown type still needs a valid id";
}

// One way of breaking an event, and its name for the failure message.
struct Breakage {
    const char* name;
    std::function<void(json::object& event, json::object& data_object)> apply;
};

void ExpectMalformed(const std::function<json::object()>& make, const Breakage& breakage) {
    json::object event = make();
    json::object& data_object = event["data"].as_object()["object"].as_object();
    breakage.apply(event, data_object);
    EXPECT_EQ(Read(event), EventRead::kMalformed) << breakage.name << ": " << event;
}

const std::vector<Breakage>& CommonBreakages() {
    using O = json::object;
    static const std::vector<Breakage> breakages = {
        {"no id", [](O& e, O&) { e.erase("id"); }},
        {"numeric id", [](O& e, O&) { e["id"] = 17; }},
        {"empty id", [](O& e, O&) { e["id"] = ""; }},
        {"id with a space", [](O& e, O&) { e["id"] = "evt 1"; }},
        {"overlong id", [](O& e, O&) { e["id"] = std::string(65, 'e'); }},
        {"not an event", [](O& e, O&) { e["object"] = "refund"; }},
        {"no type", [](O& e, O&) { e.erase("type"); }},
        {"numeric type", [](O& e, O&) { e["type"] = 3; }},
        {"no created", [](O& e, O&) { e.erase("created"); }},
        {"created as text", [](O& e, O&) { e["created"] = "1790000005"; }},
        {"created with a fraction", [](O& e, O&) { e["created"] = 1790000005.5; }},
        {"negative created", [](O& e, O&) { e["created"] = -1; }},
        {"created past year 9999", [](O& e, O&) { e["created"] = kUnixSecondsMax + 1; }},
        {"no data", [](O& e, O&) { e.erase("data"); }},
        {"data not an object", [](O& e, O&) { e["data"] = json::array{}; }},
        {"no data.object", [](O& e, O&) { e["data"] = json::object{}; }},
        {"data.object null", [](O& e, O&) { e["data"].as_object()["object"] = nullptr; }},
        {"object without id", [](O&, O& d) { d.erase("id"); }},
        {"object id overlong", [](O&, O& d) { d["id"] = std::string(65, 'p'); }},
        {"object id with a control", [](O&, O& d) { d["id"] = "pi_\n1"; }},
        {"no reference", [](O&, O& d) { d.erase("reference"); }},
        {"numeric reference", [](O&, O& d) { d["reference"] = 42; }},
        {"empty reference", [](O&, O& d) { d["reference"] = ""; }},
        {"zero reference", [](O&, O& d) { d["reference"] = "0"; }},
        {"negative reference", [](O&, O& d) { d["reference"] = "-42"; }},
        {"signed reference", [](O&, O& d) { d["reference"] = "+42"; }},
        {"leading zero", [](O&, O& d) { d["reference"] = "042"; }},
        {"reference not decimal", [](O&, O& d) { d["reference"] = "4a2"; }},
        {"reference with a space", [](O&, O& d) { d["reference"] = " 42"; }},
        {"reference over 2^53", [](O&, O& d) { d["reference"] = "9007199254740993"; }},
        {"reference of 17 digits", [](O&, O& d) { d["reference"] = "10000000000000000"; }},
        {"no amount", [](O&, O& d) { d.erase("amount_minor"); }},
        {"amount as text", [](O&, O& d) { d["amount_minor"] = "4500"; }},
        {"amount with a fraction", [](O&, O& d) { d["amount_minor"] = 45.5; }},
        {"negative amount", [](O&, O& d) { d["amount_minor"] = -1; }},
        {"amount over 2^53", [](O&, O& d) { d["amount_minor"] = (std::int64_t{1} << 53) + 1; }},
        {"huge unsigned amount", [](O&, O& d) { d["amount_minor"] = ~std::uint64_t{0}; }},
        {"no currency", [](O&, O& d) { d.erase("currency"); }},
        {"lower-case currency", [](O&, O& d) { d["currency"] = "eur"; }},
        {"four-letter currency", [](O&, O& d) { d["currency"] = "EURO"; }},
        {"currency with a digit", [](O&, O& d) { d["currency"] = "EU1"; }},
        {"numeric currency", [](O&, O& d) { d["currency"] = 978; }},
    };
    return breakages;
}

TEST(TixpayJson, EveryBrokenPaymentEventIsMalformed) {
    for (const Breakage& breakage : CommonBreakages()) ExpectMalformed(PaymentSucceeded, breakage);
    ExpectMalformed(PaymentSucceeded,
                    {"a refund where an intent belongs",
                     [](json::object&, json::object& d) { d["object"] = "refund"; }});
}

TEST(TixpayJson, EveryBrokenRefundEventIsMalformed) {
    for (const Breakage& breakage : CommonBreakages()) ExpectMalformed(RefundSucceeded, breakage);
    using O = json::object;
    const std::vector<Breakage> refund_only = {
        {"no payment_intent", [](O&, O& d) { d.erase("payment_intent"); }},
        {"payment_intent null", [](O&, O& d) { d["payment_intent"] = nullptr; }},
        {"payment_intent overlong", [](O&, O& d) { d["payment_intent"] = std::string(65, 'p'); }},
        {"an intent where a refund belongs", [](O&, O& d) { d["object"] = "payment_intent"; }},
    };
    for (const Breakage& breakage : refund_only) ExpectMalformed(RefundSucceeded, breakage);
}

TEST(TixpayJson, AcceptsTheLimitsThemselves) {
    json::object event = PaymentSucceeded();
    json::object& intent = event["data"].as_object()["object"].as_object();
    intent["reference"] = "9007199254740992";  // 2^53
    intent["amount_minor"] = std::int64_t{1} << 53;
    intent["id"] = std::string(engine::kMaxProviderIdLength, 'p');
    event["created"] = kUnixSecondsMax;
    PaymentEvent out;
    ASSERT_EQ(Read(event, out), EventRead::kOk);
    EXPECT_EQ(out.order_id, OrderId{std::uint64_t{1} << 53});
    EXPECT_EQ(out.amount_minor, std::int64_t{1} << 53);
    EXPECT_EQ(out.payment_id.size(), engine::kMaxProviderIdLength);
}

TEST(TixpayJson, BodiesThatAreNotOneJsonObjectAreMalformed) {
    PaymentEvent event;
    for (const std::string_view body : {"", "garbage", "[]", "null", "42", R"({"id": "evt_1")",
                                        R"({"id":"evt_1","type":"refund.succeeded"} {})",
                                        "{\"id\":\"evt_\xff\",\"type\":\"x\"}"}) {
        EXPECT_EQ(ReadEventBody(body, event), EventRead::kMalformed) << body;
    }
}

TEST(TixpayJson, BodiesOverSixtyFourKibAreMalformed) {
    json::object event = PaymentSucceeded();
    event["padding"] = "";
    const std::size_t base = json::serialize(event).size();
    event["padding"] = std::string(kWebhookBodyBytesMax - base, 'x');
    const std::string at_limit = json::serialize(event);
    ASSERT_EQ(at_limit.size(), kWebhookBodyBytesMax);
    PaymentEvent out;
    EXPECT_EQ(ReadEventBody(at_limit, out), EventRead::kOk);
    event["padding"] = std::string(kWebhookBodyBytesMax - base + 1, 'x');
    EXPECT_EQ(ReadEventBody(json::serialize(event), out), EventRead::kMalformed);
}

TEST(TixpayJson, ReadsAnIntent) {
    const auto intent = ReadIntent(IntentObject());
    ASSERT_TRUE(intent.ok()) << intent.status().ToString();
    EXPECT_EQ(intent->id, "pi_3f9a1c");
    EXPECT_EQ(intent->status, "succeeded");
    EXPECT_EQ(intent->client_secret, "pi_3f9a1c_secret_8d2e");
    EXPECT_EQ(intent->amount_minor, 4500);
    EXPECT_EQ(intent->currency, "EUR");
    EXPECT_EQ(intent->order_id, OrderId{42});
    EXPECT_EQ(intent->created_at, FromUnixMillis(1'790'000'000'000));
    EXPECT_EQ(intent->amount_refunded_minor, 0);
}

TEST(TixpayJson, AnIntentWhoseReferenceNamesNoOrderHasOrderZero) {
    for (const json::value& reference : {json::value("not-an-order"), json::value(nullptr)}) {
        json::object object = IntentObject();
        object["reference"] = reference;
        const auto intent = ReadIntent(object);
        ASSERT_TRUE(intent.ok()) << intent.status().ToString();
        EXPECT_EQ(intent->order_id, OrderId{});
    }
}

TEST(TixpayJson, ABrokenIntentIsCorruption) {
    const std::vector<std::pair<const char*, std::function<void(json::object&)>>> breakages = {
        {"no id", [](json::object& o) { o.erase("id"); }},
        {"overlong id", [](json::object& o) { o["id"] = std::string(65, 'p'); }},
        {"no status", [](json::object& o) { o.erase("status"); }},
        {"no client secret", [](json::object& o) { o.erase("client_secret"); }},
        {"secret with a space", [](json::object& o) { o["client_secret"] = "a b"; }},
        {"negative amount", [](json::object& o) { o["amount_minor"] = -5; }},
        {"bad currency", [](json::object& o) { o["currency"] = "Eur"; }},
        {"no created", [](json::object& o) { o.erase("created"); }},
        {"no refunded", [](json::object& o) { o.erase("amount_refunded_minor"); }},
        {"a refund", [](json::object& o) { o["object"] = "refund"; }},
    };
    for (const auto& [name, apply] : breakages) {
        json::object object = IntentObject();
        apply(object);
        const auto intent = ReadIntent(object);
        ASSERT_FALSE(intent.ok()) << name;
        EXPECT_EQ(intent.status().code(), Status::Code::kCorruption) << name;
    }
    EXPECT_FALSE(ReadIntent(json::array{}).ok());
}

TEST(TixpayJson, ReadsARefundAndRefusesABrokenOne) {
    const auto refund = ReadRefund(RefundObject());
    ASSERT_TRUE(refund.ok()) << refund.status().ToString();
    EXPECT_EQ(refund->id, "re_77b0");
    EXPECT_EQ(refund->payment_id, "pi_3f9a1c");
    EXPECT_EQ(refund->amount_minor, 4500);
    EXPECT_EQ(refund->status, "succeeded");
    for (const char* field : {"id", "payment_intent", "amount_minor", "status"}) {
        json::object object = RefundObject();
        object.erase(field);
        const auto broken = ReadRefund(object);
        ASSERT_FALSE(broken.ok()) << field;
        EXPECT_EQ(broken.status().code(), Status::Code::kCorruption);
        EXPECT_NE(broken.status().message().find(field), std::string::npos)
            << broken.status().message();
    }
}

TEST(TixpayJson, ReadsAListPageAndRefusesOthers) {
    const json::value page = json::parse(R"({"object":"list","data":[{"id":1}],"has_more":true})");
    const auto read = ReadListPage(page);
    ASSERT_TRUE(read.ok());
    EXPECT_EQ(read->data->size(), 1u);
    EXPECT_TRUE(read->has_more);
    for (const char* text : {R"({"object":"list","data":{},"has_more":false})",
                             R"({"object":"list","data":[]})", R"({"data":[],"has_more":"no"})",
                             R"({"object":"event","data":[],"has_more":false})", "[]"}) {
        EXPECT_FALSE(ReadListPage(json::parse(text)).ok()) << text;
    }
}

TEST(TixpayJson, OrderReferences) {
    EXPECT_EQ(ParseOrderReference("1"), OrderId{1});
    EXPECT_EQ(ParseOrderReference("4294967296"), OrderId{4'294'967'296});
    EXPECT_EQ(ParseOrderReference("9007199254740992"), OrderId{9'007'199'254'740'992});
    for (const char* bad : {"", "0", "00", "01", "-1", "1.0", "1e3", "9007199254740993",
                            "99999999999999999999", "١"}) {
        EXPECT_FALSE(ParseOrderReference(bad).has_value()) << bad;
    }
}

TEST(TixpayJson, DescribesTheProvidersErrorBoundedAndPrintable) {
    EXPECT_EQ(DescribeProviderError(
                  R"({"error":{"code":"idempotency_key_reused","message":"another body"}})"),
              "idempotency_key_reused: another body");
    EXPECT_EQ(DescribeProviderError(R"({"error":{"code":"card_declined"}})"), "card_declined");
    EXPECT_EQ(DescribeProviderError("<html>"), "unknown");
    EXPECT_EQ(DescribeProviderError(R"({"error":"x"})"), "unknown");
    const std::string described = DescribeProviderError(R"({"error":{"code":"a\nb","message":")" +
                                                        std::string(1000, 'm') + R"("}})");
    EXPECT_EQ(described.substr(0, 5), "a?b: ");
    EXPECT_LT(described.size(), 300u);
}

}  // namespace
}  // namespace tix::payments::tixpay
