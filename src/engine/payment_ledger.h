// What the engine knows of money: one payment per order (the provider's payment intent, retried
// after a decline as a PSP's intent is), and every provider event applied so far, so that a
// redelivered webhook changes nothing, also after a restart. Owned by Engine::State; single-
// threaded. Records its changes like the rest of the engine (PaymentChanges).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "common/types.h"
#include "engine/payment_event.h"

namespace tix::engine {

// A payment's progress. Only ever moves forward (a later event never takes it back): that is
// what makes events delivered out of order converge.
enum class PaymentState : std::uint8_t {
    kRequiresPayment,  // the intent exists; no money yet (or a charge was declined)
    kSucceeded,        // the money is taken
    kRefundPending,    // tix asked the provider to give it back
    kRefunded,         // given back
};

std::string_view ToString(PaymentState state);  // "requires_payment", ..., "refunded"
std::optional<PaymentState> ParsePaymentState(std::string_view text);

struct Payment {
    OrderId order_id{};
    std::string payment_id;     // the provider's intent id
    std::string client_secret;  // empty when the payment was learned from an event
    std::int64_t amount_minor = 0;
    std::string currency;
    PaymentState state = PaymentState::kRequiresPayment;
    std::string refund_id;  // set by refund.succeeded
    TimePoint created_at{};
    TimePoint updated_at{};

    bool operator==(const Payment&) const = default;
};

// What Engine::ApplyPaymentEvent did with an event.
enum class PaymentEventOutcome : std::uint8_t {
    kApplied,          // the order or payment moved on
    kDuplicate,        // this event id was applied before: nothing changed
    kNoChange,         // an older or redundant event (a failure after the success): nothing
    kLatePaid,         // a payment for an expired order whose seats were free: paid after all
    kLateRefunded,     // a payment for an expired order whose seats were gone: being given back
    kAlreadyPaid,      // a payment for an order paid some other way: being given back
    kUnknownOrder,     // its reference names no order: flagged for a person
    kPaymentMismatch,  // another intent than the order's: flagged for a person
    kAmountMismatch,   // not the order's amount or currency: not paid; given back if it succeeded
};

std::string_view ToString(PaymentEventOutcome outcome);  // "applied", "duplicate", ...
std::optional<PaymentEventOutcome> ParsePaymentEventOutcome(std::string_view text);

// An event as journaled: what it was, when tix applied it and what that did.
struct AppliedPaymentEvent {
    PaymentEvent event;
    PaymentEventOutcome outcome = PaymentEventOutcome::kApplied;
    TimePoint applied_at{};
};

// The payments' part of a JournalBatch: each payment after each change (later ones supersede),
// and each event applied, in order.
struct PaymentChanges {
    std::vector<Payment> payments;
    std::vector<AppliedPaymentEvent> events;

    bool empty() const { return payments.empty() && events.empty(); }
    void clear() {
        payments.clear();
        events.clear();
    }
};

// Recovery: every payment in its latest state, and the ids of the events applied.
struct PaymentSnapshot {
    std::vector<Payment> payments;
    std::vector<std::string> event_ids;
};

// A refund the provider must be asked for: a payment in kRefundPending. Asking is idempotent (the
// key), so it is asked again after a restart or by reconciliation until refund.succeeded.
struct RefundDue {
    OrderId order_id{};
    std::string payment_id;
    std::int64_t amount_minor = 0;
    std::string currency;
};

// What to ask the provider to give back for `payment`: all of it.
inline RefundDue RefundDueOf(const Payment& payment) {
    return {payment.order_id, payment.payment_id, payment.amount_minor, payment.currency};
}

// The idempotency key of the refund of a payment: one refund per payment, however often asked.
std::string RefundKey(std::string_view payment_id);

class PaymentLedger {
  public:
    const Payment* Find(OrderId order_id) const;
    Payment* Find(OrderId order_id);
    // Adds the order's payment. REQUIRES: the order has none.
    Payment& Add(Payment payment);

    bool Seen(std::string_view event_id) const { return seen_.contains(std::string(event_id)); }
    // Remembers an event id for good. Returns false if it was already there.
    bool MarkSeen(std::string_view event_id) { return seen_.emplace(event_id).second; }

    std::size_t size() const { return payments_.size(); }
    std::size_t events_seen() const { return seen_.size(); }

    // Every payment in kRefundPending, ascending order id.
    std::vector<RefundDue> RefundsDue() const;
    // Every payment, ascending order id.
    std::vector<Payment> All() const;

  private:
    std::unordered_map<OrderId, Payment> payments_;
    std::unordered_set<std::string> seen_;
};

}  // namespace tix::engine
