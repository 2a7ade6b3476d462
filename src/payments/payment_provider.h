// The payment port: what tix asks of a payment service provider (PSP). The tixpay simulator
// (src/tixpay) is the first provider and TixpayProvider its adapter; a real PSP gets an adapter
// of its own implementing the same interface (docs/payments.md).
//
// Threads: the calls that go over the network block (with a timeout): make them from a payment
// worker thread, never an IO thread or the engine thread. ReadWebhook is pure computation and may
// run on any thread. An implementation is safe to call from several threads at once.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "common/time.h"
#include "common/types.h"
#include "engine/payment_event.h"

namespace tix::payments {

struct IntentRequest {
    OrderId order_id{};  // the intent's reference: webhooks name the order by it
    std::int64_t amount_minor = 0;
    std::string currency;         // ISO 4217
    std::string idempotency_key;  // the same key returns the same intent
    TimePoint pay_by{};  // the order's payment deadline (the simulator's late card uses it)
};

struct Intent {
    std::string id;
    // "requires_payment", "processing", "succeeded", or "canceled"
    std::string status;
    std::string client_secret;  // what the buyer's browser pays the intent with
    std::int64_t amount_minor = 0;
    std::string currency;
    OrderId order_id{};  // from the reference; 0 when it names no order
    TimePoint created_at{};
    std::int64_t amount_refunded_minor = 0;  // the sum of its succeeded refunds
};

struct RefundRequest {
    std::string payment_id;  // the intent to refund
    std::int64_t amount_minor = 0;
    std::string idempotency_key;  // the same key returns the same refund, never a second one
};

struct Refund {
    std::string id;
    std::string payment_id;
    std::int64_t amount_minor = 0;
    std::string status;  // "succeeded" or "pending"
};

// Why a webhook delivery was refused (nothing is applied for any of them).
enum class WebhookVerdict : std::uint8_t {
    kOk,
    kBadSignature,  // missing, malformed or not matching any secret: 401
    kStale,         // signed too long ago (or in the future): 401
    kMalformed,     // signed, but not an event tix can read: 400
    kIgnored,       // a well-formed event of a type tix does not use: 200, nothing applied
};

class PaymentProvider {
  public:
    virtual ~PaymentProvider() = default;

    // Creates (or, for a known idempotency key, returns) the payment intent of an order.
    virtual Result<Intent> CreateIntent(const IntentRequest& request) = 0;
    // Gives an intent's money back (all of it, in tix's use).
    virtual Result<Refund> CreateRefund(const RefundRequest& request) = 0;
    // Every intent created at or after `created_after`, oldest first (all pages).
    virtual Result<std::vector<Intent>> ListIntents(TimePoint created_after) = 0;
    // The provider's events after the one with id `after_event_id` (empty: from the first),
    // oldest first (all pages), translated; events of types tix does not use are left out.
    // `last_event_id` is set to the id of the last event seen, used or not.
    virtual Result<std::vector<engine::PaymentEvent>> ListEvents(std::string_view after_event_id,
                                                                 std::string& last_event_id) = 0;

    // Verifies a webhook delivery (its signature header and the raw body) and translates it.
    // `event` is set for kOk only.
    virtual WebhookVerdict ReadWebhook(std::string_view signature_header, std::string_view body,
                                       TimePoint now, engine::PaymentEvent& event) const = 0;
    // The header that carries the signature ("Tix-Signature").
    virtual std::string_view signature_header_name() const = 0;
    // Where the buyer pays: the provider_url answered by POST /orders/{id}/pay.
    virtual std::string payment_url(const Intent& intent) const = 0;
};

}  // namespace tix::payments
