#include "app/payments_setup.h"

#include <spdlog/spdlog.h>

#include "api/payment_routes.h"
#include "payments/tixpay_provider.h"

namespace tix::app {
namespace {

// Provider calls waiting for a pool thread, at most: beyond, /pay answers 503 at once rather
// than keep a fan waiting behind a slow provider.
constexpr std::size_t kProviderCallsQueuedMax = 4'096;

}  // namespace

PaymentsSetup::PaymentsSetup(const PaymentConfig& config, api::PaymentService::Clock clock)
    : config_(config), clock_(std::move(clock)) {}

PaymentsSetup::~PaymentsSetup() { Stop(); }

Result<std::unique_ptr<PaymentsSetup>> PaymentsSetup::Create(const PaymentConfig& config,
                                                             service::Sequencer& sequencer,
                                                             api::PaymentService::Clock clock) {
    std::unique_ptr<PaymentsSetup> setup(new PaymentsSetup(config, clock));
    if (!config.provider()) return setup;
    payments::TixpayConfig tixpay;
    tixpay.base_url = config.provider_url;
    tixpay.api_key = config.api_key;
    tixpay.webhook_secrets = config.webhook_secrets;
    auto provider = payments::TixpayProvider::Create(std::move(tixpay));
    if (!provider.ok()) return provider.status();
    setup->provider_ = std::move(provider).value();
    setup->pool_ = std::make_unique<payments::ProviderCallPool>(config.provider_threads,
                                                                kProviderCallsQueuedMax);
    api::PaymentSettings settings;
    settings.grace = std::chrono::seconds{config.grace_seconds};
    setup->service_ = std::make_unique<api::PaymentService>(sequencer, *setup->provider_,
                                                            *setup->pool_, clock, settings);
    setup->reconciler_ = std::make_unique<api::Reconciler>(*setup->service_, clock);
    return setup;
}

service::Payments* PaymentsSetup::instant_payments() {
    return config_.provider() ? nullptr : &instant_;
}

void PaymentsSetup::AddRoutes(http::Router& router) {
    if (!config_.provider()) return api::AddInstantPaymentRoutes(router);
    api::AddPaymentRoutes(router, *service_, *reconciler_);
}

void PaymentsSetup::Start() {
    if (!config_.provider()) return;
    spdlog::info("payments: through the provider at {} (grace {} s, reconcile every {} s)",
                 config_.provider_url, config_.grace_seconds, config_.reconcile_interval_seconds);
    service_->AskPendingRefunds();
    if (config_.reconcile_interval_seconds == 0) return;
    reconcile_thread_ = std::thread(
        [this] { ReconcileEvery(std::chrono::seconds{config_.reconcile_interval_seconds}); });
}

void PaymentsSetup::ReconcileEvery(std::chrono::seconds interval) {
    std::unique_lock lock(mutex_);
    while (!stop_.wait_for(lock, interval, [this] { return stopping_; })) {
        lock.unlock();
        reconciler_->RunNow();
        lock.lock();
    }
}

void PaymentsSetup::Stop() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    stop_.notify_all();
    if (reconcile_thread_.joinable()) reconcile_thread_.join();
    if (pool_) pool_->Stop();
}

}  // namespace tix::app
