// Ticket orders and campaign orders share one id sequence, so a command on "an order" may name
// either: what the dispatchers need to find its owner and describe it.
#pragma once

#include <optional>

#include "engine/command.h"
#include "engine/reply.h"

namespace tix::engine {

// The order's owner; nullopt when no order of either kind has the id.
inline std::optional<UserId> OwnerOf(const Engine& engine, OrderId order_id) {
    if (const Order* order = engine.FindOrder(order_id)) return order->user_id;
    if (const CampaignOrder* won = engine.Bidding().FindOrder(order_id)) return won->user_id;
    return std::nullopt;
}

// Sets the reply's `order` or `campaign_order` to the order as it is now; neither if none.
template <typename Reply>
void DescribeOrder(const Engine& engine, OrderId order_id, Reply& reply) {
    if (const Order* order = engine.FindOrder(order_id)) {
        reply.order = OrderSnapshot{*order, engine.SharedEvent(order->event_id)};
    } else if (const CampaignOrder* won = engine.Bidding().FindOrder(order_id)) {
        reply.campaign_order = *won;
    }
}

// kUnknownOrder or kForbidden unless the actor may act on the order (its owner, or an admin).
inline std::optional<OrderOutcome> RefuseActor(const Engine& engine, const Actor& actor,
                                               OrderId order_id) {
    const std::optional<UserId> owner = OwnerOf(engine, order_id);
    if (!owner) return OrderOutcome::kUnknownOrder;
    if (*owner != actor.user_id && !actor.is_admin) return OrderOutcome::kForbidden;
    return std::nullopt;
}

}  // namespace tix::engine
