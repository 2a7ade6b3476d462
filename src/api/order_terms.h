// What paying an order needs of it, for a ticket order or a campaign order alike (they share one
// id sequence and one payment flow): the replies carry one or the other.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "engine/reply.h"

namespace tix::api {

struct OrderTerms {
    OrderId order_id{};
    UserId user_id{};
    std::int64_t amount_minor = 0;
    std::string currency;
    bool payment_pending = false;
    TimePoint payment_expires_at{};  // meaningful while payment_pending
};

// The terms of the reply's order (`order` or `campaign_order`); nullopt when it has neither.
template <typename Reply>
std::optional<OrderTerms> TermsOf(const Reply& reply) {
    if (reply.order) {
        const engine::Order& o = reply.order->order;
        return OrderTerms{o.order_id,
                          o.user_id,
                          o.amount_minor,
                          reply.order->event->zones[o.zone_index].currency,
                          o.status == engine::OrderStatus::kPaymentPending,
                          o.payment_expires_at};
    }
    if (reply.campaign_order) {
        const engine::CampaignOrder& o = *reply.campaign_order;
        return OrderTerms{o.order_id,
                          o.user_id,
                          o.final_price_minor,
                          o.currency,
                          o.status == engine::CampaignOrderStatus::kPaymentPending,
                          o.payment_expires_at};
    }
    return std::nullopt;
}

}  // namespace tix::api
