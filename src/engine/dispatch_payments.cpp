#include "engine/dispatch_payments.h"

namespace tix::engine {
namespace {

// The reply for an order after a payment command: the order and its payment as they are now.
PaymentReply Describe(const Engine& engine, OrderOutcome outcome, OrderId order_id) {
    PaymentReply reply;
    reply.outcome = outcome;
    if (const Order* order = engine.FindOrder(order_id)) {
        reply.order = OrderSnapshot{*order, engine.SharedEvent(order->event_id)};
    }
    if (const Payment* payment = engine.FindPayment(order_id)) reply.payment = *payment;
    return reply;
}

// Null, with the refusal in `outcome`, unless the actor may act on the order.
const Order* OwnOrder(const Engine& engine, const Actor& actor, OrderId order_id,
                      OrderOutcome& outcome) {
    const Order* order = engine.FindOrder(order_id);
    if (order == nullptr) {
        outcome = OrderOutcome::kUnknownOrder;
        return nullptr;
    }
    if (order->user_id != actor.user_id && !actor.is_admin) {
        outcome = OrderOutcome::kForbidden;
        return nullptr;
    }
    return order;
}

}  // namespace

PaymentReply Dispatch(Engine& engine, const OpenPayment& command, TimePoint now) {
    OrderOutcome outcome{};
    if (OwnOrder(engine, command.actor, command.order_id, outcome) == nullptr) return {outcome};
    outcome = engine.OpenPayment(command.order_id, now, command.grace);
    return Describe(engine, outcome, command.order_id);
}

PaymentReply Dispatch(Engine& engine, const AttachPayment& command, TimePoint now) {
    const OrderOutcome outcome = engine.AttachPayment(command.intent, now);
    return Describe(engine, outcome, command.intent.order_id);
}

PaymentReply Dispatch(Engine& engine, const AbandonPayment& command, TimePoint now) {
    const OrderOutcome outcome = engine.AbandonPayment(command.order_id, now);
    return Describe(engine, outcome, command.order_id);
}

PaymentEventReply Dispatch(Engine& engine, const ApplyPaymentEvent& command, TimePoint now) {
    PaymentEventReply reply;
    reply.outcome = engine.ApplyPaymentEvent(command.event, now, reply.refund);
    if (const Order* order = engine.FindOrder(command.event.order_id)) {
        reply.order = OrderSnapshot{*order, engine.SharedEvent(order->event_id)};
    }
    return reply;
}

PaymentReply Dispatch(Engine& engine, const RequestRefund& command, TimePoint now) {
    OrderOutcome outcome{};
    const Order* order = OwnOrder(engine, command.actor, command.order_id, outcome);
    if (order == nullptr) return {outcome};
    // A ticket-holder may change their mind until the show; afterwards only the organizer can.
    if (!command.actor.is_admin && now >= engine.FindEvent(order->event_id)->starts_at) {
        return Describe(engine, OrderOutcome::kRefundWindowClosed, command.order_id);
    }
    // Nor for tickets someone else holds now, or that got someone in.
    if (!command.actor.is_admin) {
        for (const Ticket& ticket : engine.TicketsOfOrder(command.order_id)) {
            if (ticket.holder != order->user_id) {
                return Describe(engine, OrderOutcome::kTicketsTransferred, command.order_id);
            }
            if (ticket.status == TicketStatus::kUsed) {
                return Describe(engine, OrderOutcome::kTicketsUsed, command.order_id);
            }
        }
    }
    std::optional<RefundDue> refund;
    outcome = engine.RequestRefund(command.order_id, now, refund);
    PaymentReply reply = Describe(engine, outcome, command.order_id);
    reply.refund = std::move(refund);
    return reply;
}

PaymentsReply Dispatch(const Engine& engine, const GetPayments&) {
    return {engine.OrdersWithMoney(), engine.Payments()};
}

}  // namespace tix::engine
