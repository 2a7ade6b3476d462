// Paying a winner's order (issue 11): the same flow, and the same decisions, as a ticket order's
// (engine_payments.cpp), with a product unit where a ticket order has seats. docs/bidding.md.
#include "engine/engine.h"
#include "engine/engine_state.h"

namespace tix::engine {

std::optional<OrderOutcome> Engine::State::UnlessPayable(const CampaignOrder& order) {
    switch (order.status) {
        case CampaignOrderStatus::kPaid:
            return OrderOutcome::kUnchanged;
        case CampaignOrderStatus::kExpired:
            return OrderOutcome::kExpired;
        case CampaignOrderStatus::kCancelled:
            return OrderOutcome::kCancelled;
        case CampaignOrderStatus::kPaymentPending:
            return OrderOutcome::kPaymentPending;
        case CampaignOrderStatus::kRefundPending:
        case CampaignOrderStatus::kRefunded:
            return OrderOutcome::kNotPaymentPending;
        case CampaignOrderStatus::kAwaitingPayment:
            break;
    }
    return std::nullopt;
}

void Engine::State::ResumeOrExpire(const CampaignOrder& order, TimePoint now) {
    if (now >= order.pay_by) {
        bidding.Expire(order.order_id, now);
    } else {
        bidding.ResumeAwaiting(order.order_id, now);
    }
}

OrderOutcome Engine::State::CompletePayment(const CampaignOrder& order, bool approved,
                                            TimePoint now) {
    switch (order.status) {
        case CampaignOrderStatus::kPaid:
            return approved ? OrderOutcome::kUnchanged : OrderOutcome::kPaid;
        case CampaignOrderStatus::kExpired:
            return OrderOutcome::kExpired;
        case CampaignOrderStatus::kCancelled:
            return OrderOutcome::kCancelled;
        case CampaignOrderStatus::kAwaitingPayment:
        case CampaignOrderStatus::kRefundPending:
        case CampaignOrderStatus::kRefunded:
            return OrderOutcome::kNotPaymentPending;
        case CampaignOrderStatus::kPaymentPending:
            break;
    }
    if (now >= order.payment_expires_at) {
        bidding.Expire(order.order_id, now);
        return OrderOutcome::kExpired;
    }
    if (approved) {
        bidding.MarkPaid(order.order_id, now);
        return OrderOutcome::kOk;
    }
    ResumeOrExpire(order, now);
    return order.status == CampaignOrderStatus::kExpired ? OrderOutcome::kExpired
                                                         : OrderOutcome::kOk;
}

PaymentEventOutcome Engine::State::ApplySucceeded(const CampaignOrder& order, Payment& payment,
                                                  TimePoint now, std::optional<RefundDue>& refund) {
    if (payment.state != PaymentState::kRequiresPayment) return PaymentEventOutcome::kNoChange;
    payment.state = PaymentState::kSucceeded;
    payment.updated_at = now;
    switch (order.status) {
        case CampaignOrderStatus::kAwaitingPayment:
        case CampaignOrderStatus::kPaymentPending:
            // Its unit is still the order's, even if a deadline passed a moment ago.
            RecordPayment(payment);
            bidding.MarkPaid(order.order_id, now);
            return PaymentEventOutcome::kApplied;
        case CampaignOrderStatus::kExpired:
        case CampaignOrderStatus::kCancelled:
            if (bidding.Retake(order.order_id, now)) {
                RecordPayment(payment);
                return PaymentEventOutcome::kLatePaid;
            }
            bidding.StartRefund(order.order_id, RefundReason::kLatePayment, now);
            StartRefund(payment, now, refund);
            return PaymentEventOutcome::kLateRefunded;
        case CampaignOrderStatus::kPaid:
        case CampaignOrderStatus::kRefundPending:
        case CampaignOrderStatus::kRefunded:
            break;
    }
    // Paid some other way, or being refunded already: this money goes back.
    StartRefund(payment, now, refund);
    return PaymentEventOutcome::kAlreadyPaid;
}

PaymentEventOutcome Engine::State::ApplyFailed(const CampaignOrder& order, const Payment& payment,
                                               TimePoint now) {
    if (payment.state != PaymentState::kRequiresPayment ||
        order.status != CampaignOrderStatus::kPaymentPending) {
        return PaymentEventOutcome::kNoChange;  // older than the success, or nothing under way
    }
    ResumeOrExpire(order, now);
    return PaymentEventOutcome::kApplied;
}

PaymentEventOutcome Engine::State::ApplyRefunded(const CampaignOrder& order, Payment& payment,
                                                 const PaymentEvent& event, TimePoint now) {
    if (payment.state == PaymentState::kRefunded) return PaymentEventOutcome::kNoChange;
    if (payment.state == PaymentState::kRequiresPayment) {
        // Delivered before its payment's success: the success happens first (as for tickets).
        std::optional<RefundDue> unused;
        ApplySucceeded(order, payment, now, unused);
    }
    const bool refunded_elsewhere =
        order.status == CampaignOrderStatus::kPaid && payment.state == PaymentState::kSucceeded;
    payment.state = PaymentState::kRefunded;
    payment.refund_id = event.refund_id;
    payment.updated_at = now;
    RecordPayment(payment);
    if (order.status == CampaignOrderStatus::kRefundPending || refunded_elsewhere) {
        bidding.FinishRefund(order.order_id, now);
    }
    return PaymentEventOutcome::kApplied;
}

OrderOutcome Engine::State::Cancel(const CampaignOrder& order, TimePoint now) {
    switch (order.status) {
        case CampaignOrderStatus::kAwaitingPayment:
            break;
        case CampaignOrderStatus::kCancelled:
            return OrderOutcome::kUnchanged;
        case CampaignOrderStatus::kExpired:
            return OrderOutcome::kExpired;
        case CampaignOrderStatus::kPaymentPending:
            return OrderOutcome::kPaymentPending;
        case CampaignOrderStatus::kPaid:
        case CampaignOrderStatus::kRefundPending:
        case CampaignOrderStatus::kRefunded:
            return OrderOutcome::kPaid;
    }
    if (now >= order.pay_by) {
        bidding.Expire(order.order_id, now);
        return OrderOutcome::kExpired;
    }
    bidding.Cancel(order.order_id, now);
    return OrderOutcome::kOk;
}

OrderOutcome Engine::State::RequestRefund(const CampaignOrder& order, TimePoint now,
                                          std::optional<RefundDue>& refund) {
    Payment* payment = payments.Find(order.order_id);
    switch (order.status) {
        case CampaignOrderStatus::kPaid:
            break;
        case CampaignOrderStatus::kRefundPending:
            if (payment != nullptr && payment->state == PaymentState::kRefundPending) {
                refund = RefundDueOf(*payment);
            }
            return OrderOutcome::kUnchanged;
        case CampaignOrderStatus::kRefunded:
            return OrderOutcome::kUnchanged;
        default:
            return OrderOutcome::kNotPaid;
    }
    if (payment == nullptr || payment->state != PaymentState::kSucceeded) {
        return OrderOutcome::kNoPayment;
    }
    bidding.StartRefund(order.order_id, RefundReason::kRequested, now);
    StartRefund(*payment, now, refund);
    return OrderOutcome::kOk;
}

std::vector<CampaignOrder> Engine::CampaignOrdersWithMoney() const {
    const State& s = *state_;
    std::vector<CampaignOrder> touched;
    for (const CampaignOrder& order : s.bidding.Orders()) {
        const bool money = order.status == CampaignOrderStatus::kPaid ||
                           order.status == CampaignOrderStatus::kRefundPending ||
                           order.status == CampaignOrderStatus::kRefunded ||
                           s.payments.Find(order.order_id) != nullptr;
        if (money) touched.push_back(order);
    }
    return touched;
}

}  // namespace tix::engine
