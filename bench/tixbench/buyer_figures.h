// BuyerFigures: what `--scenario pay`'s end-to-end phase measures of its buyers (hold -> pay ->
// the card paid at tixpay -> tixpay's webhook applied by tixd): the latency from the hold to
// paid as tixd recorded it (the paid order's `updated_at`, milliseconds) and as the buyer's
// polling saw it, each request's latency, and how buyers ended. One per connection, merged at
// the end. Pure, any thread.
#pragma once

#include <boost/json/object.hpp>
#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>

#include "common/time.h"
#include "latency_histogram.h"

namespace tix::bench {

struct BuyerFigures {
    LatencyHistogram hold_to_paid;    // hold sent -> paid at tixd (its updated_at)
    LatencyHistogram hold_to_seen;    // hold sent -> the buyer's GET /orders/{id} saw paid
    LatencyHistogram charge_to_paid;  // tixpay's 200 for the card -> paid at tixd: the webhook
    LatencyHistogram hold;            // POST /orders
    LatencyHistogram pay;             // POST /orders/{id}/pay (tixd asks tixpay for the intent)
    LatencyHistogram charge;          // POST tixpay /v1/payment_intents/{id}/pay
    std::uint64_t paid = 0;
    std::uint64_t polls = 0;
    std::map<std::string, std::uint64_t> failures;  // "hold 409 sold_out", "never paid", ...

    std::uint64_t failed() const;
    void Merge(const BuyerFigures& other);
    boost::json::object ToJson() const;
    void Print(std::ostream& out) const;
};

// The time an order became paid, from a GET /orders/{id} answer: its `updated_at` when its
// `status` is "paid"; nullopt for any other status or an answer without them.
std::optional<TimePoint> PaidAt(std::string_view order_json);

// Microseconds from `from` to `to`, 0 if `to` is earlier (tixd's times are whole milliseconds:
// a request answered within the same millisecond may look earlier than it was sent).
std::uint64_t MicrosBetween(TimePoint from, std::chrono::system_clock::time_point to);
std::uint64_t MicrosBetween(std::chrono::system_clock::time_point from, TimePoint to);

}  // namespace tix::bench
