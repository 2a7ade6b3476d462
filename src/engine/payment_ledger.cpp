#include "engine/payment_ledger.h"

#include <algorithm>

#include "engine/tix_assert.h"

namespace tix::engine {

std::string_view ToString(PaymentState state) {
    switch (state) {
        case PaymentState::kRequiresPayment:
            return "requires_payment";
        case PaymentState::kSucceeded:
            return "succeeded";
        case PaymentState::kRefundPending:
            return "refund_pending";
        case PaymentState::kRefunded:
            return "refunded";
    }
    return "unknown";
}

std::optional<PaymentState> ParsePaymentState(std::string_view text) {
    for (auto state : {PaymentState::kRequiresPayment, PaymentState::kSucceeded,
                       PaymentState::kRefundPending, PaymentState::kRefunded}) {
        if (ToString(state) == text) return state;
    }
    return std::nullopt;
}

std::string_view ToString(PaymentEventOutcome outcome) {
    switch (outcome) {
        case PaymentEventOutcome::kApplied:
            return "applied";
        case PaymentEventOutcome::kDuplicate:
            return "duplicate";
        case PaymentEventOutcome::kNoChange:
            return "no_change";
        case PaymentEventOutcome::kLatePaid:
            return "late_paid";
        case PaymentEventOutcome::kLateRefunded:
            return "late_refunded";
        case PaymentEventOutcome::kAlreadyPaid:
            return "already_paid";
        case PaymentEventOutcome::kUnknownOrder:
            return "unknown_order";
        case PaymentEventOutcome::kPaymentMismatch:
            return "payment_mismatch";
        case PaymentEventOutcome::kAmountMismatch:
            return "amount_mismatch";
    }
    return "unknown";
}

std::optional<PaymentEventOutcome> ParsePaymentEventOutcome(std::string_view text) {
    for (auto outcome : {PaymentEventOutcome::kApplied, PaymentEventOutcome::kDuplicate,
                         PaymentEventOutcome::kNoChange, PaymentEventOutcome::kLatePaid,
                         PaymentEventOutcome::kLateRefunded, PaymentEventOutcome::kAlreadyPaid,
                         PaymentEventOutcome::kUnknownOrder, PaymentEventOutcome::kPaymentMismatch,
                         PaymentEventOutcome::kAmountMismatch}) {
        if (ToString(outcome) == text) return outcome;
    }
    return std::nullopt;
}

std::string RefundKey(std::string_view payment_id) {
    return "tix-refund-" + std::string(payment_id);
}

const Payment* PaymentLedger::Find(OrderId order_id) const {
    const auto found = payments_.find(order_id);
    return found == payments_.end() ? nullptr : &found->second;
}

Payment* PaymentLedger::Find(OrderId order_id) {
    const auto found = payments_.find(order_id);
    return found == payments_.end() ? nullptr : &found->second;
}

Payment& PaymentLedger::Add(Payment payment) {
    const OrderId order_id = payment.order_id;
    auto [it, added] = payments_.emplace(order_id, std::move(payment));
    TIX_ASSERT(added, "a second payment for an order");
    return it->second;
}

std::vector<RefundDue> PaymentLedger::RefundsDue() const {
    std::vector<RefundDue> due;
    for (const auto& [order_id, payment] : payments_) {
        if (payment.state != PaymentState::kRefundPending) continue;
        due.push_back(RefundDueOf(payment));
    }
    std::sort(due.begin(), due.end(),
              [](const RefundDue& a, const RefundDue& b) { return a.order_id < b.order_id; });
    return due;
}

std::vector<Payment> PaymentLedger::All() const {
    std::vector<Payment> all;
    all.reserve(payments_.size());
    for (const auto& [order_id, payment] : payments_) all.push_back(payment);
    std::sort(all.begin(), all.end(),
              [](const Payment& a, const Payment& b) { return a.order_id < b.order_id; });
    return all;
}

}  // namespace tix::engine
