// POST /events body -> EventSpec. Pure; errors go into the reader as invalid_field problems.
#pragma once

#include <optional>

#include "engine/event_spec.h"
#include "http/json_body.h"

namespace tix::api {

// The spec, validated and normalized, or nullopt with the first problem recorded in `body`.
std::optional<engine::EventSpec> ReadEventSpec(http::JsonObjectReader& body);

// An RFC 3339 time field ("2026-12-05T11:05:00Z"); nullopt when absent (and not required) or
// invalid, with the problem recorded in `body`.
std::optional<TimePoint> ReadTime(http::JsonObjectReader& body, std::string_view field,
                                  bool required);

// A JSON price (42, 12.5, 0.99) in minor units, or nullopt for negatives, NaN, more than two
// decimals or more than kMaxPriceMinor.
std::optional<std::int64_t> PriceToMinor(const boost::json::value& price);

}  // namespace tix::api
