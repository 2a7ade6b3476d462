// The `queue` object of POST /events and the body of PATCH /events/{id}/queue -> QueuePatch /
// QueueConfig (issue 8). Pure, any thread; problems go into the reader as invalid_field naming
// the field ("queue.pow_bits").
//
//   {"opens_at": RFC 3339, "admit_per_minute": 1..1000000, "active_max": 1..1000000,
//    "admission_seconds": 60..3600, "pow_bits": 0..32, "paused": false}
//
// Every field is optional in a PATCH (absent: unchanged); POST /events needs opens_at and takes
// QueueConfig's defaults for the rest. Unknown fields are refused: a typo in a rate must not pass.
#pragma once

#include <optional>
#include <string_view>

#include "engine/queue_config.h"
#include "http/json_body.h"

namespace tix::api {

// The fields of `object`; nullopt with the problem recorded in `problems`, the field named
// `prefix` + its name.
std::optional<engine::QueuePatch> ReadQueuePatch(const boost::json::object& object,
                                                 http::JsonObjectReader& problems,
                                                 std::string_view prefix);

// POST /events: the event's room, before sale_starts_at, with `seed`; nullopt with the problem
// recorded in `body` (the field is "queue" or "queue.<name>").
std::optional<engine::QueueConfig> ReadQueueConfig(const boost::json::value& value,
                                                   TimePoint sale_starts_at,
                                                   const engine::QueueSeed& seed,
                                                   http::JsonObjectReader& body);

}  // namespace tix::api
