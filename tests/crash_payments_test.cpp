// Crash while webhooks arrive (issue 9): tixd is SIGKILLed in the middle of a stream of payment
// webhooks and restarted on the same data. The provider retries every delivery that got no 2xx;
// afterwards every event is applied exactly once: each order paid, the seats sold once each, and
// reconciliation finds no event the engine lacks.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <string>
#include <vector>

#include "support/payment_rig.h"

namespace tix::test {
namespace {

namespace json = boost::json;

// Enough that deliveries are still under way when the kill comes, on a fast machine too.
constexpr int kBuyers = 120;

TEST(PaymentsCrash, EveryAcknowledgedWebhookIsAppliedOnceAcrossAKill) {
    PaymentRig rig;
    ASSERT_TRUE(rig.ok()) << rig.error();
    EventDraft draft;
    draft.hold_seconds = 600;
    draft.zones.push_back(GaZone("GA", kBuyers, 900));
    const json::value event = rig.tix().CreateEvent(draft);
    ASSERT_FALSE(event.is_null());

    std::vector<TestUser> buyers;
    std::vector<json::value> orders;
    std::vector<json::value> intents;
    for (int i = 0; i < kBuyers; ++i) {
        buyers.push_back(rig.tix().NewUser("crash"));
        const Response held = Hold(buyers.back().http(), Member(event, "event_id"), "GA", 1);
        ASSERT_EQ(held.status, 201) << held;
        orders.push_back(Member(held.json, "order_id"));
        const Response pay = rig.Pay(buyers.back().http(), orders.back());
        ASSERT_EQ(pay.status, 201) << pay;
        intents.push_back(pay.json);
    }
    for (const json::value& intent : intents) {
        ASSERT_EQ(rig.PayAtProvider(intent, kCardOk).status, 200);
    }
    // Some deliveries answered, the rest on their way: kill tixd now.
    rig.WaitForDelivered(10);
    const ExitStatus killed = rig.tix().Crash();
    EXPECT_FALSE(killed.exited) << killed.ToString();
    const std::int64_t delivered_before = rig.DeliveryCount("delivered");
    EXPECT_LT(delivered_before, kBuyers) << "the kill came after the last delivery";

    ASSERT_TRUE(rig.tix().Restart()) << rig.tix().error();
    ASSERT_TRUE(rig.ConnectWebhooks());
    rig.WaitForDelivered(kBuyers);

    for (int i = 0; i < kBuyers; ++i) {
        HttpClient client(rig.tix().port());
        ASSERT_FALSE(client.Login(buyers[i].email, buyers[i].password).empty());
        rig.WaitForStatus(client, orders[i], "paid");
    }
    const ZoneCounts ga =
        ZoneAvailability(Availability(rig.tix().admin(), Member(event, "event_id")).json, "GA");
    EXPECT_EQ(ga.sold, kBuyers);
    EXPECT_EQ(ga.available, 0);
    const Response report = rig.tix().admin().PostEmpty("/api/v1/admin/reconcile");
    ASSERT_EQ(report.status, 200) << report;
    EXPECT_EQ(GetInt(report.json, "provider_events"), kBuyers);
    EXPECT_TRUE(GetArray(report.json, "mismatches").empty()) << report;
}

}  // namespace
}  // namespace tix::test
