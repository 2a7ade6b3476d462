// Catalog routes: create events (admin), list and read them, availability.
#pragma once

#include "api/availability_cache.h"
#include "http/router.h"
#include "service/sequencer.h"

namespace tix::api {

// /api/v1/events..., plus the original spec's GET /events and GET /events/{event_id}/tickets.
void AddEventRoutes(http::Router& router, service::Sequencer& sequencer, AvailabilityCache& cache);

}  // namespace tix::api
