// The wire format of tixpay's objects (docs/tixpay.md): intents, refunds, events and list pages
// as JSON. Pure functions, any thread. A webhook's body and /v1/events render an event with the
// same function, so a receiver sees the same object both ways.
#pragma once

#include <boost/json.hpp>
#include <string>

#include "tixpay/payment_simulator.h"

namespace tix::tixpay {

boost::json::object IntentJson(const Intent& intent);
boost::json::object RefundJson(const Refund& refund);
boost::json::object EventJson(const Event& event);

// {"object": "list", "data": [...], "has_more"}
template <typename T, typename Render>
boost::json::object ListJson(const Page<T>& page, Render render) {
    boost::json::array data;
    data.reserve(page.data.size());
    for (const T& item : page.data) data.emplace_back(render(item));
    return {{"object", "list"}, {"data", std::move(data)}, {"has_more", page.has_more}};
}

}  // namespace tix::tixpay
