// PaymentService: the payment flow between the HTTP routes, the engine (through the sequencer)
// and the payment provider (through the PaymentProvider port, on the ProviderCallPool's threads).
//
//   pay      OpenPayment (durable: payment_pending) -> the provider's intent (blocking, on the
//            pool) -> AttachPayment (durable) -> 201; a provider failure -> AbandonPayment -> 502.
//   webhook  verify (on the IO thread) -> ApplyPaymentEvent (durable) -> 200; a refund it calls
//            for is asked of the provider afterwards.
//   refund   RequestRefund (durable: refund_pending) -> the provider's refund -> 200.
//
// The answer is always sent after the change is durable, so the provider retrying a webhook that
// got no answer is never a problem: the engine applies each event id once. Every refund the
// engine is waiting for is asked for again at start-up and by reconciliation (the provider's
// idempotency key makes that one refund). Responses are rendered on the IO thread that took the
// request. Thread-safe; the routes call it from IO threads.
#pragma once

#include <chrono>
#include <functional>

#include "api/order_terms.h"
#include "engine/command.h"
#include "http/handler.h"
#include "payments/payment_provider.h"
#include "payments/provider_call_pool.h"
#include "service/sequencer.h"

namespace tix::api {

struct PaymentSettings {
    // Added once to an order's hold deadline when its payment starts (issue 9: "a hard cap").
    std::chrono::milliseconds grace{std::chrono::minutes{5}};
};

class PaymentService {
  public:
    using Clock = std::function<TimePoint()>;

    // REQUIRES: everything outlives the service.
    PaymentService(service::Sequencer& sequencer, payments::PaymentProvider& provider,
                   payments::ProviderCallPool& pool, Clock clock, PaymentSettings settings);

    // POST /orders/{id}/pay.
    void Pay(const engine::Actor& actor, OrderId order_id, http::Responder respond);
    // POST /orders/{id}/refund.
    void Refund(const engine::Actor& actor, OrderId order_id, http::Responder respond);
    // POST /payments/webhook: the raw body and the signature header, checked here.
    void Webhook(const http::RequestContext& context, http::Responder respond);

    // Asks the provider for a refund the engine is waiting for; `done(asked)` on a pool thread
    // (or at once, false, when the pool is full).
    void AskRefund(const engine::RefundDue& refund, std::function<void(bool asked)> done);
    // The same, on the calling thread (blocking: a pool thread or the reconciler's). True once
    // the provider took it.
    bool AskRefundNow(const engine::RefundDue& refund);
    // Asks again for every refund the engine is waiting for (start-up). Blocks until the engine
    // answered which; the asking itself runs on the pool.
    void AskPendingRefunds();

    payments::PaymentProvider& provider() { return provider_; }
    payments::ProviderCallPool& pool() { return pool_; }
    service::Sequencer& sequencer() { return sequencer_; }

  private:
    void CreateIntent(const OrderTerms& order, http::Responder respond);
    void Attach(const OrderTerms& order, const payments::Intent& intent, http::Responder respond);
    void Abandon(OrderId order_id, http::Response answer, http::Responder respond);
    http::Response PaymentResponse(const engine::PaymentReply& reply, bool replayed) const;

    service::Sequencer& sequencer_;
    payments::PaymentProvider& provider_;
    payments::ProviderCallPool& pool_;
    Clock clock_;
    PaymentSettings settings_;
};

// Events tix applied but a person should look at: a reference to no order, another intent, or
// another amount (the money of the last one is given back by itself).
bool NeedsAPerson(engine::PaymentEventOutcome outcome);

// The idempotency key of an order's payment intent: one intent per order, however often asked.
std::string IntentKey(OrderId order_id);

}  // namespace tix::api
