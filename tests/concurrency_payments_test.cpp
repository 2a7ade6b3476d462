// Payments under concurrency (issue 9): many /pay calls for one order make one intent; many
// copies of one webhook at once apply it once; buyers paying and refunding in parallel while the
// provider's webhooks stream in never oversell and end with the books balanced.
#include <gtest/gtest.h>

#include <atomic>
#include <boost/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "payments/webhook_signature.h"
#include "support/parallel.h"
#include "support/payment_rig.h"

namespace tix::test {
namespace {

namespace json = boost::json;

constexpr int kThreads = 12;

json::value CreateEvent(PaymentRig& rig, int seats) {
    EventDraft draft;
    draft.hold_seconds = 600;
    draft.zones.push_back(GaZone("GA", seats, 900));
    return rig.tix().CreateEvent(draft);
}

TEST(PaymentsConcurrency, ManyPaysOfOneOrderMakeOneIntent) {
    PaymentRig rig;
    ASSERT_TRUE(rig.ok()) << rig.error();
    const json::value event = CreateEvent(rig, 10);
    TestUser buyer = rig.tix().NewUser("racer");
    const Response held = Hold(buyer.http(), Member(event, "event_id"), "GA", 2);
    ASSERT_EQ(held.status, 201) << held;
    const json::value order_id = Member(held.json, "order_id");
    std::vector<std::string> payment_ids(kThreads);
    Problems problems;
    RunTogether(kThreads, [&](int i) {
        HttpClient client(rig.tix().port());
        client.set_token(buyer.http().token());
        const Response pay = rig.Pay(client, order_id);
        if (pay.status != 201) return problems.Add("pay " + std::to_string(pay.status));
        payment_ids[i] = GetString(pay.json, "payment_id");
    });
    ASSERT_EQ(problems.size(), 0U) << problems.Summary();
    EXPECT_EQ(std::set<std::string>(payment_ids.begin(), payment_ids.end()).size(), 1U);
    const Response intents = rig.provider().Get("/v1/payment_intents?created_after=0");
    EXPECT_EQ(GetArray(intents.json, "data").size(), 1U) << intents;
}

TEST(PaymentsConcurrency, CopiesOfOneWebhookAtOnceApplyItOnce) {
    PaymentRig rig;
    ASSERT_TRUE(rig.ok()) << rig.error();
    const json::value event = CreateEvent(rig, 10);
    TestUser buyer = rig.tix().NewUser("racer");
    const Response held = Hold(buyer.http(), Member(event, "event_id"), "GA", 1);
    ASSERT_EQ(held.status, 201) << held;
    const json::value order_id = Member(held.json, "order_id");
    const Response pay = rig.Pay(buyer.http(), order_id);
    ASSERT_EQ(pay.status, 201) << pay;
    const std::string body = json::serialize(json::object{
        {"id", "evt_concurrent_1"},
        {"object", "event"},
        {"type", "payment_intent.succeeded"},
        {"created", ToUnixSeconds(Now())},
        {"data",
         json::object{{"object", json::object{{"id", GetString(pay.json, "payment_id")},
                                              {"object", "payment_intent"},
                                              {"status", "succeeded"},
                                              {"amount_minor", GetInt(pay.json, "amount_minor")},
                                              {"currency", "TWD"},
                                              {"reference", IdText(order_id)},
                                              {"created", ToUnixSeconds(Now())},
                                              {"amount_refunded_minor", 0}}}}}});
    const std::string signature = payments::SignatureHeaderValue(kRigSecret, Now(), body);
    std::atomic<int> applied{0};
    std::atomic<int> duplicates{0};
    Problems problems;
    RunTogether(kThreads, [&](int) {
        HttpClient client(rig.tix().port());
        const Response answer =
            client.RequestRaw("POST", "/api/v1/payments/webhook", body,
                              {{"Tix-Signature", signature}, {"Content-Type", "application/json"}});
        if (answer.status != 200) return problems.Add("webhook " + std::to_string(answer.status));
        const std::string outcome = GetString(answer.json, "outcome");
        if (outcome == "applied") ++applied;
        if (outcome == "duplicate") ++duplicates;
    });
    ASSERT_EQ(problems.size(), 0U) << problems.Summary();
    EXPECT_EQ(applied.load(), 1);
    EXPECT_EQ(duplicates.load(), kThreads - 1);
    EXPECT_EQ(GetString(GetOrder(buyer.http(), order_id).json, "status"), "paid");
}

TEST(PaymentsConcurrency, BuyersPayAndRefundInParallelWithoutOversellingOrLosingMoney) {
    PaymentRig rig({.tixpay_args = {"--duplicate"}});
    ASSERT_TRUE(rig.ok()) << rig.error();
    constexpr int kSeats = 8;
    const json::value event = CreateEvent(rig, kSeats);
    std::vector<TestUser> buyers;
    for (int i = 0; i < kThreads; ++i) buyers.push_back(rig.tix().NewUser("racer"));
    std::vector<json::value> orders(kThreads);
    std::vector<char> refund(kThreads, 0);  // not vector<bool>: its bits share words across threads
    Problems problems;
    RunTogether(kThreads, [&](int i) {
        HttpClient client(rig.tix().port());
        client.set_token(buyers[i].http().token());
        const Response held = Hold(client, Member(event, "event_id"), "GA", 1);
        if (held.status == 409) return;  // sold out: more buyers than seats
        if (held.status != 201) return problems.Add("hold " + std::to_string(held.status));
        orders[i] = Member(held.json, "order_id");
        const Response pay = rig.Pay(client, orders[i]);
        if (pay.status != 201) return problems.Add("pay " + std::to_string(pay.status));
        if (rig.PayAtProvider(pay.json, kCardOk).status != 200) return problems.Add("card");
        refund[i] = i % 3 == 0 ? 1 : 0;
    });
    ASSERT_EQ(problems.size(), 0U) << problems.Summary();
    int paid = 0;
    for (int i = 0; i < kThreads; ++i) {
        if (orders[i].is_null()) continue;
        rig.WaitForStatus(buyers[i].http(), orders[i], "paid");
        ++paid;
    }
    EXPECT_EQ(paid, kSeats);
    RunTogether(kThreads, [&](int i) {
        if (!refund[i]) return;
        HttpClient client(rig.tix().port());
        client.set_token(buyers[i].http().token());
        const Response refunded =
            client.PostEmpty("/api/v1/orders/" + IdText(orders[i]) + "/refund");
        if (refunded.status != 200) problems.Add("refund " + std::to_string(refunded.status));
    });
    ASSERT_EQ(problems.size(), 0U) << problems.Summary();
    int refunds = 0;
    for (int i = 0; i < kThreads; ++i) {
        if (!refund[i]) continue;
        rig.WaitForStatus(buyers[i].http(), orders[i], "refunded");
        ++refunds;
    }
    const ZoneCounts ga =
        ZoneAvailability(Availability(rig.tix().admin(), Member(event, "event_id")).json, "GA");
    EXPECT_EQ(ga.sold, kSeats - refunds);
    EXPECT_EQ(ga.available, refunds);
    const Response report = rig.tix().admin().PostEmpty("/api/v1/admin/reconcile");
    EXPECT_TRUE(GetArray(report.json, "mismatches").empty()) << report;
}

}  // namespace
}  // namespace tix::test
