// The payments part of tixd's composition root (issue 9). payments = "instant": the simulated
// instant charge behind POST /orders/{id}/confirm. payments = "provider": the provider's adapter
// (TixpayProvider), its call pool, the PaymentService and Reconciler with their routes, the
// start-up sweep of refunds the engine is waiting for, and a thread that reconciles periodically.
#pragma once

#include <condition_variable>
#include <memory>
#include <mutex>
#include <thread>

#include "api/payment_service.h"
#include "api/reconciler.h"
#include "app/payment_options.h"
#include "http/router.h"
#include "service/payments.h"
#include "service/sequencer.h"

namespace tix::app {

class PaymentsSetup {
  public:
    // InvalidArgument for a provider config its adapter refuses (naming the field).
    static Result<std::unique_ptr<PaymentsSetup>> Create(const PaymentConfig& config,
                                                         service::Sequencer& sequencer,
                                                         api::PaymentService::Clock clock);
    ~PaymentsSetup();  // Stop()s

    // Confirm's instant payments, or null in provider mode (confirm answers payment_required).
    service::Payments* instant_payments();
    void AddRoutes(http::Router& router);
    // After the sequencer started: asks again for the refunds the engine waits for, and starts
    // the periodic reconciliation. Blocks until the engine has said which refunds.
    void Start();
    // Stops the periodic reconciliation and finishes the provider calls under way.
    void Stop();

  private:
    PaymentsSetup(const PaymentConfig& config, api::PaymentService::Clock clock);
    void ReconcileEvery(std::chrono::seconds interval);

    PaymentConfig config_;
    api::PaymentService::Clock clock_;
    service::SimulatedPayments instant_;
    std::unique_ptr<payments::PaymentProvider> provider_;
    std::unique_ptr<payments::ProviderCallPool> pool_;
    std::unique_ptr<api::PaymentService> service_;
    std::unique_ptr<api::Reconciler> reconciler_;

    std::mutex mutex_;
    std::condition_variable stop_;
    bool stopping_ = false;
    std::thread reconcile_thread_;
};

}  // namespace tix::app
