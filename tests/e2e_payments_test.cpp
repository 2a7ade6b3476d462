// Payments end to end (issue 9): a real tixpay and a real tixd in provider mode. Pay -> webhook ->
// paid; declined; duplicated and shuffled webhooks; bad and stale signatures; late payments with
// the seats free (taken back) and gone (refunded); refunds; reconciliation after lost webhooks; a
// won campaign order paid and refunded the same way.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <string>
#include <vector>

#include "payments/webhook_signature.h"
#include "support/bidding_api.h"
#include "support/payment_rig.h"

namespace tix::test {
namespace {

namespace json = boost::json;

constexpr int kHoldSeconds = 120;
constexpr int kGraceSeconds = 60;

EventDraft PaymentEvent() {
    EventDraft draft;
    draft.hold_seconds = kHoldSeconds;
    draft.zones.push_back(SeatedZone("INF", {{"A", 10}}, 2'500));
    draft.zones.push_back(GaZone("GA", 100, 800));
    return draft;
}

struct Buyer {
    TestUser user;
    json::value order_id;
};

class PaymentsE2e : public ::testing::Test {
  protected:
    void Start(PaymentRig::Options options = {}) {
        options.tixd_args.push_back("--payment-grace-seconds");
        options.tixd_args.push_back(std::to_string(kGraceSeconds));
        rig_ = std::make_unique<PaymentRig>(options);
        ASSERT_TRUE(rig_->ok()) << rig_->error();
        event_ = rig_->tix().CreateEvent(PaymentEvent());
        ASSERT_FALSE(event_.is_null());
    }
    // A new user holding `seats` of row A.
    Buyer HoldSeats(std::vector<std::string> seats) {
        Buyer buyer{rig_->tix().NewUser("payer"), nullptr};
        const Response held = test::HoldSeats(buyer.user.http(), Member(event_, "event_id"), seats);
        EXPECT_EQ(held.status, 201) << held;
        buyer.order_id = Member(held.json, "order_id");
        return buyer;
    }
    // /pay, then the card at tixpay.
    json::value PayWith(Buyer& buyer, std::string_view card, int provider_status = 200) {
        const Response pay = rig_->Pay(buyer.user.http(), buyer.order_id);
        EXPECT_EQ(pay.status, 201) << pay;
        const Response paid = rig_->PayAtProvider(pay.json, card);
        EXPECT_EQ(paid.status, provider_status) << paid;
        return pay.json;
    }
    json::value held_order(Buyer& buyer) {
        return GetOrder(buyer.user.http(), buyer.order_id).json;
    }
    ZoneCounts Seats() {
        return ZoneAvailability(Availability(rig_->tix().admin(), Member(event_, "event_id")).json,
                                "INF");
    }

    std::unique_ptr<PaymentRig> rig_;
    json::value event_;
};

TEST_F(PaymentsE2e, PayThenTheWebhookMakesTheOrderPaid) {
    Start();
    Buyer buyer = HoldSeats({"INF-A-1", "INF-A-2"});
    const Response pay = rig_->Pay(buyer.user.http(), buyer.order_id);
    ASSERT_EQ(pay.status, 201) << pay;
    EXPECT_EQ(GetString(pay.json, "currency"), "TWD");
    EXPECT_EQ(GetInt(pay.json, "amount_minor"), GetInt(held_order(buyer), "amount_minor"));
    EXPECT_GT(GetInt(pay.json, "amount_minor"), 0);
    EXPECT_FALSE(GetString(pay.json, "payment_id").empty());
    EXPECT_FALSE(GetString(pay.json, "client_secret").empty());
    EXPECT_NE(GetString(pay.json, "provider_url").find("/v1/payment_intents/"), std::string::npos);
    const auto held = GetOrder(buyer.user.http(), buyer.order_id);
    EXPECT_EQ(GetString(held.json, "status"), "payment_pending");
    // The deadline moved by the grace, once.
    const auto expires_at = GetTime(pay.json, "expires_at");
    const auto created_at = GetTime(held.json, "created_at");
    ASSERT_TRUE(expires_at && created_at);
    EXPECT_EQ(*expires_at - *created_at, std::chrono::seconds{kHoldSeconds + kGraceSeconds});

    // Asked again (a retry, another tab): the same intent.
    const Response again = rig_->Pay(buyer.user.http(), buyer.order_id);
    EXPECT_EQ(again.status, 201) << again;
    EXPECT_EQ(GetString(again.json, "payment_id"), GetString(pay.json, "payment_id"));
    EXPECT_EQ(again.Header("Idempotent-Replayed"), "true");

    ASSERT_EQ(rig_->PayAtProvider(pay.json, kCardOk).status, 200);
    rig_->WaitForStatus(buyer.user.http(), buyer.order_id, "paid");
    EXPECT_EQ(Seats().sold, 2);
    // Someone else's order is not yours to pay.
    TestUser other = rig_->tix().NewUser("other");
    EXPECT_EQ(rig_->Pay(other.http(), buyer.order_id).status, 403);
    EXPECT_EQ(rig_->Pay(buyer.user.http(), buyer.order_id).status, 409);  // already paid
}

TEST_F(PaymentsE2e, ConfirmAnswersPaymentRequired) {
    Start();
    Buyer buyer = HoldSeats({"INF-A-1"});
    const Response confirm = Confirm(buyer.user.http(), buyer.order_id);
    EXPECT_EQ(confirm.status, 409) << confirm;
    EXPECT_EQ(GetString(confirm.json, "code"), "payment_required");
    EXPECT_EQ(GetString(GetOrder(buyer.user.http(), buyer.order_id).json, "status"), "held");
}

TEST_F(PaymentsE2e, ADeclinedCardHoldsTheSeatsAgainAndAnotherCardPays) {
    Start();
    Buyer buyer = HoldSeats({"INF-A-3"});
    const json::value pay = PayWith(buyer, kCardDeclined, 402);
    rig_->WaitForStatus(buyer.user.http(), buyer.order_id, "held");
    EXPECT_EQ(Seats().held, 1);
    // The same intent, paid again with a good card (after /pay opens the payment again).
    const Response reopened = rig_->Pay(buyer.user.http(), buyer.order_id);
    ASSERT_EQ(reopened.status, 201) << reopened;
    EXPECT_EQ(GetString(reopened.json, "payment_id"), GetString(pay, "payment_id"));
    ASSERT_EQ(rig_->PayAtProvider(reopened.json, kCardOk).status, 200);
    rig_->WaitForStatus(buyer.user.http(), buyer.order_id, "paid");
}

TEST_F(PaymentsE2e, DuplicatedAndShuffledWebhooksPayEachOrderOnce) {
    Start({.tixpay_args = {"--duplicate", "--shuffle"}});
    std::vector<Buyer> buyers;
    for (int seat = 1; seat <= 6; ++seat) {
        buyers.push_back(HoldSeats({"INF-A-" + std::to_string(seat)}));
        PayWith(buyers.back(), seat % 3 == 0 ? kCardDeclined : kCardOk, seat % 3 == 0 ? 402 : 200);
    }
    for (int seat = 1; seat <= 6; ++seat) {
        Buyer& buyer = buyers[seat - 1];
        rig_->WaitForStatus(buyer.user.http(), buyer.order_id, seat % 3 == 0 ? "held" : "paid");
    }
    rig_->WaitForDelivered(12);  // 6 events, each twice
    EXPECT_EQ(Seats().sold, 4);
    EXPECT_EQ(Seats().held, 2);
    const Response report = rig_->tix().admin().PostEmpty("/api/v1/admin/reconcile");
    ASSERT_EQ(report.status, 200) << report;
    EXPECT_TRUE(GetArray(report.json, "mismatches").empty()) << report;
}

TEST_F(PaymentsE2e, BadOrStaleSignaturesAreRefusedAndChangeNothing) {
    Start();
    Buyer buyer = HoldSeats({"INF-A-4"});
    const json::value pay = PayWith(buyer, kCardDeclined, 402);
    rig_->WaitForStatus(buyer.user.http(), buyer.order_id, "held");
    ASSERT_EQ(rig_->Pay(buyer.user.http(), buyer.order_id).status, 201);
    const std::string body = json::serialize(json::object{
        {"id", "evt_forged_1"},
        {"object", "event"},
        {"type", "payment_intent.succeeded"},
        {"created", ToUnixSeconds(Now())},
        {"data", json::object{{"object", json::object{{"id", GetString(pay, "payment_id")},
                                                      {"object", "payment_intent"},
                                                      {"status", "succeeded"},
                                                      {"amount_minor", GetInt(pay, "amount_minor")},
                                                      {"currency", "TWD"},
                                                      {"reference", IdText(buyer.order_id)},
                                                      {"created", ToUnixSeconds(Now())},
                                                      {"amount_refunded_minor", 0}}}}}});
    HttpClient attacker(rig_->tix().port());
    const auto post = [&](Headers headers, std::string text) {
        headers.emplace_back("Content-Type", "application/json");
        return attacker.RequestRaw("POST", "/api/v1/payments/webhook", std::move(text), headers);
    };
    const Response unsigned_post = post({}, body);
    EXPECT_EQ(unsigned_post.status, 401) << unsigned_post;
    const Response wrong_secret = post(
        {{"Tix-Signature", payments::SignatureHeaderValue("whsec_wrong_secret_1", Now(), body)}},
        body);
    EXPECT_EQ(wrong_secret.status, 401) << wrong_secret;
    EXPECT_EQ(GetString(wrong_secret.json, "code"), "invalid_webhook_signature");
    const Response stale = post(
        {{"Tix-Signature", payments::SignatureHeaderValue(kRigSecret, Now() - 10min, body)}}, body);
    EXPECT_EQ(stale.status, 401) << stale;
    EXPECT_EQ(GetString(stale.json, "code"), "stale_webhook");
    const std::string junk = "{\"id\": 7}";
    const Response malformed =
        post({{"Tix-Signature", payments::SignatureHeaderValue(kRigSecret, Now(), junk)}}, junk);
    EXPECT_EQ(malformed.status, 400) << malformed;
    EXPECT_EQ(GetString(GetOrder(buyer.user.http(), buyer.order_id).json, "status"),
              "payment_pending");
    // Signed with the right secret, the same event is applied, once.
    const std::string header = payments::SignatureHeaderValue(kRigSecret, Now(), body);
    const Response genuine = post({{"Tix-Signature", header}}, body);
    EXPECT_EQ(genuine.status, 200) << genuine;
    EXPECT_EQ(GetString(genuine.json, "outcome"), "applied");
    const Response replay = post({{"Tix-Signature", header}}, body);
    EXPECT_EQ(GetString(replay.json, "outcome"), "duplicate") << replay;
    EXPECT_EQ(GetString(GetOrder(buyer.user.http(), buyer.order_id).json, "status"), "paid");
}

TEST_F(PaymentsE2e, ALatePaymentTakesBackItsFreeSeats) {
    Start();
    Buyer buyer = HoldSeats({"INF-A-5", "INF-A-6"});
    const json::value pay = PayWith(buyer, kCardLate);
    AdvanceClock(rig_->tix().admin(), kHoldSeconds + kGraceSeconds + 1);
    rig_->WaitForStatus(buyer.user.http(), buyer.order_id, "expired");
    EXPECT_EQ(Seats().available, 10);
    // Now the provider settles it: 1 s after the payment deadline, on its clock.
    const Response moved = rig_->provider().Post(
        "/v1/test/clock/advance", json::object{{"seconds", kHoldSeconds + kGraceSeconds + 2}});
    ASSERT_EQ(moved.status, 200) << moved;
    const json::value paid = rig_->WaitForStatus(buyer.user.http(), buyer.order_id, "paid");
    EXPECT_EQ(SeatSet(paid), (std::set<std::string>{"INF-A-5", "INF-A-6"}));
    EXPECT_EQ(Seats().sold, 2);
}

TEST_F(PaymentsE2e, ALatePaymentWhoseSeatsAreGoneIsRefunded) {
    Start();
    Buyer buyer = HoldSeats({"INF-A-7"});
    PayWith(buyer, kCardLate);
    AdvanceClock(rig_->tix().admin(), kHoldSeconds + kGraceSeconds + 1);
    rig_->WaitForStatus(buyer.user.http(), buyer.order_id, "expired");
    Buyer taker = HoldSeats({"INF-A-7"});
    ASSERT_FALSE(taker.order_id.is_null());
    const Response moved = rig_->provider().Post(
        "/v1/test/clock/advance", json::object{{"seconds", kHoldSeconds + kGraceSeconds + 2}});
    ASSERT_EQ(moved.status, 200) << moved;
    const json::value refunded = rig_->WaitForStatus(buyer.user.http(), buyer.order_id, "refunded");
    EXPECT_EQ(GetString(refunded, "refund_reason"), "late_payment");
    EXPECT_EQ(GetString(GetOrder(taker.user.http(), taker.order_id).json, "status"), "held");
    // The money went back at the provider: its intent is fully refunded.
    const Response intents = rig_->provider().Get("/v1/payment_intents?created_after=0");
    ASSERT_EQ(intents.status, 200) << intents;
    bool found = false;
    for (const json::value& intent : GetArray(intents.json, "data")) {
        if (GetString(intent, "reference") != IdText(buyer.order_id)) continue;
        found = true;
        EXPECT_EQ(GetInt(intent, "amount_refunded_minor"), GetInt(intent, "amount_minor"));
    }
    EXPECT_TRUE(found) << intents;
}

TEST_F(PaymentsE2e, ARefundGivesTheMoneyAndTheSeatsBack) {
    Start();
    Buyer buyer = HoldSeats({"INF-A-8", "INF-A-9"});
    PayWith(buyer, kCardOk);
    rig_->WaitForStatus(buyer.user.http(), buyer.order_id, "paid");
    TestUser other = rig_->tix().NewUser("other");
    EXPECT_EQ(other.http().PostEmpty("/api/v1/orders/" + IdText(buyer.order_id) + "/refund").status,
              403);
    const Response refund =
        buyer.user.http().PostEmpty("/api/v1/orders/" + IdText(buyer.order_id) + "/refund");
    ASSERT_EQ(refund.status, 200) << refund;
    EXPECT_EQ(GetString(refund.json, "status"), "refund_pending");
    EXPECT_EQ(GetString(refund.json, "refund_reason"), "requested");
    rig_->WaitForStatus(buyer.user.http(), buyer.order_id, "refunded");
    EXPECT_EQ(Seats().sold, 0);
    EXPECT_EQ(Seats().available, 10);
    const Response twice =
        buyer.user.http().PostEmpty("/api/v1/orders/" + IdText(buyer.order_id) + "/refund");
    EXPECT_EQ(twice.status, 200) << twice;
    EXPECT_EQ(GetString(twice.json, "status"), "refunded");
    Buyer unpaid = HoldSeats({"INF-A-10"});
    const Response not_paid =
        unpaid.user.http().PostEmpty("/api/v1/orders/" + IdText(unpaid.order_id) + "/refund");
    EXPECT_EQ(not_paid.status, 409) << not_paid;
    EXPECT_EQ(GetString(not_paid.json, "code"), "order_not_paid");
}

TEST_F(PaymentsE2e, ReconciliationFindsAndFixesEveryLostWebhook) {
    Start({.tixpay_args = {"--drop-first", "3"}});
    std::vector<Buyer> buyers;
    for (int seat = 1; seat <= 4; ++seat) {
        buyers.push_back(HoldSeats({"INF-A-" + std::to_string(seat)}));
        PayWith(buyers.back(), kCardOk);
    }
    // The fourth event is delivered; the first three are lost for good.
    rig_->WaitForStatus(buyers[3].user.http(), buyers[3].order_id, "paid");
    for (int i = 0; i < 3; ++i) {
        EXPECT_EQ(GetString(GetOrder(buyers[i].user.http(), buyers[i].order_id).json, "status"),
                  "payment_pending");
    }
    const Response report = rig_->tix().admin().PostEmpty("/api/v1/admin/reconcile");
    ASSERT_EQ(report.status, 200) << report;
    const json::array& mismatches = GetArray(report.json, "mismatches");
    ASSERT_EQ(mismatches.size(), 3U) << report;
    for (const json::value& mismatch : mismatches) {
        EXPECT_EQ(GetString(mismatch, "kind"), "missed_webhook") << mismatch;
        EXPECT_EQ(GetString(mismatch, "action"), "applied") << mismatch;
    }
    for (int i = 0; i < 3; ++i) {
        EXPECT_EQ(GetString(GetOrder(buyers[i].user.http(), buyers[i].order_id).json, "status"),
                  "paid");
    }
    const Response again = rig_->tix().admin().PostEmpty("/api/v1/admin/reconcile");
    EXPECT_TRUE(GetArray(again.json, "mismatches").empty()) << again;
    EXPECT_EQ(rig_->tix().NewUser("fan").http().PostEmpty("/api/v1/admin/reconcile").status, 403);
}

// A won campaign order (issue 11) goes through the same flow: /pay, the card, the webhook (lost
// here, so reconciliation applies it), a refund that gives the unit back.
TEST_F(PaymentsE2e, AWonCampaignOrderIsPaidReconciledAndRefundedThroughTheProvider) {
    Start({.tixpay_args = {"--drop-first", "1"}});
    HttpClient& admin = rig_->tix().admin();
    const json::value product = CreateProduct(admin, ProductBody(1));
    CampaignDraft draft;
    draft.product_id = product;
    draft.start_time = std::chrono::floor<std::chrono::seconds>(Now());
    draft.end_time = draft.start_time + std::chrono::seconds{60};
    const json::value campaign_id = Member(CreateCampaign(admin, draft), "campaign_id");
    Buyer winner{rig_->tix().NewUser("winner"), nullptr};
    ASSERT_EQ(PlaceBid(winner.user.http(), campaign_id, 180).status, 201);
    rig_->AdvanceClocks(61);
    const Response won = CampaignOrders(admin, campaign_id);
    ASSERT_EQ(GetArray(won.json, "orders").size(), 1u) << won;
    winner.order_id = Member(GetArray(won.json, "orders")[0], "order_id");
    EXPECT_EQ(GetInt(GetProduct(admin, product).json, "stock"), 0);

    const json::value pay = PayWith(winner, kCardOk);
    EXPECT_EQ(GetInt(pay, "amount_minor"), 180'00);
    EXPECT_EQ(GetString(Member(pay, "order"), "kind"), "campaign");
    EXPECT_EQ(GetString(Member(pay, "order"), "status"), "payment_pending");
    const Response report = admin.PostEmpty("/api/v1/admin/reconcile");
    ASSERT_EQ(report.status, 200) << report;
    const json::array& mismatches = GetArray(report.json, "mismatches");
    ASSERT_EQ(mismatches.size(), 1U) << report;
    EXPECT_EQ(GetString(mismatches[0], "kind"), "missed_webhook");
    EXPECT_EQ(GetString(mismatches[0], "action"), "applied");
    EXPECT_EQ(GetString(held_order(winner), "status"), "paid");

    const Response refund =
        winner.user.http().PostEmpty("/api/v1/orders/" + IdText(winner.order_id) + "/refund");
    ASSERT_EQ(refund.status, 200) << refund;
    EXPECT_EQ(GetString(refund.json, "status"), "refund_pending");
    rig_->WaitForStatus(winner.user.http(), winner.order_id, "refunded");
    EXPECT_EQ(GetInt(GetProduct(admin, product).json, "stock"), 1) << "the unit is back";
    const Response again = admin.PostEmpty("/api/v1/admin/reconcile");
    EXPECT_TRUE(GetArray(again.json, "mismatches").empty()) << again;
}

TEST_F(PaymentsE2e, TixdAdminReconcilePrintsTheReportAndSaysWhetherItWasClean) {
    Start({.tixpay_args = {"--drop-first", "1"}});
    Buyer buyer = HoldSeats({"INF-A-1"});
    PayWith(buyer, kCardOk);
    rig_->WaitForStatus(buyer.user.http(), buyer.order_id, "payment_pending");
    const std::vector<std::string> args{
        "admin",   "reconcile", "--url", "http://127.0.0.1:" + std::to_string(rig_->tix().port()),
        "--email", kAdminEmail};
    const CommandResult found = RunTixdCommand(args, kCommandTimeout, std::string(kAdminPassword));
    EXPECT_TRUE(found.status.exited && found.status.code == 3) << found.status.ToString() << "\n"
                                                               << found.output;
    EXPECT_NE(found.output.find("missed_webhook"), std::string::npos) << found.output;
    EXPECT_EQ(GetString(GetOrder(buyer.user.http(), buyer.order_id).json, "status"), "paid");
    const CommandResult clean = RunTixdCommand(args, kCommandTimeout, std::string(kAdminPassword));
    EXPECT_TRUE(clean.status.Clean()) << clean.status.ToString() << "\n" << clean.output;
    const CommandResult wrong = RunTixdCommand(args, kCommandTimeout, std::string("not-it-at-all"));
    EXPECT_TRUE(wrong.status.exited && wrong.status.code == 1) << wrong.output;
}

}  // namespace
}  // namespace tix::test
