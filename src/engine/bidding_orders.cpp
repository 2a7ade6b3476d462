// The winners' orders after the settlement: the steps of their payment, their deadlines and the
// stock they take or give back. Which step to take is the engine's decision
// (engine_campaign_payments.cpp), as for ticket orders.
#include "engine/bidding_state.h"
#include "engine/tix_assert.h"

namespace tix::engine {

void BiddingBook::State::Move(CampaignOrder& order, CampaignOrderStatus status, TimePoint now) {
    if (IsUnpaid(order)) unpaid.erase({DeadlineOf(order), order.order_id});
    order.status = status;
    order.updated_at = now;
    if (IsUnpaid(order)) unpaid.emplace(DeadlineOf(order), order.order_id);
    changes.orders.push_back(order);
}

void BiddingBook::State::AdjustStock(const CampaignOrder& order, int units) {
    Product& product = ProductOf(order);
    TIX_ASSERT(units > 0 || product.stock > 0, "a unit taken from a product out of stock");
    product.stock = static_cast<std::uint32_t>(static_cast<std::int64_t>(product.stock) + units);
    changes.products.push_back(product);
}

std::optional<TimePoint> BiddingBook::NextDeadline() const {
    std::optional<TimePoint> next = NextSettlement();
    if (!state_->unpaid.empty() && (!next || state_->unpaid.begin()->first < *next)) {
        next = state_->unpaid.begin()->first;
    }
    return next;
}

void BiddingBook::ExpireUnpaid(TimePoint now, std::vector<OrderId>& expired) {
    State& s = *state_;
    while (!s.unpaid.empty() && s.unpaid.begin()->first <= now) {
        const OrderId order_id = s.unpaid.begin()->second;
        // A charge whose answer never came, before pay_by: the winner may still pay.
        const CampaignOrder& order = s.OrderAt(order_id);
        if (order.status == CampaignOrderStatus::kPaymentPending && now < order.pay_by) {
            ResumeAwaiting(order_id, now);
            continue;
        }
        Expire(order_id, now);
        expired.push_back(order_id);
    }
}

void BiddingBook::StartPayment(OrderId order_id, TimePoint deadline, TimePoint now) {
    State& s = *state_;
    CampaignOrder& order = s.OrderAt(order_id);
    TIX_ASSERT(order.status == CampaignOrderStatus::kAwaitingPayment,
               "a payment started for an order not awaiting one");
    // Moved out of `unpaid` under its old deadline before the new one is set.
    s.unpaid.erase({DeadlineOf(order), order_id});
    order.payment_expires_at = deadline;
    order.status = CampaignOrderStatus::kPaymentPending;
    s.unpaid.emplace(DeadlineOf(order), order_id);
    order.updated_at = now;
    s.changes.orders.push_back(order);
}

void BiddingBook::ResumeAwaiting(OrderId order_id, TimePoint now) {
    State& s = *state_;
    CampaignOrder& order = s.OrderAt(order_id);
    TIX_ASSERT(order.status == CampaignOrderStatus::kPaymentPending && now < order.pay_by,
               "an order back to awaiting payment past its deadline");
    s.Move(order, CampaignOrderStatus::kAwaitingPayment, now);
}

void BiddingBook::Expire(OrderId order_id, TimePoint now) {
    State& s = *state_;
    CampaignOrder& order = s.OrderAt(order_id);
    TIX_ASSERT(State::IsUnpaid(order), "an expiry of an order that is not unpaid");
    s.Move(order, CampaignOrderStatus::kExpired, now);
    s.AdjustStock(order, +1);
}

void BiddingBook::Cancel(OrderId order_id, TimePoint now) {
    State& s = *state_;
    CampaignOrder& order = s.OrderAt(order_id);
    TIX_ASSERT(order.status == CampaignOrderStatus::kAwaitingPayment,
               "a cancel of an order not awaiting payment");
    s.Move(order, CampaignOrderStatus::kCancelled, now);
    s.AdjustStock(order, +1);
}

void BiddingBook::MarkPaid(OrderId order_id, TimePoint now) {
    State& s = *state_;
    CampaignOrder& order = s.OrderAt(order_id);
    TIX_ASSERT(State::IsUnpaid(order), "an order paid twice");
    s.Move(order, CampaignOrderStatus::kPaid, now);
}

bool BiddingBook::Retake(OrderId order_id, TimePoint now) {
    State& s = *state_;
    CampaignOrder& order = s.OrderAt(order_id);
    TIX_ASSERT(order.status == CampaignOrderStatus::kExpired ||
                   order.status == CampaignOrderStatus::kCancelled,
               "a retake of a live order");
    if (s.ProductOf(order).stock == 0) return false;
    s.AdjustStock(order, -1);
    s.Move(order, CampaignOrderStatus::kPaid, now);
    return true;
}

void BiddingBook::StartRefund(OrderId order_id, RefundReason reason, TimePoint now) {
    State& s = *state_;
    CampaignOrder& order = s.OrderAt(order_id);
    TIX_ASSERT((order.status == CampaignOrderStatus::kPaid && reason == RefundReason::kRequested) ||
                   (!IsLive(order) && reason == RefundReason::kLatePayment),
               "a refund that does not fit the order's status");
    order.refund_reason = reason;
    s.Move(order, CampaignOrderStatus::kRefundPending, now);
}

void BiddingBook::FinishRefund(OrderId order_id, TimePoint now) {
    State& s = *state_;
    CampaignOrder& order = s.OrderAt(order_id);
    TIX_ASSERT(order.status == CampaignOrderStatus::kRefundPending ||
                   order.status == CampaignOrderStatus::kPaid,
               "a refund finished of an order not paid");
    const bool gives_back = IsLive(order);
    if (order.refund_reason == RefundReason::kNone) order.refund_reason = RefundReason::kRequested;
    s.Move(order, CampaignOrderStatus::kRefunded, now);
    if (gives_back) s.AdjustStock(order, +1);
}

}  // namespace tix::engine
