#include "support/payment_rig.h"

#include <gtest/gtest.h>

#include <chrono>
#include <thread>

namespace tix::test {
namespace {

namespace json = boost::json;
using namespace std::chrono_literals;

constexpr auto kWaitMax = 15s;
constexpr auto kPollEvery = 10ms;  // a polling interval, not synchronisation

}  // namespace

std::vector<std::string> ProviderModeArgs(std::uint16_t tixpay_port) {
    return {"--payments",
            "provider",
            "--payment-provider-url",
            "http://127.0.0.1:" + std::to_string(tixpay_port),
            "--payment-api-key",
            std::string(kRigApiKey),
            "--payment-webhook-secret",
            std::string(kRigSecret),
            "--payment-reconcile-seconds",
            "0"};
}

PaymentRig::PaymentRig(Options options) {
    std::vector<std::string> tixpay_args{"--api-key",
                                         std::string(kRigApiKey),
                                         "--webhook-secret",
                                         std::string(kRigSecret),
                                         "--test-clock",
                                         "--slow-card-seconds",
                                         "1"};
    tixpay_args.insert(tixpay_args.end(), options.tixpay_args.begin(), options.tixpay_args.end());
    tixpay_ = std::make_unique<TixpayProcess>(tixpay_args);
    if (!tixpay_->started()) {
        error_ = "tixpay: " + tixpay_->error();
        return;
    }
    provider_ = std::make_unique<HttpClient>(tixpay_->port());
    provider_->set_token(std::string(kRigApiKey));
    TixServer::Options tix_options;
    tix_options.extra_args = ProviderModeArgs(tixpay_->port());
    tix_options.extra_args.push_back("--test-clock");
    tix_options.extra_args.insert(tix_options.extra_args.end(), options.tixd_args.begin(),
                                  options.tixd_args.end());
    tix_ = std::make_unique<TixServer>(tix_options);
    if (!tix_->ok()) {
        error_ = "tixd: " + tix_->error();
        return;
    }
    if (!ConnectWebhooks()) error_ = "tixpay refused the webhook endpoint";
}

bool PaymentRig::ConnectWebhooks() {
    const Response set =
        provider_->Post("/v1/webhook_endpoints",
                        json::object{{"url", "http://127.0.0.1:" + std::to_string(tix_->port()) +
                                                 "/api/v1/payments/webhook"}});
    EXPECT_EQ(set.status, 200) << set;
    return set.status == 200;
}

Response PaymentRig::Pay(HttpClient& buyer, const json::value& order_id) {
    return buyer.PostEmpty("/api/v1/orders/" + IdText(order_id) + "/pay");
}

Response PaymentRig::PayAtProvider(const json::value& pay_answer, std::string_view card) {
    HttpClient browser(tixpay_->port());  // no API key: the buyer's browser
    return browser.Post(
        "/v1/payment_intents/" + GetString(pay_answer, "payment_id") + "/pay",
        json::object{{"client_secret", GetString(pay_answer, "client_secret")}, {"card", card}});
}

json::value PaymentRig::WaitForStatus(HttpClient& owner, const json::value& order_id,
                                      std::string_view status) {
    const auto deadline = std::chrono::steady_clock::now() + kWaitMax;
    for (;;) {
        const Response order = GetOrder(owner, order_id);
        if (order.status == 200 && GetString(order.json, "status") == status) return order.json;
        if (std::chrono::steady_clock::now() > deadline) {
            ADD_FAILURE() << "order " << IdText(order_id) << " never became " << status
                          << "; last: " << order
                          << "\ntixpay deliveries: " << provider_->Get("/v1/test/deliveries");
            return order.json;
        }
        std::this_thread::sleep_for(kPollEvery);
    }
}

std::int64_t PaymentRig::DeliveryCount(std::string_view counter) {
    const Response counters = provider_->Get("/v1/test/deliveries");
    return counters.status == 200 ? GetInt(counters.json, counter) : -1;
}

void PaymentRig::WaitForDelivered(std::int64_t delivered) {
    const auto deadline = std::chrono::steady_clock::now() + kWaitMax;
    while (DeliveryCount("delivered") < delivered) {
        if (std::chrono::steady_clock::now() > deadline) {
            ADD_FAILURE() << "tixpay delivered fewer than " << delivered
                          << " events: " << provider_->Get("/v1/test/deliveries");
            return;
        }
        std::this_thread::sleep_for(kPollEvery);
    }
}

void PaymentRig::AdvanceClocks(std::int64_t seconds) {
    const Response tixd = AdvanceClock(tix_->admin(), seconds);
    EXPECT_EQ(tixd.status, 200) << tixd;
    const Response tixpay =
        provider_->Post("/v1/test/clock/advance", json::object{{"seconds", seconds}});
    EXPECT_EQ(tixpay.status, 200) << tixpay;
}

}  // namespace tix::test
