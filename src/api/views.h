// The API's JSON shapes for events, availability and orders: pure functions of the engine's reply
// snapshots, run on IO threads.
#pragma once

#include <boost/json/value.hpp>
#include <string>
#include <vector>

#include "api/bidding_views.h"
#include "engine/reply.h"

namespace tix::api {

// Money as the API shows it: a decimal number of major units (42, 12.5), from minor units.
boost::json::value Money(std::int64_t minor);

// An event with its zones; rows (label and seat count) only when `with_rows`.
boost::json::object EventJson(const engine::EventSpec& spec, bool with_rows);

// Everything a client is told about an order.
boost::json::object OrderJson(const engine::OrderSnapshot& snapshot);
// The reply's order, a ticket order (OrderJson) or a campaign order (CampaignOrderJson).
// REQUIRES: the reply has one.
template <typename Reply>
boost::json::object OrderJsonOf(const Reply& reply) {
    return reply.order ? OrderJson(*reply.order) : CampaignOrderJson(*reply.campaign_order);
}

// A page of GET /orders: ticket orders and campaign orders (which share one id sequence) merged,
// newest first, each with its `kind`.
boost::json::array OrderListJson(const engine::OrderListReply& reply);

// Per-zone counts; with seat states, each row of a seated zone as {"row","states"} where states
// has one character per seat: A available, H held, S sold.
boost::json::object AvailabilityJson(const engine::AvailabilityReply& availability);

}  // namespace tix::api
