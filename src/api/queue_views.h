// The API's JSON shapes for waiting rooms (issue 8): pure functions of the engine's reply
// snapshots, run on IO threads. The draw's seed appears only where the engine's stats carry it
// (from sale start on); configs in replies have it blanked.
#pragma once

#include <boost/json/object.hpp>

#include "engine/reply.h"

namespace tix::api {

// {"opens_at", "sale_starts_at", "admit_per_minute", "active_max", "admission_seconds",
//  "pow_bits", "paused"}: the `queue` member of an event.
boost::json::object QueueConfigJson(const engine::QueueConfig& config);

// GET /events/{id}/queue: the config, then waiting, admitted_active, admitted_total,
// outflow_per_minute, seed_sha256, seed (null until sale start), drawn, draw_size.
boost::json::object QueueInfoJson(EventId event_id, const engine::QueueInfoReply& reply);

// GET /events/{id}/queue/me and the join's answer: status, position, ahead,
// estimated_wait_seconds, poll_after_ms, admission_expires_at, entry_id, draw_rank. Status is
// waiting_room.h's name: "waiting", "admitted", "expired", "sold_out", and "paid" (the admission
// ended with a paid order) or "removed" beside the four.
boost::json::object QueueStatusJson(EventId event_id, const engine::QueueView& view);

// GET /events/{id}/queue/draw: the seed's commitment (and the seed from sale start), the draw's
// size, and a page of {"rank", "entry_id"}; next_after for the following page, or null.
boost::json::object QueueDrawJson(EventId event_id, const engine::QueueDrawReply& reply);

}  // namespace tix::api
