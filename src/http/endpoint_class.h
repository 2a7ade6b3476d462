// EndpointClass: which family of limits a route belongs to. Each class has its own rate per
// client address and per account (tixd's --rate-limit-<class>-per-ip / -per-account), so a crowd
// refreshing availability does not use up what a fan needs to pay for a hold.
// Pure functions; any thread.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "http/handler.h"

namespace tix::http {

enum class EndpointClass : std::uint8_t {
    kAuth,    // POST register, login (an Argon2id hash each), refresh, logout (a durable write)
    kOrders,  // POST /orders, confirm, cancel (and any other write under /orders)
    kQueue,   // /events/{id}/queue*, any method
    kReads,   // GET everything else, and the admin's other writes
    // POST /payments/webhook: the payment provider's deliveries, from a few addresses at the
    // pace of the on-sale's payments (each is signed, and checked before anything else).
    kWebhooks,
    // /checkin and /events/{id}/checkin*, any method: gate scanners at the doors' pace, often
    // many gates behind one venue address and sometimes sharing one staff account.
    kCheckin,
    // POST /bids (any write under /bids): a flash sale's bids come in a burst at the campaign's
    // start, while the crowd polls the rankings; polling (reads) must not use up the bids.
    kBids,
    // GET and HEAD of the web front end's files (Router::SetFallback): a page load is a handful
    // of them, a crowd behind one NAT loads it at a sale's start, and none may use up the reads
    // of the API. Served without looking at a token, so only the limit per address applies.
    kStatic,
};
inline constexpr std::size_t kEndpointClassCount = 8;

// "auth", "orders", "queue", "reads", "webhooks", "checkin", "bids", "static": the names in the
// configuration.
std::string_view EndpointClassName(EndpointClass endpoint_class);

// The class of a route from its method and its pattern as given to Router::Add
// ("/api/v1/orders/{order_id}/confirm"), so that a new route is classed without being listed.
EndpointClass ClassifyRoute(beast_http::verb verb, std::string_view pattern);

}  // namespace tix::http
