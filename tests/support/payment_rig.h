// PaymentRig: a real tixpay and a real tixd in provider mode wired to each other on 127.0.0.1,
// both with test clocks, for the payment flow's black-box tests. tixpay starts first with no
// webhook endpoint (deliveries wait), tixd is told tixpay's URL, then tixpay is told tixd's
// webhook URL (POST /v1/webhook_endpoints): no port has to be guessed. Tests only; main thread.
#pragma once

#include <boost/json.hpp>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "support/http_client.h"
#include "support/tix_server.h"
#include "support/tixpay_process.h"

namespace tix::test {

inline constexpr std::string_view kRigApiKey = "sk_test_rig_0123456789";
inline constexpr std::string_view kRigSecret = "whsec_rig_0123456789abcdef";

inline constexpr std::string_view kCardOk = "4242424242424242";
inline constexpr std::string_view kCardDeclined = "4000000000000002";
inline constexpr std::string_view kCardLate = "4000000000000341";

class PaymentRig {
  public:
    struct Options {
        std::vector<std::string> tixpay_args;  // faults: {"--duplicate", "--shuffle", ...}
        std::vector<std::string> tixd_args;    // e.g. {"--payment-grace-seconds", "30"}
    };
    PaymentRig() : PaymentRig(Options{}) {}
    explicit PaymentRig(Options options);

    bool ok() const { return error_.empty(); }
    const std::string& error() const { return error_; }
    TixServer& tix() { return *tix_; }
    TixpayProcess& tixpay() { return *tixpay_; }
    // A client of tixpay carrying the API key.
    HttpClient& provider() { return *provider_; }
    // Points tixpay's deliveries at tixd again (after tixd restarted on a new port).
    bool ConnectWebhooks();

    // POST /api/v1/orders/{id}/pay as `buyer`.
    Response Pay(HttpClient& buyer, const boost::json::value& order_id);
    // Pays the intent of a /pay answer at tixpay, as the buyer's browser does.
    Response PayAtProvider(const boost::json::value& pay_answer, std::string_view card);
    // Polls the order until its status is `status`; adds a failure after 15 s. The order.
    boost::json::value WaitForStatus(HttpClient& owner, const boost::json::value& order_id,
                                     std::string_view status);
    // Waits until tixpay has delivered at least `delivered` events (GET /v1/test/deliveries).
    void WaitForDelivered(std::int64_t delivered);
    std::int64_t DeliveryCount(std::string_view counter);
    // Moves both clocks forward by the same amount (signatures stay fresh).
    void AdvanceClocks(std::int64_t seconds);

  private:
    std::unique_ptr<TixpayProcess> tixpay_;
    std::unique_ptr<TixServer> tix_;
    std::unique_ptr<HttpClient> provider_;
    std::string error_;
};

// tixd's flags for provider mode against tixpay on `port` (tests add --test-clock themselves).
std::vector<std::string> ProviderModeArgs(std::uint16_t tixpay_port);

}  // namespace tix::test
