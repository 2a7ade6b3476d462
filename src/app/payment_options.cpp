#include "app/payment_options.h"

namespace tix::app {
namespace {

constexpr unsigned kGraceSecondsMax = 3'600;
constexpr unsigned kReconcileSecondsMax = 86'400;
constexpr unsigned kProviderThreadsMax = 64;

}  // namespace

void AddPaymentOptions(CLI::App& app, PaymentConfig& config) {
    app.add_option("--payments", config.mode,
                   "instant (confirm pays at once) or provider (pay through the payment "
                   "provider, its webhooks tell tix)")
        ->envname("TIXD_PAYMENTS")
        ->check(CLI::IsMember({"instant", "provider"}));
    app.add_option("--payment-provider-url", config.provider_url,
                   "the payment provider's base URL, e.g. http://127.0.0.1:8090 (tixpay)")
        ->envname("TIXD_PAYMENT_PROVIDER_URL");
    app.add_option("--payment-api-key", config.api_key, "tix's API key at the payment provider")
        ->envname("TIXD_PAYMENT_API_KEY");
    app.add_option("--payment-webhook-secret", config.webhook_secrets,
                   "a secret webhooks may be signed with (repeat while rotating)")
        ->envname("TIXD_PAYMENT_WEBHOOK_SECRET")
        ->delimiter(',');
    app.add_option("--payment-grace-seconds", config.grace_seconds,
                   "added once to a hold's deadline when its payment starts")
        ->envname("TIXD_PAYMENT_GRACE_SECONDS")
        ->check(CLI::Range(1u, kGraceSecondsMax));
    app.add_option("--payment-reconcile-seconds", config.reconcile_interval_seconds,
                   "reconcile with the provider this often (0: only on demand)")
        ->envname("TIXD_PAYMENT_RECONCILE_SECONDS")
        ->check(CLI::Range(0u, kReconcileSecondsMax));
    app.add_option("--payment-provider-threads", config.provider_threads,
                   "calls to the payment provider in flight at once")
        ->envname("TIXD_PAYMENT_PROVIDER_THREADS")
        ->check(CLI::Range(1u, kProviderThreadsMax));
}

std::string ValidatePaymentConfig(const PaymentConfig& config) {
    if (!config.provider()) return {};
    if (config.provider_url.empty()) return "--payments provider needs --payment-provider-url";
    if (config.api_key.empty()) return "--payments provider needs --payment-api-key";
    if (config.webhook_secrets.empty()) {
        return "--payments provider needs --payment-webhook-secret";
    }
    for (const std::string& secret : config.webhook_secrets) {
        if (secret.size() < 16) return "--payment-webhook-secret: at least 16 characters";
    }
    return {};
}

}  // namespace tix::app
