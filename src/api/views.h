// The API's JSON shapes for events, availability and orders. Pure functions of engine data; the
// *View structs are copies taken on the engine thread so JSON is built off it.
#pragma once

#include <boost/json/value.hpp>
#include <string>
#include <vector>

#include "engine/engine.h"

namespace tix::api {

// Money as the API shows it: a decimal number of major units (42, 12.5), from minor units.
boost::json::value Money(std::int64_t minor);

// An event with its zones; rows (label and seat count) only when `with_rows`.
boost::json::object EventJson(const engine::EventSpec& spec, bool with_rows);

// Everything a client is told about an order.
struct OrderView {
    engine::Order order;
    std::string zone_id;
    std::string currency;
    std::vector<std::string> seat_ids;  // empty for general admission
};

// REQUIRES: the order's event exists in `engine`. Engine thread only.
OrderView MakeOrderView(const engine::Engine& engine, const engine::Order& order);
boost::json::object OrderJson(const OrderView& view);

// Per-zone counts; with `seats`, each row of a seated zone as {"row","states"} where states has
// one character per seat: A available, H held, S sold. Engine thread only.
boost::json::object AvailabilityJson(const engine::Engine& engine, EventId event_id, bool seats);

}  // namespace tix::api
