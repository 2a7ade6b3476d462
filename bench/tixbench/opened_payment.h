// OpenedPayment: what `--scenario pay` keeps of one order's payment after POST /orders/{id}/pay
// (the intent tixpay made for it), and the provider's side of it that the bench plays in the
// webhook phase: the body of a `payment_intent.succeeded` event for that intent, in tixpay's
// wire shape (docs/tixpay.md: {"id","object":"event","type","created","data":{"object":
// <intent>}}). Pure functions, any thread.
#pragma once

#include <boost/json/value.hpp>
#include <cstdint>
#include <string>
#include <string_view>

#include "common/status.h"

namespace tix::bench {

struct OpenedPayment {
    std::int64_t order_id = 0;
    std::string payment_id;  // the intent, "pi_..."
    std::string client_secret;
    std::int64_t amount_minor = 0;
    std::string currency;
};

// Reads a 201 answer of POST /orders/{id}/pay: payment_id, client_secret, amount_minor,
// currency and order.order_id.
Result<OpenedPayment> ReadPayAnswer(const boost::json::value& answer);

// The event tixpay would send once the intent succeeded, as compact JSON. `event_id` must be a
// provider id (1..64 visible ASCII characters; tixd refuses others as malformed).
std::string SucceededEventBody(std::string_view event_id, const OpenedPayment& payment,
                               std::int64_t created_unix_s);

// The "outcome" of a webhook answer ({"received":true,"outcome":"applied"}): applied,
// duplicate, ...; empty if there is none. Reads the text, no JSON parse: one per request.
std::string_view WebhookOutcome(std::string_view answer_body);

}  // namespace tix::bench
