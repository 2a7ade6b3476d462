// The payment options of `tixd serve` (issue 9): how orders are paid. On the command line, in the
// --config file (`payments = "provider"`) and as TIXD_* variables (the secrets are best given
// there or in the file: the command line shows in `ps`). Called by ParseCommandLine only.
#pragma once

#include <CLI/CLI.hpp>
#include <string>
#include <vector>

namespace tix::app {

struct PaymentConfig {
    // "instant": POST /orders/{id}/confirm pays at once (no provider; the default).
    // "provider": orders are paid through the payment provider (POST /orders/{id}/pay and its
    // webhooks); confirm answers 409 payment_required.
    std::string mode = "instant";
    std::string provider_url;  // tixpay's (or an adapter's) base URL: "http://127.0.0.1:8090"
    std::string api_key;       // tix's key at the provider
    // Every secret a webhook may be signed with: more than one while rotating.
    std::vector<std::string> webhook_secrets;
    unsigned grace_seconds = 300;  // added once to a hold's deadline when its payment starts
    unsigned reconcile_interval_seconds = 300;  // 0: only on demand
    unsigned provider_threads = 4;              // blocking calls to the provider at once

    bool provider() const { return mode == "provider"; }
};

// Adds --payments, --payment-provider-url, --payment-api-key, --payment-webhook-secret
// (repeatable), --payment-grace-seconds, --payment-reconcile-seconds, --payment-provider-threads.
void AddPaymentOptions(CLI::App& app, PaymentConfig& config);

// Empty when the config is usable; otherwise what is wrong ("--payments provider needs ...").
std::string ValidatePaymentConfig(const PaymentConfig& config);

}  // namespace tix::app
