#include "tixpay/webhook_deliverer.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <functional>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "payments/webhook_signature.h"
#include "tixpay/signature_header.h"
#include "tixpay/webhook_receiver_testing.h"

namespace tix::tixpay {
namespace {

using namespace std::chrono_literals;
using test_support::ReceivedWebhook;
using test_support::WebhookReceiver;

constexpr std::uint64_t kSeed = 20'260'101;
constexpr auto kWaitTimeout = 10s;

TimePoint Now() {
    return std::chrono::floor<std::chrono::milliseconds>(std::chrono::system_clock::now());
}

WebhookDeliverer::Options OptionsFor(const std::string& url, WebhookFaults faults = {}) {
    auto target = ParseWebhookUrl(url);
    EXPECT_TRUE(target.ok()) << target.status().ToString();
    return {.target = *target,
            .secrets = {"whsec_old", "whsec_new"},
            .now = Now,
            .faults = faults,
            .seed = kSeed,
            // Short waits keep the tests quick; the schedule's shape is the same.
            .backoff_first = 10ms,
            .backoff_max = 200ms};
}

std::string Body(int n) { return R"({"id":"evt_)" + std::to_string(n) + R"("})"; }

void EnqueueEvents(WebhookDeliverer& deliverer, int count) {
    for (int i = 0; i < count; ++i) deliverer.Enqueue("evt_" + std::to_string(i), Body(i));
}

// Waits until `done` holds for the deliverer's counters, or fails loudly with the last ones.
void WaitForCounters(const WebhookDeliverer& deliverer,
                     const std::function<bool(const DeliveryCounters&)>& done) {
    const auto deadline = std::chrono::steady_clock::now() + kWaitTimeout;
    DeliveryCounters counters = deliverer.counters();
    while (!done(counters)) {
        ASSERT_LT(std::chrono::steady_clock::now(), deadline)
            << "counters: events " << counters.events << ", delivered " << counters.delivered
            << ", pending " << counters.pending << ", dropped " << counters.dropped << ", attempts "
            << counters.attempts;
        std::this_thread::sleep_for(2ms);  // polling interval, not synchronisation
        counters = deliverer.counters();
    }
}

std::vector<std::string> Bodies(const std::vector<ReceivedWebhook>& received) {
    std::vector<std::string> bodies;
    for (const ReceivedWebhook& webhook : received) bodies.push_back(webhook.body);
    return bodies;
}

std::vector<std::string> ExpectedBodies(int from, int to) {
    std::vector<std::string> bodies;
    for (int i = from; i < to; ++i) bodies.push_back(Body(i));
    return bodies;
}

TEST(SignatureHeaderForSecrets, OneTimestampAndOneSignaturePerSecret) {
    const std::vector<std::string> secrets{"a", "b", "c"};
    const TimePoint now = FromUnixMillis(1'700'000'000'500);
    const std::string header = SignatureHeaderForSecrets(secrets, now, "{}");
    EXPECT_EQ(header, "t=1700000000,v1=" + payments::SignatureOf("a", 1'700'000'000, "{}") +
                          ",v1=" + payments::SignatureOf("b", 1'700'000'000, "{}") +
                          ",v1=" + payments::SignatureOf("c", 1'700'000'000, "{}"));
    EXPECT_EQ(SignatureHeaderForSecrets({secrets.data(), 1}, now, "{}"),
              payments::SignatureHeaderValue("a", now, "{}"));
}

TEST(ParseWebhookUrl, AcceptsHttpAndRefusesTheRest) {
    const auto target = ParseWebhookUrl("http://127.0.0.1:8080/api/v1/payments/webhook?x=1");
    ASSERT_TRUE(target.ok());
    EXPECT_EQ(target->host, "127.0.0.1");
    EXPECT_EQ(target->port, "8080");
    EXPECT_EQ(target->target, "/api/v1/payments/webhook?x=1");
    EXPECT_EQ(ParseWebhookUrl("http://localhost")->port, "80");
    EXPECT_EQ(ParseWebhookUrl("http://localhost")->target, "/");
    EXPECT_FALSE(ParseWebhookUrl("https://127.0.0.1/hook").ok());
    EXPECT_FALSE(ParseWebhookUrl("127.0.0.1:8080/hook").ok());
    EXPECT_FALSE(ParseWebhookUrl("").ok());
}

TEST(WebhookDeliverer, SignatureVerifiesWithEitherSecret) {
    WebhookReceiver receiver;
    WebhookDeliverer deliverer(OptionsFor(receiver.url()));
    deliverer.Enqueue("evt_1", Body(1));
    const std::vector<ReceivedWebhook> received = receiver.WaitFor(1);
    ASSERT_EQ(received.size(), 1u);
    EXPECT_EQ(received[0].body, Body(1));
    EXPECT_EQ(received[0].content_type, "application/json");
    for (const std::string secret : {"whsec_old", "whsec_new"}) {
        const std::vector<std::string> secrets{secret};
        EXPECT_EQ(
            payments::VerifySignature(received[0].signature, received[0].body, secrets, Now()),
            payments::SignatureCheck::kOk)
            << secret;
    }
    const std::vector<std::string> other{"whsec_other"};
    EXPECT_EQ(payments::VerifySignature(received[0].signature, received[0].body, other, Now()),
              payments::SignatureCheck::kMismatch);
    EXPECT_EQ(payments::VerifySignature(received[0].signature, received[0].body + " ",
                                        std::vector<std::string>{"whsec_new"}, Now()),
              payments::SignatureCheck::kMismatch);
    WaitForCounters(deliverer, [](const DeliveryCounters& c) { return c.delivered == 1; });
    const DeliveryCounters counters = deliverer.counters();
    EXPECT_EQ(counters.events, 1u);
    EXPECT_EQ(counters.pending, 0u);
    EXPECT_EQ(counters.attempts, 1u);
}

TEST(WebhookDeliverer, RetriesAfterServerErrorsUntil2xx) {
    WebhookReceiver receiver(0, [](std::size_t n) { return n < 3 ? 500u : 204u; });
    WebhookDeliverer deliverer(OptionsFor(receiver.url()));
    EnqueueEvents(deliverer, 2);
    const std::vector<ReceivedWebhook> received = receiver.WaitFor(5);
    // The first event three times (500, 500, 500), then again (204), then the second.
    EXPECT_EQ(Bodies(received),
              (std::vector<std::string>{Body(0), Body(0), Body(0), Body(0), Body(1)}));
    WaitForCounters(deliverer, [](const DeliveryCounters& c) { return c.delivered == 2; });
    const DeliveryCounters counters = deliverer.counters();
    EXPECT_EQ(counters.attempts, 5u);
    EXPECT_EQ(counters.pending, 0u);
    // Backoff: each retry waits longer than the one before (10, 20, 40 ms +-20 %).
    EXPECT_GE(received[2].at - received[1].at, received[1].at - received[0].at);
    EXPECT_GE(received[1].at - received[0].at, 8ms);
}

TEST(WebhookDeliverer, TimesOutAHungReceiverAndRetries) {
    WebhookReceiver receiver(0, [](std::size_t n) -> std::optional<unsigned> {
        if (n == 0) return std::nullopt;
        return 200u;
    });
    WebhookDeliverer::Options options = OptionsFor(receiver.url());
    options.timeout = 200ms;
    WebhookDeliverer deliverer(std::move(options));
    deliverer.Enqueue("evt_0", Body(0));
    const std::vector<ReceivedWebhook> received = receiver.WaitFor(2);
    EXPECT_EQ(Bodies(received), (std::vector<std::string>{Body(0), Body(0)}));
    EXPECT_GE(received[1].at - received[0].at, 190ms);
    WaitForCounters(deliverer, [](const DeliveryCounters& c) { return c.delivered == 1; });
    EXPECT_EQ(deliverer.counters().attempts, 2u);
}

TEST(WebhookDeliverer, DeliversInOrderWithoutFaults) {
    WebhookReceiver receiver;
    WebhookDeliverer deliverer(OptionsFor(receiver.url()));
    EnqueueEvents(deliverer, 20);
    EXPECT_EQ(Bodies(receiver.WaitFor(20)), ExpectedBodies(0, 20));
}

TEST(WebhookDeliverer, DuplicateDeliversEachEventTwice) {
    WebhookReceiver receiver;
    WebhookDeliverer deliverer(OptionsFor(receiver.url(), {.duplicate = true}));
    EnqueueEvents(deliverer, 3);
    WaitForCounters(deliverer, [](const DeliveryCounters& c) { return c.delivered == 6; });
    EXPECT_EQ(Bodies(receiver.Received()),
              (std::vector<std::string>{Body(0), Body(0), Body(1), Body(1), Body(2), Body(2)}));
    const DeliveryCounters counters = deliverer.counters();
    EXPECT_EQ(counters.events, 3u);
    EXPECT_EQ(counters.pending, 0u);
}

TEST(WebhookDeliverer, DropFirstNeverDeliversTheFirstEvents) {
    WebhookReceiver receiver;
    WebhookDeliverer deliverer(OptionsFor(receiver.url(), {.drop_first = 2}));
    EnqueueEvents(deliverer, 5);
    WaitForCounters(deliverer,
                    [](const DeliveryCounters& c) { return c.delivered == 3 && c.pending == 0; });
    EXPECT_EQ(Bodies(receiver.Received()), ExpectedBodies(2, 5));
    const DeliveryCounters counters = deliverer.counters();
    EXPECT_EQ(counters.events, 5u);
    EXPECT_EQ(counters.dropped, 2u);
    EXPECT_EQ(counters.attempts, 3u);
}

TEST(WebhookDeliverer, DropFirstSetLaterCountsFromThen) {
    WebhookReceiver receiver;
    WebhookDeliverer deliverer(OptionsFor(receiver.url()));
    deliverer.Enqueue("evt_0", Body(0));
    WaitForCounters(deliverer, [](const DeliveryCounters& c) { return c.delivered == 1; });
    deliverer.SetFaults({.drop_first = 1});
    deliverer.Enqueue("evt_1", Body(1));
    deliverer.Enqueue("evt_2", Body(2));
    WaitForCounters(deliverer, [](const DeliveryCounters& c) { return c.delivered == 2; });
    EXPECT_EQ(Bodies(receiver.Received()), (std::vector<std::string>{Body(0), Body(2)}));
}

TEST(WebhookDeliverer, ShuffleDeliversEveryEventInAnotherOrder) {
    WebhookReceiver receiver;
    // The delay holds the first delivery back until all events wait, so the shuffle has
    // something to choose from.
    WebhookDeliverer deliverer(OptionsFor(receiver.url(), {.shuffle = true, .delay = 300ms}));
    EnqueueEvents(deliverer, 20);
    WaitForCounters(deliverer, [](const DeliveryCounters& c) { return c.delivered == 20; });
    std::vector<std::string> bodies = Bodies(receiver.Received());
    EXPECT_NE(bodies, ExpectedBodies(0, 20)) << "seed " << kSeed;
    std::sort(bodies.begin(), bodies.end());
    std::vector<std::string> expected = ExpectedBodies(0, 20);
    std::sort(expected.begin(), expected.end());
    EXPECT_EQ(bodies, expected);
}

TEST(WebhookDeliverer, DelayHoldsTheFirstDeliveryBack) {
    WebhookReceiver receiver;
    WebhookDeliverer deliverer(OptionsFor(receiver.url(), {.delay = 200ms}));
    const auto enqueued = std::chrono::steady_clock::now();
    deliverer.Enqueue("evt_0", Body(0));
    const std::vector<ReceivedWebhook> received = receiver.WaitFor(1);
    ASSERT_EQ(received.size(), 1u);
    EXPECT_GE(received[0].at - enqueued, 200ms);
}

TEST(WebhookDeliverer, ReceiverDownThenUpGetsEverythingInOrder) {
    std::uint16_t port = 0;
    { port = WebhookReceiver().port(); }  // a port that now refuses connections
    WebhookDeliverer deliverer(OptionsFor("http://127.0.0.1:" + std::to_string(port) + "/hook"));
    EnqueueEvents(deliverer, 3);
    WaitForCounters(deliverer, [](const DeliveryCounters& c) { return c.attempts >= 3; });
    EXPECT_EQ(deliverer.counters().delivered, 0u);
    WebhookReceiver receiver(port);
    WaitForCounters(deliverer, [](const DeliveryCounters& c) { return c.delivered == 3; });
    EXPECT_EQ(Bodies(receiver.Received()), ExpectedBodies(0, 3));
    EXPECT_EQ(deliverer.counters().pending, 0u);
}

TEST(WebhookDeliverer, FullOutboxDropsInsteadOfGrowing) {
    std::uint16_t port = 0;
    { port = WebhookReceiver().port(); }
    WebhookDeliverer::Options options =
        OptionsFor("http://127.0.0.1:" + std::to_string(port) + "/hook");
    options.outbox_max = 2;
    WebhookDeliverer deliverer(std::move(options));
    // The first may already be in flight (out of the outbox), so enqueue until one is dropped.
    EnqueueEvents(deliverer, 4);
    const DeliveryCounters counters = deliverer.counters();
    EXPECT_EQ(counters.events, 4u);
    EXPECT_GE(counters.dropped, 1u);
    EXPECT_LE(counters.pending, 3u);
}

TEST(WebhookDeliverer, StopsPromptlyWhileTheReceiverHangs) {
    WebhookReceiver receiver(0,
                             [](std::size_t) -> std::optional<unsigned> { return std::nullopt; });
    const auto started = std::chrono::steady_clock::now();
    {
        WebhookDeliverer deliverer(OptionsFor(receiver.url()));
        deliverer.Enqueue("evt_0", Body(0));
        receiver.WaitFor(1);
    }
    EXPECT_LT(std::chrono::steady_clock::now() - started, kDeliveryTimeout);
}

}  // namespace
}  // namespace tix::tixpay
