// POST /api/v1/admin/clock/advance {"seconds": 1..31536000} (admin): moves tixd's clock forward,
// so that end-to-end tests of expiry skip ahead instead of waiting out real holds. Registered only
// when tixd runs with --test-clock; without it the route does not exist (404).
//   200 {"now": RFC 3339}; 400 invalid_field.
#pragma once

#include "common/clock.h"
#include "http/router.h"

namespace tix::api {

inline constexpr std::int64_t kClockAdvanceSecondsMax = 365 * 86'400;

void AddTestClockRoutes(http::Router& router, ServerClock& clock);

}  // namespace tix::api
