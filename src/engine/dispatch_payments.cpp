#include "engine/dispatch_payments.h"

#include "engine/any_order.h"

namespace tix::engine {
namespace {

// The reply for an order after a payment command: the order and its payment as they are now.
PaymentReply Describe(const Engine& engine, OrderOutcome outcome, OrderId order_id) {
    PaymentReply reply;
    reply.outcome = outcome;
    DescribeOrder(engine, order_id, reply);
    if (const Payment* payment = engine.FindPayment(order_id)) reply.payment = *payment;
    return reply;
}

// Why a ticket-holder (not an admin) may not have the order refunded, if they may not.
std::optional<OrderOutcome> RefuseTicketRefund(const Engine& engine, const Order& order,
                                               TimePoint now) {
    // A ticket-holder may change their mind until the show; afterwards only the organizer can.
    if (now >= engine.FindEvent(order.event_id)->starts_at) {
        return OrderOutcome::kRefundWindowClosed;
    }
    // Nor for tickets someone else holds now, or that got someone in.
    for (const Ticket& ticket : engine.TicketsOfOrder(order.order_id)) {
        if (ticket.holder != order.user_id) return OrderOutcome::kTicketsTransferred;
        if (ticket.status == TicketStatus::kUsed) return OrderOutcome::kTicketsUsed;
    }
    return std::nullopt;
}

}  // namespace

PaymentReply Dispatch(Engine& engine, const OpenPayment& command, TimePoint now) {
    if (const auto refusal = RefuseActor(engine, command.actor, command.order_id)) {
        return {*refusal};
    }
    const OrderOutcome outcome = engine.OpenPayment(command.order_id, now, command.grace);
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
    DescribeOrder(engine, command.event.order_id, reply);
    return reply;
}

PaymentReply Dispatch(Engine& engine, const RequestRefund& command, TimePoint now) {
    if (const auto refusal = RefuseActor(engine, command.actor, command.order_id)) {
        return {*refusal};
    }
    // A won product has no such window: tix does not ship it, so it may go back until paid out.
    const Order* order = engine.FindOrder(command.order_id);
    if (order != nullptr && !command.actor.is_admin) {
        if (const auto refusal = RefuseTicketRefund(engine, *order, now)) {
            return Describe(engine, *refusal, command.order_id);
        }
    }
    std::optional<RefundDue> refund;
    const OrderOutcome outcome = engine.RequestRefund(command.order_id, now, refund);
    PaymentReply reply = Describe(engine, outcome, command.order_id);
    reply.refund = std::move(refund);
    return reply;
}

PaymentsReply Dispatch(const Engine& engine, const GetPayments&) {
    return {engine.OrdersWithMoney(), engine.CampaignOrdersWithMoney(), engine.Payments()};
}

}  // namespace tix::engine
