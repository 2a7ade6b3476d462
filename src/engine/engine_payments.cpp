// Payments through a provider (issue 9): opening a payment, the provider's intent, its events
// applied once each and forward only, refunds. The rules, and why, are in docs/payments.md.
#include "engine/engine.h"
#include "engine/engine_state.h"
#include "engine/seat_map.h"
#include "engine/tix_assert.h"

namespace tix::engine {
// ---- Steps ----

bool Engine::State::Retake(Order& order, TimePoint now) {
    EventState& event = *events.Find(order.event_id);
    Zone& zone = event.zones[order.zone_index];
    if (zone.available < order.quantity ||
        users.TicketsOf(order.user_id, order.event_id) + order.quantity > event.spec.max_per_user) {
        return false;
    }
    if (zone.seat_map != nullptr) {
        for (std::uint32_t i = 0; i < order.quantity; ++i) {
            if (zone.seat_map->Owner(order.seats[i]) != SeatMap::kFree) return false;
        }
        for (std::uint32_t i = 0; i < order.quantity; ++i) {
            zone.seat_map->Take(order.seats[i], SeatOwner(order.order_id));
        }
    }
    zone.available -= order.quantity;
    zone.sold += order.quantity;
    users.AddTickets(order.user_id, order.event_id, static_cast<std::int32_t>(order.quantity));
    order.status = OrderStatus::kPaid;
    order.updated_at = now;
    RecordOrder(order);
    IssueTickets(order, now);
    if (WaitingRoom* room = rooms.Find(order.event_id)) room->OnPaid(order.user_id);
    if constexpr (kCheckInvariants) CheckTouched(order);
    return true;
}

void Engine::State::FinishRefund(Order& order, TimePoint now) {
    if (IsLive(order)) {  // paid, or paid and refund_pending: its seats go back on sale
        Zone& zone = events.Find(order.event_id)->zones[order.zone_index];
        if (zone.seat_map != nullptr) {
            for (std::uint32_t i = 0; i < order.quantity; ++i) {
                zone.seat_map->Release(order.seats[i], SeatOwner(order.order_id));
            }
        }
        zone.sold -= order.quantity;
        zone.available += order.quantity;
        users.AddTickets(order.user_id, order.event_id, -static_cast<std::int32_t>(order.quantity));
        if (order.refund_reason == RefundReason::kNone)
            order.refund_reason = RefundReason::kRequested;
    }
    order.status = OrderStatus::kRefunded;
    order.updated_at = now;
    RecordOrder(order);
    tickets.RevokeOrder(order.order_id, now);
    if constexpr (kCheckInvariants) CheckTouched(order);
}

void Engine::State::StartRefund(Payment& payment, TimePoint now, std::optional<RefundDue>& refund) {
    payment.state = PaymentState::kRefundPending;
    payment.updated_at = now;
    RecordPayment(payment);
    refund = RefundDueOf(payment);
}

PaymentEventOutcome Engine::State::ApplySucceeded(Order& order, Payment& payment, TimePoint now,
                                                  std::optional<RefundDue>& refund) {
    if (payment.state != PaymentState::kRequiresPayment) return PaymentEventOutcome::kNoChange;
    payment.state = PaymentState::kSucceeded;
    payment.updated_at = now;
    switch (order.status) {
        case OrderStatus::kHeld:
        case OrderStatus::kPaymentPending:
            // Its seats are still the order's, even if a deadline passed a moment ago.
            RecordPayment(payment);
            MarkPaid(order, now);
            return PaymentEventOutcome::kApplied;
        case OrderStatus::kCancelled:
        case OrderStatus::kExpired:
            if (Retake(order, now)) {
                RecordPayment(payment);
                return PaymentEventOutcome::kLatePaid;
            }
            order.status = OrderStatus::kRefundPending;
            order.refund_reason = RefundReason::kLatePayment;
            order.updated_at = now;
            RecordOrder(order);
            StartRefund(payment, now, refund);
            return PaymentEventOutcome::kLateRefunded;
        case OrderStatus::kPaid:
            StartRefund(payment, now, refund);
            return PaymentEventOutcome::kAlreadyPaid;
        case OrderStatus::kRefundPending:
        case OrderStatus::kRefunded:
            break;
    }
    // A refund status with a payment that never succeeded: not reachable through tix (a refund
    // needs a succeeded payment), so the money is simply given back.
    StartRefund(payment, now, refund);
    return PaymentEventOutcome::kAlreadyPaid;
}

PaymentEventOutcome Engine::State::ApplyFailed(Order& order, const Payment& payment,
                                               TimePoint now) {
    // A failure older than the success (delivered after it) changes nothing.
    if (payment.state != PaymentState::kRequiresPayment ||
        order.status != OrderStatus::kPaymentPending) {
        return PaymentEventOutcome::kNoChange;
    }
    if (now >= order.expires_at) {
        ExpireLate(order, now);
        return PaymentEventOutcome::kApplied;
    }
    orders.ResumeHold(order, now);
    RecordOrder(order);
    orders.DropStaleDeadlines();
    if constexpr (kCheckInvariants) CheckTouched(order);
    return PaymentEventOutcome::kApplied;
}

PaymentEventOutcome Engine::State::ApplyRefunded(Order& order, Payment& payment,
                                                 const PaymentEvent& event, TimePoint now) {
    if (payment.state == PaymentState::kRefunded) return PaymentEventOutcome::kNoChange;
    if (payment.state == PaymentState::kRequiresPayment) {
        // Delivered before its payment's success: a refund proves the money was taken, so the
        // success happens first. Either delivery order ends the same way.
        std::optional<RefundDue> unused;
        ApplySucceeded(order, payment, now, unused);
    }
    // The order's own payment refunded at the provider without tix asking (a dashboard, a
    // dispute) ends the order as a refund tix asked for does. A payment tix was giving back
    // while the order stayed paid (it was paid some other way) leaves the order alone.
    const bool refunded_elsewhere =
        order.status == OrderStatus::kPaid && payment.state == PaymentState::kSucceeded;
    payment.state = PaymentState::kRefunded;
    payment.refund_id = event.refund_id;
    payment.updated_at = now;
    RecordPayment(payment);
    if (order.status == OrderStatus::kRefundPending || refunded_elsewhere) {
        FinishRefund(order, now);
    }
    return PaymentEventOutcome::kApplied;
}

PaymentEventOutcome Engine::State::ApplyEvent(const PaymentEvent& event, TimePoint now,
                                              std::optional<RefundDue>& refund) {
    Order* order = orders.Find(event.order_id);
    const CampaignOrder* won = order == nullptr ? bidding.FindOrder(event.order_id) : nullptr;
    if (order == nullptr && won == nullptr) return PaymentEventOutcome::kUnknownOrder;
    Payment* payment = payments.Find(event.order_id);
    if (payment == nullptr) {
        // tix stopped between the provider making the intent and recording it: learn it here.
        payment = &payments.Add(
            {event.order_id,
             event.payment_id,
             {},
             order != nullptr ? order->amount_minor : won->final_price_minor,
             order != nullptr ? events.Find(order->event_id)->spec.zones[order->zone_index].currency
                              : won->currency,
             PaymentState::kRequiresPayment,
             {},
             now,
             now});
        RecordPayment(*payment);
    } else if (payment->payment_id != event.payment_id) {
        return PaymentEventOutcome::kPaymentMismatch;
    }
    if (event.kind != PaymentEventKind::kRefundSucceeded &&
        (event.amount_minor != payment->amount_minor || event.currency != payment->currency)) {
        // Money that is not the order's price: never a ticket for it; if it was taken, back.
        if (event.kind == PaymentEventKind::kPaymentSucceeded &&
            payment->state == PaymentState::kRequiresPayment) {
            payment->amount_minor = event.amount_minor;
            payment->currency = event.currency;
            StartRefund(*payment, now, refund);
        }
        return PaymentEventOutcome::kAmountMismatch;
    }
    if (order != nullptr) return ApplyKind(*order, *payment, event, now, refund);
    return ApplyKind(*won, *payment, event, now, refund);
}

// ---- Operations ----

OrderOutcome Engine::OpenPayment(OrderId order_id, TimePoint now, std::chrono::milliseconds grace) {
    State& s = *state_;
    Order* order = s.orders.Find(order_id);
    if (order == nullptr) {
        const CampaignOrder* won = s.bidding.FindOrder(order_id);
        if (won == nullptr) return OrderOutcome::kUnknownOrder;
        return s.StartPayment(*won, now, [&](const CampaignOrder& o) { return o.pay_by + grace; });
    }
    if (const std::optional<OrderOutcome> refusal = State::UnlessPayable(*order)) {
        return *refusal;
    }
    if (now >= order->expires_at) return s.ExpireLate(*order, now);
    s.orders.StartPayment(*order, order->expires_at + grace, now);
    s.orders.DropStaleDeadlines();
    s.RecordOrder(*order);
    if constexpr (kCheckInvariants) s.CheckTouched(*order);
    return OrderOutcome::kOk;
}

OrderOutcome Engine::AttachPayment(const Payment& intent, TimePoint now) {
    State& s = *state_;
    if (s.orders.Find(intent.order_id) == nullptr &&
        s.bidding.FindOrder(intent.order_id) == nullptr) {
        return OrderOutcome::kUnknownOrder;
    }
    if (s.payments.Find(intent.order_id) != nullptr) return OrderOutcome::kUnchanged;
    Payment payment = intent;
    payment.state = PaymentState::kRequiresPayment;
    payment.refund_id.clear();
    payment.created_at = now;
    payment.updated_at = now;
    s.RecordPayment(s.payments.Add(std::move(payment)));
    return OrderOutcome::kOk;
}

OrderOutcome Engine::AbandonPayment(OrderId order_id, TimePoint now) {
    State& s = *state_;
    Order* order = s.orders.Find(order_id);
    if (order == nullptr) {
        const CampaignOrder* won = s.bidding.FindOrder(order_id);
        if (won == nullptr) return OrderOutcome::kUnknownOrder;
        if (won->status != CampaignOrderStatus::kPaymentPending ||
            s.payments.Find(order_id) != nullptr) {
            return OrderOutcome::kUnchanged;
        }
        s.ResumeOrExpire(*won, now);
        return won->status == CampaignOrderStatus::kExpired ? OrderOutcome::kExpired
                                                            : OrderOutcome::kOk;
    }
    if (order->status != OrderStatus::kPaymentPending || s.payments.Find(order_id) != nullptr) {
        return OrderOutcome::kUnchanged;
    }
    if (now >= order->expires_at) return s.ExpireLate(*order, now);
    s.orders.ResumeHold(*order, now);
    s.RecordOrder(*order);
    s.orders.DropStaleDeadlines();
    if constexpr (kCheckInvariants) s.CheckTouched(*order);
    return OrderOutcome::kOk;
}

PaymentEventOutcome Engine::ApplyPaymentEvent(const PaymentEvent& event, TimePoint now,
                                              std::optional<RefundDue>& refund) {
    State& s = *state_;
    if (!s.payments.MarkSeen(event.event_id)) return PaymentEventOutcome::kDuplicate;
    const PaymentEventOutcome outcome = s.ApplyEvent(event, now, refund);
    s.changes.payments.events.push_back({event, outcome, now});
    return outcome;
}

OrderOutcome Engine::RequestRefund(OrderId order_id, TimePoint now,
                                   std::optional<RefundDue>& refund) {
    State& s = *state_;
    Order* order = s.orders.Find(order_id);
    if (order == nullptr) {
        const CampaignOrder* won = s.bidding.FindOrder(order_id);
        if (won == nullptr) return OrderOutcome::kUnknownOrder;
        return s.RequestRefund(*won, now, refund);
    }
    Payment* payment = s.payments.Find(order_id);
    switch (order->status) {
        case OrderStatus::kPaid:
            break;
        case OrderStatus::kRefundPending:
            if (payment != nullptr && payment->state == PaymentState::kRefundPending) {
                refund = RefundDueOf(*payment);
            }
            return OrderOutcome::kUnchanged;
        case OrderStatus::kRefunded:
            return OrderOutcome::kUnchanged;
        default:
            return OrderOutcome::kNotPaid;
    }
    if (payment == nullptr || payment->state != PaymentState::kSucceeded) {
        return OrderOutcome::kNoPayment;
    }
    order->status = OrderStatus::kRefundPending;
    order->refund_reason = RefundReason::kRequested;
    order->updated_at = now;
    s.RecordOrder(*order);
    s.tickets.RevokeOrder(order_id, now);  // the money goes back: nobody gets in on them
    s.StartRefund(*payment, now, refund);
    if constexpr (kCheckInvariants) s.CheckTouched(*order);
    return OrderOutcome::kOk;
}

const Payment* Engine::FindPayment(OrderId order_id) const {
    return state_->payments.Find(order_id);
}

bool Engine::PaymentEventSeen(std::string_view event_id) const {
    return state_->payments.Seen(event_id);
}

std::vector<RefundDue> Engine::RefundsDue() const { return state_->payments.RefundsDue(); }

std::vector<Payment> Engine::Payments() const { return state_->payments.All(); }

std::vector<Order> Engine::OrdersWithMoney() const {
    const State& s = *state_;
    std::vector<Order> touched;
    for (std::size_t id = 1; id < s.orders.size(); ++id) {
        const Order& order = s.orders.Get(OrderId{id});
        if (!order.order_id) continue;
        const bool money =
            order.status == OrderStatus::kPaid || order.status == OrderStatus::kRefundPending ||
            order.status == OrderStatus::kRefunded || s.payments.Find(order.order_id) != nullptr;
        if (money) touched.push_back(order);
    }
    return touched;
}

void Engine::RestorePayments(const PaymentSnapshot& snapshot) {
    State& s = *state_;
    for (const Payment& payment : snapshot.payments) {
        TIX_ASSERT(s.orders.Find(payment.order_id) != nullptr ||
                       s.bidding.FindOrder(payment.order_id) != nullptr,
                   "a payment of an unknown order");
        s.payments.Add(payment);
    }
    for (const std::string& event_id : snapshot.event_ids) s.payments.MarkSeen(event_id);
}

}  // namespace tix::engine
