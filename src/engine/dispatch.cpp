#include "engine/dispatch.h"

#include <algorithm>
#include <utility>

namespace tix::engine {
namespace {

OrderSnapshot Snapshot(const Engine& engine, const Order& order) {
    return {order, engine.SharedEvent(order.event_id)};
}

// The order if the actor may act on it; otherwise the reply that refuses.
const Order* FindOwnOrder(const Engine& engine, const Actor& actor, OrderId order_id,
                          OrderReply& refusal) {
    const Order* order = engine.FindOrder(order_id);
    if (order == nullptr) {
        refusal.outcome = OrderOutcome::kUnknownOrder;
    } else if (order->user_id != actor.user_id && !actor.is_admin) {
        refusal.outcome = OrderOutcome::kForbidden;
        order = nullptr;
    }
    return order;
}

// Runs `transition` on an order the actor owns; the reply carries the order after it.
template <typename Transition>
OrderReply Transit(Engine& engine, const Actor& actor, OrderId order_id, Transition transition) {
    OrderReply reply;
    if (FindOwnOrder(engine, actor, order_id, reply) == nullptr) return reply;
    reply.outcome = transition();
    reply.order = Snapshot(engine, *engine.FindOrder(order_id));
    return reply;
}

struct Dispatcher {
    Engine& engine;
    TimePoint now;

    Reply operator()(CreateEvent& command) {
        const EventId event_id = engine.AddEvent(std::move(command.spec));
        return EventReply{engine.SharedEvent(event_id)};
    }

    Reply operator()(PlaceHold& command) {
        HoldResult result;
        if (command.seats.empty()) {
            result = engine.Hold(
                HoldByQuantity{command.user_id, command.event_id, command.zone_id, command.quantity,
                               command.allow_split, command.idempotency_key},
                now);
        } else {
            result = engine.Hold(HoldBySeats{command.user_id, command.event_id, command.seats,
                                             command.idempotency_key},
                                 now);
        }
        HoldReply reply{result.outcome, std::nullopt};
        if (result.order != nullptr) reply.order = Snapshot(engine, *result.order);
        return reply;
    }

    Reply operator()(BeginPayment& command) {
        return Transit(engine, command.actor, command.order_id,
                       [&] { return engine.BeginPayment(command.order_id, now, command.window); });
    }

    Reply operator()(CompletePayment& command) {
        OrderReply reply;
        reply.outcome = engine.CompletePayment(command.order_id, command.approved, now);
        if (const Order* order = engine.FindOrder(command.order_id)) {
            reply.order = Snapshot(engine, *order);
        }
        return reply;
    }

    Reply operator()(CancelOrder& command) {
        return Transit(engine, command.actor, command.order_id,
                       [&] { return engine.Cancel(command.order_id, now); });
    }

    Reply operator()(GetOrder& command) {
        OrderReply reply;
        const Order* order = FindOwnOrder(engine, command.actor, command.order_id, reply);
        if (order == nullptr) return reply;
        reply.outcome = OrderOutcome::kOk;
        reply.order = Snapshot(engine, *order);
        return reply;
    }

    Reply operator()(ListOrders& command) {
        const std::span<const OrderId> ids = engine.OrdersOf(command.user_id);
        // Newest first: walk back from the cursor (ids ascend).
        auto end =
            !command.before ? ids.end() : std::lower_bound(ids.begin(), ids.end(), command.before);
        OrderListReply reply;
        for (auto it = end; it != ids.begin();) {
            --it;
            if (reply.orders.size() == command.limit) {
                reply.next_cursor = *(it + 1);
                break;
            }
            reply.orders.push_back(Snapshot(engine, *engine.FindOrder(*it)));
        }
        return reply;
    }

    Reply operator()(ListEvents& command) {
        EventListReply reply;
        for (const EventId id : engine.EventIds()) {
            std::shared_ptr<const EventSpec> spec = engine.SharedEvent(id);
            if (command.series && spec->series != *command.series) continue;
            if (command.starts_from && spec->starts_at < *command.starts_from) continue;
            if (command.starts_before && spec->starts_at >= *command.starts_before) continue;
            reply.events.push_back(std::move(spec));
        }
        return reply;
    }

    Reply operator()(GetEvent& command) { return EventReply{engine.SharedEvent(command.event_id)}; }

    Reply operator()(GetAvailability& command) {
        AvailabilityReply reply;
        reply.event = engine.SharedEvent(command.event_id);
        if (reply.event == nullptr) return reply;
        reply.version = engine.EventVersion(command.event_id);
        reply.zones.reserve(reply.event->zones.size());
        for (std::uint16_t z = 0; z < reply.event->zones.size(); ++z) {
            reply.zones.push_back(engine.Counts(command.event_id, z));
        }
        if (command.seats) reply.seat_states = engine.SeatStates(command.event_id);
        return reply;
    }
};

}  // namespace

Reply Apply(Engine& engine, Command& command, TimePoint now) {
    return std::visit(Dispatcher{engine, now}, command);
}
}  // namespace tix::engine
