// The demo on-sale that `make run` loads: the 2026 MLB vs CPBL All-Star game at Taipei Dome,
// 45,000 tickets, and a second date of the series.
#pragma once

#include <string>
#include <vector>

#include "common/types.h"
#include "engine/event_spec.h"

namespace tix::app {

inline constexpr char kDemoAdminEmail[] = "admin@tix.local";
inline constexpr char kDemoAdminPassword[] = "tix-admin-2026";
inline constexpr char kDemoUserEmail[] = "fan@tix.local";
inline constexpr char kDemoUserPassword[] = "tix-fan-2026";
inline constexpr std::uint32_t kDemoSeatsPerDate = 45'000;

// Both dates of the series, their sale open from `now` on. The games start two weeks after `now`
// (19:05 Taipei time) so the demo is on sale whenever it is loaded.
std::vector<engine::EventSpec> DemoEvents(TimePoint now);

}  // namespace tix::app
